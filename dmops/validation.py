"""Checking the graph against the plan's rules (``shapes/``) with pySHACL.

The data graph is ontology + graph + the cached OWL-RL closure, so pySHACL's
own inference is never run. Shapes are checked before they run: a shape that
is not valid SHACL, or whose SPARQL would read a dataset (``FROM``), call
another service (``SERVICE``) or load a document (``LOAD``), is refused.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any

from pyshacl import validate as pyshacl_validate
from pyshacl.entrypoints import meta_validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH, SKOS
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result as QueryResult
from rdflib.term import Identifier, Node

from dmops.errors import DmopsError
from dmops.graphio import load_asserted
from dmops.namespaces import bind_prefixes
from dmops.paths import SHAPES_FILE
from dmops.rdflib_sparql import prepareQuery
from dmops.sparql_guard import keywords

QUERY_PREDICATES = (SH.select, SH.ask, SH.construct, SH.update)
UNSAFE_KEYWORDS = ("FROM", "SERVICE", "LOAD")


class Severity(IntEnum):
    """SHACL severities, ordered so that a threshold compares with >=."""

    INFO = 1
    WARNING = 2
    VIOLATION = 3

    @classmethod
    def of(cls, node: Node | None) -> Severity:
        if node == SH.Info:
            return cls.INFO
        return cls.WARNING if node == SH.Warning else cls.VIOLATION

    @property
    def label(self) -> str:
        return self.name.capitalize()


class ShapeError(DmopsError):
    """A shapes graph that cannot be used: not SHACL, or unsafe to run."""


@dataclass(frozen=True)
class Rule:
    """A shape as the reports show it: its id (sh:name), description and severity."""

    shape: URIRef
    name: str
    description: str
    severity: Severity


@dataclass(frozen=True)
class Finding:
    """One validation result: which rule, which entity (label and IRI), what is wrong."""

    rule: Rule
    severity: Severity
    focus: str
    focus_label: str
    message: str
    value: str | None = None
    path: str | None = None

    @property
    def key(self) -> str:
        """What identifies this finding across runs, for baselines."""
        return "|".join((self.rule.name, self.focus, self.path or "", self.value or ""))


@dataclass
class Report:
    """The outcome of one validation: every rule checked and every finding."""

    rules: list[Rule]
    findings: list[Finding]
    report_graph: Graph
    accepted: set[str] = field(default_factory=set)

    def new_findings(self) -> list[Finding]:
        """Findings not accepted by the baseline."""
        return [finding for finding in self.findings if finding.key not in self.accepted]

    def fails(self, threshold: Severity) -> bool:
        return any(finding.severity >= threshold for finding in self.new_findings())

    def counts(self) -> dict[Severity, int]:
        counts = dict.fromkeys(Severity, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts


def load_shapes(paths: list[Path] | None = None) -> Graph:
    """The shapes graph, checked for queries that could read or fetch anything."""
    shapes = load_asserted(paths or [SHAPES_FILE])
    for node, query in _queries(shapes):
        keyword = _unsafe_keyword(str(query))
        if keyword:
            raise ShapeError(
                f"shape {node.n3(shapes.namespace_manager)} uses {keyword} in its SPARQL; "
                "shapes may not read datasets, call services or load documents"
            )
    return shapes


def _queries(shapes: Graph) -> list[tuple[Node, Node]]:
    return [
        (subject, query)
        for predicate in QUERY_PREDICATES
        for subject, query in shapes.subject_objects(predicate)
    ]


def _unsafe_keyword(query: str) -> str | None:
    """FROM, SERVICE or LOAD used as a keyword (not inside a string, an IRI or a comment)."""
    used = keywords(query)
    return next((keyword for keyword in UNSAFE_KEYWORDS if keyword in used), None)


def rules_of(shapes: Graph) -> list[Rule]:
    """Every named shape, in the order of its name."""
    rules = []
    for shape in set(shapes.subjects(SH.name, None)):
        if isinstance(shape, URIRef):
            rules.append(
                Rule(
                    shape=shape,
                    name=str(shapes.value(shape, SH.name)),
                    description=str(shapes.value(shape, SH.description) or ""),
                    severity=Severity.of(shapes.value(shape, SH.severity)),
                )
            )
    return sorted(rules, key=lambda rule: rule.name)


def validate(data: Graph, shapes: Graph) -> Report:
    """Run every shape over the data graph; the data graph is never modified."""
    ensure_valid_shacl(shapes)
    has_rules = (None, SH.rule, None) in shapes
    try:
        _, report_graph, _ = pyshacl_validate(
            data if has_rules else PreparedQueryGraph(data),
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=True,
            allow_infos=True,
            do_owl_imports=False,
            inplace=not has_rules,
        )
    except ReportableRuntimeError as exc:
        raise ShapeError(f"the shapes cannot be used: {exc.message}") from exc
    except Exception as exc:  # pySHACL and rdflib raise bare exceptions for a shape's bad query
        raise ShapeError(f"the shapes cannot be used: a constraint failed to run: {exc}") from exc
    assert isinstance(report_graph, Graph)
    rules = rules_of(shapes)
    by_shape = {rule.shape: rule for rule in rules}
    findings = [
        _finding(report_graph, result, data, shapes, by_shape)
        for result in report_graph.subjects(SH.resultSeverity, None)
    ]
    findings.sort(key=lambda finding: (-finding.severity, finding.rule.name, finding.focus))
    return Report(rules=rules, findings=findings, report_graph=bind_prefixes(report_graph))


_VALID_SHAPES: set[str] = set()


def ensure_valid_shacl(shapes: Graph) -> None:
    """Check the shapes against SHACL's own shapes, once per content of the shapes graph."""
    digest = hashlib.sha256(
        "\n".join(sorted(line for line in shapes.serialize(format="nt").splitlines())).encode()
    ).hexdigest()
    if digest in _VALID_SHAPES:
        return
    conforms, _, text = meta_validate(shapes)
    if not conforms:
        raise ShapeError(f"the shapes cannot be used: they are not valid SHACL:\n{text}")
    _VALID_SHAPES.add(digest)


