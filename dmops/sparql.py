"""Running SPARQL over any store and printing results for a terminal or a script."""

from __future__ import annotations

import re
import sys
from typing import Literal as TypingLiteral

import pyoxigraph as ox

from dmops.errors import QueryError
from dmops.namespaces import PREFIXES
from dmops.results import serialise
from dmops.store import STATED, UNION, Answer, Store, Term

OutputFormat = TypingLiteral["table", "json", "csv", "turtle"]
FORMATS: tuple[OutputFormat, ...] = ("table", "json", "csv", "turtle")
SYNTAX_ERROR = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)
DETAIL_LIMIT = 160


def syntax_message(error: str) -> str:
    """pyoxigraph's syntax error with the position spelled out and its long token lists cut."""
    match = SYNTAX_ERROR.match(error)
    if match is None:
        return f"query syntax error: {_shorten(error)}"
    line, column, detail = match.groups()
    return f"query syntax error at line {line}, column {column}: {_shorten(detail)}"


def _shorten(detail: str) -> str:
    detail = " ".join(detail.split())
    return detail if len(detail) <= DETAIL_LIMIT else detail[:DETAIL_LIMIT].rstrip() + "…"


def run(store: Store, text: str, inference: bool = True) -> Answer:
    """The answer over stated + inferred triples (or the stated ones), prefixes predeclared."""
    try:
        return store.query(text, UNION if inference else STATED, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QueryError(_with_caret(syntax_message(str(exc)), text)) from exc
    except (ValueError, OSError) as exc:
        raise QueryError(f"query failed: {exc}") from exc


def _with_caret(message: str, text: str) -> str:
    match = re.search(r"at line (\d+), column (\d+)", message)
    if match is None:
        return message
    line, column = int(match.group(1)), int(match.group(2))
    lines = text.splitlines() or [""]
    shown = lines[min(line, len(lines)) - 1]
    return f"{message}\n  {shown}\n  {' ' * max(column - 1, 0)}^"


def render(answer: Answer, output: OutputFormat) -> str:
    """The answer in the requested format; graph answers only as Turtle."""
    if isinstance(answer, ox.QueryBoolean):
        if output == "turtle":
            raise QueryError("--format turtle is for CONSTRUCT and DESCRIBE queries")
        if output == "json":
            return serialise(answer, "json", 1).body.decode("utf-8")
        return "true" if answer else "false"
    if not isinstance(answer, ox.QuerySolutions):
        return (
            ox.serialize(list(answer), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
        ).decode("utf-8")
    if output == "turtle":
        raise QueryError("--format turtle is for CONSTRUCT and DESCRIBE queries")
    if output in ("json", "csv"):
        return serialise(answer, output, sys.maxsize - 1).body.decode("utf-8")
    return _table(answer)


def _table(answer: ox.QuerySolutions) -> str:
    names = [variable.value for variable in answer.variables]
    rows = [[_cell(solution[name]) for name in names] for solution in answer]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(names)]
    lines = [
        "  ".join(name.ljust(width) for name, width in zip(names, widths, strict=True)),
        "  ".join("-" * width for width in widths),
        *("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows),
    ]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(line.rstrip() for line in lines)


def _cell(value: Term | None) -> str:
    if value is None:
        return ""
    if isinstance(value, ox.NamedNode):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
            if value.value.startswith(namespace):
                return f"{prefix}:{value.value.removeprefix(namespace)}"
        return str(value)
    if isinstance(value, ox.BlankNode):
        return str(value)
    if isinstance(value, ox.Literal):
        return value.value
    return str(value)
