"""IRIs of the vocabulary, the instances and the standards we profile.

One base IRI, independent of the host that serves the graph (DESIGN.md §4):
vocabulary terms are hash IRIs under ``{base}ontology#``, instances are slash
IRIs ``{base}{type}/{key}`` with a key that already exists in the sources.
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, DOAP, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, VANN, XSD

BASE = "https://w3id.org/rubin/dmops/"
DMOPS = Namespace(f"{BASE}ontology#")
ONTOLOGY_IRI = URIRef(f"{BASE}ontology")

ENTITY_TYPES = (
    "wbs",
    "role",
    "function",
    "team",
    "department",
    "area",
    "product",
    "person",
    "group",
    "institution",
    "facility",
    "document",
    "term",
    "assignment",
)

PREFIXES: dict[str, str] = {
    "dmops": str(DMOPS),
    "dcterms": str(DCTERMS),
    "doap": str(DOAP),
    "foaf": str(FOAF),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "vann": str(VANN),
    "xsd": str(XSD),
    **{kind: f"{BASE}{kind}/" for kind in ENTITY_TYPES},
}


def entity(kind: str, key: str) -> URIRef:
    """The IRI of an instance; the key is percent-encoded where it is not IRI-safe."""
    if kind not in ENTITY_TYPES:
        raise ValueError(f"unknown entity type {kind!r}")
    return URIRef(f"{BASE}{kind}/{quote(key, safe='-._~')}")


def bind_prefixes(graph: Graph) -> Graph:
    """Give a graph the project's prefixes, so serialisations read alike."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
