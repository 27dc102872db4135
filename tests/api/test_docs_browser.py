"""The API documentation in a real headless browser: a canned query run from /docs."""

from __future__ import annotations

from tests.api.conftest import PLAYWRIGHT, Tab
from tests.conftest import RunningService

if PLAYWRIGHT:
    from playwright.sync_api import expect


def test_a_canned_query_runs_from_the_docs_page(tab: Tab, service: RunningService) -> None:
    """Swagger UI is served from this host; its example value answers the question."""
    page = tab.page
    page.goto(f"{service.url}/docs")
    operation = page.locator("[id^='operations-'][id$='-query_product_people']").first
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    field = operation.locator("input[placeholder='product']")
    expect(field).to_have_value("product/butler")
    operation.get_by_role("button", name="Execute").click()
    body = operation.locator(".responses-wrapper .live-responses-table .microlight").first
    expect(body).to_contain_text("Tim Jenness")
    expect(body).to_contain_text("James F. Bosch")
    assert any(url.endswith("/swagger-ui-bundle.js") for url in tab.requests), tab.requests
