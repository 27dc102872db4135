"""``dmops sparql`` and ``dmops query``: free-form SPARQL and canned queries, on any store."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dmops.errors import DmopsError
from dmops.queries import expected_answer, expected_file, load_queries, render_rows, rows
from dmops.queries import run as run_canned
from dmops.sparql import render, run
from dmops.store import store_spec


def sparql(args: argparse.Namespace) -> int:
    text = args.query if args.query is not None else _read_query(args.file)
    store = store_spec(args.store).open()
    output = render(run(store, text, inference=not args.no_inference), args.format)
    print(output, end="" if output.endswith("\n") else "\n")
    return 0


def canned(args: argparse.Namespace) -> int:
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


def _read_query(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DmopsError(f"cannot read query file {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise DmopsError(f"query file {path} is not UTF-8") from exc
