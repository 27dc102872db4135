"""What the service loads once at start: the graph files, counts, and the query workers."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, replace
from typing import Any

import pyoxigraph as ox

from api.config import Settings
from api.pool import QueryPool
from dmops import __version__
from dmops.store import ASSERTED_GRAPH, INFERRED_GRAPH, Store, StoreSpec, store_spec

RELEASE = "https://w3id.org/rubin/dmops/dataset"
REVISION = "https://w3id.org/rubin/dmops/ontology#sourceRevision"


@dataclass
class ServiceState:
    """The served graph's description and what answers queries about it.

    Free-form SPARQL runs in the pool's killable workers; the service's own fixed
    queries (canned queries, entity pages) run on ``store``, opened in this process
    (an in-memory copy, or a connection to the database for a remote backend).
    """

    settings: Settings
    spec: StoreSpec
    pool: QueryPool
    store: Store
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
    """Everything a graph needs to be served: store, workers, counts, revisions."""
    started = time.perf_counter()
    spec = await asyncio.to_thread(store_spec, settings.store, settings.graph_dir)
    spec = replace(spec, timeout=settings.query_timeout)
    store = await asyncio.to_thread(spec.open)
    spec = spec.pinned(store)
    pool = QueryPool(spec, settings.workers, settings.max_waiting, settings.worker_memory_mb)
    await pool.start()
    return {
        "spec": spec,
        "pool": pool,
        "store": store,
        "triples_asserted": await asyncio.to_thread(store.count, ASSERTED_GRAPH),
        "triples_inferred": await asyncio.to_thread(store.count, INFERRED_GRAPH),
        "revisions": await asyncio.to_thread(_revisions, store),
        "load_seconds": time.perf_counter() - started,
    }


def _revisions(store: Store) -> list[str]:
    quads = store.quads(ox.NamedNode(RELEASE), ox.NamedNode(REVISION), None)
    return sorted(str(getattr(quad.object, "value", quad.object)) for quad in quads)
