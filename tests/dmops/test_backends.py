"""The three store backends give identical answers: rdflib (the reference), pyoxigraph
and a real SPARQL database (Virtuoso, with the graph published by ``dmops publish``)."""

from __future__ import annotations

import time

import pyoxigraph as ox
import pytest

from dmops.errors import QueryError
from dmops.namespaces import PREFIXES
from dmops.queries import CannedQuery, load_queries, rows, run
from dmops.sparql import run as run_sparql
from dmops.store import (
    ASSERTED_GRAPH,
    INFERRED_GRAPH,
    STATED,
    Dataset,
    Store,
    Triples,
    store_spec,
)
from tests.conftest import Virtuoso
from tests.support import Listener

QUERIES = load_queries()
BACKENDS = ("memory", "oxigraph", "sparql")
D = "https://w3id.org/rubin/dmops/"
BUTLER = ox.NamedNode(f"{D}product/butler")
MANAGER = ox.NamedNode(f"{D}ontology#manager")


@pytest.fixture(scope="module")
def stores(request: pytest.FixtureRequest, published: Virtuoso) -> dict[str, Store]:
    """Each backend opened as the CLI and the service open it."""
    request.getfixturevalue("knowledge")
    return {
        "memory": store_spec("memory").open(),
        "oxigraph": store_spec("oxigraph").open(),
        "sparql": store_spec(published.store).open(),
    }


@pytest.mark.parametrize("query", QUERIES.values(), ids=list(QUERIES))
def test_every_canned_query_answers_the_same_on_every_backend(
    stores: dict[str, Store], query: CannedQuery
) -> None:
    arguments = query.example_arguments()
    answers = {name: rows(run(store, query, arguments)) for name, store in stores.items()}
    assert answers["memory"], f"{query.name} has no rows for its example: a weak comparison"
    assert answers["oxigraph"] == answers["memory"]
    assert answers["sparql"] == answers["memory"]


def test_counts_and_quads_are_the_same(stores: dict[str, Store]) -> None:
    counts = {
        name: (s.count(ASSERTED_GRAPH), s.count(INFERRED_GRAPH)) for name, s in stores.items()
    }
    assert set(counts.values()) == {counts["memory"]}
    assert counts["memory"][0] > 30_000 and counts["memory"][1] > 5_000
    for store in stores.values():
        found = store.quads(BUTLER, MANAGER, None)
        assert [(str(q.object), q.graph_name.value) for q in found] == [  # type: ignore[union-attr]
            (f"<{D}person/jennesst>", ASSERTED_GRAPH)
        ]


def test_stated_and_inferred_are_told_apart_everywhere(stores: dict[str, Store]) -> None:
    """person:jennesst dmops:manages product:butler is inferred (inverse of manager)."""
    ask = "ASK { person:jennesst dmops:manages product:butler }"
    for name, store in stores.items():
        assert bool(store.query(ask, prefixes=PREFIXES)), name
        assert not bool(store.query(ask, STATED, prefixes=PREFIXES)), name
        only_inferred = Dataset(default_graphs=(INFERRED_GRAPH,))
        assert bool(store.query(ask, only_inferred, prefixes=PREFIXES)), name


def test_graph_clause_ranges_over_the_served_graphs_only(stores: dict[str, Store]) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    for store in stores.values():
        answer = store.query(query)
        assert isinstance(answer, ox.QuerySolutions)
        assert [str(row["g"]) for row in answer] == [f"<{ASSERTED_GRAPH}>", f"<{INFERRED_GRAPH}>"]


def test_construct_gives_the_same_triples(stores: dict[str, Store]) -> None:
    query = "CONSTRUCT { ?p dmops:manager ?m } WHERE { ?p dmops:manager ?m }"
    graphs = {}
    for name, store in stores.items():
        answer = store.query(query, prefixes=PREFIXES)
        assert isinstance(answer, Triples | ox.QueryTriples)
        graphs[name] = {str(triple) for triple in answer}
    assert len(graphs["memory"]) > 10
    assert graphs["oxigraph"] == graphs["memory"] == graphs["sparql"]


