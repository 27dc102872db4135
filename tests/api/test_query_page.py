"""The query page in a real headless browser (fixtures in tests/api/conftest.py)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from api.pages import EXAMPLES, prefix_block
from dmops.namespaces import PREFIXES
from tests.api.conftest import PLAYWRIGHT, Tab
from tests.conftest import RunningService

if PLAYWRIGHT:
    from playwright.sync_api import expect
if TYPE_CHECKING:
    from playwright.sync_api import Page

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


@dataclass
class Visit:
    """The query page open in a fresh browser tab."""

    tab: Tab

    @property
    def page(self) -> Page:
        return self.tab.page

    @property
    def requests(self) -> list[str]:
        return self.tab.requests

    def run(self, query: str) -> None:
        self.page.get_by_label("Query", exact=True).fill(query)
        self.page.get_by_role("button", name="Run query").click()


@pytest.fixture
def visit(tab: Tab, service: RunningService) -> Visit:
    """GET /sparql as a browser does."""
    response = tab.page.goto(f"{service.url}/sparql")
    assert response is not None
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/html")
    return Visit(tab)


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
