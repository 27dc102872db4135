"""The vocabulary (ontology/dmops.ttl) as documentation: one entry per term, with its anchor.

Every dmops term's anchor is its local name (``/ontology#Post``); a standard term
the file describes gets its local name too unless a dmops term has it already,
then ``prefix-local`` (``org-Post``). Entity pages link their properties and
classes to these anchors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VANN

from dmops.namespaces import DMOPS, ONTOLOGY_IRI, PREFIXES
from dmops.paths import ONTOLOGY_FILE

SECTIONS = (
    ("classes", "Classes"),
    ("object-properties", "Object properties"),
    ("datatype-properties", "Datatype properties"),
    ("schemes", "Concept schemes"),
    ("individuals", "Individuals"),
    ("standard-terms", "Standard terms this profile uses"),
)
CHARACTERISTICS = {
    OWL.FunctionalProperty: "functional",
    OWL.TransitiveProperty: "transitive",
    OWL.SymmetricProperty: "symmetric",
    OWL.InverseFunctionalProperty: "inverse functional",
}

SHOWN_AS_KIND = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.NamedIndividual,
    SKOS.ConceptScheme,
    *CHARACTERISTICS,
}


def curie(iri: str) -> str:
    """``dmops:Post`` for a namespaced IRI, else the IRI itself."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best else iri


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class TermRef:
    """A term named in another's entry: its text and where it is documented."""

    text: str
    iri: str
    href: str | None


@dataclass
class TermDoc:
    anchor: str
    iri: str
    curie: str
    label: str
    definition: str
    kind: str
    facts: list[tuple[str, list[TermRef]]] = field(default_factory=list)


@dataclass
class OntologyDoc:
    iri: str
    title: str
    description: str
    version: str
    version_iri: str
    license: str
    prefix: str
    namespace: str
    sections: list[tuple[str, str, list[TermDoc]]]
    anchors: dict[str, str]
    labels: dict[str, str]


@cache
def ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@cache
def ontology_doc() -> OntologyDoc:
    """The documentation of the vocabulary file, built once."""
    graph = ontology_graph()
    dmops = str(DMOPS)
    labels = {
        str(subject): str(value)
        for subject, value in graph.subject_objects(RDFS.label)
        if isinstance(subject, URIRef)
    }
    own = sorted(
        {str(s) for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(dmops)}
    )
    standard = sorted(
        iri for iri in labels if not iri.startswith(dmops) and iri != str(ONTOLOGY_IRI)
    )
    anchors = {iri: local_name(iri) for iri in own}
    taken = set(anchors.values())
    for iri in standard:
        anchor = local_name(iri)
        if anchor in taken:
            anchor = curie(iri).replace(":", "-")
        anchors[iri] = anchor
        taken.add(anchor)

    grouped: dict[str, list[TermDoc]] = {key: [] for key, _ in SECTIONS}
    for iri in own + standard:
        section, entry = _term(graph, iri, anchors, labels)
        grouped[section].append(entry)
    for entries in grouped.values():
        entries.sort(key=lambda entry: (entry.label.casefold(), entry.iri))
    ontology = ONTOLOGY_IRI
    return OntologyDoc(
        iri=str(ontology),
        title=_text(graph, ontology, DCTERMS.title),
        description=_text(graph, ontology, DCTERMS.description),
        version=_text(graph, ontology, OWL.versionInfo),
        version_iri=_text(graph, ontology, OWL.versionIRI),
        license=_text(graph, ontology, DCTERMS.license),
        prefix=_text(graph, ontology, VANN.preferredNamespacePrefix),
        namespace=_text(graph, ontology, VANN.preferredNamespaceUri),
        sections=[(key, title, grouped[key]) for key, title in SECTIONS if grouped[key]],
        anchors=anchors,
        labels=labels,
    )


def _text(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    value = graph.value(subject, predicate)
    return "" if value is None else str(value)


def _term(
    graph: Graph, iri: str, anchors: dict[str, str], labels: dict[str, str]
) -> tuple[str, TermDoc]:
    node = URIRef(iri)
    types = set(graph.objects(node, RDF.type))

    def refs(values: Iterable[object]) -> list[TermRef]:
        found = []
        for value in values:
            if isinstance(value, Literal):
                found.append(TermRef(str(value), "", None))
            elif isinstance(value, URIRef):
                text = labels.get(str(value), curie(str(value)))
                anchor = anchors.get(str(value))
                found.append(TermRef(text, str(value), f"#{anchor}" if anchor else None))
        return sorted(found, key=lambda ref: ref.text.casefold())

    inverse = {*graph.objects(node, OWL.inverseOf), *graph.subjects(OWL.inverseOf, node)}
    characteristics = sorted(t for t in types if isinstance(t, URIRef) and t in CHARACTERISTICS)
    facts = [
        ("type", refs(t for t in types if t not in SHOWN_AS_KIND)),
        ("subclass of", refs(graph.objects(node, RDFS.subClassOf))),
        ("superclass of", refs(graph.subjects(RDFS.subClassOf, node))),
        ("subproperty of", refs(graph.objects(node, RDFS.subPropertyOf))),
        ("superproperty of", refs(graph.subjects(RDFS.subPropertyOf, node))),
        ("domain", refs(graph.objects(node, RDFS.domain))),
        ("range", refs(graph.objects(node, RDFS.range))),
        ("inverse", refs(inverse)),
        ("characteristics", [TermRef(CHARACTERISTICS[t], "", None) for t in characteristics]),
        ("in scheme", refs(graph.objects(node, SKOS.inScheme))),
        ("notation", refs(graph.objects(node, SKOS.notation))),
        ("members", refs(graph.subjects(SKOS.inScheme, node))),
        ("defined by", refs(graph.objects(node, RDFS.isDefinedBy))),
    ]  # fmt: skip
    if OWL.Class in types:
        section, kind = "classes", "class"
    elif OWL.ObjectProperty in types:
        section, kind = "object-properties", "object property"
    elif OWL.DatatypeProperty in types:
        section, kind = "datatype-properties", "datatype property"
    elif SKOS.ConceptScheme in types:
        section, kind = "schemes", "concept scheme"
    elif iri.startswith(str(DMOPS)):
        section, kind = "individuals", "individual"
    else:
        section, kind = "standard-terms", "standard term"
    entry = TermDoc(
        anchor=anchors[iri],
        iri=iri,
        curie=curie(iri),
        label=labels.get(iri, local_name(iri)),
        definition=_text(graph, node, SKOS.definition),
        kind=kind,
        facts=[(name, values) for name, values in facts if values],
    )
    return section, entry


@cache
def ontology_rdf(form: str) -> bytes:
    """The vocabulary file itself (Turtle), or converted to JSON-LD or N-Triples."""
    if form == "turtle":
        return ONTOLOGY_FILE.read_bytes()
    rdf_format = {"jsonld": ox.RdfFormat.JSON_LD, "ntriples": ox.RdfFormat.N_TRIPLES}[form]
    triples = ox.parse(path=ONTOLOGY_FILE, format=ox.RdfFormat.TURTLE)
    return ox.serialize(triples, format=rdf_format) or b""
