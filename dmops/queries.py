"""Canned queries: ``queries/*.rq`` files with a grlc-style ``#+`` YAML header.

A header gives the summary, description, tags and typed parameters (type iri,
string, integer or enum; for an iri the class its value must have; a default
and an example). Parameter values are bound to the query's variables as RDF
terms written by pyoxigraph into a VALUES block, never pasted into its text, so
no value can change what the query means. The queries run on any store backend.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from dmops.errors import DmopsError
from dmops.namespaces import BASE, PREFIXES
from dmops.paths import QUERIES_DIR
from dmops.sparql_guard import code_of
from dmops.store import Store

PARAM_TYPES = ("iri", "string", "integer", "enum")
NAME = re.compile(r"^[a-z][a-z0-9-]*$")


class QueryDefinitionError(DmopsError):
    """A canned query file whose header or text is wrong."""


class ParameterError(DmopsError):
    """A parameter value a canned query cannot take; says which values it can."""


@dataclass(frozen=True)
class Parameter:
    """One typed parameter of a canned query."""

    name: str
    type: str
    description: str = ""
    class_iri: str | None = None
    values: tuple[str, ...] = ()
    default: str | None = None
    example: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class CannedQuery:
    """A query file: its name, header and text."""

    name: str
    summary: str
    description: str
    tags: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    text: str
    path: Path
    pagination: int | None = None
    header: dict[str, Any] = field(default_factory=dict, compare=False)

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        raise ParameterError(
            f"query {self.name!r} has no parameter {name!r}; "
            f"its parameters: {', '.join(p.name for p in self.parameters) or 'none'}"
        )

    def example_arguments(self) -> dict[str, str]:
        return {
            p.name: p.example or p.default or "" for p in self.parameters if p.example or p.default
        }


def load_queries(folder: Path = QUERIES_DIR) -> dict[str, CannedQuery]:
    """Every canned query in the folder, by name (the file name without .rq)."""
    queries = {}
    for path in sorted(folder.glob("*.rq")):
        query = read_query(path)
        queries[query.name] = query
    return queries


def read_query(path: Path) -> CannedQuery:
    text = path.read_text(encoding="utf-8")
    header_lines = [
        line[2:].removeprefix(" ") for line in text.splitlines() if line.startswith("#+")
    ]
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#+")).strip()
    name = path.stem
    if not NAME.match(name):
        raise QueryDefinitionError(f"{path}: a query name is lower-case words joined by hyphens")
    try:
        header = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as exc:
        raise QueryDefinitionError(f"{path}: malformed #+ header: {exc}") from exc
    if not isinstance(header, dict) or not header.get("summary"):
        raise QueryDefinitionError(f"{path}: the #+ header needs a summary")
    parameters = tuple(
        _parameter(path, key, spec) for key, spec in (header.get("params") or {}).items()
    )
    for parameter in parameters:
        if not re.search(rf"[?$]{re.escape(parameter.name)}\b", body):
            raise QueryDefinitionError(f"{path}: parameter {parameter.name!r} is not a variable")
    return CannedQuery(
        name=name,
        summary=str(header["summary"]),
        description=str(header.get("description", "")),
        tags=tuple(str(tag) for tag in header.get("tags") or ()),
        parameters=parameters,
        text=body,
        path=path,
        pagination=header.get("pagination"),
        header=header,
    )


def _parameter(path: Path, name: object, spec: object) -> Parameter:
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_]\w*", name):
        raise QueryDefinitionError(f"{path}: parameter {name!r} is not a variable name")
    if not isinstance(spec, dict) or spec.get("type") not in PARAM_TYPES:
        raise QueryDefinitionError(
            f"{path}: parameter {name!r} needs a type, one of {', '.join(PARAM_TYPES)}"
        )
    class_name = spec.get("class")
    return Parameter(
        name=name,
        type=spec["type"],
        description=str(spec.get("description", "")),
        class_iri=expand(class_name) if class_name else None,
        values=tuple(str(value) for value in spec.get("enum") or ()),
        default=None if spec.get("default") is None else str(spec["default"]),
        example=None if spec.get("example") is None else str(spec["example"]),
    )


def expand(name: str) -> str:
    """A prefixed name (dmops:Product) or an entity path (product/butler) as a full IRI."""
    if "://" in name:
        return name
    prefix, colon, local = name.partition(":")
    if colon and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return BASE + name


def bind(store: Store, query: CannedQuery, arguments: dict[str, str]) -> dict[ox.Variable, Any]:
    """The parameter values as RDF terms, checked against their types and classes."""
    for name in arguments:
        query.parameter(name)
    bindings: dict[ox.Variable, Any] = {}
    for parameter in query.parameters:
        value = arguments.get(parameter.name, parameter.default)
        if value is None:
            raise ParameterError(
                f"query {query.name!r} needs the parameter {parameter.name!r}"
                + (f" (for example {parameter.example!r})" if parameter.example else "")
            )
        bindings[ox.Variable(parameter.name)] = _term(store, parameter, value)
    return bindings


def _term(store: Store, parameter: Parameter, value: str) -> Any:
    if parameter.type == "integer":
        if not re.fullmatch(r"[+-]?\d{1,18}", value.strip()):
            raise ParameterError(f"parameter {parameter.name!r} takes an integer, not {value!r}")
        return ox.Literal(
            value.strip(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
        )
    if parameter.type == "enum":
        if value not in parameter.values:
            raise ParameterError(
                f"parameter {parameter.name!r} takes one of {', '.join(parameter.values)}, "
                f"not {value!r}"
            )
        return ox.Literal(value)
    if parameter.type == "string":
        return ox.Literal(value)
    return _iri(store, parameter, value)


def _iri(store: Store, parameter: Parameter, value: str) -> ox.NamedNode:
    try:
        node = ox.NamedNode(expand(value.strip()))
    except ValueError as exc:
        raise ParameterError(f"parameter {parameter.name!r}: {value!r} is not an IRI") from exc
    if parameter.class_iri and not store.query(
        f"ASK {{ {node} a {ox.NamedNode(parameter.class_iri)} }}"
    ):
        raise ParameterError(
            f"parameter {parameter.name!r}: {value!r} is not a {_short(parameter.class_iri)} "
            f"of the graph (for example {parameter.example!r})"
        )
    return node


def _short(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri.removeprefix(namespace)}"
    return iri


def run(store: Store, query: CannedQuery, arguments: dict[str, str]) -> ox.QuerySolutions:
    """The query's solutions for these arguments, over the union of stated and inferred."""
    result = store.query(with_values(query.text, bind(store, query, arguments)), prefixes=PREFIXES)
    assert isinstance(result, ox.QuerySolutions)
    return result


