"""Publishing a release to a SPARQL 1.1 database, replacing the last one atomically.

The stated triples (ontology + graph) and the OWL-RL closure are uploaded with
SPARQL 1.1 Update into the release's own graphs (``dmops.releases``), which no
reader uses yet, and checked by count. Then one triple added to the release list
makes it current: a reader sees the old release or the new one, never a mix.
(Moving the graphs in place is not atomic for readers: on Virtuoso a reader saw
half-moved graphs, and a test keeps checking this.) Releases older than the
last two are then removed. Only standard SPARQL 1.1 is used, so Virtuoso,
Fuseki and GraphDB all serve.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from dmops.backends.oxigraph import OxigraphStore, load_files
from dmops.backends.remote import FORM
from dmops.backends.remote import RESULTS_ACCEPT as RESULTS
from dmops.errors import DmopsError
from dmops.releases import (
    CURRENT,
    ISSUED,
    KEPT_RELEASES,
    RELEASES_GRAPH,
    release_graph,
    release_id,
    release_iri,
)
from dmops.store import SERVED_GRAPHS, GraphFiles

XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"
CHUNK_TRIPLES = 1_000  # Virtuoso's SPARQL compiler runs out of memory near 5,000


class PublishError(DmopsError):
    """The database refused or failed part of a publish; the served release is unchanged
    unless the message says the switch was made."""


@dataclass(frozen=True)
class Published:
    """What a publish did: the release, triples per served graph, seconds per step."""

    release: str
    triples: dict[str, int]
    upload_seconds: float
    switch_seconds: float
    removed: list[str]


def publish(files: GraphFiles, update_url: str, auth: httpx.Auth | None = None) -> Published:
    """Upload ``files`` as a new release of the database behind ``update_url``, make it
    current, and remove the releases older than the last two."""
    store = load_files(files)
    _refuse_blank_nodes(store)
    release = f"{files.content_key()[:16]}-{time.time_ns()}"
    expected = {graph: OxigraphStore(store).count(graph) for graph in SERVED_GRAPHS}
    stored = {release_graph(release, graph): count for graph, count in expected.items()}
    with httpx.Client(auth=auth, timeout=600, trust_env=False) as client:
        started = time.perf_counter()
        _select(client, update_url, "SELECT * WHERE { } LIMIT 0", named=())
        for graph in SERVED_GRAPHS:
            for chunk in _chunks(store, graph):
                _update(client, update_url, _insert(release_graph(release, graph), chunk))
        _check_counts(client, update_url, stored)
        uploaded = time.perf_counter()
        _update(client, update_url, _issue(release))
        switched = time.perf_counter()
        removed = _remove_old_releases(client, update_url)
    return Published(release, expected, uploaded - started, switched - uploaded, removed)


def _refuse_blank_nodes(store: ox.Store) -> None:
    """Chunks are separate requests, and a blank node is local to one: refuse them upfront."""
    for quad in store.quads_for_pattern(None, None, None):
        if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
            raise PublishError(
                f"the graph holds a blank node ({quad.triple}); a release is uploaded in "
                "several requests, which would split it: name the node with an IRI"
            )


def _chunks(store: ox.Store, graph: str) -> Iterator[list[ox.Triple]]:
    quads = store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    triples = (quad.triple for quad in quads)
    while chunk := list(islice(triples, CHUNK_TRIPLES)):
        yield chunk


def _insert(graph: str, triples: list[ox.Triple]) -> str:
    """INSERT DATA with the triples written by pyoxigraph (N-Triples syntax, its escaping)."""
    body = "\n".join(f"{triple} ." for triple in triples)
    return f"INSERT DATA {{ GRAPH {ox.NamedNode(graph)} {{\n{body}\n}} }}"


def _issue(release: str) -> str:
    """The one triple that makes a release current."""
    issued = ox.Literal(datetime.now(UTC).isoformat(), datatype=ox.NamedNode(XSD_DATETIME))
    triple = f"{ox.NamedNode(release_iri(release))} {ox.NamedNode(ISSUED)} {issued}"
    return f"INSERT DATA {{ GRAPH {ox.NamedNode(RELEASES_GRAPH)} {{ {triple} }} }}"


def _remove_old_releases(client: httpx.Client, url: str) -> list[str]:
    """Drop the releases behind the last KEPT_RELEASES: first from the list, then their graphs
    (a reader that resolved one of the kept releases finds its graphs)."""
    answer = _select(client, url, CURRENT, named=(RELEASES_GRAPH,))
    releases = [release_id(row["release"].value) for row in answer]
    old = releases[KEPT_RELEASES:]
    for release in old:
        iri = ox.NamedNode(release_iri(release))
        graphs = " ;\n".join(
            f"DROP SILENT GRAPH {ox.NamedNode(release_graph(release, graph))}"
            for graph in SERVED_GRAPHS
        )
        listed = f"DELETE WHERE {{ GRAPH {ox.NamedNode(RELEASES_GRAPH)} {{ {iri} ?p ?o }} }}"
        _update(client, url, f"{listed} ;\n{graphs}")
    return old


def _update(client: httpx.Client, url: str, update: str) -> None:
    try:
        response = client.post(url, data={"update": update})
    except httpx.HTTPError as exc:
        raise PublishError(f"cannot reach the SPARQL database at {url}: {exc}") from exc
    _refused(url, response)
    if not response.is_success:
        text = " ".join(response.text.split())[:300]
        raise PublishError(f"the SPARQL database at {url} answered {response.status_code}: {text}")


def _refused(url: str, response: httpx.Response) -> None:
    if response.status_code in (401, 403):
        raise PublishError(
            f"the SPARQL database at {url} refused the update ({response.status_code}): "
            "give a user with write access (--user, and the password in DMOPS_PUBLISH_PASSWORD)"
        )


def _select(
    client: httpx.Client, url: str, query: str, named: tuple[str, ...]
) -> list[ox.QuerySolution]:
    """A SELECT through the update endpoint (which answers queries too), with the writer's
    credentials: the releases just written, before any reader can see them. The first
    one, with no body to speak of, also settles HTTP digest authentication before the
    uploads (httpx would send a large body once unauthenticated)."""
    form = [("query", query), *(("named-graph-uri", iri) for iri in named)]
    try:
        response = client.post(
            url, content=urlencode(form), headers={"Accept": RESULTS, "Content-Type": FORM}
        )
    except httpx.HTTPError as exc:
        raise PublishError(f"cannot reach the SPARQL database at {url}: {exc}") from exc
    _refused(url, response)
    if not response.is_success:
        raise PublishError(f"the SPARQL database at {url} answered {response.status_code}")
    answer = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.XML)
    assert isinstance(answer, ox.QuerySolutions)
    return list(answer)


def _check_counts(client: httpx.Client, url: str, expected: dict[str, int]) -> None:
    for graph, count in expected.items():
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}"
        (row,) = _select(client, url, query, named=(graph,))
        found = int(row["n"].value)
        if found != count:
            raise PublishError(f"{graph} holds {found} triples in the database; {count} were sent")
