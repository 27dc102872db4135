"""The W3C SPARQL 1.1 syntax and protocol tests, sent to the real endpoint over HTTP.

Our endpoint is read-only, answers from our own graph and predeclares no prefixes, so
only the status of a syntax test matters: a positive query parses and runs (200), a
negative one is a 400, and any update is refused (403), never run. The positive
syntax-fed/ tests are SERVICE queries: refused on purpose (400, no federation). The
protocol tests that need a writable endpoint are skipped; the others run as the manifest
encodes them, and the kasei.us graphs they name are never fetched (unknown graphs are empty).

Each W3C test is one pytest case named by its W3C id; tests/conformance/conftest.py
prints the outcome counts per category at the end of the session.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from urllib.parse import urlencode
from xml.etree import ElementTree

import httpx
import pytest

from tests.conformance.w3c_manifest import (
    CONFORMANCE_ENV,
    HttpRequest,
    ProtocolCase,
    SyntaxCase,
    SyntaxKind,
    load_protocol_cases,
    load_syntax_cases,
    sparql11_root,
)
from tests.conftest import SERVICE_SETTINGS, RunningService
from tests.support import Listener

SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
FORM = "application/x-www-form-urlencoded"
ENDPOINT = "/sparql"
FEDERATION_MANIFEST = "syntax-fed/"
ABSENT = "suite-absent"
MAX_BODY_BYTES = int(SERVICE_SETTINGS["DMOPS_MAX_BODY_BYTES"])

# W3C tests the endpoint fails, one line each: the reason, shown as the xfail(strict) reason.
# Keyed by test function (category), then W3C id. Empty means every W3C test here passes.
KNOWN_FAILURES: dict[str, dict[str, str]] = {
    "test_query_syntax_positive": {},
    "test_federated_query_syntax_refused": {},
    "test_query_syntax_negative": {},
    "test_update_syntax_refused_direct": {},
    "test_update_syntax_refused_form": {},
    "test_protocol": {},
}

RESULT_TYPES = {
    "boolean": ("application/sparql-results+json", "application/sparql-results+xml"),
    "tabular": (
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ),
    "RDF": (
        "application/rdf+xml",
        "text/turtle",
        "application/n-triples",
        "text/plain",  # N-Triples' older media type
        "application/xhtml+xml",  # RDFa
        "text/html",
    ),
}
SPARQL_RESULTS_XML = "{http://www.w3.org/2005/sparql-results#}boolean"


def _suite() -> tuple[dict[str, SyntaxCase], dict[str, ProtocolCase]]:
    root = sparql11_root()
    if not (root / "manifest-all.ttl").is_file():
        return {}, {}
    syntax_cases, protocol_cases = load_syntax_cases(root), load_protocol_cases(root)
    syntax = {case.test_id: case for case in syntax_cases}
    protocol = {case.test_id: case for case in protocol_cases}
    assert len(syntax) == len(syntax_cases) and len(protocol) == len(protocol_cases), "dup ids"
    return syntax, protocol


SYNTAX, PROTOCOL = _suite()


def _ids(
    function: str, cases: Sequence[str], skips: Mapping[str, str] | None = None
) -> list[object]:
    """One pytest.param per W3C id, with its known failure (strict xfail) or skip."""
    if not SYNTAX:
        return [pytest.param(ABSENT, id=ABSENT)]
    known = KNOWN_FAILURES[function]
    unknown = set(known) - set(cases)
    assert not unknown, f"KNOWN_FAILURES[{function!r}] names no such W3C test: {sorted(unknown)}"
    params: list[object] = []
    for test_id in cases:
        marks: list[pytest.MarkDecorator] = []
        if test_id in known:
            marks.append(
                pytest.mark.xfail(reason=known[test_id], strict=True, raises=AssertionError)
            )
        if skips and test_id in skips:
            marks.append(pytest.mark.skip(reason=skips[test_id]))
        params.append(pytest.param(test_id, id=test_id, marks=marks))
    return params


def _syntax(*kinds: SyntaxKind, federated: bool | None = None) -> list[str]:
    return [
        case.test_id
        for case in SYNTAX.values()
        if case.kind in kinds
        and (federated is None or case.test_id.startswith(FEDERATION_MANIFEST) == federated)
    ]


QUERY_POSITIVE = _syntax(SyntaxKind.QUERY_POSITIVE, federated=False)
QUERY_FEDERATED = _syntax(SyntaxKind.QUERY_POSITIVE, federated=True)
QUERY_NEGATIVE = [
    case.test_id
    for case in SYNTAX.values()
    if case.kind is SyntaxKind.QUERY_NEGATIVE or case.typed_as_query
]
UPDATES = _syntax(SyntaxKind.UPDATE_POSITIVE, SyntaxKind.UPDATE_NEGATIVE)
PROTOCOL_SKIPS = {
    case.test_id: "read-only endpoint: the test expects an update to succeed (2xx)"
    for case in PROTOCOL.values()
    if case.writes
}


@pytest.fixture(scope="module")
def suite() -> Path:
    root = sparql11_root()
    if not (root / "manifest-all.ttl").is_file():
        reason = (
            f"W3C SPARQL 1.1 test suite not found at {root} "
            f"(set {CONFORMANCE_ENV} to the folder holding sparql/sparql11)"
        )
        if os.environ.get("DMOPS_REQUIRE_SOURCES"):
            pytest.fail(reason + "; DMOPS_REQUIRE_SOURCES is set, so it is mandatory")
        pytest.skip(reason)
    return root


@pytest.fixture(scope="module")
def client(suite: Path, service: RunningService) -> Iterator[httpx.Client]:
    """One client for the module, once the suite is known to be there."""
    assert suite.is_dir()
    with httpx.Client(base_url=service.url, timeout=30) as session:
        yield session


def post(client: httpx.Client, body: str | bytes, content_type: str) -> httpx.Response:
    content = body.encode("utf-8") if isinstance(body, str) else body
    return client.post(ENDPOINT, content=content, headers={"Content-Type": content_type})


def detail(response: httpx.Response) -> str:
    """The error's type and message, for assertion messages."""
    try:
        (error,) = response.json()["detail"]
        return f"{response.status_code} {error['type']}: {error['msg']}"
    except (ValueError, KeyError, TypeError):
        return f"{response.status_code}: {response.text[:300]}"


