"""Unit tests for dmops.sources.catalog: pinned commits, source files and their IRIs."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import URIRef

from dmops.errors import SourceError
from dmops.paths import SOURCES_ENV
from dmops.sources.catalog import (
    SourceCatalog,
    SourceFile,
    read_pinned_commits,
    upstream_location,
)

MakeSource = Callable[..., SourceFile]

RTN046_SHA = "44b5e28cdb467e384527a80ab43b6f0b292778b6"
TEXMF_SHA = "4721872d92d057aefc358692d84e97b8857ec862"

# Lines in the shape of the sources README's table.
README = f"""# Source material (read-only)

| `rtn-046/latex/` | The LaTeX source (lsst/rtn-046 at commit {RTN046_SHA}, 2023-01-23). |
| `lsst-texmf/lsst.bib` | Rubin's bibliography, from lsst/lsst-texmf at {TEXMF_SHA}. |
"""


def sources(tmp_path: Path, readme: str = README) -> Path:
    root = tmp_path / "sources"
    (root / "rtn-046/latex/tables").mkdir(parents=True)
    (root / "lsst-texmf").mkdir()
    (root / "README.md").write_text(readme, encoding="utf-8")
    return root


def test_read_pinned_commits_reads_both_repositories(tmp_path: Path) -> None:
    readme = sources(tmp_path) / "README.md"
    assert read_pinned_commits(readme) == {"lsst/rtn-046": RTN046_SHA, "lsst/lsst-texmf": TEXMF_SHA}


def test_read_pinned_commits_without_a_commit_raises_naming_the_repo(tmp_path: Path) -> None:
    readme = sources(tmp_path, README.replace(f"at {TEXMF_SHA}", "at main")) / "README.md"
    with pytest.raises(SourceError, match="the README names no commit for lsst/lsst-texmf") as c:
        read_pinned_commits(readme)
    assert c.value.path == readme


def test_read_pinned_commits_rejects_a_short_sha(tmp_path: Path) -> None:
    readme = sources(tmp_path, README.replace(RTN046_SHA, "44b5e28")) / "README.md"
    with pytest.raises(SourceError, match="no commit for lsst/rtn-046"):
        read_pinned_commits(readme)


def test_read_pinned_commits_without_readme_raises(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read the sources README") as caught:
        read_pinned_commits(tmp_path / "README.md")
    assert caught.value.path == tmp_path / "README.md"


def test_open_reads_the_commits_of_the_folder(tmp_path: Path) -> None:
    root = sources(tmp_path)
    assert SourceCatalog.open(root) == SourceCatalog(
        root=root, commits={"lsst/rtn-046": RTN046_SHA, "lsst/lsst-texmf": TEXMF_SHA}
    )


def test_open_a_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="sources folder not found") as caught:
        SourceCatalog.open(tmp_path / "missing")
    assert caught.value.path == tmp_path / "missing"


def test_open_without_argument_uses_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SOURCES_ENV, str(tmp_path / "elsewhere"))
    with pytest.raises(SourceError, match="sources folder not found") as caught:
        SourceCatalog.open()
    assert caught.value.path == tmp_path / "elsewhere"


def test_open_a_folder_without_readme_raises(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read the sources README"):
        SourceCatalog.open(tmp_path)


def test_file_maps_a_texmf_file_to_its_upstream_path(tmp_path: Path) -> None:
    root = sources(tmp_path)
    (root / "lsst-texmf/lsst.bib").write_text("", encoding="utf-8")
    assert SourceCatalog.open(root).file("lsst-texmf/lsst.bib") == SourceFile(
        path=root / "lsst-texmf/lsst.bib",
        repo="lsst/lsst-texmf",
        repo_path="texmf/bibtex/bib/lsst.bib",
        commit=TEXMF_SHA,
    )


def test_rtn046_maps_a_latex_file_to_its_repository_path(tmp_path: Path) -> None:
    root = sources(tmp_path)
    (root / "rtn-046/latex/tables/dmwbs.tex").write_text("", encoding="utf-8")
    assert SourceCatalog.open(root).rtn046("tables/dmwbs.tex") == SourceFile(
        path=root / "rtn-046/latex/tables/dmwbs.tex",
        repo="lsst/rtn-046",
        repo_path="tables/dmwbs.tex",
        commit=RTN046_SHA,
    )


def test_file_that_does_not_exist_raises(tmp_path: Path) -> None:
    catalog = SourceCatalog.open(sources(tmp_path))
    with pytest.raises(SourceError, match="source file not found") as caught:
        catalog.rtn046("missing.tex")
    assert caught.value.path == catalog.root / "rtn-046/latex/missing.tex"


def test_revision_names_repository_and_commit(tmp_path: Path) -> None:
    catalog = SourceCatalog.open(sources(tmp_path))
    assert catalog.revision("lsst/rtn-046") == f"lsst/rtn-046@{RTN046_SHA}"


@pytest.mark.parametrize(
    ("local", "upstream"),
    [
        ("lsst-texmf/glossarydefs.csv", ("lsst/lsst-texmf", "etc/glossarydefs.csv")),
        ("lsst-texmf/authordb.yaml", ("lsst/lsst-texmf", "etc/authordb.yaml")),
        ("rtn-046/latex/RTN-046.tex", ("lsst/rtn-046", "RTN-046.tex")),
    ],
)
def test_upstream_location_of_known_files(local: str, upstream: tuple[str, str]) -> None:
    assert upstream_location(local) == upstream


def test_upstream_location_of_an_unknown_file_raises() -> None:
    with pytest.raises(
        SourceError, match=re.escape("no upstream location known for rtn-046/draft.txt")
    ):
        upstream_location("rtn-046/draft.txt")


def test_iri_with_a_line_anchors_the_upstream_url(source_file: MakeSource) -> None:
    source = source_file("x\n", name="tables/dmwbs.tex")
    assert source.iri(12) == URIRef(
        f"https://github.com/lsst/rtn-046/blob/{'0' * 40}/tables/dmwbs.tex#L12"
    )


def test_iri_without_a_line_has_no_anchor() -> None:
    source = SourceFile(Path("x.bib"), "lsst/lsst-texmf", "texmf/bibtex/bib/lsst.bib", TEXMF_SHA)
    assert source.iri() == URIRef(
        f"https://github.com/lsst/lsst-texmf/blob/{TEXMF_SHA}/texmf/bibtex/bib/lsst.bib"
    )


def test_read_text_drops_a_byte_order_mark(source_file: MakeSource) -> None:
    assert source_file("\ufeffTerm,Description\n").read_text() == "Term,Description\n"


def test_read_text_of_a_missing_file_raises(tmp_path: Path) -> None:
    source = SourceFile(tmp_path / "gone.tex", "lsst/rtn-046", "gone.tex", RTN046_SHA)
    with pytest.raises(SourceError, match="cannot read source file") as caught:
        source.read_text()
    assert caught.value.path == tmp_path / "gone.tex"


def test_read_text_of_a_file_that_is_not_utf8_raises(tmp_path: Path) -> None:
    path = tmp_path / "latin1.tex"
    path.write_bytes("Cristián".encode("latin-1"))
    with pytest.raises(SourceError, match="not UTF-8 text"):
        SourceFile(path, "lsst/rtn-046", "latin1.tex", RTN046_SHA).read_text()
