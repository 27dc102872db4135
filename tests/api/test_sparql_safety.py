"""Every attack of the issue, sent to a real uvicorn server: refused, bounded, and harmless.

The test server runs with a 2 s query timeout, 500 rows, 2 workers and 2 waiting
places (tests/conftest.py SERVICE_SETTINGS).
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import RunningService
from tests.support import Listener

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def client(service: RunningService) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=service.url, timeout=30) as session:
        yield session


def query(client: httpx.Client, text: str, **params: str) -> httpx.Response:
    return client.post(
        "/sparql",
        content=text.encode(),
        params=params,
        headers={"Content-Type": "application/sparql-query", "Accept": "application/json"},
    )


def triples(client: httpx.Client) -> int:
    response = query(client, COUNT)
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def message(response: httpx.Response) -> str:
    (detail,) = response.json()["detail"]
    return str(detail["msg"])


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


# --- Read-only ----------------------------------------------------------------


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "DROP ALL",
        "CLEAR DEFAULT",
    ],
)
def test_updates_are_refused_and_change_nothing(client: httpx.Client, update: str) -> None:
    before = triples(client)
    as_form = client.post("/sparql", data={"update": update})
    as_body = client.post(
        "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}
    )
    as_query = query(client, update)
    assert (as_form.status_code, as_body.status_code) == (403, 403)
    assert "read-only" in message(as_form) and "read-only" in message(as_body)
    assert as_query.status_code == 400
    assert "read-only" in message(as_query)
    assert triples(client) == before


# --- No outbound traffic -------------------------------------------------------


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "select * where {{ service silent <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SeRvIcE <http://127.0.0.1:{port}/> "
        "{{ ?s ?p ?o }} }} }} }}",
        "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE ?endpoint {{ ?s ?q ?r }} }} "
        "VALUES ?endpoint {{ <http://127.0.0.1:{port}/> }} }}",
    ],
)
def test_federation_is_refused_before_evaluation(
    client: httpx.Client, listener: Listener, template: str
) -> None:
    response = query(client, template.format(port=listener.port))
    assert response.status_code == 400
    assert message(response) == "federated queries are disabled: SERVICE is not allowed"
    time.sleep(0.3)
    assert listener.connections == 0


def test_the_word_service_in_a_string_is_not_federation(client: httpx.Client) -> None:
    response = query(client, 'ASK { FILTER(STR("SERVICE") = "SERVICE") }')
    assert response.status_code == 200
    assert response.json()["boolean"] is True


def test_dataset_clauses_never_fetch_or_read(client: httpx.Client, listener: Listener) -> None:
    remote = f"http://127.0.0.1:{listener.port}/data.ttl"
    for text in (
        f"SELECT * FROM <{remote}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{remote}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    ):
        response = query(client, text)
        assert response.status_code == 200, response.text
        assert response.json()["results"]["bindings"] == []
    response = client.get(
        "/sparql",
        params={"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": remote},
        headers={"Accept": "application/json"},
    )
    assert response.json()["results"]["bindings"] == []
    time.sleep(0.3)
    assert listener.connections == 0


# --- Time limit ------------------------------------------------------------------


RUNAWAYS = {
    "cartesian product": CARTESIAN,
    "unbounded property path": "SELECT (COUNT(*) AS ?n) WHERE { ?s (!<urn:none>)* ?o . ?o ?p ?x }",
    "backtracking regex over every pair": (
        f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a <{LABEL}> ?x . ?b <{LABEL}> ?y "
        'FILTER(REGEX(CONCAT(?x, ?y), "^(a+)+$")) }'
    ),
    "memory-doubling CONCAT chain": (
        'SELECT (SUM(STRLEN(?x12)) AS ?n) WHERE { ?s ?p ?o BIND("ab" AS ?x0) '
        + "".join(f"BIND(CONCAT(?x{i}, ?x{i}, ?x{i}, ?x{i}) AS ?x{i + 1}) " for i in range(12))
        + "}"
    ),
}


@pytest.mark.parametrize("name", RUNAWAYS)
def test_runaway_queries_are_stopped_at_the_limit(client: httpx.Client, name: str) -> None:
    pids_before = set(client.get("/health").json()["pids"])
    started = time.monotonic()
    response = query(client, RUNAWAYS[name])
    elapsed = time.monotonic() - started
    assert response.status_code in (503, 500), response.text[:300]
    assert elapsed < 6, f"answered after {elapsed:.1f} s"
    if response.status_code == 503:
        assert "ran out of time" in message(response) or "memory" in message(response)
    for pid in pids_before - set(_wait_for_workers(client)):
        assert not _alive(pid), f"worker {pid} was replaced but still runs"


def _wait_for_workers(client: httpx.Client) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        health = client.get("/health").json()
        if health["workers"] == 2:
            return list(health["pids"])
        time.sleep(0.2)
    raise AssertionError("the query workers were not replaced")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text(encoding="ascii").split()[2] != "Z"


def test_service_stays_responsive_during_a_runaway_query(client: httpx.Client) -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:
        runaway = pool.submit(query, client, CARTESIAN)
        time.sleep(0.3)
        latencies = []
        for _ in range(3):
            started = time.monotonic()
            assert client.get("/").status_code == 200
            assert triples(client) > 40_000
            latencies.append(time.monotonic() - started)
        assert runaway.result().status_code == 503
    assert max(latencies) < 1.0, latencies
    _wait_for_workers(client)


def test_pathologically_deep_nesting_is_refused(client: httpx.Client) -> None:
    text = "SELECT * WHERE " + "{ " * 200 + "?s ?p ?o " + "} " * 200
    response = query(client, text)
    assert response.status_code == 400
    assert "nests 200 levels deep" in message(response)
    assert client.get("/").status_code == 200


# --- Size limits -------------------------------------------------------------------


def test_result_rows_are_capped_and_the_cut_is_said(client: httpx.Client) -> None:
    response = query(client, "SELECT ?s WHERE { ?s ?p ?o }")
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 500
    assert response.headers["X-Result-Truncated"] == "true; limit=500"
    small = query(
        client, "SELECT ?s WHERE { ?s a <https://w3id.org/rubin/dmops/ontology#WBSElement> }"
    )
    assert len(small.json()["results"]["bindings"]) == 11
    assert "X-Result-Truncated" not in small.headers


def test_oversized_body_is_413(client: httpx.Client) -> None:
    response = client.post("/sparql", data={"query": "ASK {} #" + "x" * 30_000})
    assert response.status_code == 413
    assert "over 20000 bytes" in message(response)


def test_overlong_url_is_414(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "ASK {} #" + "x" * 7_000})
    assert response.status_code == 414


def test_overlong_query_is_413(client: httpx.Client) -> None:
    response = query(client, "ASK {} #" + "x" * 6_000)
    assert response.status_code == 413
    assert "at most 5000" in message(response)


def test_concurrent_queries_beyond_the_pool_get_503_with_retry_after(
    client: httpx.Client, service: RunningService
) -> None:
    with httpx.Client(base_url=service.url, timeout=30) as other, ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: query(other, CARTESIAN), range(8)))
    statuses = sorted(answer.status_code for answer in answers)
    busy = [answer for answer in answers if "busy" in answer.text]
    assert busy, statuses
    assert all(answer.status_code == 503 for answer in busy)
    assert all(answer.headers["Retry-After"] == "2" for answer in busy)
    _wait_for_workers(client)


# --- Malformed requests ---------------------------------------------------------------


def test_two_query_parameters(client: httpx.Client) -> None:
    response = client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")])
    assert response.status_code == 400
    assert message(response) == "give one query parameter, not 2"


def test_unknown_content_type(client: httpx.Client) -> None:
    response = client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert "unsupported content type 'text/plain'" in message(response)


def test_non_utf8_body(client: httpx.Client) -> None:
    response = client.post(
        "/sparql",
        content=b"ASK { FILTER(\xff) }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert response.status_code == 400
    assert message(response) == "the request body is not UTF-8 (at byte offset 13)"


def test_syntax_error_says_line_and_column(client: httpx.Client) -> None:
    response = query(client, "SELECT ?s\nWHERE { ?s ?p }")
    assert response.status_code == 400
    assert message(response).startswith("query syntax error at line 2, column ")


def test_wrong_method(client: httpx.Client) -> None:
    response = client.put("/sparql", content="ASK {}")
    assert response.status_code == 405
    assert response.json()["detail"][0]["type"] == "method_not_allowed"


def test_no_client_mistake_gets_a_500_or_a_traceback(client: httpx.Client) -> None:
    mistakes = [
        client.get("/sparql", params={"query": "SELECT"}),
        client.get("/sparql", params={"query": "ASK {}", "format": "bogus"}),
        client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"}),
        client.post("/sparql", data={"nothing": "here"}),
        client.post(
            "/sparql",
            content=b"\x00\x01",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ),
    ]
    assert [answer.status_code for answer in mistakes] == [400, 400, 406, 400, 400]
    assert not [answer for answer in mistakes if "Traceback" in answer.text]


def test_a_crashing_worker_takes_down_only_itself(client: httpx.Client) -> None:
    """A worker that dies mid-query (as on an engine crash) costs that query, nothing more."""
    pids = _wait_for_workers(client)
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = [pool.submit(query, client, CARTESIAN) for _ in range(2)]
        time.sleep(0.5)
        os.kill(pids[0], 9)
        statuses = sorted(answer.result().status_code for answer in answers)
    assert statuses == [500, 503]
    assert client.get("/").status_code == 200
    assert triples(client) > 40_000
    assert pids[0] not in _wait_for_workers(client)


def test_each_query_is_logged_once_with_hash_duration_and_rows(
    client: httpx.Client, service: RunningService
) -> None:
    text = "SELECT ?w WHERE { ?w a <https://w3id.org/rubin/dmops/ontology#WBSElement> } # log me"
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    assert query(client, text).status_code == 200
    time.sleep(0.2)
    lines = [
        line for line in service.log.read_text(encoding="utf-8").splitlines() if digest in line
    ]
    assert len(lines) == 1, lines
    assert re.search(rf"query {digest} answered in \d+\.\d{{3}} s with 11 rows", lines[0])
