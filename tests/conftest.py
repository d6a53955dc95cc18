"""Shared fixtures."""

from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.core.cache import cache
from django.utils import translation

from tests import factories
from tests.kb import KB, TODAY, build_kb


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Tests create many users; the production hasher is deliberately slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff_user(db):
    return factories.StaffFactory(username="staff")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture(autouse=True)
def storage_in_memory(settings):
    # Built files (the dataset) never land in the worktree, and nothing may rely on a
    # local file: every test sees an empty in-memory storage of its own.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    # Pages render afresh in tests (their query budgets count a real rendering); a test's
    # rolled-back writes can leave the data version where it was, so a cached page could
    # outlive its test. tests/test_page_cache.py turns the cache on, with a clean cache.
    settings.KB_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def api_test_settings(settings):
    """No throttling (its own test turns it on), a cold read cache, fast password hashing.

    Test transactions roll back, so the data version of one test can recur in the next:
    the cache must not carry bodies across tests.
    """
    # Test users need no slow password hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def today(monkeypatch):
    """The day the page tests read: 20 Mar 2026, day 44 of the U.S.–Mexico window."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def kb(db) -> KB:
    return build_kb()


@pytest.fixture(autouse=True)
def back_to_the_default_language(settings):
    # A request in another language leaves it active in the thread; the next test starts
    # in the site's default, as a new request would.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues():
    """The translation catalogues compiled, as `make` does, when they are out of date."""
    for source in Path(__file__).resolve().parent.parent.glob("locale/*/LC_MESSAGES/*.po"):
        compiled = source.with_suffix(".mo")
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            with source.open("rb") as handle:
                catalogue = read_po(handle)
            with compiled.open("wb") as handle:
                write_mo(handle, catalogue)
