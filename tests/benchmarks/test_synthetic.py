"""The synthetic graph generator: deterministic, proportional, valid where the real one is."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, RDF

from benchmarks.synthetic import generate, synthetic_arguments
from dmops.backends.oxigraph import OxigraphStore, load_files
from dmops.graphio import load_asserted
from dmops.namespaces import DMOPS
from dmops.paths import ONTOLOGY_FILE, graph_files
from dmops.queries import load_queries, rows, run
from dmops.reasoning import infer
from dmops.store import GraphFiles
from dmops.validation import load_shapes, validate

CLASSES = (DMOPS.Post, DMOPS.Product, DMOPS.Assignment, FOAF.Person, DMOPS.Document)
COUNTED = (*CLASSES, DMOPS.WBSElement, DMOPS.Term, DMOPS.Team, DMOPS.DataFacility)


def class_counts(graph: Graph) -> Counter[URIRef]:
    return Counter(o for o in graph.objects(None, RDF.type) if isinstance(o, URIRef))


@pytest.fixture(scope="module")
def scale1() -> Graph:
    return generate(1)


@pytest.fixture(scope="module")
def scale2() -> Graph:
    return generate(2)


def test_deterministic_for_a_seed(scale1: Graph, scale2: Graph) -> None:
    assert set(generate(1)) == set(scale1)
    assert set(generate(2)) == set(scale2)
    assert set(generate(1, seed=1)) != set(scale1)


def test_scale_2_has_twice_the_entities(scale1: Graph, scale2: Graph) -> None:
    one, two = class_counts(scale1), class_counts(scale2)
    for cls in COUNTED:
        assert one[cls] > 0, cls
        assert two[cls] == 2 * one[cls], cls


def test_scale_1_counts_match_the_real_graph(scale1: Graph) -> None:
    real, synthetic = class_counts(load_asserted(graph_files())), class_counts(scale1)
    for cls in CLASSES:
        assert abs(synthetic[cls] - real[cls]) <= 0.2 * real[cls], (cls, synthetic[cls], real[cls])


def test_planted_violations_are_found(scale1: Graph) -> None:
    data = load_asserted([ONTOLOGY_FILE])
    data += scale1
    data += infer(data)
    findings = Counter(finding.rule.name for finding in validate(data, load_shapes()).findings)
    for rule in ("product-manager", "role-description-placeholder", "wbs-has-role", "document-url"):
        assert findings[rule] > 0, (rule, findings)
    # Nothing the real graph does not have: the generator plants only those violations.
    assert "person-unique" not in findings
    assert "drp-shares-total" not in findings
    assert "role-code-under-wbs" not in findings


def test_every_canned_query_runs(scale1: Graph, tmp_path: Path) -> None:
    data_file = tmp_path / "synthetic.nt"
    scale1.serialize(data_file, format="nt", encoding="utf-8")
    store = OxigraphStore(
        load_files(GraphFiles(asserted=(ONTOLOGY_FILE, data_file), inferred=None))
    )
    answered = {}
    for name, query in load_queries().items():
        answered[name] = len(rows(run(store, query, synthetic_arguments(query, scale1))))
    assert answered
    assert answered["products-without-manager"] > 0
    assert answered["roles-in-wbs"] > 0