def test_a_malformed_query_says_where_on_every_backend(stores: dict[str, Store]) -> None:
    """The remote backend parses with pyoxigraph before sending: the same message as
    the embedded default; rdflib (the reference) counts columns its own way."""
    messages = {}
    for name, store in stores.items():
        with pytest.raises(QueryError) as caught:
            run_sparql(store, "SELECT ?s WHERE {\n  ?s ?p }")
        messages[name] = str(caught.value).split(":")[0]
    assert messages["sparql"] == messages["oxigraph"] == "query syntax error at line 2, column 10"
    assert messages["memory"].startswith("query syntax error at line 2, column ")


@pytest.mark.parametrize("backend", BACKENDS)
def test_literals_keep_their_datatype_and_language(stores: dict[str, Store], backend: str) -> None:
    query = (
        "SELECT ?fte ?text ?label WHERE { ?a dmops:fte ?fte ; dmops:sourceText ?text . "
        "OPTIONAL { ?a dmops:assignedTo/rdfs:label ?label } } ORDER BY ?text"
    )
    answer = stores[backend].query(query, prefixes=PREFIXES)
    reference = stores["memory"].query(query, prefixes=PREFIXES)
    assert isinstance(answer, ox.QuerySolutions) and isinstance(reference, ox.QuerySolutions)
    got = [tuple(map(str, row)) for row in answer]
    assert got == [tuple(map(str, row)) for row in reference]
    assert ('"0.5"^^<http://www.w3.org/2001/XMLSchema#decimal>', '"0.5 Andy S"') in {
        row[:2] for row in got
    }


@pytest.mark.parametrize(
    "call",
    [
        'PREFIX bif: <bif:> SELECT (bif:http_get("{url}/x") AS ?page) WHERE {{}}',
        'SELECT (<bif:http_get>("{url}/x") AS ?page) WHERE {{}}',
        'SELECT ?x WHERE {{ BIND(<sql:anything>("{url}") AS ?x) }}',
    ],
)
def test_extension_functions_never_reach_the_database(stores: dict[str, Store], call: str) -> None:
    """Virtuoso's bif:http_get fetches any URL for an anonymous reader: never forwarded."""
    listener = Listener()
    try:
        with pytest.raises(ValueError, match="is not sent to the database"):
            stores["sparql"].query(call.format(url=listener.url))
        time.sleep(0.2)
        assert listener.connections == 0
    finally:
        listener.close()


def test_blank_nodes_in_answers_read_back(stores: dict[str, Store]) -> None:
    query = "CONSTRUCT { _:x rdfs:seeAlso ?t } WHERE { product:butler a ?t }"
    for name, store in stores.items():
        answer = store.query(query, prefixes=PREFIXES)
        assert isinstance(answer, Triples | ox.QueryTriples)
        triples = list(answer)
        assert triples, name
        assert all(isinstance(triple.subject, ox.BlankNode) for triple in triples), name


def test_a_function_the_database_lacks_is_a_clear_refusal(stores: dict[str, Store]) -> None:
    """Virtuoso 7 has no BNODE(): its own message comes back as an evaluation error."""
    with pytest.raises(ValueError, match="the SPARQL database refused the query"):
        stores["sparql"].query("SELECT (BNODE() AS ?b) WHERE { }")


def test_a_query_with_from_sees_no_other_graph(stores: dict[str, Store]) -> None:
    """FROM without FROM NAMED: GRAPH ?g ranges over nothing (not the database's graphs)."""
    query = f"SELECT DISTINCT ?g FROM <{ASSERTED_GRAPH}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    stated = f"SELECT (COUNT(*) AS ?n) FROM <{ASSERTED_GRAPH}> WHERE {{ ?s ?p ?o }}"
    for name, store in stores.items():
        dataset = Dataset(own_dataset=True)
        answer = store.query(query, dataset)
        assert isinstance(answer, ox.QuerySolutions)
        assert list(answer) == [], name
        counted = store.query(stated, dataset)
        assert isinstance(counted, ox.QuerySolutions)
        assert int(next(iter(counted))["n"].value) == store.count(ASSERTED_GRAPH), name
