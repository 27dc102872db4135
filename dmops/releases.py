"""How releases live in a SPARQL database: immutable graphs, and a list saying which is current.

A database cannot be trusted to switch two large graphs atomically for its
readers: Virtuoso commits a big update row by row, and its read-committed
isolation lets one query see rows from before and after a commit. So a release
is never changed once uploaded. Each lives in its own named graphs
(``…/graph/release/ID/asserted`` and ``…/inferred``); the graph ``RELEASES_GRAPH``
lists the releases with the time each was issued, and the newest is current.
Publishing adds one triple to that list: a reader sees the old release or the
new one, whatever the database's isolation. A reader resolves the current
release once (at start or reload) and keeps reading those graphs, which stay
until two newer releases exist.
"""

from __future__ import annotations

from dmops.namespaces import BASE

RELEASES_GRAPH = f"{BASE}graph/releases"
RELEASE_PREFIX = f"{BASE}graph/release/"
ISSUED = "http://purl.org/dc/terms/issued"
KEPT_RELEASES = 2
CURRENT = (
    f"SELECT ?release WHERE {{ GRAPH <{RELEASES_GRAPH}> {{ ?release <{ISSUED}> ?issued }} }} "
    "ORDER BY DESC(?issued) DESC(STR(?release))"
)


def release_iri(release: str) -> str:
    return f"{RELEASE_PREFIX}{release}"


def release_graph(release: str, served_graph: str) -> str:
    """Where a served graph (asserted, inferred) of a release is stored."""
    return f"{release_iri(release)}/{served_graph.rsplit('/', 1)[-1]}"


def release_id(iri: str) -> str:
    return iri.removeprefix(RELEASE_PREFIX)