def error_type(response: httpx.Response) -> str:
    (error,) = response.json()["detail"]
    return str(error["type"])


# Query syntax ---------------------------------------------------------------------------------


@pytest.mark.parametrize("test_id", _ids("test_query_syntax_positive", QUERY_POSITIVE))
def test_query_syntax_positive(client: httpx.Client, test_id: str) -> None:
    """A positive query syntax test parses and runs against our graph: 200."""
    case = SYNTAX[test_id]
    response = post(client, case.text(), SPARQL_QUERY)
    assert response.status_code == 200, f"{case.action.name}: {detail(response)}"


@pytest.mark.parametrize("test_id", _ids("test_federated_query_syntax_refused", QUERY_FEDERATED))
def test_federated_query_syntax_refused(client: httpx.Client, test_id: str) -> None:
    """syntax-fed/ tests are SERVICE queries: refused on purpose (no federation), with a 400.

    They are positive syntax tests of the Federated Query spec, which this endpoint
    deliberately does not implement; the refusal must name SERVICE, not be a syntax error.
    """
    case = SYNTAX[test_id]
    response = post(client, case.text(), SPARQL_QUERY)
    assert response.status_code == 400, f"{case.action.name}: {detail(response)}"
    assert error_type(response) == "refused", detail(response)
    assert "SERVICE" in detail(response)


@pytest.mark.parametrize("test_id", _ids("test_query_syntax_negative", QUERY_NEGATIVE))
def test_query_syntax_negative(client: httpx.Client, test_id: str) -> None:
    """A negative query syntax test is a 400; an update file posted as a query is a 4xx."""
    case = SYNTAX[test_id]
    response = post(client, case.text(), SPARQL_QUERY)
    if case.action.suffix == ".ru":
        assert 400 <= response.status_code < 500, f"{case.action.name}: {detail(response)}"
    else:
        assert response.status_code == 400, f"{case.action.name}: {detail(response)}"
        assert error_type(response) == "syntax", detail(response)  # the parser's, not a screen's


# Update syntax: the endpoint is read-only --------------------------------------------------------


@pytest.mark.parametrize("test_id", _ids("test_update_syntax_refused_direct", UPDATES))
def test_update_syntax_refused_direct(client: httpx.Client, test_id: str) -> None:
    """Any update (valid or not) POSTed as application/sparql-update: 403, never run."""
    case = SYNTAX[test_id]
    response = post(client, case.text(), SPARQL_UPDATE)
    assert response.status_code == 403, f"{case.action.name}: {detail(response)}"
    assert error_type(response) == "read_only", detail(response)


