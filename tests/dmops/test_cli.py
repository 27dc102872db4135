"""The dmops command as a user runs it: output, formats and exit codes."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dmops.cli import main
from dmops.knowledge import KnowledgeGraph


@pytest.fixture(autouse=True)
def closure_cached(knowledge: KnowledgeGraph) -> None:
    """The session has computed the closure once; the CLI's stores reuse it."""


BUTLER = "SELECT ?name WHERE { product:butler dmops:manager/foaf:name ?name }"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_info_prints_counts_version_and_revision(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "info")
    assert code == 0
    assert "version 0.1.0" in out
    assert "source revision: lsst/rtn-046@44b5e28cdb467e384527a80ab43b6f0b292778b6" in out
    assert "      73  dmops:Post" in out
    assert "      68  dmops:Product" in out
    assert "      11  dmops:WBSElement" in out


def test_sparql_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "sparql", BUTLER)
    assert code == 0
    assert out.splitlines() == ["name", "-----------", "Tim Jenness", "(1 row)"]


def test_sparql_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "sparql", BUTLER, "--format", "json")
    bindings = json.loads(out)["results"]["bindings"]
    assert [row["name"]["value"] for row in bindings] == ["Tim Jenness"]
    _, out, _ = run(capsys, "sparql", BUTLER, "--format", "csv")
    assert list(csv.reader(io.StringIO(out))) == [["name"], ["Tim Jenness"]]


def test_sparql_uses_inference(capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT ?p WHERE { person:limk dmops:manages ?p } ORDER BY ?p"
    _, out, _ = run(capsys, "sparql", query)
    assert "product:uws" in out
    _, out, _ = run(capsys, "sparql", query, "--no-inference")
    assert "(0 rows)" in out


def test_sparql_construct_as_turtle(capsys: pytest.CaptureFixture[str]) -> None:
    query = (
        "CONSTRUCT { product:butler dmops:manager ?p } WHERE { product:butler dmops:manager ?p }"
    )
    code, out, _ = run(capsys, "sparql", query, "--format", "turtle")
    assert code == 0
    assert "product:butler dmops:manager person:jennesst ." in out


def test_sparql_from_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("ASK { product:ocps a dmops:Product }", encoding="utf-8")
    code, out, _ = run(capsys, "sparql", "--file", str(path))
    assert (code, out.strip()) == (0, "true")


def test_malformed_query_says_where(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "sparql", "SELECT ?s WHERE {\n  ?s ?p }")
    assert code == 2
    assert out == ""
    assert err.startswith("dmops: error: query syntax error at line 2, column")
    assert "Traceback" not in err


def test_unreadable_query_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "sparql", "--file", str(tmp_path / "missing.rq"))
    assert code == 2
    assert "cannot read query file" in err


def test_build_without_sources_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(
        capsys, "build", "--sources", str(tmp_path / "none"), "--output", str(tmp_path)
    )
    assert code == 2
    assert "sources folder not found" in err


def test_build_reports_a_malformed_row_with_file_and_line(
    capsys: pytest.CaptureFixture[str], sources_root: Path, tmp_path: Path
) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(sources_root, sources)
    table = sources / "rtn-046/latex/tables/qsroles.tex"
    table.chmod(0o644)
    lines = table.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace("}&{", "}{", 1)
    table.write_text("\n".join(lines), encoding="utf-8")
    output = tmp_path / "graph"
    shutil.copytree(Path(__file__).resolve().parents[2] / "graph/curated", output / "curated")
    code, _, err = run(capsys, "build", "--sources", str(sources), "--output", str(output))
    assert code == 2
    assert "qsroles.tex:5: table row has 2 cells, expected 3" in err
    assert not (output / "roles.ttl").exists()


def test_build_into_a_folder(
    capsys: pytest.CaptureFixture[str], sources_root: Path, tmp_path: Path
) -> None:
    output = tmp_path / "graph"
    shutil.copytree(Path(__file__).resolve().parents[2] / "graph/curated", output / "curated")
    code, out, _ = run(capsys, "build", "--sources", str(sources_root), "--output", str(output))
    assert code == 0
    assert "built " in out
    assert sorted(path.name for path in output.glob("*.ttl")) == [
        "documents.ttl", "glossary.ttl", "institutions.ttl", "people.ttl", "products.ttl",
        "release.ttl", "roles.ttl", "wbs.ttl",
    ]  # fmt: skip


def test_dmops_sparql_end_to_end() -> None:
    """The installed command, in its own process, loading the graph and its cached closure."""
    result = subprocess.run(
        [str(Path(sys.executable).with_name("dmops")), "sparql", BUTLER, "--format", "csv"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["name", "Tim Jenness"]
