"""OWL-RL inference, computed once per content of ontology + graph and cached.

The engine is ``reasonable`` (Rust): under a second for our graph, where owlrl,
kept as the reference, needs about a minute. A test proves both give the same
instance entailments on the real graph; owlrl adds only schema-level triples
(subclass and domain closure of the vocabulary itself, datatype declarations),
reasonable only ``rdf:type owl:Thing``, which is dropped here. Either way the
closure is never computed per request, per start or per test when its inputs did
not change: the inferred triples are stored as N-Triples under the cache folder,
keyed by a hash of the input files and the reasoner's version.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, XSD
from rdflib.term import Node

from dmops.graphio import load_asserted
from dmops.paths import cache_dir

REASONER = f"reasonable-{version('reasonable')}-owlrl"

Triple = tuple[Node, Node, Node]


def content_key(paths: list[Path]) -> str:
    """A hash of the input files' bytes and names, and of the reasoner configuration."""
    digest = hashlib.sha256(REASONER.encode())
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def infer(asserted: Graph) -> Graph:
    """The triples OWL-RL entails from ``asserted`` that it does not already state."""
    import reasonable  # loaded only when a closure has to be computed

    engine = reasonable.PyReasoner()
    engine.from_graph(asserted)
    return _new_triples(asserted, (_plain(triple) for triple in engine.reason()))


def infer_with_owlrl(asserted: Graph) -> Graph:
    """The reference: the same entailments computed by owlrl (slow; tests and benchmarks)."""
    import owlrl

    closure = Graph()
    closure += asserted
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(closure)
    return _new_triples(asserted, closure)


def _new_triples(asserted: Graph, closure: Iterable[Triple]) -> Graph:
    inferred = Graph()
    for triple in closure:
        if triple not in asserted and not _trivial(triple):
            inferred.add(triple)
    return inferred


def _plain(triple: Triple) -> Triple:
    """reasonable returns plain literals typed xsd:string; RDF 1.1 says they are the same."""
    subject, predicate, value = triple
    if isinstance(value, Literal) and value.datatype == XSD.string and not value.language:
        return subject, predicate, Literal(str(value))
    return triple


def _trivial(triple: Triple) -> bool:
    """Not RDF (a literal as subject), or saying nothing (x owl:sameAs x, x a owl:Thing)."""
    subject, predicate, value = triple
    if isinstance(subject, Literal):
        return True
    if predicate == RDF.type and value == OWL.Thing:
        return True
    return predicate == OWL.sameAs and subject == value


def cached_inference(asserted: Graph, paths: list[Path]) -> Graph:
    """The inferred triples, from the cache when the inputs are unchanged."""
    return Graph().parse(closure_file(paths, asserted), format="nt")


def closure_file(paths: list[Path], asserted: Graph | None = None) -> Path:
    """The cached closure's N-Triples file for these inputs, computed if missing.

    ``asserted`` is the parsed inputs when the caller has them; otherwise they are
    parsed only if the closure has to be computed.
    """
    folder = cache_dir()
    cached = folder / f"closure-{content_key(paths)}.nt"
    if cached.exists():
        return cached
    if asserted is None:
        asserted = load_asserted(paths)
    print(
        "dmops: computing the OWL-RL closure once for this graph...",
        file=sys.stderr,
    )
    inferred = infer(asserted)
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".nt.tmp")
    with os.fdopen(handle, "wb") as stream:
        inferred.serialize(stream, format="nt", encoding="utf-8")
    Path(temporary).replace(cached)
    return cached
