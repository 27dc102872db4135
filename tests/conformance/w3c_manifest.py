"""Reading the W3C SPARQL 1.1 test manifests: syntax tests and machine-readable protocol tests.

The suite is read in place (never copied into the project) from $DMOPS_CONFORMANCE or
``../shared/conformance``. Manifests are Turtle with ``mf:entries`` lists; ``manifest-all.ttl``
includes one manifest per folder. Parsing all of them with rdflib takes well under a second.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from urllib.parse import unquote, urlparse

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

CONFORMANCE_ENV = "DMOPS_CONFORMANCE"
DEFAULT_CONFORMANCE = Path(__file__).resolve().parents[2].parent / "shared" / "conformance"
SUITE_PREFIX = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
DAWGT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")


def conformance_root() -> Path:
    """The folder holding ``sparql/sparql11`` (it may be missing)."""
    configured = os.environ.get(CONFORMANCE_ENV)
    return Path(configured) if configured else DEFAULT_CONFORMANCE


def sparql11_root() -> Path:
    return conformance_root() / "sparql" / "sparql11"


class SyntaxKind(Enum):
    """How a syntax test is run, from its type and its action file's extension."""

    QUERY_POSITIVE = "query-syntax-positive"
    QUERY_NEGATIVE = "query-syntax-negative"
    UPDATE_POSITIVE = "update-syntax-positive"
    UPDATE_NEGATIVE = "update-syntax-negative"

    @property
    def is_update(self) -> bool:
        return self in (SyntaxKind.UPDATE_POSITIVE, SyntaxKind.UPDATE_NEGATIVE)


SYNTAX_TYPES = {
    MF.PositiveSyntaxTest11: True,
    MF.NegativeSyntaxTest11: False,
    MF.PositiveUpdateSyntaxTest11: True,
    MF.NegativeUpdateSyntaxTest11: False,
}


@dataclass(frozen=True)
class SyntaxCase:
    """One W3C syntax test: its id, the file to send, and how to run it."""

    test_id: str
    w3c_type: str
    kind: SyntaxKind
    action: Path
    approval: str
    typed_as_query: bool  # mf:NegativeSyntaxTest11 on a .ru file (a few in delete-insert/)

    def text(self) -> str:
        return self.action.read_text(encoding="utf-8")


@dataclass(frozen=True)
class HttpRequest:
    """One ``ht:Request`` with the response the manifest expects."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    status_classes: frozenset[int]  # 2 for hts:StatusCode2xx, 4 for hts:StatusCode4xx, ...
    expected_format: str | None  # "boolean", "tabular" or "RDF"
    expected_boolean: bool | None

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)

    @property
    def is_update(self) -> bool:
        """An update operation: an update media type, or an ``update`` parameter."""
        content_type = (self.header("content-type") or "").lower()
        if content_type.startswith("application/sparql-update"):
            return True
        query_string = urlparse(self.path).query
        body = (self.body or b"").decode("utf-8", errors="replace")
        return any(
            part.split("=", 1)[0] == "update"
            for text in (query_string, body)
            for part in text.split("&")
        )


@dataclass(frozen=True)
class ProtocolCase:
    """One ``mf:ProtocolTest``: requests run in order, with graphs the test expects to exist."""

    test_id: str
    name: str
    requests: tuple[HttpRequest, ...]
    graph_data: tuple[str, ...]  # dataset IRIs (kasei.us) the test assumes loaded

    @property
    def writes(self) -> bool:
        """Expects an update to succeed: meaningless for a read-only endpoint."""
        return any(request.is_update and 2 in request.status_classes for request in self.requests)


def short_id(entry: Node) -> str:
    """``syntax-query/manifest#test_1``: the W3C IRI without the suite's common prefix."""
    return str(entry).removeprefix(SUITE_PREFIX)


def _path_of(node: Node) -> Path:
    return Path(unquote(urlparse(str(node)).path))


