"""Shared fixtures: the sources, one build of the graph and one loaded, inferred graph.

Tests that need the RTN-046 sources find them at $DMOPS_SOURCES or
../shared/sources. Without them those tests are skipped with the reason, unless
$DMOPS_REQUIRE_SOURCES is set (``.ci/run`` sets it): then they fail.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from rdflib import Graph

from dmops.build import BuildResult, build_graphs, load_curated
from dmops.knowledge import KnowledgeGraph, load
from dmops.paths import SOURCES_ENV
from dmops.sources.catalog import DEFAULT_SOURCES, SourceCatalog, SourceFile
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class RunningService:
    """A real uvicorn server on loopback, started once for the whole test session."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path


SERVICE_SETTINGS = {
    "DMOPS_QUERY_TIMEOUT": "2",
    "DMOPS_MAX_ROWS": "500",
    "DMOPS_WORKERS": "2",
    "DMOPS_MAX_WAITING": "2",
    "DMOPS_MAX_BODY_BYTES": "20000",
    "DMOPS_MAX_URL_LENGTH": "6000",
    "DMOPS_MAX_QUERY_LENGTH": "5000",
    "DMOPS_WORKER_MEMORY_MB": "1024",
}


@pytest.fixture(scope="session")
def service(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningService]:
    """``uvicorn api.main:create_app`` with short limits (2 s timeout, 500 rows) for the tests."""
    request.getfixturevalue("knowledge")  # the closure is cached before the server needs it
    port = free_port()
    log = tmp_path_factory.mktemp("service") / "uvicorn.log"
    command = [
        sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env={**os.environ, **SERVICE_SETTINGS},
            stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the service exited: {log.read_text(encoding='utf-8')}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the service did not start within 120 s")
    yield RunningService(url=url, process=process, log=log)
    process.terminate()
    process.wait(timeout=20)
