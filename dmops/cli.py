"""The ``dmops`` command: build the graph, describe it and query it.

Errors in the user's input print one clear line on stderr and exit 2; no
traceback reaches the terminal for them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from dmops import __version__
from dmops.build import RELEASE, build_graphs, load_curated, write_graph
from dmops.errors import DmopsError
from dmops.namespaces import DMOPS, ONTOLOGY_IRI
from dmops.paths import GRAPH_DIR, graph_files
from dmops.sources.catalog import SOURCES_ENV, SourceCatalog
from dmops.sparql import FORMATS, render, run
from dmops.store import load, load_asserted


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        return command(args)
    except DmopsError as exc:
        print(f"dmops: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dmops", description="Rubin DM Operations knowledge graph (RTN-046)."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="regenerate graph/ from the sources")
    build.add_argument(
        "--sources",
        type=Path,
        help=f"the sources folder (default: ${SOURCES_ENV} or ../shared/sources)",
    )
    build.add_argument("--output", type=Path, default=GRAPH_DIR, help="where to write the graph")
    build.set_defaults(command=_build)

    info = commands.add_parser("info", help="counts per class, ontology version, source revision")
    info.set_defaults(command=_info)

    sparql = commands.add_parser("sparql", help="run a SPARQL query over the graph")
    query = sparql.add_mutually_exclusive_group(required=True)
    query.add_argument("query", nargs="?", help="the query text")
    query.add_argument("--file", type=Path, help="read the query from a file")
    sparql.add_argument("--format", choices=FORMATS, default="table", help="output format")
    sparql.add_argument(
        "--no-inference", action="store_true", help="query the asserted triples only"
    )
    sparql.set_defaults(command=_sparql)
    return parser


def _build(args: argparse.Namespace) -> int:
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


def _info(_: argparse.Namespace) -> int:
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


def _sparql(args: argparse.Namespace) -> int:
    text = args.query if args.query is not None else _read_query(args.file)
    knowledge = load(inference=not args.no_inference)
    graph = knowledge.union
    output = render(run(graph, text), args.format, graph)
    print(output, end="" if output.endswith("\n") else "\n")
    return 0


def _read_query(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DmopsError(f"cannot read query file {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise DmopsError(f"query file {path} is not UTF-8") from exc


if __name__ == "__main__":
    sys.exit(main())
