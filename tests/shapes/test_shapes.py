"""Every rule in shapes/dmops.ttl, run on a conforming and a violating fixture.

A conforming fixture must break no rule at all; a violating one must produce
exactly the findings its case lists (rule, focus, severity and value) and nothing
else, with each message starting with its rule's id.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from dmops.validation import ensure_valid_shacl, validate
from tests.shapes import cases_documents, cases_people, cases_products, cases_roles
from tests.shapes.support import (
    Case,
    expected,
    findings_of,
    fixture_graph,
    observed,
)

CASES: list[Case] = [
    *cases_products.CASES,
    *cases_roles.CASES,
    *cases_people.CASES,
    *cases_documents.CASES,
]


def shape_nodes(shapes: Graph) -> set[URIRef]:
    """Every named (IRI) node or property shape in the shapes graph."""
    return {
        shape
        for kind in (SH.NodeShape, SH.PropertyShape)
        for shape in shapes.subjects(RDF.type, kind)
        if isinstance(shape, URIRef)
    }


def rule_names(shapes: Graph) -> set[str]:
    return {str(shapes.value(shape, SH.name)) for shape in shape_nodes(shapes)}


@pytest.mark.parametrize(
    "case",
    [pytest.param(case, id=case.id) for case in CASES if case.conforming],
)
def test_conforming_fixture(case: Case, shapes: Graph, ontology: Graph) -> None:
    report = validate(fixture_graph(case.data, ontology, full_ontology=case.full_ontology), shapes)
    assert findings_of(report, case.rule) == []
    assert observed(report) == [], "the fixture breaks another rule"


@pytest.mark.parametrize(
    "case",
    [pytest.param(case, id=case.id) for case in CASES if not case.conforming],
)
def test_violating_fixture(case: Case, shapes: Graph, ontology: Graph) -> None:
    report = validate(fixture_graph(case.data, ontology), shapes)
    assert findings_of(report, case.rule) == sorted(
        (focus, severity) for rule, focus, severity, _ in expected(case) if rule == case.rule
    )
    assert observed(report) == expected(case)
    for hit in case.hits:
        (finding,) = [
            f for f in report.findings if (f.rule.name, f.focus, f.severity, f.value) == hit.key()
        ]
        assert finding.message.startswith(f"{hit.rule}: "), finding.message
        assert hit.message in finding.message


def test_every_shape_has_fixtures(shapes: Graph) -> None:
    """A new shape without a conforming and a violating fixture fails the suite."""
    names = rule_names(shapes)
    assert len(names) == len(shape_nodes(shapes)), "two shapes share a name"
    assert {case.rule for case in CASES if case.conforming} == names
    assert {case.rule for case in CASES if not case.conforming} == names


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


def test_every_shape_is_documented(shapes: Graph) -> None:
    """sh:name, sh:description, sh:severity and a message that starts with the name."""
    severities = {SH.Violation, SH.Warning, SH.Info}
    problems = []
    for shape in sorted(shape_nodes(shapes)):
        names = list(shapes.objects(shape, SH.name))
        descriptions = list(shapes.objects(shape, SH.description))
        severity = list(shapes.objects(shape, SH.severity))
        if len(names) != 1 or not str(names[0]):
            problems.append(f"{shape}: needs one sh:name")
            continue
        name = str(names[0])
        if len(descriptions) != 1 or not str(descriptions[0]).strip():
            problems.append(f"{name}: needs one sh:description")
        if len(severity) != 1 or severity[0] not in severities:
            problems.append(f"{name}: needs one sh:severity of Violation, Warning or Info")
        messages = [
            *shapes.objects(shape, SH.message),
            *(
                message
                for constraint in shapes.objects(shape, SH.sparql)
                for message in shapes.objects(constraint, SH.message)
            ),
        ]
        if not messages:
            problems.append(f"{name}: needs a sh:message")
        problems.extend(
            f"{name}: message {str(message)!r} does not start with '{name}: '"
            for message in messages
            if not str(message).startswith(f"{name}: ")
        )
    assert problems == []


def test_shapes_are_valid_shacl(shapes: Graph) -> None:
    """The shapes pass pySHACL's SHACL-SHACL check, which ``validate`` runs first."""
    ensure_valid_shacl(shapes)
    report = validate(Graph(), shapes)
    assert report.findings == []
    assert {rule.name for rule in report.rules} == rule_names(shapes)
