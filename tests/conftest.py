"""Shared fixtures: the sources, one build of the graph and one loaded, inferred graph.

Tests that need the RTN-046 sources find them at $DMOPS_SOURCES or
../shared/sources. Without them those tests are skipped with the reason, unless
$DMOPS_REQUIRE_SOURCES is set (``.ci/run`` sets it): then they fail.
"""

from __future__ import annotations

import os
import shutil
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
from dmops.publish import publish
from dmops.sources.catalog import DEFAULT_SOURCES, SourceCatalog, SourceFile
from dmops.store import default_files
from dmops.validation import Report, load_shapes, validate

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEST_COMMIT = "0" * 40
VIRTUOSO_ENV = "DMOPS_TEST_VIRTUOSO"
VIRTUOSO_SCRIPT = str(PROJECT_ROOT / ".ci" / "virtuoso")


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


def start_service(
    tmp_path_factory: pytest.TempPathFactory, settings: dict[str, str] | None = None
) -> RunningService:
    """``uvicorn api.main:create_app`` on a free loopback port, with the test limits."""
    port = free_port()
    log = tmp_path_factory.mktemp("service") / "uvicorn.log"
    command = [
        sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
    environment = {**os.environ, **SERVICE_SETTINGS, **(settings or {})}
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the service exited: {log.read_text(encoding='utf-8')}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return RunningService(url=url, process=process, log=log)
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    pytest.fail("the service did not start within 120 s")


def stop_service(service: RunningService) -> None:
    service.process.terminate()
    service.process.wait(timeout=20)


@pytest.fixture(scope="session")
def service(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningService]:
    """The service on the default store, with short limits (2 s timeout, 500 rows)."""
    request.getfixturevalue("knowledge")  # the closure is cached before the server needs it
    running = start_service(tmp_path_factory)
    yield running
    stop_service(running)


@dataclass(frozen=True)
class Virtuoso:
    """A Virtuoso Open Source server on loopback: anonymous reads, dba writes (digest)."""

    base: str

    @property
    def query_url(self) -> str:
        return f"{self.base}/sparql"

    @property
    def update_url(self) -> str:
        return f"{self.base}/sparql-auth"

    @property
    def store(self) -> str:
        """The service's ``DMOPS_STORE`` value for this database."""
        return f"sparql+{self.query_url}"

    auth = httpx.DigestAuth("dba", "dba")


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """The server $DMOPS_TEST_VIRTUOSO names (``.ci/run`` starts one), else a private one.

    Without Virtuoso installed the tests that need it are skipped with the reason,
    unless $DMOPS_REQUIRE_VIRTUOSO is set (as in CI): then they fail.
    """
    configured = os.environ.get(VIRTUOSO_ENV)
    if configured:
        yield Virtuoso(configured.rstrip("/"))
        return
    if shutil.which("virtuoso-t") is None:
        reason = "Virtuoso Open Source is not installed (.ci/virtuoso install)"
        if os.environ.get("DMOPS_REQUIRE_VIRTUOSO"):
            pytest.fail(reason + "; DMOPS_REQUIRE_VIRTUOSO is set, so it is mandatory")
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("virtuoso")
    port = free_port()
    started = subprocess.run(
        [VIRTUOSO_SCRIPT, "start", str(folder), str(port)],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "VIRTUOSO_SQL_PORT": str(free_port()),
            "VIRTUOSO_MAX_QUERY_SECONDS": "10",
        },
    )
    if started.returncode != 0:
        pytest.fail(f"Virtuoso did not start: {started.stderr}")
    yield Virtuoso(f"http://127.0.0.1:{port}")
    subprocess.run([VIRTUOSO_SCRIPT, "stop", str(folder)], capture_output=True)


@pytest.fixture(scope="session")
def published(request: pytest.FixtureRequest, virtuoso: Virtuoso) -> Virtuoso:
    """Virtuoso serving the committed graph and its closure (``dmops publish``)."""
    request.getfixturevalue("knowledge")  # the closure is computed and cached once
    publish(default_files(), virtuoso.update_url, virtuoso.auth)
    return virtuoso
