"""Throttling: anonymous and signed-in clients each have a rate; past it, 429 + Retry-After."""

import pytest

from tests import factories
from tests.api.support import token_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_test_settings")]


@pytest.fixture
def low_rates(api_test_settings, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "3/min"},
    }


@pytest.mark.usefixtures("low_rates")
def test_anonymous_clients_are_throttled(api):
    statuses = [api.get("/api/v1/minerals/").status_code for _ in range(3)]

    refused = api.get("/api/v1/minerals/")

    assert statuses == [200, 200, 429]
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "throttled" in refused.json()["detail"].lower()


@pytest.mark.usefixtures("low_rates")
def test_signed_in_clients_have_their_own_rate():
    client = token_client(factories.UserFactory(username="reader"))
    statuses = [client.get("/api/v1/minerals/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
