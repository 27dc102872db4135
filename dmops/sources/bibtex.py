"""lsst-texmf's bibliography (``lsst.bib``): every Rubin document with a handle.

Each document gets its handle, title, authors (verbatim, in order), year and
URL. Authors become ``dcterms:creator`` links to person nodes for RTN-046 and
the documents it mentions, and for any other document whose author the graph
already holds; the verbatim author list is kept for all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pybtex.database import BibliographyData, Person, parse_string
from pybtex.scanner import PybtexError
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, XSD

from dmops.errors import SourceError
from dmops.namespaces import DMOPS, entity
from dmops.sources.catalog import SourceFile
from dmops.sources.context import BuildContext, cite, label
from dmops.sources.latex import to_text

BIBLIOGRAPHY = "lsst-texmf/lsst.bib"
ENTRY_START = re.compile(r"^@\w+\{([^,\s]+),", re.MULTILINE)
MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


@dataclass(frozen=True)
class BibDocument:
    handle: str
    title: str
    authors: tuple[str, ...]
    year: str | None
    month: int | None
    url: str | None
    document_type: str | None
    line: int

    @property
    def series(self) -> str:
        return self.handle.rsplit("-", 1)[0]


def read_bibliography(source: SourceFile) -> dict[str, BibDocument]:
    """Documents by handle; entries without a handle (DOI records of data sets) are skipped."""
    text = source.read_text()
    try:
        data: BibliographyData = parse_string(text, "bibtex")
    except PybtexError as exc:
        raise SourceError(
            f"malformed BibTeX: {exc}", source.path, getattr(exc, "lineno", None)
        ) from exc
    lines = {
        match.group(1): text.count("\n", 0, match.start()) + 1
        for match in ENTRY_START.finditer(text)
    }
    documents = {}
    for key, entry in data.entries.items():
        handle = entry.fields.get("handle")
        if not handle:
            continue
        month = entry.fields.get("month", "").strip().lower()
        documents[handle] = BibDocument(
            handle=handle,
            title=to_text(entry.fields.get("title", "")),
            authors=tuple(_name(person) for person in entry.persons.get("author", ())),
            year=entry.fields.get("year"),
            month=MONTHS.get(month) or (int(month) if month.isdigit() else None),
            url=entry.fields.get("url"),
            document_type=to_text(entry.fields["type"]) if "type" in entry.fields else None,
            line=lines.get(key, 0),
        )
    return documents


def _name(person: Person) -> str:
    """ "Family, Given" in plain text; a braced collective name stays whole."""
    family = to_text(" ".join(person.prelast_names + person.last_names))
    given = to_text(" ".join(person.first_names + person.middle_names))
    return f"{family}, {given}" if given else family


def ingest_bibliography(
    ctx: BuildContext, documents: dict[str, BibDocument], linked: set[str]
) -> Graph:
    """Every document; authors of ``linked`` documents always become nodes."""
    source = ctx.catalog.file(BIBLIOGRAPHY)
    for handle in sorted(linked & documents.keys()):
        for author in documents[handle].authors:
            where = str(source.iri(documents[handle].line))
            ctx.persons.resolve(author, where, collective="," not in author)
    graph = Graph()
    for handle in sorted(documents):
        document = documents[handle]
        node = entity("document", handle)
        graph.add((node, RDF.type, DMOPS.Document))
        graph.add((node, DCTERMS.identifier, Literal(handle)))
        graph.add((node, DCTERMS.title, Literal(document.title)))
        label(graph, node, f"{handle}: {document.title}")
        graph.add((node, DMOPS.series, Literal(document.series)))
        if document.document_type:
            graph.add((node, DMOPS.documentType, Literal(document.document_type)))
        if document.authors:
            graph.add((node, DMOPS.authorNames, Literal("; ".join(document.authors))))
        if issued := _issued(document):
            graph.add((node, DCTERMS.issued, issued))
        if document.url:
            graph.add((node, FOAF.page, URIRef(document.url)))
        cite(graph, node, source, document.line, source.iri())
        for author in document.authors:
            person = ctx.persons.known(author)
            if person is not None:
                graph.add((node, DCTERMS.creator, ctx.person_iri(person)))
    return graph


def _issued(document: BibDocument) -> Literal | None:
    if not document.year or not document.year.isdigit():
        return None
    if document.month:
        return Literal(f"{document.year}-{document.month:02d}", datatype=XSD.gYearMonth)
    return Literal(document.year, datatype=XSD.gYear)
