"""`dmops validate` as CI runs it: verdicts, exit codes, formats, baselines and safe inputs."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SH

from dmops.cli import main
from dmops.knowledge import KnowledgeGraph
from dmops.paths import graph_files
from dmops.validation import Report

PREFIXES = """
@prefix dmops: <https://w3id.org/rubin/dmops/ontology#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix wbs: <https://w3id.org/rubin/dmops/wbs/> .
@prefix person: <https://w3id.org/rubin/dmops/person/> .
"""
GOOD_DATA = PREFIXES + 'person:x a foaf:Person ; foaf:name "X Person" ; rdfs:label "X Person" .\n'
BAD_DATA = PREFIXES + 'person:x a foaf:Person ; rdfs:label "Nameless" .\n'
WARNING_DATA = PREFIXES + 'wbs:9.9 a dmops:WBSElement ; rdfs:label "9.9 Empty" .\n'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def real_graph(
    monkeypatch: pytest.MonkeyPatch, knowledge: KnowledgeGraph, real_report: Report
) -> None:
    """The CLI sees the session's loaded graph and report instead of recomputing them."""

    def load(paths: list[Path], inference: bool = True) -> KnowledgeGraph:
        assert paths == graph_files() and inference
        return knowledge

    monkeypatch.setattr("dmops.commands.validate.load", load)
    monkeypatch.setattr(
        "dmops.commands.validate.validate", lambda _data, _shapes: replace(real_report)
    )


@pytest.mark.usefixtures("real_graph")
def test_committed_graph_fails_with_a_readable_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 1
    assert "VIOLATION  product-manager  (49)" in out
    assert "  - Felis  <https://w3id.org/rubin/dmops/product/felis>" in out
    assert "WARNING  wbs-has-role  (2)" in out
    assert out.rstrip().endswith("FAILS (fails on violation or worse).")
    assert "51 violations, 209 warnings, 0 infos; 25 rules checked." in out


@pytest.mark.usefixtures("real_graph")
def test_fresh_baseline_accepts_todays_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    baseline = tmp_path / "baseline.json"
    code, out, _ = run(capsys, "validate", "--write-baseline", str(baseline))
    assert (code, out.strip()) == (0, f"recorded 260 findings in {baseline}")
    assert len(json.loads(baseline.read_text(encoding="utf-8"))["accepted"]) == 260
    code, out, _ = run(capsys, "validate", "--baseline", str(baseline))
    assert code == 0
    assert "(260 accepted by the baseline)" in out
    assert "[baseline]" in out


@pytest.mark.usefixtures("real_graph")
def test_baseline_fails_only_on_new_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    baseline = tmp_path / "baseline.json"
    run(capsys, "validate", "--write-baseline", str(baseline))
    document = json.loads(baseline.read_text(encoding="utf-8"))
    document["accepted"] = [key for key in document["accepted"] if "product/felis" not in key]
    baseline.write_text(json.dumps(document), encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--baseline", str(baseline), "--format", "json")
    assert code == 1
    new = [result for result in json.loads(out)["results"] if not result["baseline"]]
    assert [(r["rule"], r["focusLabel"]) for r in new] == [("product-manager", "Felis")]


@pytest.mark.usefixtures("real_graph")
def test_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--format", "json")
    document = json.loads(out)
    assert code == 1
    assert document["conforms"] is False
    assert document["counts"] == {"info": 0, "warning": 209, "violation": 51}
    tentative = [r for r in document["results"] if r["rule"] == "product-manager-tentative"]
    assert [(r["focusLabel"], r["severity"]) for r in tentative] == [("OCPS", "Warning")]


@pytest.mark.usefixtures("real_graph")
def test_turtle_report_is_a_shacl_validation_report(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "validate", "--format", "turtle")
    report = Graph().parse(data=out, format="turtle")
    (node,) = report.subjects(SH.conforms, None)
    assert report.value(node, SH.conforms) == Literal(False)
    assert len(list(report.objects(node, SH.result))) == 260


def test_tiny_conforming_graph_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", "--data", write(tmp_path, "good.ttl", GOOD_DATA))
    assert code == 0
    assert "0 violations, 0 warnings, 0 infos" in out


def test_tiny_violating_graph_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", "--data", write(tmp_path, "bad.ttl", BAD_DATA))
    assert code == 1
    assert "VIOLATION  person-name  (1)" in out
    assert "  - Nameless  <https://w3id.org/rubin/dmops/person/x>" in out


def test_fail_on_sets_the_threshold(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = write(tmp_path, "warn.ttl", WARNING_DATA)
    assert run(capsys, "validate", "--data", data)[0] == 0
    assert run(capsys, "validate", "--data", data, "--fail-on", "warning")[0] == 1
    assert run(capsys, "validate", "--data", data, "--fail-on", "info")[0] == 1


def test_report_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    output = tmp_path / "report.json"
    data = write(tmp_path, "bad.ttl", BAD_DATA)
    argv = ["validate", "--data", data, "--format", "json", "--output", str(output)]
    code, out, _ = run(capsys, *argv)
    assert (code, out) == (1, "")
    assert json.loads(output.read_text(encoding="utf-8"))["counts"]["violation"] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--data", "https://example.org/data.ttl"], "--data takes local files, not URLs"),
        (["--shapes", "file:///etc/passwd"], "--shapes takes local files, not URLs"),
        (["--data", "missing.ttl"], "--data: no such file: missing.ttl"),
        (["--baseline", "missing.json"], "cannot read baseline missing.json"),
    ],
)
def test_bad_arguments_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    good = write(tmp_path, "good.ttl", GOOD_DATA)
    code, _, err = run(capsys, "validate", "--data", good, *argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_malformed_data_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", "--data", write(tmp_path, "broken.ttl", "<a> <b> ."))
    assert code == 2
    assert "broken.ttl: malformed Turtle" in err


def test_malformed_shape_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shapes = write(
        tmp_path,
        "shapes.ttl",
        PREFIXES + '<urn:s> a sh:NodeShape ; sh:targetClass foaf:Person ; sh:minCount "x" .\n',
    )
    good = write(tmp_path, "good.ttl", GOOD_DATA)
    code, _, err = run(capsys, "validate", "--data", good, "--shapes", shapes)
    assert code == 2
    assert "the shapes cannot be used" in err


@pytest.mark.parametrize(
    "query",
    [
        "SELECT $this WHERE { GRAPH <file:///etc/passwd> { ?s ?p ?o } } ",
        "SELECT $this FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "SELECT $this WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select $this where { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ],
)
def test_shapes_that_would_read_or_fetch_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, query: str
) -> None:
    shapes = write(
        tmp_path,
        "shapes.ttl",
        PREFIXES
        + "<urn:s> a sh:NodeShape ; sh:targetClass foaf:Person ;"
        + f' sh:sparql [ sh:select """{query}""" ] .\n',
    )
    good = write(tmp_path, "good.ttl", GOOD_DATA)
    code, _, err = run(capsys, "validate", "--data", good, "--shapes", shapes)
    assert code == 2
    assert "Traceback" not in err
    if "GRAPH" in query:  # runs on a single graph, where GRAPH is an error, never a read
        assert "a constraint failed to run" in err
        return
    assert "shapes may not read datasets, call services or load documents" in err
