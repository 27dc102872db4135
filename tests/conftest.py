"""Shared fixtures: the sources, one build of the graph and one loaded, inferred graph.

Tests that need the RTN-046 sources find them at $DMOPS_SOURCES or
../shared/sources. Without them those tests are skipped with the reason, unless
$DMOPS_REQUIRE_SOURCES is set (``.ci/run`` sets it): then they fail.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from dmops.build import BuildResult, build_graphs, load_curated
from dmops.sources.catalog import DEFAULT_SOURCES, SOURCES_ENV, SourceCatalog, SourceFile
from dmops.store import KnowledgeGraph, load
from dmops.validation import Report, load_shapes, validate

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEST_COMMIT = "0" * 40


def _sources_root() -> Path:
    configured = os.environ.get(SOURCES_ENV)
    return Path(configured) if configured else DEFAULT_SOURCES


@pytest.fixture(scope="session")
def sources_root() -> Path:
    root = _sources_root()
    if not (root / "README.md").is_file():
        reason = f"RTN-046 sources not found at {root} (set {SOURCES_ENV} to their folder)"
        if os.environ.get("DMOPS_REQUIRE_SOURCES"):
            pytest.fail(reason + "; DMOPS_REQUIRE_SOURCES is set, so they are mandatory")
        pytest.skip(reason)
    return root


@pytest.fixture(scope="session")
def catalog(sources_root: Path) -> SourceCatalog:
    return SourceCatalog.open(sources_root)


@pytest.fixture(scope="session")
def built(catalog: SourceCatalog) -> BuildResult:
    """One fresh build from the real sources, shared by every test that reads it."""
    return build_graphs(catalog, load_curated())


@pytest.fixture(scope="session")
def built_graph(built: BuildResult) -> Graph:
    graph = Graph()
    for part in built.files.values():
        graph += part
    graph += load_curated()
    return graph


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeGraph:
    """The committed graph with its OWL-RL closure (cached on disk by content hash)."""
    return load()


@pytest.fixture(scope="session")
def union(knowledge: KnowledgeGraph) -> Graph:
    return knowledge.union


@pytest.fixture
def source_file(tmp_path: Path) -> Callable[..., SourceFile]:
    """Write a snippet to a file and describe it as an RTN-046 source file."""

    def make(text: str, name: str = "snippet.tex", repo: str = "lsst/rtn-046") -> SourceFile:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return SourceFile(path=path, repo=repo, repo_path=name, commit=TEST_COMMIT)

    return make


@pytest.fixture(scope="session")
def real_report(knowledge: KnowledgeGraph) -> Report:
    """The committed graph validated against the committed shapes, once per session."""
    return validate(knowledge.union, load_shapes())
