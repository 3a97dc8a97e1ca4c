import pytest

from tests.programs import require_program
from tests.served import served_env  # noqa: F401 (a fixture for every module that serves)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}


@pytest.fixture(autouse=True)
def _fresh_process_copies():
    """Each test's database is rolled back afterwards, unseen by the content
    version: a worker's copy of published data must not outlive it."""
    from portal.caching import shared_cache
    from portal.caching.content_version import PerContentVersion

    PerContentVersion.forget_all()
    shared_cache.reset()
    yield
    PerContentVersion.forget_all()
    shared_cache.reset()


DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; skipped where it is missing,
    except in CI, where a missing browser is a failure."""
    require_program(CHROMIUM, "chromium", "for the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    yield from _page(browser, live_server, PHONE)


@pytest.fixture
def desktop_page(browser, live_server):
    yield from _page(browser, live_server, DESKTOP)


@pytest.fixture(scope="session")
def launch_rows(django_db_setup, django_db_blocker):
    """The launch content, loaded once per session and rolled back."""
    from tests.launch_rows import capture

    with django_db_blocker.unblock():
        return capture()


@pytest.fixture
def launch_content(launch_rows, db):
    """The launch content, as `make run` loads it: the session's one load,
    copied in. Each test's changes go with its own database."""
    from tests.launch_rows import copy_in

    copy_in(launch_rows)
