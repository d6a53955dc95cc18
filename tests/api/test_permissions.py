"""Who may do what: every route × role × method, and nothing changes when refused."""

import secrets

import pytest
from rest_framework.test import APIClient

from agreements.api.urls import router
from tests import factories
from tests.api.support import (
    LIST_PATHS,
    RESOURCES,
    database_state,
    detail_url,
    token_client,
    user_with_perms,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_test_settings")]

ROLES = ("anonymous", "no_permission", "permitted", "staff")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# Each resource's list and detail, and two read-only views of a record: its versions and
# a reference to the version shown.
KINDS = ("list", "detail", "history", "cite")
ROUTES = {f"{resource}-{route}" for resource in RESOURCES for route in KINDS}


def expected_status(route: str, method: str, role: str) -> int:
    if method == "GET":
        return 200
    if role == "anonymous":
        return 401
    if role == "no_permission":
        return 403
    if route in ("history", "cite"):
        return 405
    if route == "list":
        return 201 if method == "POST" else 405
    return {"POST": 405, "PUT": 200, "PATCH": 200, "DELETE": 204}[method]


def client_for(role: str, model) -> APIClient:
    if role == "anonymous":
        return APIClient()
    if role == "no_permission":
        return token_client(factories.UserFactory(username="nobody"))
    if role == "permitted":
        return token_client(user_with_perms("permitted", model))
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(factories.StaffFactory(username="staff"))
    token = secrets.token_hex(16)
    client.cookies["csrftoken"] = token
    client.defaults["HTTP_X_CSRFTOKEN"] = token
    return client


def test_every_route_is_in_the_matrix():
    names = {url.name for url in router.urls} - {"api-root"}
    assert names == ROUTES


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("route", sorted(ROUTES))
def test_permission_matrix(route, method, role):
    resource, kind = route.rsplit("-", 1)
    model, make, body, patch = RESOURCES[resource]
    record = make()
    client = client_for(role, model)
    url = f"/api/v1/{LIST_PATHS[resource]}/" if kind == "list" else detail_url(resource, record)
    if kind in ("history", "cite"):
        url += f"{kind}/"
    data = patch if method == "PATCH" else body() if method in ("POST", "PUT") else None
    before = database_state()
    count = model.objects.count()

    response = getattr(client, method.lower())(url, data, format="json")

    assert response.status_code == expected_status(kind, method, role), response.content
    if response.status_code >= 400:
        assert response.json()["detail"]
        assert database_state() == before
    elif method == "GET":
        body_json = response.json()
        if kind == "list":
            assert body_json["count"] == count
        elif kind == "history":
            assert body_json["count"] == record.history.count()
        elif kind == "cite":
            assert body_json["version"] == record.history.latest().history_id
        else:
            assert body_json["url"].endswith(url)
    elif method == "POST":
        assert model.objects.count() == count + 1
        created = model.objects.order_by("-pk").first()
        assert created.history.latest().history_user is not None
    elif method == "DELETE":
        assert not model.objects.filter(pk=record.pk).exists()
    else:
        record.refresh_from_db()
        for field, value in (data or {}).items():
            assert response.json()[field] == value
        assert record.history.latest().history_user is not None
