"""The query page in a real headless browser: Debian's chromium driven by playwright.

The browser is the system's ``/usr/bin/chromium`` (``apt-get install chromium``), never a
build that playwright downloads. Without chromium or the playwright package these tests
are skipped with the reason, unless $DMOPS_REQUIRE_BROWSER is set (``.ci/run`` sets it):
then they fail.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from api.pages import EXAMPLES, prefix_block
from dmops.namespaces import PREFIXES
from tests.conftest import RunningService

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError:  # the browser fixture skips (or fails) with the reason
    PLAYWRIGHT = False
else:
    PLAYWRIGHT = True

REQUIRE_ENV = "DMOPS_REQUIRE_BROWSER"
CHROMIUM = Path(os.environ.get("DMOPS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
TIMEOUT_MS = 15_000

DMOPS_PREFIX = "PREFIX dmops: <https://w3id.org/rubin/dmops/ontology#>"
IN2P3_QUERY = "".join(
    f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in ("dmops", "institution", "skos", "dcterms")
) + (
    "SELECT ?code ?title WHERE { ?role dmops:institution institution:IN2P3 ;"
    " skos:notation ?code ; dcterms:title ?title } ORDER BY ?code"
)
# ORDER BY compares the codes as strings, so 3.11c sorts before 3.1c.3.
IN2P3_CODES = ["3.11c", "3.1c.3", "3.2e.3", "3.2g.3", "3.2l.3", "3.9b.3"]
RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "jsonld", "ntriples", "rdfxml")


def unavailable(reason: str) -> NoReturn:
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{reason}; {REQUIRE_ENV} is set, so the browser tests are mandatory")
    pytest.skip(reason)


@pytest.fixture(scope="module")
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
class Visit:
    """The query page open in a fresh browser context, and every URL that context requested."""

    page: Page
    requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def run(self, query: str) -> None:
        self.page.get_by_label("Query", exact=True).fill(query)
        self.page.get_by_role("button", name="Run query").click()


@pytest.fixture
def visit(browser: Browser, service: RunningService) -> Iterator[Visit]:
    """GET /sparql as a browser does; afterwards, nothing came from another host."""
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    opened = Visit(page)
    context.on("request", lambda request: opened.requests.append(request.url))
    page.on("pageerror", lambda error: opened.page_errors.append(str(error)))
    response = page.goto(f"{service.url}/sparql")
    assert response is not None
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/html")
    yield opened
    context.close()
    foreign = [url for url in opened.requests if not url.startswith(service.url + "/")]
    assert not foreign, f"the page loaded assets from another host: {foreign}"
    assert not opened.page_errors, f"uncaught errors in the page: {opened.page_errors}"


def test_the_page_is_offline_and_preloaded_with_the_prefixes(
    visit: Visit, service: RunningService
) -> None:
    page = visit.page
    text = page.get_by_label("Query", exact=True).input_value()
    assert DMOPS_PREFIX in text.splitlines()
    assert text.startswith(prefix_block())
    expect(page.get_by_label("Examples")).to_have_value("")
    expect(page.get_by_role("status")).to_be_empty()
    expect(page.locator("#downloads")).to_be_hidden()
    page.wait_for_load_state("networkidle")
    loaded = {urlsplit(url).path for url in visit.requests}
    assert {"/sparql", "/static/style.css", "/static/sparql.js"} <= loaded
    assert all(url.startswith(service.url + "/") for url in visit.requests), visit.requests


def test_a_query_shows_its_rows_and_download_links(visit: Visit, service: RunningService) -> None:
    page = visit.page
    visit.run(IN2P3_QUERY)
    expect(page.get_by_role("status")).to_have_text("6 rows")
    table = page.locator("#results table")
    expect(table).to_be_visible()
    assert table.locator("thead th").all_inner_texts() == ["code", "title"]
    codes = table.locator("tbody tr td:nth-child(1)").all_inner_texts()
    assert codes == IN2P3_CODES
    titles = table.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert all(title.endswith(" - IN2P3") for title in titles), titles
    # literals are text, not links
    assert table.locator("a").count() == 0

    downloads = page.locator("#downloads")
    expect(downloads).to_be_visible()
    for format_ in RESULT_FORMATS:
        link = downloads.locator(f'a[data-format="{format_}"]')
        expect(link).to_be_visible()
        parameters = parse_qs(urlsplit(link.get_attribute("href") or "").query)
        assert parameters == {"query": [IN2P3_QUERY], "format": [format_]}
    for format_ in GRAPH_FORMATS:  # a table has no graph serialisation
        expect(downloads.locator(f'a[data-format="{format_}"]')).to_be_hidden()

    with page.expect_download() as started:
        downloads.get_by_role("link", name="CSV").click()
    download = started.value
    assert download.suggested_filename == "results.csv"
    saved = Path(download.path())
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert [row["code"] for row in rows] == IN2P3_CODES
    assert [row["title"] for row in rows] == titles
    assert download.url.startswith(service.url + "/sparql?")


def test_the_examples_fill_the_editor_and_iris_are_links(visit: Visit) -> None:
    page = visit.page
    page.get_by_label("Examples").select_option(label="Roles at IN2P3")
    editor = page.get_by_label("Query", exact=True)
    expect(editor).to_have_value(prefix_block() + "\n" + EXAMPLES["Roles at IN2P3"])
    page.get_by_role("button", name="Run query").click()
    expect(page.get_by_role("status")).to_have_text("6 rows")
    links = page.locator("#results tbody tr td:nth-child(1) a")
    assert links.all_inner_texts() == [
        f"https://w3id.org/rubin/dmops/role/{code}" for code in IN2P3_CODES
    ]
    hrefs = [links.nth(index).get_attribute("href") for index in range(links.count())]
    assert hrefs == [f"/id/role/{code}" for code in IN2P3_CODES]
    codes = page.locator("#results tbody tr td:nth-child(2)")
    assert codes.all_inner_texts() == IN2P3_CODES
    assert codes.locator("a").count() == 0


def test_a_graph_result_offers_the_graph_formats(visit: Visit) -> None:
    page = visit.page
    visit.run(prefix_block() + "\nDESCRIBE institution:IN2P3")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^\d+ triples$"))
    expect(page.locator("#results pre")).to_contain_text(
        "<https://w3id.org/rubin/dmops/institution/IN2P3>"
    )
    downloads = page.locator("#downloads")
    for format_ in GRAPH_FORMATS:
        link = downloads.locator(f'a[data-format="{format_}"]')
        expect(link).to_be_visible()
        assert f"format={format_}" in (link.get_attribute("href") or "")
    for format_ in RESULT_FORMATS:
        expect(downloads.locator(f'a[data-format="{format_}"]')).to_be_hidden()


def test_an_invalid_query_shows_the_error(visit: Visit, service: RunningService) -> None:
    page = visit.page
    visit.run(IN2P3_QUERY)
    expect(page.get_by_role("status")).to_have_text("6 rows")
    invalid = "SELECT ?x WHERE { ?x ?y }"
    answer = httpx.post(f"{service.url}/sparql", data={"query": invalid}, timeout=10)
    assert answer.status_code == 400
    message = answer.json()["detail"][0]["msg"]
    assert message.startswith("query syntax error")

    visit.run(invalid)
    alert = page.get_by_role("alert")
    expect(alert).to_have_text(f"400: {message}")
    expect(page.get_by_role("status")).to_have_text("error 400")
    expect(page.locator("#results table")).to_have_count(0)
    # the links to the previous query's results are gone
    expect(page.locator("#downloads")).to_be_hidden()
    expect(page.get_by_role("button", name="Run query")).to_be_enabled()
