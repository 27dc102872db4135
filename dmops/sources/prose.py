"""RTN-046's prose (``latex/*.tex``): its title page, citations and document handles.

Citation commands (``\\citeds{DMTN-189}``) are what RTN-046 cites: its reference
list. Handles written in the text without a citation (``ITTN-00``) are
mentions; every handle is kept as text so that one no document has is visible.
Facts the prose states about facilities and staffing are curated Turtle in
``graph/curated/`` (each citing its section), not parsed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF

from dmops.errors import SourceError
from dmops.namespaces import DMOPS, entity
from dmops.sources.bibtex import BibDocument
from dmops.sources.catalog import SourceFile
from dmops.sources.context import RTN046, BuildContext, cite
from dmops.sources.latex import Mention, handle_mentions, strip_comments, to_text

MAIN_FILE = "RTN-046.tex"
SELF_HANDLE = "RTN-046"
COMMAND = r"\\{name}\s*\{{((?:[^{{}}]|\{{[^{{}}]*\}})*)\}}"
HISTORY = re.compile(r"\\addtohist\{([^}]*)\}\{([^}]*)\}\{([^}]*)\}\{([^}]*)\}")


@dataclass(frozen=True)
class TitlePage:
    title: str
    authors: tuple[str, ...]
    handle: str
    version: str | None
    date: str | None
    line: int


def read_title_page(source: SourceFile) -> TitlePage:
    """Title, authors, handle and latest change record of the main LaTeX file."""
    text = strip_comments(source.read_text())

    def command(name: str) -> re.Match[str]:
        match = re.search(COMMAND.format(name=name), text)
        if match is None:
            raise SourceError(f"no \\{name}{{...}} in the main file", source.path)
        return match

    title = command("title")
    authors = to_text(command("author").group(1))
    history = HISTORY.findall(text)
    return TitlePage(
        title=to_text(title.group(1)),
        authors=tuple(name.strip() for name in re.split(r",| and ", authors) if name.strip()),
        handle=to_text(command("setDocRef").group(1)),
        version=history[-1][0] if history else None,
        date=history[-1][1] if history else None,
        line=text.count("\n", 0, title.start()) + 1,
    )


def prose_files(ctx: BuildContext) -> list[SourceFile]:
    """Every LaTeX file of RTN-046, tables included, in name order."""
    folder = ctx.catalog.root / "rtn-046/latex"
    return [
        ctx.catalog.rtn046(str(path.relative_to(folder))) for path in sorted(folder.rglob("*.tex"))
    ]


def read_mentions(ctx: BuildContext) -> list[tuple[SourceFile, Mention]]:
    return [
        (source, mention)
        for source in prose_files(ctx)
        for mention in handle_mentions(source)
        if mention.handle != SELF_HANDLE
    ]


def ingest_prose(ctx: BuildContext, documents: dict[str, BibDocument]) -> tuple[Graph, set[str]]:
    """RTN-046's node with authors, citations and mentions; returns the handles it names."""
    graph = Graph()
    main = ctx.catalog.rtn046(MAIN_FILE)
    page = read_title_page(main)
    graph.add((RTN046, RDF.type, DMOPS.Document))
    cite(graph, RTN046, main, page.line, RTN046)
    for author in page.authors:
        person = ctx.persons.resolve(author, str(main.iri(page.line)))
        if person is not None:
            graph.add((RTN046, DCTERMS.creator, ctx.person_iri(person)))
    handles = set()
    for source, mention in read_mentions(ctx):
        handles.add(mention.handle)
        graph.add((RTN046, DMOPS.mentionsHandle, Literal(mention.handle)))
        if mention.handle not in documents:
            continue
        target = entity("document", mention.handle)
        graph.add((RTN046, DMOPS.mentions, target))
        if mention.cited:
            graph.add((RTN046, DMOPS.cites, target))
        graph.add((RTN046, DCTERMS.source, source.iri(mention.line)))
    return graph, handles
