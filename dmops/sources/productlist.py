"""RTN-046's products table (``latex/productlist.tex``): product, manager, owner, notes.

Manager cells hold a name, a name with "?" (tentative), "TBD", "?" or nothing.
Owner cells read "Y (name)" or "? (name)" (tentative) or "Y (N/ A)". Every
cell becomes a qualified assignment that keeps the verbatim text; only a
confirmed person also gets the direct ``dmops:manager``/``dmops:owner`` link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, RDFS, SKOS

from dmops.identity import is_placeholder, is_tentative, slug
from dmops.namespaces import DMOPS, entity
from dmops.sources.catalog import SourceFile
from dmops.sources.context import RTN046, BuildContext, cite, compact, label
from dmops.sources.latex import table_rows, to_text, unbrace

PRODUCT_LIST = "productlist.tex"
OWNER_CELL = re.compile(r"^(?P<flag>Y|\?)\s*\((?P<name>[^)]*)\)$")


@dataclass(frozen=True)
class ProductRow:
    name: str
    manager: str
    owner: str
    notes: str
    line: int

    @property
    def key(self) -> str:
        return slug(self.name)


@dataclass(frozen=True)
class Holder:
    """A cell read as a status and, when somebody is named, the name."""

    status: URIRef
    name: str | None
    verbatim: str


def read_products(source: SourceFile) -> list[ProductRow]:
    rows = []
    for row in table_rows(source, 4):
        name, manager, owner, notes = (to_text(unbrace(cell)) for cell in row.cells)
        rows.append(ProductRow(name, manager, owner, notes, row.line))
    return rows


def read_manager(cell: str) -> Holder:
    """A Manager cell: "Tim Jenness", "KT Lim ?", "TBD", "?" or blank."""
    return _holder(cell, cell)


def read_owner(cell: str) -> Holder:
    """An Owner cell: "Y (JIm B)", "? (Jim Bosch)", "Y (N/ A)" or a bare name."""
    match = OWNER_CELL.match(cell.strip())
    if match is None:
        return _holder(cell, cell)
    name = match["name"].strip()
    tentative = match["flag"] == "?"
    return _holder(f"{name} ?" if tentative and not is_placeholder(name) else name, cell)


def _holder(text: str, verbatim: str) -> Holder:
    stripped = text.strip()
    if not stripped:
        return Holder(DMOPS.NotStated, None, verbatim)
    if stripped.replace(" ", "").lower() == "n/a":
        return Holder(DMOPS.NotApplicable, None, verbatim)
    if is_placeholder(stripped) or is_placeholder(stripped.rstrip("?")):
        return Holder(DMOPS.ToBeDetermined, None, verbatim)
    if is_tentative(stripped):
        return Holder(DMOPS.Tentative, stripped.rstrip("?").strip(), verbatim)
    return Holder(DMOPS.Confirmed, stripped, verbatim)


RESPONSIBILITIES = {
    "manager": (DMOPS.ManagerResponsibility, DMOPS.manager, "Manager"),
    "owner": (DMOPS.OwnerResponsibility, DMOPS.owner, "Owner"),
}


def ingest_products(ctx: BuildContext) -> tuple[Graph, dict[str, str]]:
    """Products with their assignments; also the product keys by compact name."""
    source = ctx.catalog.rtn046(PRODUCT_LIST)
    graph = Graph()
    keys = {}
    for row in read_products(source):
        product = entity("product", row.key)
        keys[compact(row.name)] = row.key
        graph.add((product, RDF.type, DMOPS.Product))
        label(graph, product, row.name)
        cite(graph, product, source, row.line, RTN046)
        _add_notes(graph, product, row)
        add_assignment(graph, ctx, product, "manager", read_manager(row.manager), source, row.line)
        if row.owner.strip():
            add_assignment(graph, ctx, product, "owner", read_owner(row.owner), source, row.line)
    return graph, keys


def _add_notes(graph: Graph, product: URIRef, row: ProductRow) -> None:
    if not row.notes or compact(row.notes) == compact(row.name):
        return
    graph.add((product, SKOS.note, Literal(row.notes)))
    long_name = row.notes.split(":", 1)[0].strip()
    if long_name and compact(long_name) != compact(row.name):
        graph.add((product, SKOS.altLabel, Literal(long_name)))


def add_assignment(
    graph: Graph,
    ctx: BuildContext,
    target: URIRef,
    responsibility: str,
    holder: Holder,
    source: SourceFile,
    line: int,
) -> URIRef:
    """A qualified assignment of a holder to a product, with the shortcut link if confirmed."""
    kind, shortcut, title = RESPONSIBILITIES[responsibility]
    target_key = str(target).rsplit("/", 1)[-1]
    assignment = entity("assignment", f"product-{target_key}-{responsibility}")
    graph.add((assignment, RDF.type, DMOPS.Assignment))
    graph.add((assignment, DMOPS.assignedTo, target))
    graph.add((assignment, DMOPS.responsibility, kind))
    graph.add((assignment, DMOPS.status, holder.status))
    graph.add((assignment, DMOPS.sourceText, Literal(holder.verbatim)))
    cite(graph, assignment, source, line, RTN046)
    person = ctx.persons.resolve(holder.name) if holder.name else None
    who = person.name if person else f"nobody named ({holder.verbatim.strip() or 'blank'})"
    label(graph, assignment, f"{title} of {graph.value(target, RDFS.label) or target_key}: {who}")
    if person is not None:
        graph.add((assignment, ORG.member, ctx.person_iri(person)))
        if holder.status == DMOPS.Confirmed:
            graph.add((target, shortcut, ctx.person_iri(person)))
    return assignment
