"""``dmops build`` and ``dmops info``: regenerate graph/ and describe it."""

from __future__ import annotations

import argparse

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from dmops import __version__
from dmops.build import RELEASE, build_graphs, load_curated, write_graph
from dmops.graphio import load_asserted
from dmops.namespaces import DMOPS, ONTOLOGY_IRI
from dmops.paths import graph_files
from dmops.sources.catalog import SourceCatalog


def build(args: argparse.Namespace) -> int:
    catalog = SourceCatalog.open(args.sources)
    result = build_graphs(catalog, load_curated(args.output / "curated"))
    written = write_graph(result, args.output)
    total = sum(len(graph) for graph in result.files.values())
    print(f"built {total} triples in {len(result.files)} files from {', '.join(result.revisions)}")
    for path in written:
        print(f"  wrote {path}")
    if not written:
        print("  graph/ is up to date")
    return 0


def info(_: argparse.Namespace) -> int:
    asserted = load_asserted(graph_files())
    print(f"dmops {__version__}")
    print(f"ontology: {ONTOLOGY_IRI} version {asserted.value(ONTOLOGY_IRI, OWL.versionInfo)}")
    for revision in sorted(str(value) for value in asserted.objects(RELEASE, DMOPS.sourceRevision)):
        print(f"source revision: {revision}")
    print(f"triples asserted: {len(asserted)}")
    print("instances per class:")
    for name, count in _class_counts(asserted):
        print(f"  {count:6d}  {name}")
    return 0


def _class_counts(graph: Graph) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for _, kind in graph.subject_objects(RDF.type):
        if isinstance(kind, URIRef) and not str(kind).startswith(str(OWL)):
            name = kind.n3(graph.namespace_manager)
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
