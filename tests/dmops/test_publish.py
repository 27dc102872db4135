"""``dmops publish`` against a real Virtuoso: the release switch is atomic for a reader,
and a refused, unreachable or unsuitable publish changes nothing."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from dmops.backends.remote import RemoteStore
from dmops.cli import main
from dmops.paths import GRAPH_DIR
from dmops.publish import publish
from dmops.store import SERVED_GRAPHS, Dataset, default_files
from tests.conftest import Virtuoso, free_port

TOTAL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def served_total(store: RemoteStore) -> int:
    """Both served graphs counted in one query: what one reader sees at one moment."""
    answer = store.query(TOTAL, Dataset(default_graphs=(), named_graphs=SERVED_GRAPHS))
    assert isinstance(answer, ox.QuerySolutions)
    (row,) = list(answer)
    return int(row["n"].value)


@pytest.fixture(scope="module")
def smaller_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The graph without its glossary: another release, with other counts."""
    folder = tmp_path_factory.mktemp("release-b") / "graph"
    shutil.copytree(GRAPH_DIR, folder)
    (folder / "glossary.ttl").unlink()
    return folder


@pytest.fixture
def reader(published: Virtuoso) -> Iterator[RemoteStore]:
    yield RemoteStore(published.query_url)
    publish(default_files(), published.update_url, published.auth)  # the real release again


def test_a_reader_sees_the_old_release_or_the_new_one_never_a_mix(
    published: Virtuoso, reader: RemoteStore, smaller_release: Path
) -> None:
    """Readers opening while a release is published, and one that opened before."""
    old_total = served_total(reader)
    seen: set[int] = set()
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            seen.add(served_total(RemoteStore(published.query_url)))

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        result = publish(default_files(smaller_release), published.update_url, published.auth)
    finally:
        done.set()
        watcher.join()
    new_total = served_total(RemoteStore(published.query_url))
    assert new_total == sum(result.triples.values())
    assert 0 < new_total < old_total
    assert seen <= {old_total, new_total}, f"a reader saw a half-switched release: {seen}"
    assert old_total in seen
    assert served_total(reader) == old_total, "a reader keeps its release until it reloads"


def test_only_the_last_two_releases_are_kept(published: Virtuoso, smaller_release: Path) -> None:
    first = RemoteStore(published.query_url)
    second = publish(default_files(smaller_release), published.update_url, published.auth)
    third = publish(default_files(), published.update_url, published.auth)
    assert first.release in third.removed
    assert RemoteStore(published.query_url).release == third.release
    assert served_total(RemoteStore(published.query_url, release=second.release)) > 0
    assert served_total(first) == 0


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def test_a_wrong_password_is_refused_and_changes_nothing(
    published: Virtuoso, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = RemoteStore(published.query_url)
    before = served_total(store)
    monkeypatch.setenv("DMOPS_PUBLISH_PASSWORD", "not-the-password")
    code, err = run_cli(
        capsys, "publish", "--to", published.update_url, "--user", "dba", "--auth", "digest"
    )
    assert code == 2
    assert "refused the update (401)" in err
    assert "Traceback" not in err
    assert served_total(store) == before


def test_the_anonymous_endpoint_takes_no_update(
    published: Virtuoso, capsys: pytest.CaptureFixture[str]
) -> None:
    store = RemoteStore(published.query_url)
    before = served_total(store)
    code, err = run_cli(capsys, "publish", "--to", published.query_url)
    assert code == 2
    assert err.startswith("dmops: error: the SPARQL database at ")
    assert served_total(store) == before


def test_an_unreachable_database_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}/sparql-auth"
    code, err = run_cli(capsys, "publish", "--to", url)
    assert code == 2
    assert err.startswith(f"dmops: error: cannot reach the SPARQL database at {url}")
    assert err.count("\n") == 1


def test_a_password_is_never_taken_from_the_command_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DMOPS_PUBLISH_PASSWORD", raising=False)
    code, err = run_cli(capsys, "publish", "--to", "http://127.0.0.1:9/x", "--user", "dba")
    assert code == 2
    assert "needs its password in $DMOPS_PUBLISH_PASSWORD" in err


def test_blank_nodes_are_refused_before_anything_is_sent(
    published: Virtuoso, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "graph"
    folder.mkdir()
    (folder / "blank.ttl").write_text(
        "<https://example.org/a> <https://example.org/b> [ <https://example.org/c> 1 ] .\n",
        encoding="utf-8",
    )
    store = RemoteStore(published.query_url)
    before = served_total(store)
    code, err = run_cli(capsys, "publish", "--to", published.update_url, "--graph-dir", str(folder))
    assert code == 2
    assert "blank node" in err
    assert served_total(store) == before