def with_values(text: str, bindings: dict[ox.Variable, Any]) -> str:
    """The query with a VALUES block binding the parameters first in its WHERE group.

    Each value is an RDF term written by pyoxigraph (N-Triples syntax, with its own
    escaping), never the caller's text: a quote, ``>`` or ``}`` in a value stays
    inside the literal. (pyoxigraph's substitutions only bind projected variables.)
    """
    if not bindings:
        return text
    names = " ".join(str(variable) for variable in bindings)
    values = " ".join(str(term) for term in bindings.values())
    brace = where_brace(text)
    return f"{text[: brace + 1]}\n  VALUES ({names}) {{ ({values}) }}{text[brace + 1 :]}"


def where_brace(text: str) -> int:
    """The offset of the brace that opens the query's WHERE group."""
    code = code_of(text).upper()
    keyword = re.search(r"\bWHERE\b", code) or re.search(r"\bSELECT\b", code)
    brace = code.find("{", keyword.end()) if keyword else -1
    if brace < 0:
        raise QueryDefinitionError("a canned query is a SELECT with a WHERE group")
    return brace


def expected_file(query: CannedQuery) -> Path:
    return query.path.parent / "expected" / f"{query.name}.json"


def expected_answer(store: Store, query: CannedQuery) -> dict[str, Any]:
    """What the query answers for its example arguments: the golden file's content."""
    arguments = query.example_arguments()
    return {"arguments": arguments, "rows": rows(run(store, query, arguments))}


def rows(result: ox.QuerySolutions) -> list[dict[str, str]]:
    """Solutions as plain objects: variable name -> value (IRIs and literals as text)."""
    names = [variable.value for variable in result.variables]
    return [
        {name: solution[name].value for name in names if solution[name] is not None}
        for solution in result
    ]


def render_rows(table: list[dict[str, str]], output: str) -> str:
    """Rows as an aligned table, a JSON list of objects, CSV or TSV."""
    if output == "json":
        return json.dumps(table, indent=2, ensure_ascii=False) + "\n"
    names = list(dict.fromkeys(name for row in table for name in row))
    if output in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if output == "csv" else "\t", lineterminator="\n")
        writer.writerow(names)
        writer.writerows([row.get(name, "") for name in names] for row in table)
        return buffer.getvalue()
    cells = [[_shorten(row.get(name, "")) for name in names] for row in table]
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(names)]
    lines = [
        "  ".join(name.ljust(width) for name, width in zip(names, widths, strict=True)).rstrip()
    ]
    lines.append("  ".join("-" * width for width in widths))
    lines.extend(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in cells
    )
    lines.append(f"({len(table)} row{'s' if len(table) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _shorten(value: str) -> str:
    """An IRI of the graph in its prefixed form, for a readable table."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if value.startswith(namespace):
            return f"{prefix}:{value.removeprefix(namespace)}"
    return value