class PreparedQueryGraph(Graph):
    """A view of a graph that parses each SPARQL text once per process.

    pySHACL runs a SPARQL constraint once per focus node and rdflib parses the
    query text on every run; parsing was half of a validation's time. The view
    shares the graph's store, so nothing is copied (pySHACL runs ``inplace``).
    Shapes with SHACL rules (which write to the data graph) never get the view.
    """

    def __init__(self, source: Graph) -> None:
        super().__init__(
            store=source.store,
            identifier=source.identifier,
            namespace_manager=source.namespace_manager,
        )

    def query(  # type: ignore[override]
        self,
        query_object: str | Query,
        processor: str = "sparql",
        result: str = "sparql",
        initNs: Mapping[str, Any] | None = None,  # noqa: N803 (rdflib's names)
        initBindings: Mapping[str, Identifier] | None = None,  # noqa: N803
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> QueryResult:
        if isinstance(query_object, str):
            namespaces = frozenset((initNs or {}).items())
            query_object = _prepared(query_object, kwargs.get("base"), namespaces)
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


@functools.lru_cache(maxsize=1024)
def _prepared(text: str, base: str | None, namespaces: frozenset[tuple[str, Any]]) -> Query:
    return prepareQuery(text, initNs=dict(namespaces), base=base)


def _finding(
    report: Graph, result: Node, data: Graph, shapes: Graph, rules: dict[URIRef, Rule]
) -> Finding:
    shape = _named_shape(report.value(result, SH.sourceShape), shapes)
    rule = rules.get(shape) if isinstance(shape, URIRef) else None
    if rule is None:
        rule = Rule(URIRef(str(shape)), str(shape), "", Severity.VIOLATION)
    focus = report.value(result, SH.focusNode)
    value = report.value(result, SH.value)
    path = report.value(result, SH.resultPath)
    return Finding(
        rule=rule,
        severity=Severity.of(report.value(result, SH.resultSeverity)),
        focus=str(focus),
        focus_label=_label(data, focus),
        message=str(report.value(result, SH.resultMessage) or rule.description),
        value=None if value is None else _show(value, data),
        path=None if path is None or isinstance(path, BNode) else _show(path, data),
    )


def _named_shape(shape: Node | None, shapes: Graph) -> Node | None:
    """The named shape a result comes from: blank property shapes belong to their parent."""
    while isinstance(shape, BNode):
        parent = next(iter(shapes.subjects(None, shape)), None)
        if parent is None:
            break
        shape = parent
    return shape


def _label(data: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    label = data.value(node, RDFS.label) or data.value(node, SKOS.prefLabel)
    return str(label) if label is not None else _show(node, data)


def _show(node: Node, data: Graph) -> str:
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, URIRef):
        return node.n3(data.namespace_manager)
    return str(node)
