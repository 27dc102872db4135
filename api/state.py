"""What the service loads once at start: the graph files, counts, and the query workers."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from api.config import Settings
from api.pool import QueryPool
from dmops import __version__
from dmops.oxstore import ASSERTED_GRAPH, INFERRED_GRAPH, GraphFiles, open_store
from dmops.paths import graph_files
from dmops.reasoning import closure_file

RELEASE = "https://w3id.org/rubin/dmops/dataset"
REVISION = "https://w3id.org/rubin/dmops/ontology#sourceRevision"


@dataclass
class ServiceState:
    """The served graph's description and what answers queries about it.

    Free-form SPARQL runs in the pool's killable workers; the service's own fixed
    queries (canned queries, entity pages) run on ``store``, an in-process copy.
    """

    settings: Settings
    files: GraphFiles
    pool: QueryPool
    store: ox.Store
    triples_asserted: int
    triples_inferred: int
    revisions: list[str]
    load_seconds: float
    version: str = __version__

    @classmethod
    async def start(cls, settings: Settings) -> ServiceState:
        loaded = await _load(settings)
        return cls(settings=settings, **loaded)

    async def reload(self) -> None:
        """Load the graph again and swap it in whole; queries under way finish on the old one.

        The new workers are started before anything is swapped, so no request ever
        sees a half-loaded graph; the old workers stop once their queries are done.
        """
        async with _RELOADING:
            loaded = await _load(self.settings)
            old_pool = self.pool
            for name, value in loaded.items():
                setattr(self, name, value)
            await old_pool.drain(self.settings.query_timeout + 5)


_RELOADING = asyncio.Lock()


async def _load(settings: Settings) -> dict[str, Any]:
    """Everything a graph needs to be served: files, store, workers, counts, revisions."""
    started = time.perf_counter()
    paths = graph_files()
    files = GraphFiles(asserted=tuple(paths), inferred=await asyncio.to_thread(closure_file, paths))
    store = await asyncio.to_thread(open_store, files)
    pool = QueryPool(files, settings.workers, settings.max_waiting, settings.worker_memory_mb)
    await pool.start()
    return {
        "files": files,
        "pool": pool,
        "store": store,
        "triples_asserted": _count(store, ASSERTED_GRAPH),
        "triples_inferred": _count(store, INFERRED_GRAPH),
        "revisions": sorted(
            str(getattr(quad.object, "value", quad.object))
            for quad in store.quads_for_pattern(ox.NamedNode(RELEASE), ox.NamedNode(REVISION), None)
        ),
        "load_seconds": time.perf_counter() - started,
    }


def _count(store: ox.Store, graph: str) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
