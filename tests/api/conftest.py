"""Browser fixtures: Debian's chromium driven by playwright, one browser per session.

The browser is the system's ``/usr/bin/chromium`` (``apt-get install chromium``), never a
build that playwright downloads. Without chromium or the playwright package the browser
tests are skipped with the reason, unless $DMOPS_REQUIRE_BROWSER is set (``.ci/run`` sets
it): then they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

from tests.conftest import RunningService

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the browser fixture skips (or fails) with the reason
    PLAYWRIGHT = False
else:
    PLAYWRIGHT = True

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

REQUIRE_ENV = "DMOPS_REQUIRE_BROWSER"
CHROMIUM = Path(os.environ.get("DMOPS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
TIMEOUT_MS = 15_000


def unavailable(reason: str) -> NoReturn:
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{reason}; {REQUIRE_ENV} is set, so the browser tests are mandatory")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless, with a fresh temporary profile (playwright's default)."""
    if not PLAYWRIGHT:
        unavailable("the playwright package is not installed (it is in the project's test extra)")
    if not CHROMIUM.is_file():
        unavailable(f"chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Tab:
    """A page in a fresh browser context, and every URL that context requested."""

    page: Page
    requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture
def tab(browser: Browser, service: RunningService) -> Iterator[Tab]:
    """A fresh browser context; afterwards, nothing came from another host and nothing threw."""
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    opened = Tab(context.new_page())
    context.on("request", lambda request: opened.requests.append(request.url))
    opened.page.on("pageerror", lambda error: opened.page_errors.append(str(error)))
    yield opened
    context.close()
    foreign = [url for url in opened.requests if not url.startswith(service.url + "/")]
    assert not foreign, f"the page loaded assets from another host: {foreign}"
    assert not opened.page_errors, f"uncaught errors in the page: {opened.page_errors}"
