"""RDF terms between rdflib and pyoxigraph, for the code that speaks both."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from dmops.store import Term

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: Term | None) -> Node | None:
    """The rdflib term (None stays None: a wildcard in a pattern)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise ValueError("RDF-star triples are not in the rdflib store")


def to_oxigraph(term: Node) -> Term:
    """The pyoxigraph term; a plain literal is an xsd:string one, as RDF 1.1 says."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise ValueError(f"not an RDF term: {term!r}")