@pytest.mark.parametrize("test_id", _ids("test_update_syntax_refused_form", UPDATES))
def test_update_syntax_refused_form(client: httpx.Client, test_id: str) -> None:
    """Any update (valid or not) as the ``update=`` form parameter: 403, never run.

    A form body over the service's size limit is refused as such (413) before it is read:
    still a refusal, and the order a public endpoint needs (limits before parsing).
    """
    case = SYNTAX[test_id]
    body = urlencode({"update": case.text()}).encode("ascii")
    response = post(client, body, FORM)
    if len(body) > MAX_BODY_BYTES:
        assert response.status_code == 413, f"{case.action.name}: {detail(response)}"
        assert error_type(response) == "body_too_large", detail(response)
    else:
        assert response.status_code == 403, f"{case.action.name}: {detail(response)}"
        assert error_type(response) == "read_only", detail(response)


# Protocol ---------------------------------------------------------------------------------------


def send(client: httpx.Client, request: HttpRequest) -> httpx.Response:
    """The manifest's request, its ``/sparql/`` path prefix replaced by our endpoint's path."""
    assert request.path.startswith("/sparql/"), request.path
    path = ENDPOINT + request.path.removeprefix("/sparql/")
    return client.request(request.method, path, content=request.body, headers=dict(request.headers))


def boolean_of(response: httpx.Response) -> bool:
    media_type = response.headers.get("content-type", "").split(";")[0].strip()
    if media_type.endswith("+xml"):
        element = ElementTree.fromstring(response.content).find(SPARQL_RESULTS_XML)
        assert element is not None and element.text is not None, response.text
        return element.text.strip() == "true"
    value = json.loads(response.content)["boolean"]
    assert isinstance(value, bool), response.text
    return value


def check_response(case: ProtocolCase, request: HttpRequest, response: httpx.Response) -> None:
    status_class = response.status_code // 100
    assert status_class in request.status_classes, (
        f"{request.method} {request.path}: expected "
        f"{' or '.join(f'{c}xx' for c in sorted(request.status_classes))}, got {detail(response)}"
    )
    if status_class != 2 or request.expected_format is None:
        return
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    assert media_type in RESULT_TYPES[request.expected_format], (
        f"{request.expected_format} results as {media_type!r}"
    )
    if request.expected_format != "boolean":
        return
    answer = boolean_of(response)
    if case.graph_data:
        # The test assumes its kasei.us graphs are loaded. We never fetch them: unknown graph
        # IRIs are empty graphs, so the ASK is false; true would mean they were fetched.
        assert answer is False, f"the dataset {case.graph_data} was fetched"
    elif request.expected_boolean is not None:
        assert answer is request.expected_boolean


@pytest.mark.parametrize("test_id", _ids("test_protocol", list(PROTOCOL), PROTOCOL_SKIPS))
def test_protocol(client: httpx.Client, test_id: str) -> None:
    """A protocol test's requests in order, each answered with the status class it expects."""
    case = PROTOCOL[test_id]
    for request in case.requests:
        check_response(case, request, send(client, request))


def test_protocol_dataset_iris_are_never_fetched(client: httpx.Client) -> None:
    """The protocol tests' dataset IRIs are never dereferenced: unknown graphs are empty.

    The kasei.us IRIs cannot show a fetch offline, so the same requests name graphs on a
    loopback listener instead: ``default-graph-uri``, ``named-graph-uri`` and ``FROM``.
    """
    listener = Listener()
    try:
        data = f"{listener.url}/data1.rdf"
        query = f"ASK FROM <{data}> FROM NAMED <{data}> {{ GRAPH ?g {{ ?s ?p ?o }} }}"
        answers = [
            post(client, query, SPARQL_QUERY),
            client.get(ENDPOINT, params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": data}),
            client.post(
                ENDPOINT,
                params=[("named-graph-uri", data), ("default-graph-uri", data)],
                content=b"ASK { GRAPH ?g { ?s ?p ?o } }",
                headers={"Content-Type": SPARQL_QUERY},
            ),
        ]
    finally:
        listener.close()
    for response in answers:
        assert response.status_code == 200, detail(response)
        assert boolean_of(response) is False
    assert listener.connections == 0
