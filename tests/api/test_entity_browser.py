"""Entity pages in a real headless browser (Debian's chromium driven by playwright).

As in test_query_page: skipped with the reason when chromium or playwright is missing,
unless $DMOPS_REQUIRE_BROWSER is set; then they fail.
"""

from __future__ import annotations

import re

from tests.api.conftest import PLAYWRIGHT, Tab
from tests.conftest import RunningService

if PLAYWRIGHT:
    from playwright.sync_api import expect

ROLE = "3.2e.3 Data Wrangler - IN2P3"
WBS = "3.2 US Data Facility"
IN2P3 = "Institut National de Physique Nucléaire et de Physique des Particules"


def test_from_a_role_to_its_wbs_element_and_institution_and_back(
    tab: Tab, service: RunningService
) -> None:
    page = tab.page
    response = page.goto(f"{service.url}/id/role/3.2e.3")
    assert response is not None
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(ROLE)
    expect(page.locator("#canonical-iri")).to_have_text("https://w3id.org/rubin/dmops/role/3.2e.3")
    expect(page).to_have_title(re.compile(re.escape(ROLE)))

    # the WBS element it belongs to lists it among the roles that link to it
    page.locator("#facts").get_by_role("link", name=WBS, exact=True).click()
    expect(page).to_have_url(f"{service.url}/id/wbs/3.2")
    expect(page.get_by_role("heading", level=1)).to_have_text(WBS)
    inbound = page.locator("#inbound")
    expect(inbound.get_by_role("row", name=re.compile("^WBS element of"))).to_be_visible()
    expect(inbound.get_by_role("link", name=ROLE, exact=True)).to_be_visible()

    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text(ROLE)
    page.locator("#facts").get_by_role("link", name=IN2P3, exact=True).click()
    expect(page).to_have_url(f"{service.url}/id/institution/IN2P3")
    expect(page.get_by_role("heading", level=1)).to_have_text(IN2P3)
    role = page.locator("#inbound").get_by_role("link", name=ROLE, exact=True)
    expect(role).to_be_visible()

    # and from there back to the role
    role.click()
    expect(page).to_have_url(f"{service.url}/id/role/3.2e.3")
    expect(page.get_by_role("heading", level=1)).to_have_text(ROLE)
    # the stylesheet came from this host
    page.wait_for_load_state("networkidle")
    assert f"{service.url}/static/style.css" in tab.requests


def test_a_property_leads_to_its_ontology_entry(tab: Tab, service: RunningService) -> None:
    page = tab.page
    page.goto(f"{service.url}/id/product/butler")
    row = page.locator('#facts tr[data-property="dmops:manager"]')
    expect(row.get_by_role("link", name="Tim Jenness")).to_be_visible()
    expect(page.locator("#facts li.inferred").first).to_contain_text("inferred")
    row.get_by_role("link", name="manager", exact=True).click()
    expect(page).to_have_url(f"{service.url}/ontology#manager")
    entry = page.locator("article#manager")
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text("The person who manages a product")


def test_search_from_a_page(tab: Tab, service: RunningService) -> None:
    page = tab.page
    page.goto(f"{service.url}/id/role/3.2e.3")
    page.get_by_role("searchbox", name="Search entities").fill("KT Lim")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search\?q=KT\+Lim$"))
    page.get_by_role("link", name="Kian-Tat Lim", exact=True).click()
    expect(page).to_have_url(f"{service.url}/id/person/limk")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kian-Tat Lim")
