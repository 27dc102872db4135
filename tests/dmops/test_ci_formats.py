"""JUnit and SARIF reports, read back with the parsers CI tools and review bots rely on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from junitparser import Failure, JUnitXml, TestCase, TestSuite
from rdflib import Graph, URIRef
from sarif_pydantic import Sarif

from dmops.ci_formats import render_junit, render_sarif
from dmops.locate import Locator
from dmops.validation import Finding, Report, Rule, Severity, validate

SHAPES = "https://w3id.org/rubin/dmops/shapes#"
ROLE = "https://w3id.org/rubin/dmops/role/"
PERSON = "https://w3id.org/rubin/dmops/person/"

NAME = Rule(URIRef(SHAPES + "PersonName"), "person-name", "Every person has a name.", Severity.INFO)
PLACEHOLDER = Rule(
    URIRef(SHAPES + "RoleDescriptionPlaceholder"),
    "role-description-placeholder",
    "A role's description is not a placeholder.",
    Severity.WARNING,
)
TITLE = Rule(
    URIRef(SHAPES + "RoleTitle"), "role-title", "Every role has a title.", Severity.VIOLATION
)

UNTITLED = Finding(
    rule=TITLE,
    severity=Severity.VIOLATION,
    focus=ROLE + "3.2e.3",
    focus_label="3.2e.3 Data Wrangler - IN2P3",
    message="role-title: a role needs a title",
    path="dcterms:title",
)
TWICE = Finding(
    rule=TITLE,
    severity=Severity.VIOLATION,
    focus=PERSON + "boschjf",
    focus_label="Jim Bosch",
    message="role-title: a role needs a title",
    value="Jim",
    path="dcterms:title",
)
UNPLACED = Finding(
    rule=PLACEHOLDER,
    severity=Severity.WARNING,
    focus=ROLE + "9.9z",
    focus_label="9.9z Unknown",
    message="role-description-placeholder: the description is a placeholder (TBD)",
    value="TBD",
    path="dcterms:description",
)

ROLES_TTL = """\
PREFIX person: <https://w3id.org/rubin/dmops/person/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX role: <https://w3id.org/rubin/dmops/role/>

role:3.2e.3
    rdfs:label "3.2e.3 Data Wrangler - IN2P3" ;
.

person:boschjf
    rdfs:label "Jim Bosch" ;
.
"""

IDENTITIES_TTL = """\
@prefix person: <https://w3id.org/rubin/dmops/person/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

