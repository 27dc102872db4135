"""Running SPARQL over the graph and printing results for a terminal or a script."""

from __future__ import annotations

import io
import json
from typing import Literal as TypingLiteral

from pyparsing import ParseException
from rdflib import Graph, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result

from dmops.errors import QueryError
from dmops.namespaces import PREFIXES

OutputFormat = TypingLiteral["table", "json", "csv", "turtle"]
FORMATS: tuple[OutputFormat, ...] = ("table", "json", "csv", "turtle")


def prepare(text: str) -> Query:
    """A parsed query with the project's prefixes predeclared; syntax errors say where."""
    try:
        return prepareQuery(text, initNs=dict(PREFIXES))
    except ParseException as exc:
        raise QueryError(
            f"query syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}\n"
            f"  {exc.line}\n  {' ' * (exc.col - 1)}^"
        ) from exc
    except Exception as exc:  # rdflib raises bare exceptions for unknown prefixes and the like
        raise QueryError(f"invalid query: {exc}") from exc


def run(graph: Graph, text: str) -> Result:
    query = prepare(text)
    try:
        return graph.query(query)
    except Exception as exc:  # evaluation errors are the query's, not ours
        raise QueryError(f"query failed: {exc}") from exc


def render(result: Result, output: OutputFormat, graph: Graph) -> str:
    """The result in the requested format; graph results only as Turtle or a table."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        constructed = Graph(namespace_manager=graph.namespace_manager)
        constructed += result.graph
        return constructed.serialize(format="turtle")
    if output == "turtle":
        raise QueryError("--format turtle is for CONSTRUCT and DESCRIBE queries")
    if result.type == "ASK":
        return (
            json.dumps({"head": {}, "boolean": result.askAnswer})
            if output == "json"
            else ("true" if result.askAnswer else "false")
        )
    if output in ("json", "csv"):
        buffer = io.BytesIO()
        result.serialize(buffer, format=output)
        return buffer.getvalue().decode("utf-8")
    return _table(result, graph)


def _table(result: Result, graph: Graph) -> str:
    names = [str(variable) for variable in result.vars or ()]
    rows = [
        [_cell(row[index], graph) for index in range(len(names))]  # type: ignore[index]
        for row in result
    ]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(names)]
    lines = [
        "  ".join(name.ljust(width) for name, width in zip(names, widths, strict=True)),
        "  ".join("-" * width for width in widths),
        *("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows),
    ]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(line.rstrip() for line in lines)


def _cell(value: object, graph: Graph) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef):
        return value.n3(graph.namespace_manager)
    return str(value)
