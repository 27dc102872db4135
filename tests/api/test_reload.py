"""Reloading the graph without a restart: by token-protected POST or by SIGHUP."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient

from api.config import Settings
from api.main import create_app
from tests.conftest import RunningService

TOKEN = "s3cret-for-tests"
SLOW = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/rubin/dmops/ontology#Post> . ?b ?p ?o }"
)


@pytest.fixture(scope="module")
def client(request: pytest.FixtureRequest) -> Iterator[TestClient]:
    request.getfixturevalue("knowledge")  # the closure is cached before the app loads
    settings = Settings(admin_token=TOKEN, workers=1, query_timeout=20)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def pids(client: TestClient | httpx.Client) -> list[int]:
    return list(client.get("/health").json()["pids"])


def test_reload_needs_the_token(client: TestClient) -> None:
    assert client.post("/admin/reload").status_code == 401
    wrong = client.post("/admin/reload", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert wrong.headers["WWW-Authenticate"] == "Bearer"


def test_reload_swaps_in_a_whole_graph_while_queries_finish(client: TestClient) -> None:
    before = pids(client)
    triples = client.get("/").json()["triples"]
    with ThreadPoolExecutor(max_workers=1) as pool:
        under_way = pool.submit(client.post, "/sparql", data={"query": SLOW})
        time.sleep(0.1)
        answer = client.post("/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
        assert under_way.result().status_code == 200
    assert answer.status_code == 200
    assert answer.json()["triples"] == triples
    assert pids(client) != before
    page = client.get("/id/product/butler", headers={"Accept": "text/turtle"})
    assert "jennesst" in page.text


def test_canned_answers_are_cached_until_a_reload(client: TestClient) -> None:
    def fetch() -> tuple[str, list[dict[str, str]]]:
        response = client.get("/queries/roles-in-wbs", params={"wbs": "wbs/3.7"})
        return response.headers["X-Cache"], response.json()

    _, rows = fetch()
    again, cached_rows = fetch()
    assert (again, cached_rows) == ("hit", rows)
    assert [row["code"] for row in rows] == ["3.7a", "3.7b.1", "3.7b.2", "3.7c"]
    client.post("/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
    assert fetch() == ("miss", rows)


def test_reload_is_off_without_a_token(service: RunningService) -> None:
    response = httpx.post(f"{service.url}/admin/reload")
    assert response.status_code == 404
    assert "set DMOPS_ADMIN_TOKEN" in response.json()["detail"][0]["msg"]


def test_sighup_reloads(service: RunningService) -> None:
    with httpx.Client(base_url=service.url, timeout=10) as live:
        before = pids(live)
        os.kill(service.process.pid, signal.SIGHUP)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            now = pids(live)
            if len(now) == 2 and not set(now) & set(before):
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the workers were not replaced after SIGHUP")
        assert live.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
