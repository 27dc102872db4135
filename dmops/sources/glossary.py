"""Rubin's glossary (``glossarydefs.csv``) and RTN-046's acronym table (``acronyms.tex``).

Each term is one ``dmops:Term``; the glossary's definitions and the acronym
table's are kept apart (``dmops:glossaryDefinition``, ``dmops:documentDefinition``),
and a term whose acronym-table definition is none of the glossary's is marked
with ``dmops:definitionConflict true``.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from dmops.errors import SourceError
from dmops.identity import fold
from dmops.namespaces import DMOPS, entity
from dmops.sources.catalog import SourceFile
from dmops.sources.context import RTN046, BuildContext, cite, label
from dmops.sources.latex import table_rows, to_text, unbrace

GLOSSARY = "lsst-texmf/glossarydefs.csv"
ACRONYMS = "acronyms.tex"
COLUMNS = ("Term", "Description", "Subsystem Tags")


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    subsystems: tuple[str, ...]
    alternatives: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Acronym:
    term: str
    definition: str
    line: int


def read_glossary(source: SourceFile) -> list[GlossaryEntry]:
    """Glossary rows; a missing column or a row without a term is an error with its line."""
    reader = csv.DictReader(io.StringIO(source.read_text(), newline=""), restkey="")
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or ())]
    if missing:
        raise SourceError(f"glossary lacks the column(s) {', '.join(missing)}", source.path, 1)
    entries = []
    start = reader.line_num + 1
    try:
        for row in reader:
            if "" in row or None in row.values():
                raise SourceError(
                    "malformed CSV: the row does not have the header's"
                    f" {len(reader.fieldnames or ())} fields (an unterminated quote?)",
                    source.path,
                    start,
                )
            term = (row.get("Term") or "").strip()
            if not term:
                raise SourceError("glossary row has no term", source.path, start)
            entries.append(
                GlossaryEntry(
                    term=term,
                    definition=to_text(row.get("Description") or ""),
                    subsystems=tuple((row.get("Subsystem Tags") or "").split()),
                    alternatives=_alternatives(
                        row.get("Associated Acronyms and Alternative Terms")
                    ),
                    line=start,
                )
            )
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SourceError(f"malformed CSV: {exc}", source.path, reader.line_num) from exc
    return entries


def _alternatives(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split(",") if part.strip())


def read_acronyms(source: SourceFile) -> list[Acronym]:
    return [
        Acronym(
            term=to_text(unbrace(row.cells[0])), definition=to_text(row.cells[1]), line=row.line
        )
        for row in table_rows(source, 2)
    ]


def term_iri(term: str) -> URIRef:
    return entity("term", term.replace(" ", "_"))


def ingest_glossary(ctx: BuildContext) -> Graph:
    glossary_source = ctx.catalog.file(GLOSSARY)
    acronym_source = ctx.catalog.rtn046(ACRONYMS)
    graph = Graph()
    definitions: dict[str, set[str]] = defaultdict(set)
    for entry in read_glossary(glossary_source):
        node = _term(graph, entry.term)
        definitions[entry.term].add(fold(entry.definition))
        if entry.definition:
            graph.add((node, DMOPS.glossaryDefinition, Literal(entry.definition)))
        for subsystem in entry.subsystems:
            graph.add((node, DMOPS.subsystem, Literal(subsystem)))
        for alternative in entry.alternatives:
            graph.add((node, SKOS.altLabel, Literal(alternative)))
        cite(graph, node, glossary_source, entry.line, glossary_source.iri())
    for acronym in read_acronyms(acronym_source):
        node = _term(graph, acronym.term)
        graph.add((node, DMOPS.documentDefinition, Literal(acronym.definition)))
        graph.add((node, DMOPS.acronymIn, RTN046))
        graph.add((node, PROV.wasDerivedFrom, RTN046))
        graph.add((node, DCTERMS.source, acronym_source.iri(acronym.line)))
        known = definitions.get(acronym.term)
        if known:
            conflict = fold(acronym.definition) not in known
            graph.add((node, DMOPS.definitionConflict, Literal(conflict, datatype=XSD.boolean)))
    return graph


def _term(graph: Graph, term: str) -> URIRef:
    node = term_iri(term)
    graph.add((node, RDF.type, DMOPS.Term))
    graph.add((node, SKOS.prefLabel, Literal(term)))
    graph.add((node, SKOS.inScheme, DMOPS.Glossary))
    label(graph, node, term)
    return node
