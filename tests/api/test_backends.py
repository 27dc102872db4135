"""The service on each store backend: rdflib in memory, pyoxigraph (the default) and a
real SPARQL database (Virtuoso, published with ``dmops publish``). The same requests get
the same answers, and the same safety rules hold on all three."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from rdflib import Graph

from dmops.namespaces import PREFIXES
from dmops.publish import publish
from dmops.queries import load_queries
from dmops.store import default_files
from tests.conftest import RunningService, Virtuoso, start_service, stop_service

QUERIES = load_queries()
TOKEN = "backend-test-token"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
D = "https://w3id.org/rubin/dmops/"


@dataclass(frozen=True)
class Backends:
    """One client per backend's service, and the same request sent to each."""

    clients: dict[str, httpx.Client]

    def get_all(self, path: str, **kwargs: Any) -> dict[str, httpx.Response]:
        return {name: client.get(path, **kwargs) for name, client in self.clients.items()}

    def post_all(self, path: str, **kwargs: Any) -> dict[str, httpx.Response]:
        return {name: client.post(path, **kwargs) for name, client in self.clients.items()}


@pytest.fixture(scope="module")
def backends(
    service: RunningService, published: Virtuoso, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Backends]:
    """A client per backend; the oxigraph one is the session's service."""
    # rdflib: each process parses the graph (seconds), and copies the graphs a protocol
    # dataset names for each query; one worker and a longer limit
    memory = start_service(
        tmp_path_factory,
        {"DMOPS_STORE": "memory", "DMOPS_QUERY_TIMEOUT": "6", "DMOPS_WORKERS": "1"},
    )
    remote = start_service(
        tmp_path_factory, {"DMOPS_STORE": published.store, "DMOPS_ADMIN_TOKEN": TOKEN}
    )
    clients = {
        name: httpx.Client(base_url=running.url, timeout=30)
        for name, running in (("memory", memory), ("oxigraph", service), ("sparql", remote))
    }
    yield Backends(clients)
    for client in clients.values():
        client.close()
    stop_service(memory)
    stop_service(remote)


@pytest.mark.parametrize("name", QUERIES)
def test_every_canned_query_gives_the_same_answer(backends: Backends, name: str) -> None:
    params = QUERIES[name].example_arguments()
    answers = backends.get_all(f"/queries/{name}", params=params)
    assert all(response.status_code == 200 for response in answers.values()), answers
    reference = answers["memory"].json()
    assert reference, f"{name} answers nothing for its example: a weak comparison"
    assert answers["oxigraph"].json() == reference
    assert answers["sparql"].json() == reference


@pytest.mark.parametrize("path", ["/id/product/butler", "/id/person/limk", "/id/wbs/3.2"])
def test_entity_pages_give_the_same_triples(backends: Backends, path: str) -> None:
    graphs = {}
    for name, response in backends.get_all(path, params={"format": "ntriples"}).items():
        assert response.status_code == 200, (name, response.text)
        graphs[name] = Graph().parse(data=response.text, format="nt")
    assert len(graphs["memory"]) > 5
    assert graphs["oxigraph"].isomorphic(graphs["memory"])
    assert graphs["sparql"].isomorphic(graphs["memory"])


def test_entity_pages_mark_inferred_statements_everywhere(backends: Backends) -> None:
    """The same statements carry the "inferred" badge on every backend."""
    badges = {}
    for name, response in backends.get_all("/id/person/jennesst").items():
        assert response.status_code == 200, name
        assert "Tim Jenness" in response.text
        badges[name] = response.text.count('<span class="badge" title="inferred')
    assert badges["memory"] > 0
    assert badges["oxigraph"] == badges["memory"] == badges["sparql"]


def test_unknown_entities_are_404_everywhere(backends: Backends) -> None:
    for name, response in backends.get_all("/id/product/no-such-product").items():
        assert response.status_code == 404, name
        assert response.json()["detail"][0]["msg"].startswith("no product 'no-such-product'")


