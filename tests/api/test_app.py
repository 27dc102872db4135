"""The app built in-process from settings: CORS, configuration and the OpenAPI document."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.config import Settings
from api.main import create_app
from dmops.knowledge import KnowledgeGraph


@pytest.fixture(scope="module")
def client(knowledge: KnowledgeGraph) -> Iterator[TestClient]:
    """One worker and a CORS origin; ``knowledge`` makes sure the closure is cached."""
    assert knowledge.inferred
    settings = Settings(cors_origins=["https://rubin.example"], workers=1, query_timeout=5)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_cors_allows_the_configured_origin_only(client: TestClient) -> None:
    allowed = client.get("/", headers={"Origin": "https://rubin.example"})
    other = client.get("/", headers={"Origin": "https://elsewhere.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://rubin.example"
    assert "access-control-allow-origin" not in other.headers


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DMOPS_QUERY_TIMEOUT", "3.5")
    monkeypatch.setenv("DMOPS_MAX_ROWS", "42")
    settings = Settings()
    assert (settings.query_timeout, settings.max_rows) == (3.5, 42)


def test_openapi_documents_the_sparql_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/sparql"])
    assert "/" in paths and "/health" in paths


def test_in_process_query(client: TestClient) -> None:
    team = "<https://w3id.org/rubin/dmops/ontology#team>"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    text = f"SELECT ?t WHERE {{ <https://w3id.org/rubin/dmops/wbs/3.7> {team}/{label} ?t }}"
    response = client.post("/sparql", data={"query": text})
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["t"]["value"] == "Data Engineering"
