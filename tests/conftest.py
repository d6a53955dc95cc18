"""Shared fixtures."""

import pytest

from tests import factories


@pytest.fixture
def staff_user(db):
    return factories.StaffFactory(username="staff")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
