"""The vocabulary: documented terms, a complete header, and the standards it profiles."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, DOAP, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, VANN

from dmops.knowledge import KnowledgeGraph
from dmops.namespaces import DMOPS, ONTOLOGY_IRI
from dmops.paths import ONTOLOGY_FILE

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
STANDARDS = tuple(str(ns) for ns in (ORG, FOAF, DOAP, DCTERMS, SKOS, PROV))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


def dmops_terms(ontology: Graph) -> set[URIRef]:
    return {
        term
        for kind in TERM_TYPES
        for term in ontology.subjects(RDF.type, kind)
        if isinstance(term, URIRef) and term.startswith(str(DMOPS))
    }


def test_header(ontology: Graph) -> None:
    for predicate in (
        OWL.versionIRI,
        OWL.versionInfo,
        DCTERMS.title,
        DCTERMS.license,
        VANN.preferredNamespacePrefix,
        VANN.preferredNamespaceUri,
    ):
        assert ontology.value(ONTOLOGY_IRI, predicate) is not None, predicate
    assert str(ontology.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == str(DMOPS)
    assert str(ontology.value(ONTOLOGY_IRI, OWL.versionIRI)).endswith(
        str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo))
    )


def test_every_term_has_a_label_and_a_definition(ontology: Graph) -> None:
    terms = dmops_terms(ontology)
    assert len(terms) > 40
    undocumented = [
        term
        for term in terms
        if ontology.value(term, RDFS.label) is None or ontology.value(term, SKOS.definition) is None
    ]
    assert undocumented == []


@pytest.mark.parametrize(
    ("term", "standard"),
    [
        (DMOPS.Post, ORG.Post),
        (DMOPS.Function, ORG.Role),
        (DMOPS.Team, ORG.OrganizationalUnit),
        (DMOPS.Institution, ORG.FormalOrganization),
        (DMOPS.DataFacility, ORG.Site),
        (DMOPS.Assignment, ORG.Membership),
        (DMOPS.Product, DOAP.Project),
        (DMOPS.Document, DCTERMS.BibliographicResource),
        (DMOPS.Term, SKOS.Concept),
        (DMOPS.Release, PROV.Entity),
    ],
)
def test_classes_specialise_the_standards(ontology: Graph, term: URIRef, standard: URIRef) -> None:
    assert (term, RDFS.subClassOf, standard) in ontology


def test_every_class_specialises_a_standard_term(ontology: Graph) -> None:
    classes = {term for term in dmops_terms(ontology) if (term, RDF.type, OWL.Class) in ontology}
    unanchored = [
        term
        for term in classes
        if not any(
            str(parent).startswith(STANDARDS) for parent in ontology.objects(term, RDFS.subClassOf)
        )
    ]
    assert unanchored == []


def test_product_tree_parent_has_a_transitive_super_property(ontology: Graph) -> None:
    (parent_super,) = ontology.objects(DMOPS.parent, RDFS.subPropertyOf)
    assert (parent_super, RDF.type, OWL.TransitiveProperty) in ontology
    assert (DMOPS.manager, RDFS.subPropertyOf, DOAP.maintainer) in ontology


@pytest.mark.parametrize(
    ("link", "inverse"),
    [
        (DMOPS.manager, DMOPS.manages),
        (DMOPS.owner, DMOPS.owns),
        (DMOPS.holder, DMOPS.holds),
        (DMOPS.lead, DMOPS.leads),
        (DMOPS.parent, DMOPS.child),
    ],
)
def test_responsibility_links_have_inverses(ontology: Graph, link: URIRef, inverse: URIRef) -> None:
    assert (link, OWL.inverseOf, inverse) in ontology


def test_every_term_the_graph_uses_is_declared(knowledge: KnowledgeGraph, ontology: Graph) -> None:
    """Hygiene: no class or property in the data that the ontology does not document."""
    data = knowledge.asserted - ontology
    used_classes = {kind for kind in data.objects(None, RDF.type) if isinstance(kind, URIRef)}
    used_properties = set(data.predicates())
    documented = set(ontology.subjects(RDFS.label, None))
    ours = {
        term
        for term in used_classes | used_properties
        if str(term).startswith((str(DMOPS), *STANDARDS))
    }
    assert sorted(str(term) for term in ours - documented) == []
