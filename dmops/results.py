"""SPARQL results from pyoxigraph, serialised with a row limit.

pyoxigraph serialises a whole result set or nothing; a service needs to stop at
its row limit and say so. The SPARQL 1.1 result formats (JSON, XML, CSV, TSV)
are small, so each is written here from pyoxigraph's terms, stopping after
``max_rows``; graphs (CONSTRUCT, DESCRIBE) go through pyoxigraph's own writers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from dmops.store import Answer, Term

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Serialised:
    """A serialised answer: bytes, media type, how many rows and whether it was cut."""

    body: bytes
    media_type: str
    rows: int
    truncated: bool


def serialise(result: Answer, form: str, max_rows: int) -> Serialised:
    """The result in ``form`` (a key of RESULT_TYPES or GRAPH_TYPES), at most max_rows rows."""
    if isinstance(result, ox.QueryBoolean):
        return _boolean(bool(result), form)
    if isinstance(result, ox.QuerySolutions):
        return _solutions(result, form, max_rows)
    return _graph(result, form, max_rows)


def _solutions(result: ox.QuerySolutions, form: str, max_rows: int) -> Serialised:
    names = [variable.value for variable in result.variables]
    rows = list(islice(result, max_rows + 1))
    truncated = len(rows) > max_rows
    rows = rows[:max_rows]
    writer = SOLUTION_WRITERS[form]
    body = writer(names, ([row[name] for name in names] for row in rows))
    return Serialised(body.encode("utf-8"), RESULT_TYPES[form], len(rows), truncated)


def _boolean(answer: bool, form: str) -> Serialised:
    if form == "xml":
        body = (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if answer else 'false'}</boolean></sparql>\n"
        )
    elif form == "json":
        body = json.dumps({"head": {}, "boolean": answer})
    else:
        body = f"_askResult\n{'true' if answer else 'false'}\n"
    return Serialised(body.encode("utf-8"), RESULT_TYPES[form], 1, False)


def _graph(result: Iterable[ox.Triple], form: str, max_rows: int) -> Serialised:
    triples = list(islice(result, max_rows + 1))
    truncated = len(triples) > max_rows
    triples = triples[:max_rows]
    media_type, rdf_format = GRAPH_TYPES[form]
    body = ox.serialize(triples, format=rdf_format) or b""
    return Serialised(body, media_type, len(triples), truncated)


def _json(names: list[str], rows: Iterator[list[Term | None]]) -> str:
    bindings = [
        {
            name: _json_term(value)
            for name, value in zip(names, row, strict=True)
            if value is not None
        }
        for row in rows
    ]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}})


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    encoded: dict[str, object] = {"type": "literal", "value": term.value}
    if term.language:
        encoded["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        encoded["datatype"] = term.datatype.value
    return encoded


def write_xml(names: list[str], rows: Iterator[list[Term | None]]) -> str:
    out = [
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>',
        *(f"<variable name={quoteattr(name)}/>" for name in names),
        "</head><results>",
    ]
    for row in rows:
        out.append("<result>")
        for name, value in zip(names, row, strict=True):
            if value is not None:
                out.append(f"<binding name={quoteattr(name)}>{_xml_term(value)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out)


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        parts = zip(("subject", "predicate", "object"), term, strict=True)
        return "<triple>" + "".join(f"<{n}>{_xml_term(t)}</{n}>" for n, t in parts) + "</triple>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _csv(names: list[str], rows: Iterator[list[Term | None]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if value is None else _csv_term(value) for value in row])
    return buffer.getvalue()


def _csv_term(term: Term) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def _tsv(names: list[str], rows: Iterator[list[Term | None]]) -> str:
    lines = ["\t".join(f"?{name}" for name in names)]
    lines.extend("\t".join("" if value is None else str(value) for value in row) for row in rows)
    return "\n".join(lines) + "\n"


SOLUTION_WRITERS: dict[str, Callable[[list[str], Iterator[list[Term | None]]], str]] = {
    "json": _json,
    "xml": write_xml,
    "csv": _csv,
    "tsv": _tsv,
}
