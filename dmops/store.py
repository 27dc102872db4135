"""One store interface, three backends: what every query in the project goes through.

The CLI, the canned queries, the entity pages and the SPARQL endpoint ask a
``Store`` for SPARQL answers and quads; whether the triples live in rdflib
(``memory``, the reference), in pyoxigraph (``oxigraph``, the default) or in a
SPARQL 1.1 database (``sparql+http://…``) is chosen once, by ``DMOPS_STORE`` or
``--store``. Every backend answers with pyoxigraph terms, so the code above it
has one shape of result to handle.

The served dataset is the same everywhere: the stated triples (ontology + graph)
in the named graph ``ASSERTED_GRAPH``, the OWL-RL closure in ``INFERRED_GRAPH``,
and by default their union as the default graph.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from dmops.errors import DmopsError
from dmops.namespaces import BASE
from dmops.paths import GRAPH_DIR, graph_files

ASSERTED_GRAPH = f"{BASE}graph/asserted"
INFERRED_GRAPH = f"{BASE}graph/inferred"
SERVED_GRAPHS = (ASSERTED_GRAPH, INFERRED_GRAPH)
DEFAULT_STORE = "oxigraph"
REMOTE_SCHEMES = ("sparql+http://", "sparql+https://")

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Subject = ox.NamedNode | ox.BlankNode | ox.Triple


class Triples:
    """A graph answer (CONSTRUCT, DESCRIBE) as pyoxigraph triples, from any backend."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self._triples = iter(triples)

    def __iter__(self) -> Iterator[ox.Triple]:
        return self._triples


Answer = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | Triples


def quad(subject: Term, predicate: Term, value: Term, graph: str) -> ox.Quad:
    """A quad of a served graph from terms a backend read back (checked, not trusted)."""
    if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
        raise ValueError(f"not a triple: {subject} {predicate} {value}")
    return ox.Quad(subject, predicate, value, ox.NamedNode(graph))


@dataclass(frozen=True)
class Dataset:
    """Which graphs a query sees: SPARQL's dataset, as the protocol or the query sets it.

    ``default_graphs``/``named_graphs`` come from the protocol's ``default-graph-uri``
    and ``named-graph-uri`` (None: not given). ``own_dataset`` means the query names
    its dataset with FROM / FROM NAMED. Otherwise the default graph is the union
    of the served graphs.
    """

    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    own_dataset: bool = False

    @property
    def union(self) -> bool:
        return self.default_graphs is None and not self.own_dataset


UNION = Dataset()
STATED = Dataset(default_graphs=(ASSERTED_GRAPH,))


class Store(Protocol):
    """What the project asks of a backend; every answer is in pyoxigraph terms."""

    backend: str

    def query(
        self,
        text: str,
        dataset: Dataset = UNION,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> Answer:
        """The query's answer; SyntaxError for a malformed query, ValueError for one that
        cannot be evaluated, OSError when the store cannot be reached."""
        ...

    def quads(
        self, subject: Subject | None, predicate: ox.NamedNode | None, value: Term | None
    ) -> list[ox.Quad]:
        """The served quads matching a pattern (None matches anything)."""
        ...

    def count(self, graph: str) -> int:
        """How many triples the named graph holds."""
        ...


@dataclass(frozen=True)
class GraphFiles:
    """The files an embedded backend loads: stated Turtle files and the cached closure."""

    asserted: tuple[Path, ...]
    inferred: Path | None

    def sources(self) -> list[tuple[Path, str]]:
        pairs = [(path, ASSERTED_GRAPH) for path in self.asserted]
        if self.inferred is not None:
            pairs.append((self.inferred, INFERRED_GRAPH))
        return pairs

    def content_key(self, salt: str = "") -> str:
        """A hash of the files' names, target graphs and bytes: what a release is."""
        digest = hashlib.sha256(salt.encode())
        for path, graph in self.sources():
            digest.update(f"{path.name}\0{graph}\0".encode())
            with path.open("rb") as stream:
                for block in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(block)
        return digest.hexdigest()[:24]


@dataclass(frozen=True)
class StoreSpec:
    """A store to open, small enough to hand to a worker process."""

    backend: str
    files: GraphFiles | None = None
    endpoint: str | None = None
    timeout: float = 60.0
    folder: Path | None = None
    release: str | None = None

    def pinned(self, store: Store) -> StoreSpec:
        """This spec fixed to what ``store`` opened: its on-disk folder or its release.

        The service opens its store once and hands the pinned spec to its workers, so
        they neither hash the graph files again nor see a newer release than it does.
        """
        return replace(
            self, folder=getattr(store, "folder", None), release=getattr(store, "release", None)
        )

    def open(self) -> Store:
        """Load (embedded) or connect to (remote) the store."""
        if self.backend == "memory":
            from dmops.backends.memory import MemoryStore

            assert self.files is not None
            return MemoryStore.load(self.files)
        if self.backend == "oxigraph":
            from dmops.backends.oxigraph import OxigraphStore

            if self.folder is not None:
                return OxigraphStore.open(self.folder)
            assert self.files is not None
            return OxigraphStore.load(self.files)
        from dmops.backends.remote import RemoteStore

        assert self.endpoint is not None
        return RemoteStore(self.endpoint, self.timeout, release=self.release)


def store_spec(
    text: str | None = None, graph_dir: Path | None = None, inference: bool = True
) -> StoreSpec:
    """The store named by ``text`` (else $DMOPS_STORE, else oxigraph) over ``graph_dir``.

    An embedded backend needs the graph files and their closure (computed once and
    cached); a remote one only its endpoint's URL.
    """
    name = (text or os.environ.get("DMOPS_STORE") or DEFAULT_STORE).strip()
    if name.startswith(REMOTE_SCHEMES):
        return StoreSpec(backend="sparql", endpoint=name.removeprefix("sparql+"))
    if name not in ("memory", "oxigraph"):
        raise DmopsError(
            f"unknown store {name!r}: use memory, oxigraph or sparql+http://HOST:PORT/PATH"
        )
    return StoreSpec(backend=name, files=default_files(graph_dir, inference))


def default_files(graph_dir: Path | None = None, inference: bool = True) -> GraphFiles:
    """The ontology and graph files (of ``graph_dir`` or $DMOPS_GRAPH_DIR) and their closure."""
    folder = graph_dir or Path(os.environ.get("DMOPS_GRAPH_DIR", GRAPH_DIR))
    if not folder.is_dir():
        raise DmopsError(f"no graph folder at {folder}")
    paths = graph_files(folder)
    from dmops.reasoning import closure_file  # owlrl and rdflib load only when needed

    return GraphFiles(asserted=tuple(paths), inferred=closure_file(paths) if inference else None)
