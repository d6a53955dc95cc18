"""Real-browser checks: a newcomer's walk, phone and desktop screenshots, axe-core, keyboard.

Playwright drives the system Chromium. Without it these tests skip, except under CI=true,
where a missing browser is a failure.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from agreements import models as m
from agreements.opendata import dataset

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing, and CI=true requires the browser tests to run")
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; Django's ORM would refuse
    # to run inside it, though the test's database calls are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def demo(live_server):
    call_command("load_demo", stdout=io.StringIO())
    dataset.build()
    return live_server


class Console:
    """Collects console errors and uncaught exceptions of a page."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _on_console(self, message):
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url', '')})")


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_newcomers_walk(browser, demo):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    console = Console(page)

    page.goto(demo.url + "/")
    plan = m.Agreement.objects.windowed().order_by("-window_start", "-window_days").first()
    assert page.locator("h1").count() == 1
    assert page.locator(".featured h2").inner_text() == plan.title
    assert page.locator(".featured svg[role=img]").count() == 1
    shoot(page, "1-home")

    page.locator(".featured h2 a").click()
    page.wait_for_url(f"**{plan.get_absolute_url()}")
    assert page.locator("h1").inner_text() == plan.title
    assert "window" in page.locator("#window-heading").inner_text()
    assert (
        page.locator(".marks-list li").count()
        == plan.milestones.exclude(due_on=None, due_day=None).count()
    )
    shoot(page, "2-agreement")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Timeline").click()
    page.wait_for_url("**/timeline/")
    assert page.locator("h1").inner_text() == "Timeline"
    assert page.locator(".timeline__item").count() > 10
    shoot(page, "3-timeline")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Minerals").click()
    page.wait_for_url("**/minerals/")
    page.get_by_role("link", name="Lithium", exact=True).click()
    page.wait_for_url("**/minerals/lithium/")
    assert "Lithium" in page.locator("h1").inner_text()
    assert page.get_by_role("heading", name="Lists that include it").count() == 1
    shoot(page, "4-mineral")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Documents").click()
    page.wait_for_url("**/documents/")
    first = page.locator(".doc-item a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/documents/*/")
    assert page.locator("h1").inner_text() == title
    assert page.get_by_role("heading", name="Facts this document is cited for").count() == 1
    shoot(page, "5-document")

    assert console.errors == []
    context.close()


def test_skip_link_and_keyboard_focus(browser, demo):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(demo.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Filters are reachable and operable without a mouse.
    page.goto(demo.url + "/milestones/")
    page.locator(".filters summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("#id_state").is_visible()
    page.close()


def _page_types() -> dict[str, str]:
    plan = m.Agreement.objects.windowed().order_by("-window_start", "-window_days").first()
    lists = list(m.MineralList.objects.order_by("pk")[:2])
    return {
        "home": "/",
        "agreements": "/agreements/",
        "agreement": plan.get_absolute_url(),
        "timeline": "/timeline/",
        "milestones": "/milestones/?state=unknown",
        "milestone": m.Milestone.objects.order_by("pk").first().get_absolute_url(),
        "participants": "/participants/",
        "participant": m.Participant.objects.order_by("pk").first().get_absolute_url(),
        "minerals": "/minerals/",
        "mineral": "/minerals/lithium/",
        "mineral-lists": "/mineral-lists/",
        "mineral-list": lists[0].get_absolute_url(),
        "compare": f"/minerals/compare/?lists={lists[0].slug}&lists={lists[1].slug}",
        "documents": "/documents/?primary=true",
        "document": m.Document.objects.order_by("pk").first().get_absolute_url(),
        "events": "/events/",
        "event": m.Event.objects.order_by("pk").first().get_absolute_url(),
        "data": "/data/",
        "search": "/search/?q=lithium",
        "not-found": "/agreements/no-such-agreement/",
        "filter-error": "/timeline/?date_after=2026-05-01&date_before=2026-01-01",
    }


def test_axe_finds_no_serious_violation_on_any_page_type(browser, demo):
    page = browser.new_page(viewport=DESKTOP)
    console = Console(page)
    found = {}
    for name, path in _page_types().items():
        page.goto(demo.url + path)
        assert page.locator("h1").count() == 1, name
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            violations = serious_violations(page)
            if violations:
                found[f"{name} ({label})"] = violations
        page.set_viewport_size(DESKTOP)
    # The expected errors are the statuses the not-found page (404) and the filter error
    # page (400) are fetched with.
    assert [e for e in console.errors if "404" not in e and "400 (Bad Request)" not in e] == []
    assert found == {}
    page.close()