@pytest.mark.parametrize(
    ("query", "output", "expected"),
    [
        ("SELECT ?name WHERE { product:butler dmops:manager/foaf:name ?name }", "json",
         "Tim Jenness"),
        ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
         "csv", f"{D}graph/inferred,7929"),
        ("ASK { person:jennesst dmops:manages product:butler }", "xml", "<boolean>true</boolean>"),
        ("SELECT ?code WHERE { ?r a dmops:Post ; skos:notation ?code } ORDER BY ?code LIMIT 5",
         "tsv", '"3.10b.1"'),
    ],
)  # fmt: skip
def test_the_sparql_endpoint_gives_the_same_results(
    backends: Backends, query: str, output: str, expected: str
) -> None:
    answers = backends.get_all("/sparql", params={"query": _prefixed(query), "format": output})
    bodies = {name: response.text for name, response in answers.items()}
    assert all(response.status_code == 200 for response in answers.values()), bodies
    assert expected in bodies["memory"]
    assert bodies["oxigraph"] == bodies["memory"]
    assert bodies["sparql"] == bodies["memory"]


def test_construct_gives_the_same_graph(backends: Backends) -> None:
    query = _prefixed("CONSTRUCT { ?p dmops:manager ?m } WHERE { ?p dmops:manager ?m }")
    graphs = {
        name: Graph().parse(data=response.text, format="turtle")
        for name, response in backends.get_all("/sparql", params={"query": query}).items()
    }
    assert len(graphs["memory"]) > 10
    assert graphs["oxigraph"].isomorphic(graphs["memory"])
    assert graphs["sparql"].isomorphic(graphs["memory"])


def test_default_graph_uri_selects_the_stated_triples_everywhere(backends: Backends) -> None:
    ask = _prefixed("ASK { person:jennesst dmops:manages product:butler }")
    params = {"query": ask, "default-graph-uri": f"{D}graph/asserted"}
    for name, response in backends.get_all("/sparql", params=params).items():
        assert response.status_code == 200, (name, response.text)
        assert response.json()["boolean"] is False, name


def test_federation_and_updates_are_refused_everywhere(backends: Backends) -> None:
    federated = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    for name, response in backends.get_all("/sparql", params={"query": federated}).items():
        assert response.status_code == 400, name
        assert "federated queries are disabled" in response.text
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    for name, response in backends.post_all("/sparql", data={"update": update}).items():
        assert response.status_code == 403, name
    ask = "ASK { <urn:a> <urn:b> <urn:c> }"
    for name, response in backends.get_all("/sparql", params={"query": ask}).items():
        assert response.json()["boolean"] is False, name


def test_a_malformed_query_is_400_with_its_position_everywhere(backends: Backends) -> None:
    for name, response in backends.get_all("/sparql", params={"query": "SELECT * {"}).items():
        assert response.status_code == 400, name
        assert response.json()["detail"][0]["msg"].startswith("query syntax error at line 1")


def test_a_runaway_query_is_stopped_everywhere(backends: Backends) -> None:
    """The time limit of the test services (2 s; 6 s on rdflib); the workers are replaced and
    the service goes on."""
    for name, response in backends.get_all("/sparql", params={"query": CARTESIAN}).items():
        assert response.status_code == 503, (name, response.text)
        assert "ran out of time" in response.json()["detail"][0]["msg"]
    params = {"wbs": "wbs/3.2"}
    for name, response in backends.get_all("/queries/roles-in-wbs", params=params).items():
        assert response.status_code == 200, name


def test_the_remote_service_switches_release_on_reload(
    backends: Backends, published: Virtuoso, tmp_path_factory: pytest.TempPathFactory
) -> None:
    remote = backends.clients["sparql"]
    before = remote.get("/").json()["triples"]
    smaller = tmp_path_factory.mktemp("release") / "graph"
    smaller.mkdir()
    for path in default_files().asserted[1:]:
        if path.name != "glossary.ttl" and path.parent.name != "curated":
            (smaller / path.name).write_bytes(path.read_bytes())
    try:
        publish(default_files(smaller), published.update_url, published.auth)
        assert remote.get("/").json()["triples"] == before, "served until reloaded"
        reloaded = remote.post("/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
        assert reloaded.status_code == 200, reloaded.text
        assert remote.get("/").json()["triples"]["asserted"] < before["asserted"]
    finally:
        publish(default_files(), published.update_url, published.auth)
        remote.post("/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
    assert remote.get("/").json()["triples"] == before


def _prefixed(query: str) -> str:
    return "".join(f"PREFIX {n}: <{iri}>\n" for n, iri in PREFIXES.items()) + query
