"""Fixtures and helpers shared by the API test modules (import what you use).

This module holds no tests of its own.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import factories


@pytest.fixture(autouse=True)
def api_test_settings(settings):
    """No throttling (its own test turns it on) and a cold read cache for every test.

    Test transactions roll back, so the data version of one test can recur in the next:
    the cache must not carry bodies across tests.
    """
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


def token_client(user) -> APIClient:
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def user_with_perms(username: str, model, actions=("add", "change", "delete")):
    user = factories.UserFactory(username=username)
    codenames = [f"{action}_{model._meta.model_name}" for action in actions]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def writer(db):
    """A user who may write every knowledge-base model, with a token."""
    user = factories.UserFactory(username="writer")
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="agreements").exclude(
            codename__startswith="view_"
        )
    )
    return token_client(user), user


def database_state() -> dict[str, tuple]:
    """Every knowledge-base table's rows (ids and update times), to prove nothing changed."""
    state = {}
    for model in apps.get_app_config("agreements").get_models():
        state[model._meta.label] = tuple(model._default_manager.order_by("pk").values_list())
    return state
