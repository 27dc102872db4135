"""The knowledge graph in rdflib: asserted triples, inferred triples and their union.

rdflib is what pySHACL validates and what ``dmops info`` counts with; queries go
through ``dmops.store`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph

from dmops.graphio import load_asserted
from dmops.namespaces import bind_prefixes
from dmops.paths import graph_files
from dmops.rdfterms import to_rdflib
from dmops.reasoning import cached_inference
from dmops.store import ASSERTED_GRAPH, INFERRED_GRAPH, Store


@dataclass
class KnowledgeGraph:
    """Ontology + graph as stated, and what OWL-RL adds to it."""

    asserted: Graph
    inferred: Graph
    files: list[Path] = field(default_factory=list)

    @cached_property
    def union(self) -> Graph:
        """Stated and inferred triples together: what queries see by default."""
        graph = bind_prefixes(Graph())
        graph += self.asserted
        graph += self.inferred
        return graph


def load(paths: list[Path] | None = None, inference: bool = True) -> KnowledgeGraph:
    """The default graph files (or the given ones), with the cached OWL-RL closure."""
    paths = paths or graph_files()
    asserted = load_asserted(paths)
    inferred = cached_inference(asserted, paths) if inference else Graph()
    return KnowledgeGraph(asserted=asserted, inferred=inferred, files=paths)


def from_store(store: Store) -> KnowledgeGraph:
    """The served graphs of any store, copied into rdflib (for a database with no files here)."""
    asserted, inferred = bind_prefixes(Graph()), Graph()
    for quad in store.quads(None, None, None):
        graph = str(quad.graph_name)[1:-1]
        target = asserted if graph == ASSERTED_GRAPH else inferred
        if graph in (ASSERTED_GRAPH, INFERRED_GRAPH):
            target.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))  # type: ignore[arg-type]
    return KnowledgeGraph(asserted=asserted, inferred=inferred)