def _included(root: Path) -> list[Path]:
    graph = Graph().parse(root / "manifest-all.ttl", format="turtle")
    paths: list[Path] = []
    for included in graph.objects(None, MF.include):
        paths.extend(_path_of(item) for item in Collection(graph, included))
    return paths


def _entries(manifest: Path) -> Iterator[tuple[Graph, Node]]:
    graph = Graph().parse(manifest, format="turtle")
    for subject in graph.subjects(RDF.type, MF.Manifest):
        for entries in graph.objects(subject, MF.entries):
            for entry in Collection(graph, entries):
                yield graph, entry


def _local(node: Node | None) -> str:
    return str(node).rsplit("#", 1)[-1] if node is not None else ""


def load_syntax_cases(root: Path) -> list[SyntaxCase]:
    """Every syntax test of every included manifest, in manifest order."""
    cases: list[SyntaxCase] = []
    for manifest in _included(root):
        for graph, entry in _entries(manifest):
            types = [kind for kind in graph.objects(entry, RDF.type) if kind in SYNTAX_TYPES]
            if not types:
                continue
            w3c_type = types[0]
            assert isinstance(w3c_type, URIRef)
            action_node = graph.value(entry, MF.action)
            assert action_node is not None, f"{entry} has no mf:action"
            action = _path_of(action_node)
            positive = SYNTAX_TYPES[w3c_type]
            is_update = action.suffix == ".ru"
            kind = {
                (False, True): SyntaxKind.QUERY_POSITIVE,
                (False, False): SyntaxKind.QUERY_NEGATIVE,
                (True, True): SyntaxKind.UPDATE_POSITIVE,
                (True, False): SyntaxKind.UPDATE_NEGATIVE,
            }[(is_update, positive)]
            cases.append(
                SyntaxCase(
                    test_id=short_id(entry),
                    w3c_type=_local(w3c_type),
                    kind=kind,
                    action=action,
                    approval=_local(graph.value(entry, DAWGT.approval)),
                    typed_as_query=is_update and w3c_type == MF.NegativeSyntaxTest11,
                )
            )
    return cases


def _request(graph: Graph, node: Node) -> HttpRequest:
    headers: list[tuple[str, str]] = []
    for header_list in graph.objects(node, HT.headers):
        for header in Collection(graph, header_list):
            headers.append(
                (str(graph.value(header, HT.fieldName)), str(graph.value(header, HT.fieldValue)))
            )
    body: bytes | None = None
    content = graph.value(node, HT.body)
    if content is not None:
        encoding = str(graph.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(content, CNT.chars)).encode(encoding)
    response = graph.value(node, HT.resp)
    classes = frozenset(
        int(_local(status).removeprefix("StatusCode")[0])
        for status in graph.objects(response, MF.expectedStatus)
    )
    expected_format = graph.value(response, MF.expectedFormat)
    expected_boolean = graph.value(response, MF.expectedBoolean)
    return HttpRequest(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)),
        headers=tuple(headers),
        body=body,
        status_classes=classes,
        expected_format=str(expected_format) if expected_format is not None else None,
        expected_boolean=bool(expected_boolean.toPython())
        if isinstance(expected_boolean, Literal)
        else None,
    )


def load_protocol_cases(root: Path) -> list[ProtocolCase]:
    """The ``mf:ProtocolTest`` entries of ``protocol/manifest.ttl``, in manifest order."""
    cases: list[ProtocolCase] = []
    for graph, entry in _entries(root / "protocol" / "manifest.ttl"):
        if (entry, RDF.type, MF.ProtocolTest) not in graph:
            continue
        action = graph.value(entry, MF.action)
        requests = tuple(
            _request(graph, node)
            for request_list in graph.objects(action, HT.requests)
            for node in Collection(graph, request_list)
        )
        graph_data = tuple(
            sorted(
                str(graph.value(data, RDFS.label)) for data in graph.objects(entry, UT.graphData)
            )
        )
        cases.append(
            ProtocolCase(
                test_id=short_id(entry),
                name=str(graph.value(entry, MF.name)),
                requests=requests,
                graph_data=graph_data,
            )
        )
    return cases
