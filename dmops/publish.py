"""Publishing a release to a SPARQL 1.1 database, replacing the last one atomically.

The stated triples (ontology + graph) and the OWL-RL closure are uploaded with
SPARQL 1.1 Update into staging graphs, which no reader of ours ever names, and
checked by count. Then one Update request moves each staging graph onto its
served name (``MOVE``). SPARQL 1.1 Update asks a service to run one request
atomically, and the databases we target do: a reader sees the old release or
the new one, never a mix. Only standard SPARQL 1.1 is used, so Virtuoso, Fuseki
and GraphDB all serve.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

import httpx
import pyoxigraph as ox

from dmops.backends.oxigraph import load_files
from dmops.backends.remote import RemoteStore
from dmops.errors import DmopsError
from dmops.namespaces import BASE
from dmops.store import SERVED_GRAPHS, GraphFiles

CHUNK_TRIPLES = 1_000
STAGING_PREFIX = f"{BASE}graph/staging/"


class PublishError(DmopsError):
    """The database refused or failed part of a publish; the served release is unchanged
    unless the message says the switch was made."""


@dataclass(frozen=True)
class Published:
    """What a publish did: triples per served graph, and the seconds each step took."""

    triples: dict[str, int]
    upload_seconds: float
    switch_seconds: float


def staging_graph(graph: str) -> str:
    return STAGING_PREFIX + graph.rsplit("/", 1)[-1]


def publish(files: GraphFiles, update_url: str, auth: httpx.Auth | None = None) -> Published:
    """Upload ``files`` as the served graphs of the database behind ``update_url``."""
    store = load_files(files)
    expected = {graph: _count(store, graph) for graph in SERVED_GRAPHS}
    with httpx.Client(auth=auth, timeout=600, trust_env=False) as client:
        started = time.perf_counter()
        _update(client, update_url, _drop_staging())
        for graph in SERVED_GRAPHS:
            for chunk in _chunks(store, graph):
                _update(client, update_url, _insert(staging_graph(graph), chunk))
        _check_counts(update_url, auth, {staging_graph(g): n for g, n in expected.items()})
        uploaded = time.perf_counter()
        _update(client, update_url, _switch(expected))
        switched = time.perf_counter()
    _check_counts(update_url, auth, expected)
    return Published(expected, uploaded - started, switched - uploaded)


def _count(store: ox.Store, graph: str) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def _chunks(store: ox.Store, graph: str) -> Iterator[list[ox.Triple]]:
    quads = store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    triples = (quad.triple for quad in quads)
    while chunk := list(islice(triples, CHUNK_TRIPLES)):
        for triple in chunk:
            if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
                raise PublishError(
                    f"the graph holds a blank node ({triple}); a release is published in "
                    "chunks, which would split it: name the node with an IRI"
                )
        yield chunk


def _drop_staging() -> str:
    return " ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(staging_graph(g))}" for g in SERVED_GRAPHS)


def _insert(graph: str, triples: list[ox.Triple]) -> str:
    """INSERT DATA with the triples written by pyoxigraph (N-Triples syntax, its escaping)."""
    body = "\n".join(f"{triple} ." for triple in triples)
    return f"INSERT DATA {{ GRAPH {ox.NamedNode(graph)} {{\n{body}\n}} }}"


def _switch(expected: dict[str, int]) -> str:
    """One request: each staging graph moved onto its served name (an empty one dropped)."""
    operations = [
        f"MOVE SILENT {ox.NamedNode(staging_graph(graph))} TO {ox.NamedNode(graph)}"
        if count
        else f"DROP SILENT GRAPH {ox.NamedNode(graph)}"
        for graph, count in expected.items()
    ]
    return " ;\n".join(operations)


def _update(client: httpx.Client, url: str, update: str) -> None:
    try:
        response = client.post(url, data={"update": update})
    except httpx.HTTPError as exc:
        raise PublishError(f"cannot reach the SPARQL database at {url}: {exc}") from exc
    if response.status_code in (401, 403):
        raise PublishError(
            f"the SPARQL database at {url} refused the update ({response.status_code}): "
            "give a user with write access (--user, and the password in DMOPS_PUBLISH_PASSWORD)"
        )
    if not response.is_success:
        text = " ".join(response.text.split())[:300]
        raise PublishError(f"the SPARQL database at {url} answered {response.status_code}: {text}")


def _check_counts(url: str, auth: httpx.Auth | None, expected: dict[str, int]) -> None:
    store = RemoteStore(url, auth=auth)
    for graph, count in expected.items():
        found = store.count(graph)
        if found != count:
            raise PublishError(f"{graph} holds {found} triples in the database; {count} were sent")
