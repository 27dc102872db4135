"""The ``dmops`` command: build the graph, describe it and query it.

Errors in the user's input print one clear line on stderr and exit 2; no
traceback reaches the terminal for them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import uvicorn
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from dmops import __version__
from dmops.build import RELEASE, build_graphs, load_curated, write_graph
from dmops.ci_formats import render_junit, render_sarif
from dmops.errors import DmopsError
from dmops.graphio import load_asserted
from dmops.knowledge import load
from dmops.locate import Locator
from dmops.namespaces import DMOPS, ONTOLOGY_IRI
from dmops.paths import GRAPH_DIR, ONTOLOGY_FILE, PROJECT_ROOT, graph_files
from dmops.queries import (
    expected_answer,
    expected_file,
    load_queries,
    render_rows,
    rows,
)
from dmops.queries import run as run_canned
from dmops.reporting import read_baseline, render_json, render_text, render_turtle, write_baseline
from dmops.sources.catalog import SOURCES_ENV, SourceCatalog
from dmops.sparql import FORMATS, render, run
from dmops.store import store_spec
from dmops.validation import Report, Severity, load_shapes, validate

REPORT_FORMATS = ("text", "json", "turtle", "junit", "sarif")
QUERY_FORMATS = ("table", "json", "csv", "tsv")
SERVICE_APP = "api.main:create_app"
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


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
    _add_store_option(sparql)
    sparql.set_defaults(command=_sparql)
    _add_validate(commands)
    _add_serve(commands)
    _add_query(commands)
    return parser


def _add_query(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    canned = commands.add_parser(
        "query",
        help="run a canned query (queries/*.rq)",
        description="Run a canned query with typed parameters; --list shows them all.",
    )
    canned.add_argument("name", nargs="?", help="the query's name")
    canned.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="a parameter value"
    )
    canned.add_argument("--format", choices=QUERY_FORMATS, default="table")
    canned.add_argument("--list", action="store_true", help="list the canned queries")
    canned.add_argument(
        "--write-expected",
        action="store_true",
        help="record every query's answer to its example in queries/expected/",
    )
    _add_store_option(canned)
    canned.set_defaults(command=_query)


def _add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="STORE",
        help="memory (rdflib), oxigraph (default) or sparql+http://HOST:PORT/PATH of a SPARQL "
        "1.1 database (default: $DMOPS_STORE)",
    )


def _add_serve(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve",
        help="start the SPARQL service on the embedded graph",
        description="Options override the DMOPS_* environment variables of the same name.",
    )
    serve.add_argument("--host", help="interface to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8000)")
    serve.add_argument("--query-timeout", type=float, help="seconds before a query is stopped")
    serve.add_argument("--max-rows", type=int, help="rows a result may hold")
    serve.add_argument("--workers", type=int, help="query worker processes")
    _add_store_option(serve)
    serve.add_argument("--graph-dir", type=Path, help="the graph folder an embedded store loads")
    serve.set_defaults(command=_serve)


def _add_validate(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate = commands.add_parser(
        "validate",
        help="check the graph against the plan's rules (SHACL)",
        description="Exit 0 when the graph conforms, 1 when it does not, 2 when an input "
        "cannot be read or a shape is malformed.",
    )
    validate.add_argument(
        "--data",
        action="append",
        help="a local Turtle file to check instead of graph/ (repeatable; the ontology is "
        "always included)",
    )
    validate.add_argument(
        "--shapes", action="append", help="a local shapes file (default: shapes/)"
    )
    validate.add_argument("--format", choices=REPORT_FORMATS, default="text")
    validate.add_argument(
        "--fail-on",
        choices=[severity.name.lower() for severity in Severity],
        default="violation",
        help="the least severity that fails the check (default: violation)",
    )
    validate.add_argument("--baseline", type=Path, help="accept the findings listed in FILE")
    validate.add_argument(
        "--write-baseline", type=Path, metavar="FILE", help="record today's findings in FILE"
    )
    validate.add_argument("--output", type=Path, help="write the report to FILE, not stdout")
    validate.add_argument(
        "--no-inference", action="store_true", help="check the stated triples only"
    )
    validate.set_defaults(command=_validate)


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
    store = store_spec(args.store).open()
    output = render(run(store, text, inference=not args.no_inference), args.format)
    print(output, end="" if output.endswith("\n") else "\n")
    return 0


def _query(args: argparse.Namespace) -> int:
    registry = load_queries()
    if args.list:
        for query in registry.values():
            parameters = " ".join(f"--param {p.name}=<{p.type}>" for p in query.parameters)
            print(f"{query.name:26} {query.summary}" + (f"  [{parameters}]" if parameters else ""))
        return 0
    store = store_spec(args.store).open()
    if args.write_expected:
        for query in registry.values():
            path = expected_file(query)
            path.parent.mkdir(exist_ok=True)
            answer = expected_answer(store, query)
            path.write_text(
                json.dumps(answer, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            print(f"{path}: {len(answer['rows'])} rows")
        return 0
    if args.name not in registry:
        raise DmopsError(
            f"no canned query {args.name!r}; the queries: {', '.join(registry)}"
            if args.name
            else "name a query, or use --list"
        )
    query = registry[args.name]
    arguments = dict(_pair(text) for text in args.param)
    print(render_rows(rows(run_canned(store, query, arguments)), args.format), end="")
    return 0


def _pair(text: str) -> tuple[str, str]:
    name, equals, value = text.partition("=")
    if not equals:
        raise DmopsError(f"--param takes NAME=VALUE, not {text!r}")
    return name.strip(), value


def _serve(args: argparse.Namespace) -> int:
    """Run the web service; the app is imported by name, so dmops never imports api."""
    store_spec(args.store, args.graph_dir, inference=False)
    for option in ("host", "port", "query_timeout", "max_rows", "workers", "store", "graph_dir"):
        value = getattr(args, option)
        if value is not None:
            os.environ[f"DMOPS_{option.upper()}"] = str(value)
    host = os.environ.get("DMOPS_HOST", "127.0.0.1")
    port = int(os.environ.get("DMOPS_PORT", "8000"))
    print(f"dmops: serving the graph at http://{host}:{port}/ (SPARQL at /sparql, API at /docs)")
    uvicorn.run(SERVICE_APP, factory=True, host=host, port=port, log_level="info")
    return 0


def _validate(args: argparse.Namespace) -> int:
    data_paths = _local_files(args.data, "--data")
    shape_paths = _local_files(args.shapes, "--shapes")
    paths = [ONTOLOGY_FILE, *data_paths] if data_paths else graph_files()
    shapes = load_shapes(shape_paths or None)
    knowledge = load(paths, inference=not args.no_inference)
    report = validate(knowledge.union, shapes)
    if args.baseline:
        report.accepted = read_baseline(args.baseline)
    threshold = Severity[args.fail_on.upper()]
    if args.write_baseline:
        write_baseline(report, args.write_baseline)
        print(f"recorded {len(report.findings)} findings in {args.write_baseline}")
        return 0
    _emit(_render_report(report, args.format, threshold, paths), args.output)
    return 1 if report.fails(threshold) else 0


def _local_files(names: list[str] | None, option: str) -> list[Path]:
    """Files named on the command line; URLs are refused, nothing is ever fetched."""
    for name in names or []:
        if URL.match(name):
            raise DmopsError(f"{option} takes local files, not URLs: {name}")
        if not Path(name).is_file():
            raise DmopsError(f"{option}: no such file: {name}")
    return [Path(name) for name in names or []]


def _render_report(report: Report, output: str, threshold: Severity, paths: list[Path]) -> str:
    if output == "json":
        return render_json(report, threshold)
    if output == "turtle":
        return render_turtle(report)
    if output == "junit":
        return render_junit(report, threshold)
    if output == "sarif":
        return render_sarif(report, threshold, Locator.from_files(paths, PROJECT_ROOT))
    return render_text(report, threshold)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        print(text, end="" if text.endswith("\n") else "\n")
        return
    try:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise DmopsError(f"cannot write {output}: {exc.strerror}") from exc


def _read_query(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DmopsError(f"cannot read query file {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise DmopsError(f"query file {path} is not UTF-8") from exc


if __name__ == "__main__":
    sys.exit(main())
