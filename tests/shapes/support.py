"""Shared pieces of the shape tests: prefixes, fixture graphs, cases and expected findings.

Every shape in ``shapes/dmops.ttl`` gets at least one conforming and one violating
fixture: a few lines of Turtle, written after :data:`PREFIXES`, validated on their
own (no inference) against the real shapes. A fixture graph holds the snippet plus
the ontology's label and definition of every dmops term the snippet uses, which is
all the ontology-hygiene rule asks of the ontology; the whole ontology (a few hundred
triples, slow to check) is only loaded where a case asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from dmops.namespaces import DMOPS, bind_prefixes
from dmops.namespaces import PREFIXES as NAMESPACES
from dmops.validation import Report, Severity

PREFIXES = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in NAMESPACES.items())

V = Severity.VIOLATION
W = Severity.WARNING

Observed = tuple[str, str, Severity, str | None]


def expand(name: str) -> str:
    """The full IRI of ``prefix:local`` (a project prefix) or of ``<iri>``."""
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    prefix, _, local = name.partition(":")
    return NAMESPACES[prefix] + local


@dataclass(frozen=True)
class Hit:
    """A finding a violating fixture must produce.

    ``focus`` is a CURIE; ``value`` is the finding's value as the report shows it
    (a CURIE for an IRI, the lexical form for a literal, None where the shape gives
    none); ``message`` is text the finding's message must contain.
    """

    rule: str
    focus: str
    severity: Severity
    value: str | None = None
    message: str = ""

    def key(self) -> Observed:
        return (self.rule, expand(self.focus), self.severity, self.value)


@dataclass(frozen=True)
class Case:
    """One fixture for one rule: conforming when it expects no hit."""

    rule: str
    name: str
    data: str
    hits: tuple[Hit, ...] = ()
    full_ontology: bool = False

    @property
    def conforming(self) -> bool:
        return not self.hits

    @property
    def id(self) -> str:
        return f"{self.rule}:{'ok' if self.conforming else 'bad'}:{self.name}"


def ok(rule: str, name: str, data: str, *, full_ontology: bool = False) -> Case:
    """A fixture that breaks no rule at all."""
    return Case(rule, name, data, full_ontology=full_ontology)


def bad(rule: str, name: str, data: str, *hits: Hit) -> Case:
    """A fixture whose findings are exactly ``hits``; the first must be of ``rule``."""
    assert hits, "a violating case needs the findings it expects"
    assert hits[0].rule == rule, "the first expected finding is of the rule under test"
    return Case(rule, name, data, hits=hits)


def fixture_graph(turtle: str, ontology: Graph, *, full_ontology: bool = False) -> Graph:
    """The snippet with the ontology's declarations of the dmops terms it uses."""
    data = bind_prefixes(Graph())
    data.parse(data=PREFIXES + turtle, format="turtle")
    if full_ontology:
        data += ontology
        return data
    terms = {
        node
        for triple in data
        for node in triple
        if isinstance(node, URIRef) and node.startswith(str(DMOPS))
    }
    for term in terms:
        for predicate in (RDFS.label, SKOS.definition):
            for value in ontology.objects(term, predicate):
                data.add((term, predicate, value))
    return data


def findings_of(report: Report, rule: str) -> list[tuple[str, Severity]]:
    """(focus IRI, severity) of each finding of one rule, sorted."""
    return sorted(
        (finding.focus, finding.severity)
        for finding in report.findings
        if finding.rule.name == rule
    )


def observed(report: Report) -> list[Observed]:
    """(rule, focus IRI, severity, value) of every finding, sorted."""
    return sorted(
        ((f.rule.name, f.focus, f.severity, f.value) for f in report.findings),
        key=repr,
    )


def expected(case: Case) -> list[Observed]:
    return sorted((hit.key() for hit in case.hits), key=repr)
