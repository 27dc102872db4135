"""OWL-RL inference: what it adds, and that it is computed once per content."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import ORG, OWL, RDF, RDFS

from dmops import reasoning
from dmops.knowledge import KnowledgeGraph
from dmops.namespaces import DMOPS, entity
from dmops.paths import ONTOLOGY_FILE

A, B, C = (entity("product", key) for key in "abc")
PERSON = entity("person", "someone")


@pytest.fixture(scope="module")
def small() -> tuple[Graph, Graph]:
    """A three-product tree with a manager, and what OWL-RL infers from it and the ontology."""
    graph = Graph().parse(ONTOLOGY_FILE)
    graph.add((B, DMOPS.parent, A))
    graph.add((C, DMOPS.parent, B))
    graph.add((C, DMOPS.manager, PERSON))
    return graph, reasoning.infer(graph)


def test_parent_is_within_transitively(small: tuple[Graph, Graph]) -> None:
    _, inferred = small
    assert (C, DMOPS.within, A) in inferred
    assert (A, DMOPS.contains, C) in inferred
    assert (A, DMOPS.child, B) in inferred


def test_manager_has_its_inverse(small: tuple[Graph, Graph]) -> None:
    _, inferred = small
    assert (PERSON, DMOPS.manages, C) in inferred


def test_inferred_holds_only_new_and_valid_triples(small: tuple[Graph, Graph]) -> None:
    asserted, inferred = small
    assert not [triple for triple in inferred if triple in asserted]
    assert not [subject for subject in inferred.subjects() if isinstance(subject, Literal)]


def test_cache_is_keyed_by_content(tmp_path: Path) -> None:
    first = tmp_path / "a.ttl"
    first.write_text("<urn:x> <urn:p> <urn:y> .", encoding="utf-8")
    key = reasoning.content_key([first])
    assert reasoning.content_key([first]) == key
    first.write_text("<urn:x> <urn:p> <urn:z> .", encoding="utf-8")
    assert reasoning.content_key([first]) != key


def test_cached_closure_is_not_recomputed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, small: tuple[Graph, Graph]
) -> None:
    asserted, inferred = small
    monkeypatch.setenv("DMOPS_CACHE_DIR", str(tmp_path))
    paths = [ONTOLOGY_FILE]
    monkeypatch.setattr(reasoning, "infer", lambda _graph: inferred)
    assert set(reasoning.cached_inference(asserted, paths)) == set(inferred)

    def fail(_graph: Graph) -> Graph:
        raise AssertionError("the closure was computed again")

    monkeypatch.setattr(reasoning, "infer", fail)
    assert set(reasoning.cached_inference(asserted, paths)) == set(inferred)
    assert len(list(tmp_path.glob("closure-*.nt"))) == 1


def test_loaded_graph_types_roles_by_inference(knowledge: KnowledgeGraph) -> None:
    """A dmops:Post is an org:Post once the ontology's subclass axioms are applied."""
    role = entity("role", "3.2a")
    assert (role, RDF.type, DMOPS.Post) in knowledge.asserted
    assert (role, RDF.type, ORG.Post) in knowledge.inferred


SCHEMA_PREDICATES = {
    RDFS.domain, RDFS.range, RDFS.subClassOf, RDFS.subPropertyOf,
    OWL.equivalentClass, OWL.equivalentProperty, OWL.disjointWith,
}  # fmt: skip
SCHEMA_TYPES = {RDFS.Datatype, OWL.AnnotationProperty}


def test_reasonable_and_owlrl_agree_on_the_real_graph(knowledge: KnowledgeGraph) -> None:
    """The engine (reasonable) against the reference (owlrl, about 40 s here).

    owlrl also closes the vocabulary itself (a class is its own subclass and
    equivalent, domains and ranges propagate, XSD types are datatypes); no query
    of instance data depends on those. Every instance entailment is the same.
    """
    engine = reasoning.infer(knowledge.asserted)
    reference = reasoning.infer_with_owlrl(knowledge.asserted)
    assert set(engine) - set(reference) == set()
    extra = set(reference) - set(engine)
    assert extra, "owlrl's schema-level triples are expected"
    assert not [
        (s, p, o)
        for s, p, o in extra
        if p not in SCHEMA_PREDICATES and not (p == RDF.type and o in SCHEMA_TYPES)
    ]
    assert set(engine) == set(knowledge.inferred)
