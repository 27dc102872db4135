"""OWL-RL inference, computed once per content of ontology + graph and cached.

owlrl needs tens of seconds for our graph, so the closure is never computed per
request, per start or per test when its inputs did not change: its inferred
triples are stored as N-Triples under the cache folder, keyed by a hash of the
input files and the reasoner's version.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

import owlrl
from rdflib import Graph, Literal
from rdflib.namespace import OWL

from dmops.graphio import load_asserted
from dmops.paths import cache_dir

REASONER = f"owlrl-{version('owlrl')}-rl-noaxioms"


def content_key(paths: list[Path]) -> str:
    """A hash of the input files' bytes and names, and of the reasoner configuration."""
    digest = hashlib.sha256(REASONER.encode())
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def infer(asserted: Graph) -> Graph:
    """The triples OWL-RL entails from ``asserted`` that it does not already state."""
    closure = Graph()
    closure += asserted
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(closure)
    inferred = Graph()
    for triple in closure - asserted:
        if not _trivial(triple):
            inferred.add(triple)
    return inferred


def _trivial(triple: tuple[object, object, object]) -> bool:
    """Triples that are not RDF (a literal as subject) or say nothing (x owl:sameAs x)."""
    subject, predicate, value = triple
    if isinstance(subject, Literal):
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
        "dmops: computing the OWL-RL closure once for this graph (about a minute)...",
        file=sys.stderr,
    )
    inferred = infer(asserted)
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".nt.tmp")
    with os.fdopen(handle, "wb") as stream:
        inferred.serialize(stream, format="nt", encoding="utf-8")
    Path(temporary).replace(cached)
    return cached
