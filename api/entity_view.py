"""What an entity page shows, read from the store: facts, inbound links, provenance, citation.

Each fact says whether the sources state it (the asserted graph) or OWL-RL
infers it (the inferred graph). Inbound links are named by the ontology inverse
of their property where there is one ("manages" for dmops:manager), else
"<property> of"; an inbound link whose inverse is already among the entity's
own facts is not repeated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from api.catalog import RDFS_LABEL, Catalog, Entry
from api.ontology_doc import curie
from dmops.namespaces import BASE, DMOPS
from dmops.store import ASSERTED_GRAPH, Store

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCTERMS = "http://purl.org/dc/terms/"
SOURCE = f"{DCTERMS}source"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
DEFINITIONS = (
    f"{DMOPS}glossaryDefinition",
    f"{DMOPS}documentDefinition",
    "http://www.w3.org/2004/02/skos/core#definition",
    f"{DCTERMS}description",
)
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
GITHUB_FILE = re.compile(r"^https://github\.com/([^/]+/[^/]+)/blob/([0-9a-f]{7,40})/(.+)$")
ASSERTED = ox.NamedNode(ASSERTED_GRAPH)
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Statements = dict[str, dict[Term, bool]]


@dataclass(frozen=True)
class Link:
    """Text, and where it points (an entity page, an ontology anchor, a URL, or nowhere)."""

    text: str
    href: str | None = None
    title: str = ""
    note: str = ""


@dataclass
class Value:
    link: Link
    inferred: bool


@dataclass
class Row:
    """One property and its values (outbound), or one inbound property and its subjects.

    ``documented`` says that the property is described on the ontology page.
    """

    predicate: Link
    property_curie: str
    values: list[Value] = field(default_factory=list)
    documented: bool = True

    @property
    def inferred(self) -> bool:
        return all(value.inferred for value in self.values)


@dataclass(frozen=True)
class Citation:
    url: str
    latex: str
    rst: str


@dataclass
class EntityView:
    entry: Entry
    kinds: list[Link]
    definitions: list[tuple[str, str, bool]]
    facts: list[Row]
    inbound: list[Row]
    more_inferred: list[tuple[str, Row]]
    sources: list[Value]
    derived_from: list[Value]
    citation: Citation


def describe(store: Store, catalog: Catalog, entry: Entry) -> EntityView:
    """Everything the page of ``entry`` shows."""
    node = ox.NamedNode(entry.iri)
    outgoing = _statements(store.quads(node, None, None), lambda q: q.object)
    incoming = _statements(store.quads(None, None, node), lambda q: q.subject)
    kinds = [
        _link(catalog, term)
        for term, stated in outgoing.get(RDF_TYPE, {}).items()
        if stated and isinstance(term, ox.NamedNode)
    ]
    definitions = []
    seen = set()
    for predicate in DEFINITIONS:
        for term, stated in outgoing.get(predicate, {}).items():
            if isinstance(term, ox.Literal) and term.value not in seen:
                seen.add(term.value)
                definitions.append((catalog.label(predicate), term.value, not stated))
    facts = [
        _row(catalog, predicate, values)
        for predicate, values in outgoing.items()
        if predicate not in (SOURCE, DERIVED)
    ]
    inbound = []
    for predicate, values in incoming.items():
        inverse = catalog.inverses.get(predicate)
        own = outgoing.get(inverse, {}) if inverse else {}
        shown = {term: stated for term, stated in values.items() if term not in own}
        if shown:
            row = _row(catalog, inverse or predicate, shown)
            if inverse is None:
                row.predicate = Link(
                    f"{row.predicate.text} of", row.predicate.href, curie(predicate)
                )
            row.property_curie = curie(predicate)
            inbound.append(row)
    more: list[tuple[str, Row]] = []
    for direction, rows in (("outbound", facts), ("inbound", inbound)):
        for row in list(rows):
            if row.inferred and not row.documented:
                rows.remove(row)
                more.append((direction, row))
    order = _row_order
    return EntityView(
        entry=entry,
        kinds=kinds,
        definitions=definitions,
        facts=sorted(facts, key=order),
        inbound=sorted(inbound, key=order),
        more_inferred=sorted(more, key=lambda pair: (pair[0] == "inbound", order(pair[1]))),
        sources=_values(catalog, outgoing.get(SOURCE, {})),
        derived_from=_values(catalog, outgoing.get(DERIVED, {})),
        citation=cite(entry.iri, entry.label),
    )


def rdf_triples(store: Store, catalog: Catalog, entry: Entry) -> list[ox.Triple]:
    """The entity's outgoing triples, stated and inferred, and the labels of what they link."""
    node = ox.NamedNode(entry.iri)
    triples: dict[ox.Triple, None] = {}
    for quad in store.quads(node, None, None):
        triples[quad.triple] = None
    label = ox.NamedNode(RDFS_LABEL)
    for triple in list(triples):
        term = triple.object
        if isinstance(term, ox.NamedNode) and term.value in catalog.labels:
            triples[ox.Triple(term, label, catalog.labels[term.value])] = None
    return list(triples)


