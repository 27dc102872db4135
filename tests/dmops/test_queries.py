"""Canned queries: headers, typed parameters, golden answers, and no injection."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from dmops.queries import (
    CannedQuery,
    ParameterError,
    QueryDefinitionError,
    expected_answer,
    expected_file,
    load_queries,
    read_query,
    rows,
    run,
)
from dmops.store import Store, store_spec

QUERIES = load_queries()
D = "https://w3id.org/rubin/dmops/"


@pytest.fixture(scope="module")
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """The committed graph in pyoxigraph (after the session has cached the closure)."""
    request.getfixturevalue("knowledge")
    yield store_spec("oxigraph").open()


def answer(store: Store, name: str, **arguments: str) -> list[dict[str, str]]:
    return rows(run(store, QUERIES[name], arguments))


def test_the_questions_engineers_ask_are_all_there() -> None:
    assert set(QUERIES) == {
        "product-people", "products-without-manager", "product-tree", "roles-in-wbs",
        "roles-at-institution", "person-responsibilities", "facility", "team-staffing",
        "cited-documents", "facility-documents", "acronym", "wbs-summary", "search",
    }  # fmt: skip


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES)
def test_headers_are_complete(query: CannedQuery) -> None:
    assert query.summary and query.description and query.tags
    for parameter in query.parameters:
        assert parameter.description and parameter.example, parameter


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES)
def test_answer_matches_the_golden_file(store: Store, query: CannedQuery) -> None:
    """A graph change that changes an answer shows here: rerun `dmops query --write-expected`."""
    recorded = json.loads(expected_file(query).read_text(encoding="utf-8"))
    assert expected_answer(store, query) == recorded


def test_no_stale_golden_files() -> None:
    folder = next(iter(QUERIES.values())).path.parent / "expected"
    assert {path.stem for path in folder.glob("*.json")} == set(QUERIES)


def test_product_people(store: Store) -> None:
    people = answer(store, "product-people", product="product/butler")
    assert [(r["responsibility"], r["status"], r["name"]) for r in people] == [
        ("manager", "confirmed", "Tim Jenness"),
        ("owner", "confirmed", "James F. Bosch"),
    ]
    (ocps,) = answer(store, "product-people", product=f"{D}product/ocps")
    assert (ocps["status"], ocps["sourceText"], ocps["person"]) == (
        "tentative", "KT Lim ?", f"{D}person/limk"
    )  # fmt: skip


def test_products_without_manager(store: Store) -> None:
    products = {r["label"]: r["status"] for r in answer(store, "products-without-manager")}
    assert len(products) == 49
    assert products["OCPS"] == "tentative"
    assert products["Campaign Management"] == "to be determined"
    assert products["APIs"] == "not stated"
    assert "Butler" not in products


def test_product_tree(store: Store) -> None:
    tree = {
        r["label"]: (r["kind"], r["depth"])
        for r in answer(store, "product-tree", product="product/sasquatch")
    }
    assert tree == {
        "EFD": ("Product", "1"),
        "Metrics": ("Product", "1"),
        "Telemetry Gateway": ("Product", "1"),
    }


def test_roles_in_wbs_and_at_institution(store: Store) -> None:
    assert [r["code"] for r in answer(store, "roles-in-wbs", wbs="wbs/3.7")] == [
        "3.7a", "3.7b.1", "3.7b.2", "3.7c"
    ]  # fmt: skip
    at_in2p3 = answer(store, "roles-at-institution", institution="institution/IN2P3")
    assert [r["code"] for r in at_in2p3] == [
        "3.11c", "3.1c.3", "3.2e.3", "3.2g.3", "3.2l.3", "3.9b.3"
    ]  # fmt: skip


def test_person_responsibilities(store: Store) -> None:
    things = {
        (r["label"], r["responsibility"])
        for r in answer(store, "person-responsibilities", person="person/jennesst")
    }
    assert {("Butler", "manager"), ("Data Abstraction", "manager"), ("Pipe Middleware", "manager"),
            ("Data Engineering/Architecture", "lead")} <= things  # fmt: skip
    assert ("LSE-61: Data Management System (DMS) Requirements", "author") in things


def test_facility(store: Store) -> None:
    facts = {(r["fact"], r["value"]) for r in answer(store, "facility", facility="facility/usdf")}
    assert ("DRP share", "0.25") in facts
    assert ("described in", f"{D}document/DMTN-189") in facts
    assert ("lead", f"{D}person/duboisr") in facts
    assert ("role", f"{D}role/3.2e.3") in facts


def test_team_staffing_and_documents(store: Store) -> None:
    staffing = answer(store, "team-staffing")
    assert (
        sum(
            float(r["fte"])
            for r in staffing
            if "fte" in r and r["teamLabel"] == "Pipeline Middleware"
        )
        == 2.75
    )
    cited = [r["handle"] for r in answer(store, "cited-documents")]
    assert len(cited) == 14 and "DMTN-189" in cited
    described = {(r["facilityLabel"], r["handle"]) for r in answer(store, "facility-documents")}
    assert ("US Data Access Center", "DMTN-209") in described


def test_acronym_and_wbs_summary(store: Store) -> None:
    noirlab = answer(store, "acronym", acronym="NOIRLab")
    assert {r["source"] for r in noirlab} == {"lsst-texmf glossary", "RTN-046 acronym table"}
    assert {r["conflict"] for r in noirlab} == {"true"}
    summary = {
        r["code"]: (int(r["roles"]), int(r["products"])) for r in answer(store, "wbs-summary")
    }
    assert summary["3.2"] == (22, 1) and summary["3.3"] == (0, 1)
    assert summary["3.6"] == (3, 13) and summary["3.10"] == (9, 21)
    assert sum(roles for roles, _ in summary.values()) == 73


def test_search(store: Store) -> None:
    found = [r["entity"] for r in answer(store, "search", text="BUTLER")]
    assert f"{D}product/butler" in found and f"{D}product/butler-repos" in found


@pytest.mark.parametrize(
    "value",
    ['OCPS" } UNION { ?s ?p ?o } #', "OCPS>", "}", "OCPS\n} ?x ?y ?z {", "' OR ''='", "\\"],
)
def test_string_injection_gets_the_correct_empty_answer(store: Store, value: str) -> None:
    assert answer(store, "acronym", acronym=value) == []


@pytest.mark.parametrize(
    "value", ["product/butler> } UNION { ?s ?p ?o", "product/butler\n}", 'product/"x"', "}"]
)
def test_iri_injection_is_refused(store: Store, value: str) -> None:
    with pytest.raises(ParameterError):
        answer(store, "product-people", product=value)


def test_parameter_errors_name_the_valid_choices(store: Store) -> None:
    with pytest.raises(ParameterError, match="its parameters: product"):
        answer(store, "product-people", product="product/butler", colour="red")
    with pytest.raises(ParameterError, match="needs the parameter 'product'"):
        answer(store, "product-people")
    with pytest.raises(ParameterError, match="is not a dmops:Product"):
        answer(store, "product-people", product="role/3.7a")


def test_malformed_definitions(tmp_path: Path) -> None:
    cases = {
        "no-summary.rq": "#+ tags: [x]\nSELECT * WHERE { ?s ?p ?o }",
        "bad-type.rq": "#+ summary: x\n#+ params:\n#+   s: {type: colour}\nSELECT ?s {?s ?p ?o}",
        "unused.rq": "#+ summary: x\n#+ params:\n#+   zz: {type: string}\nSELECT ?s {?s ?p ?o}",
        "not-a-name.rq": "#+ summary: x\n#+ params:\n#+   no: {type: string}\nSELECT ?s {?s ?p ?o}",
        "Bad_Name.rq": "#+ summary: x\nSELECT * WHERE { ?s ?p ?o }",
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(QueryDefinitionError):
            read_query(path)
