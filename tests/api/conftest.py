"""Fixtures shared by the API test modules."""

import pytest
from django.contrib.auth.models import Permission
from rest_framework.test import APIClient

from tests import factories
from tests.api.support import token_client


@pytest.fixture
def api():
    return APIClient()


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