def cite(url: str, label: str) -> Citation:
    """How a tech note links to the entity: the URL, LaTeX (hyperref) and reStructuredText."""
    latex_url = url.replace("%", "\\%").replace("#", "\\#")
    rst_label = re.sub(r"([\\`<])", r"\\\1", label)
    return Citation(
        url, f"\\href{{{latex_url}}}{{{latex_escape(label)}}}", f"`{rst_label} <{url}>`__"
    )


LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def latex_escape(text: str) -> str:
    return "".join(LATEX_SPECIALS.get(character, character) for character in text)


def _statements(quads: Iterable[ox.Quad], other: Callable[[ox.Quad], Term]) -> Statements:
    """predicate -> {the other end: stated?}; a triple in both graphs counts as stated."""
    found: Statements = {}
    for quad in quads:
        term = other(quad)
        values = found.setdefault(quad.predicate.value, {})
        values[term] = values.get(term, False) or quad.graph_name == ASSERTED
    return found


def _row(catalog: Catalog, predicate: str, values: dict[Term, bool]) -> Row:
    if predicate == RDF_TYPE:
        name = Link("type", RDF_TYPE, "rdf:type")
    else:
        name = _link(catalog, ox.NamedNode(predicate))
    return Row(name, curie(predicate), _values(catalog, values), predicate in catalog.anchors)


def _values(catalog: Catalog, values: dict[Term, bool]) -> list[Value]:
    listed = [Value(_link(catalog, term), not stated) for term, stated in values.items()]
    return sorted(listed, key=lambda value: (value.inferred, value.link.text.casefold()))


def _row_order(row: Row) -> tuple[bool, bool, str]:
    return (row.predicate.text != "type", row.inferred, row.predicate.text.casefold())


def _link(catalog: Catalog, term: Term) -> Link:
    """How a term shows on a page: entities and vocabulary linked and labelled, URLs linked."""
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if term.language:
            note = f"@{term.language}"
        elif datatype not in (XSD_STRING, LANG_STRING):
            note = curie(datatype)
        else:
            note = ""
        return Link(term.value, note=note)
    if not isinstance(term, ox.NamedNode):
        return Link(str(term))
    iri = term.value
    entry = catalog.entries.get(iri)
    if entry is not None:
        return Link(entry.label, entry.path, iri)
    anchor = catalog.anchors.get(iri)
    if anchor is not None:
        return Link(catalog.label(iri), f"/ontology#{anchor}", curie(iri))
    source = GITHUB_FILE.match(iri)
    if source:
        repository, commit, path = source.groups()
        return Link(path, iri, iri, f"{repository}@{commit[:7]}")
    if iri.startswith(BASE):  # the dataset, the named graphs: no page of their own
        return Link(catalog.label(iri), None, iri)
    if iri.startswith(("https://", "http://")):
        return Link(catalog.label(iri), iri, iri)
    return Link(catalog.label(iri), None, iri)
