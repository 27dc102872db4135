"""The ``dmops`` command: build the graph, describe it and query it.

Errors in the user's input print one clear line on stderr and exit 2; no
traceback reaches the terminal for them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from dmops import __version__
from dmops.errors import DmopsError
from dmops.paths import GRAPH_DIR, SOURCES_ENV

REPORT_FORMATS = ("text", "json", "turtle", "junit", "sarif")
QUERY_FORMATS = ("table", "json", "csv", "tsv")
SPARQL_FORMATS = ("table", "json", "csv", "turtle")
SEVERITIES = ("violation", "warning", "info")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return _command(args.command)(args)
    except DmopsError as exc:
        print(f"dmops: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    """``module:function`` of dmops.commands, imported now that it is needed."""
    module, function = name.split(":")
    command: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(f"dmops.commands.{module}"), function
    )
    return command


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
    build.set_defaults(command="graph:build")

    info = commands.add_parser("info", help="counts per class, ontology version, source revision")
    info.set_defaults(command="graph:info")

    sparql = commands.add_parser("sparql", help="run a SPARQL query over the graph")
    query = sparql.add_mutually_exclusive_group(required=True)
    query.add_argument("query", nargs="?", help="the query text")
    query.add_argument("--file", type=Path, help="read the query from a file")
    sparql.add_argument("--format", choices=SPARQL_FORMATS, default="table", help="output format")
    sparql.add_argument(
        "--no-inference", action="store_true", help="query the asserted triples only"
    )
    _add_store_option(sparql)
    sparql.set_defaults(command="query:sparql")
    _add_validate(commands)
    _add_serve(commands)
    _add_query(commands)
    _add_publish(commands)
    return parser


def _add_publish(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    publish = commands.add_parser(
        "publish",
        help="upload the graph and its closure to a SPARQL 1.1 database",
        description="Upload the stated triples and the OWL-RL closure as the named graphs "
        "the service serves, replacing the previous release in one atomic step. The "
        "password of --user is read from $DMOPS_PUBLISH_PASSWORD.",
    )
    publish.add_argument("--to", required=True, metavar="URL", help="the SPARQL Update endpoint")
    publish.add_argument("--user", help="a user allowed to write (default: none)")
    publish.add_argument(
        "--auth", choices=("basic", "digest"), default="basic", help="HTTP authentication scheme"
    )
    publish.add_argument("--graph-dir", type=Path, help="the graph folder to publish")
    publish.set_defaults(command="publish:run")


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
    canned.set_defaults(command="query:canned")


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
    serve.set_defaults(command="serve:run")


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
        choices=SEVERITIES,
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
    validate.set_defaults(command="validate:run")


if __name__ == "__main__":
    sys.exit(main())