person:boschjf skos:altLabel "JimB" .
"""


def make_report(accepted: set[str] | None = None) -> Report:
    return Report(
        rules=[NAME, PLACEHOLDER, TITLE],
        findings=[UNTITLED, TWICE, UNPLACED],
        report_graph=Graph(),
        accepted=accepted or set(),
    )


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def locator(tmp_path: Path) -> Locator:
    paths = [
        write(tmp_path, "graph/roles.ttl", ROLES_TTL),
        write(tmp_path, "graph/curated/identities.ttl", IDENTITIES_TTL),
    ]
    return Locator.from_files(paths, tmp_path)


# --- JUnit -------------------------------------------------------------------


def junit(report: Report, threshold: Severity) -> tuple[JUnitXml, TestSuite, dict[str, TestCase]]:
    xml = JUnitXml.fromstring(render_junit(report, threshold))
    assert isinstance(xml, JUnitXml)
    (suite,) = list(xml)
    return xml, suite, {case.name: case for case in suite}


def failures(case: TestCase) -> list[Failure]:
    return [entry for entry in case.result if isinstance(entry, Failure)]


def test_junit_one_testcase_per_rule_with_counts() -> None:
    xml, suite, cases = junit(make_report(), Severity.VIOLATION)
    assert suite.name == "dmops-shapes"
    assert list(cases) == ["person-name", "role-description-placeholder", "role-title"]
    assert {case.classname for case in cases.values()} == {"dmops.shapes"}
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (3, 1, 0, 0)
    assert (xml.tests, xml.failures, xml.errors, xml.skipped) == (3, 1, 0, 0)
    assert [len(failures(case)) for case in cases.values()] == [0, 0, 2]


def test_junit_failure_message_type_and_details() -> None:
    _, _, cases = junit(make_report(), Severity.VIOLATION)
    first, second = failures(cases["role-title"])
    assert (first.message, first.type) == ("role-title: a role needs a title", "Violation")
    assert first.text == (
        f"entity: 3.2e.3 Data Wrangler - IN2P3 <{ROLE}3.2e.3>\npath: dcterms:title"
    )
    assert second.text == f"entity: Jim Bosch <{PERSON}boschjf>\nvalue: Jim\npath: dcterms:title"


def test_junit_below_threshold_is_logged_not_failed() -> None:
    _, _, cases = junit(make_report(), Severity.VIOLATION)
    placeholder = cases["role-description-placeholder"]
    assert failures(placeholder) == []
    assert placeholder.system_out == (
        f"Warning: 9.9z Unknown <{ROLE}9.9z>: "
        "role-description-placeholder: the description is a placeholder (TBD)"
    )
    assert cases["person-name"].system_out is None


def test_junit_lower_threshold_fails_the_warning() -> None:
    xml, _, cases = junit(make_report(), Severity.INFO)
    assert (xml.tests, xml.failures) == (3, 2)
    (failure,) = failures(cases["role-description-placeholder"])
    assert failure.type == "Warning"


def test_junit_baseline_findings_are_logged_not_failed() -> None:
    xml, _, cases = junit(make_report({TWICE.key}), Severity.VIOLATION)
    title = cases["role-title"]
    assert [failure.message for failure in failures(title)] == ["role-title: a role needs a title"]
    assert title.system_out == (
        f"Violation: Jim Bosch <{PERSON}boschjf>: role-title: a role needs a title [baseline]"
    )
    assert (xml.tests, xml.failures) == (3, 1)


def test_junit_all_accepted_passes() -> None:
    report = make_report({UNTITLED.key, TWICE.key, UNPLACED.key})
    xml, _, cases = junit(report, Severity.INFO)
    assert (xml.tests, xml.failures) == (3, 0)
    assert sum(len(failures(case)) for case in cases.values()) == 0


# --- SARIF -------------------------------------------------------------------


def sarif(report: Report, locator: Locator, threshold: Severity = Severity.VIOLATION) -> Any:
    text = render_sarif(report, threshold, locator)
    log = Sarif.model_validate(json.loads(text))
    assert log.version == "2.1.0"
    return json.loads(text)


def results_by_focus(document: Any) -> dict[str, Any]:
    return {
        result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]: result
        for result in document["runs"][0]["results"]
    }


def test_sarif_header_and_rules(locator: Locator) -> None:
    document = sarif(make_report(), locator)
    assert document["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert document["version"] == "2.1.0"
    (run,) = document["runs"]
    assert "originalUriBaseIds" not in run
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["informationUri"]) == (
        "dmops validate",
        "https://w3id.org/rubin/dmops/",
    )
    assert [rule["id"] for rule in driver["rules"]] == [
        "person-name",
        "role-description-placeholder",
        "role-title",
    ]
    assert [rule["defaultConfiguration"]["level"] for rule in driver["rules"]] == [
        "note",
        "warning",
        "error",
    ]
    title = driver["rules"][2]
    assert title["name"] == "role-title"
    assert (
        title["shortDescription"] == title["fullDescription"] == {"text": "Every role has a title."}
    )
    assert title["helpUri"] == SHAPES + "RoleTitle"


def test_sarif_result_is_placed_at_the_block(locator: Locator) -> None:
    result = results_by_focus(sarif(make_report(), locator))[ROLE + "3.2e.3"]
    assert (result["ruleId"], result["ruleIndex"], result["level"]) == ("role-title", 2, "error")
    assert result["message"]["text"] == (
        f"role-title: a role needs a title (3.2e.3 Data Wrangler - IN2P3 <{ROLE}3.2e.3>)"
    )
    (location,) = result["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "graph/roles.ttl", "uriBaseId": "SRCROOT"},
        "region": {"startLine": 5},
    }
    assert location["logicalLocations"] == [
        {"fullyQualifiedName": ROLE + "3.2e.3", "kind": "resource"}
    ]
    assert "relatedLocations" not in result


def test_sarif_second_block_is_a_related_location(locator: Locator) -> None:
    result = results_by_focus(sarif(make_report(), locator))[PERSON + "boschjf"]
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 9}
    (related,) = result["relatedLocations"]
    assert related["physicalLocation"] == {
        "artifactLocation": {"uri": "graph/curated/identities.ttl", "uriBaseId": "SRCROOT"},
        "region": {"startLine": 4},
    }


def test_sarif_unplaced_finding_has_only_a_logical_location(locator: Locator) -> None:
    result = results_by_focus(sarif(make_report(), locator))[ROLE + "9.9z"]
    assert (result["ruleId"], result["ruleIndex"], result["level"]) == (
        "role-description-placeholder",
        1,
        "warning",
    )
    assert result["locations"] == [
        {"logicalLocations": [{"fullyQualifiedName": ROLE + "9.9z", "kind": "resource"}]}
    ]


def test_sarif_fingerprints_are_stable_and_distinct(locator: Locator) -> None:
    def fingerprints() -> list[str]:
        document = sarif(make_report(), locator)
        return [r["partialFingerprints"]["dmopsFinding/v1"] for r in document["runs"][0]["results"]]

    first = fingerprints()
    assert first == fingerprints()
    assert len(set(first)) == 3


def test_sarif_baseline_state(locator: Locator) -> None:
    without = sarif(make_report(), locator)
    assert ["baselineState" in r for r in without["runs"][0]["results"]] == [False] * 3
    results = results_by_focus(sarif(make_report({TWICE.key}), locator))
    assert {focus: result["baselineState"] for focus, result in results.items()} == {
        ROLE + "3.2e.3": "new",
        PERSON + "boschjf": "unchanged",
        ROLE + "9.9z": "new",
    }


def test_sarif_records_the_threshold_and_verdict(locator: Locator) -> None:
    accepted = make_report({UNTITLED.key, TWICE.key})
    run = sarif(accepted, locator, Severity.VIOLATION)["runs"][0]
    assert run["properties"] == {"failOn": "violation", "conforms": True}
    run = sarif(accepted, locator, Severity.WARNING)["runs"][0]
    assert run["properties"] == {"failOn": "warning", "conforms": False}


def test_finding_of_an_unnamed_shape_gets_a_rule(locator: Locator) -> None:
    blank = Rule(URIRef("Nb1"), "Nb1", "", Severity.VIOLATION)
    orphan = Finding(blank, Severity.VIOLATION, ROLE + "3.2e.3", "3.2e.3", "Less than 1 values")
    report = Report(rules=[TITLE], findings=[orphan], report_graph=Graph())
    (rule_entry, blank_entry) = sarif(report, locator)["runs"][0]["tool"]["driver"]["rules"]
    assert rule_entry["id"] == "role-title"
    assert blank_entry == {
        "id": "Nb1",
        "name": "Nb1",
        "shortDescription": {"text": "Nb1"},
        "fullDescription": {"text": "Nb1"},
        "defaultConfiguration": {"level": "error"},
    }
    xml, _, cases = junit(report, Severity.VIOLATION)
    assert (xml.tests, xml.failures) == (2, 1)
    assert list(cases) == ["role-title", "Nb1"]
    assert [failure.message for failure in failures(cases["Nb1"])] == ["Less than 1 values"]


# --- End to end --------------------------------------------------------------

DATA_TTL = """\
@prefix ex: <https://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

ex:named a ex:Thing ;
    rdfs:label "Named" .

ex:nameless a ex:Thing .
"""

SHAPES_TTL = """\
@prefix ex: <https://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .

ex:ThingLabel a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:name "thing-label" ;
    sh:description "Every thing has a label." ;
    sh:severity sh:Violation ;
    sh:property [
        sh:path rdfs:label ;
        sh:minCount 1 ;
        sh:message "thing-label: a thing needs a label" ;
    ] .
"""


def test_validate_end_to_end(tmp_path: Path) -> None:
    data_path = write(tmp_path, "data.ttl", DATA_TTL)
    report = validate(
        Graph().parse(data_path, format="turtle"),
        Graph().parse(data=SHAPES_TTL, format="turtle"),
    )
    xml, _, cases = junit(report, Severity.VIOLATION)
    assert (xml.tests, xml.failures) == (1, 1)
    (failure,) = failures(cases["thing-label"])
    assert (failure.message, failure.type) == ("thing-label: a thing needs a label", "Violation")
    document = sarif(report, Locator.from_files([data_path], tmp_path))
    (result,) = document["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("thing-label", "error")
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "data.ttl", "uriBaseId": "SRCROOT"},
        "region": {"startLine": 7},
    }
