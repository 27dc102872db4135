"""The SPARQL 1.1 Service Description of the endpoint, with VoID counts of its graphs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, VOID, XSD

from api.negotiation import GRAPH_MEDIA
from dmops.store import ASSERTED_GRAPH, INFERRED_GRAPH

if TYPE_CHECKING:
    from api.state import ServiceState

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "JSON-LD",
    "N-Triples",
    "RDF_XML",
)
RDFLIB_FORMATS = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt", "rdfxml": "xml"}
MEDIA_TYPES = {form: media for media, form in reversed(GRAPH_MEDIA.items())}


def service_description(state: ServiceState, endpoint: str, output: str) -> tuple[bytes, str]:
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for result_format in RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[result_format]))
    dataset = BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    default = BNode()
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    total = state.triples_asserted + state.triples_inferred
    graph.add((default, VOID.triples, Literal(total, datatype=XSD.integer)))
    counts = ((ASSERTED_GRAPH, state.triples_asserted), (INFERRED_GRAPH, state.triples_inferred))
    for name, count in counts:
        named = BNode()
        described = BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, SD.name, URIRef(name)))
        graph.add((named, SD.graph, described))
        graph.add((described, RDF.type, SD.Graph))
        graph.add((described, VOID.triples, Literal(count, datatype=XSD.integer)))
    body = graph.serialize(format=RDFLIB_FORMATS[output], encoding="utf-8")
    return body, MEDIA_TYPES[output]
