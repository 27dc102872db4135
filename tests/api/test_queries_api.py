"""Canned queries through the API: listing, typed parameters, formats, errors, OpenAPI."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import httpx
import pytest

from dmops.queries import expected_file, load_queries
from tests.conftest import RunningService

QUERIES = load_queries()


@pytest.fixture(scope="module")
def client(service: RunningService) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=service.url, timeout=30) as session:
        yield session


def test_list(client: httpx.Client) -> None:
    listed = {entry["name"]: entry for entry in client.get("/queries").json()}
    assert set(listed) == set(QUERIES)
    (parameter,) = listed["product-people"]["parameters"]
    assert parameter["name"] == "product"
    assert parameter["type"] == "iri"
    assert parameter["class"] == "https://w3id.org/rubin/dmops/ontology#Product"
    assert parameter["example"] == "product/butler"
    assert listed["product-people"]["url"].endswith("/queries/product-people")


@pytest.mark.parametrize("name", QUERIES)
def test_every_query_answers_its_golden_rows(client: httpx.Client, name: str) -> None:
    recorded = json.loads(expected_file(QUERIES[name]).read_text(encoding="utf-8"))
    response = client.get(f"/queries/{name}", params=recorded["arguments"])
    assert response.status_code == 200, response.text
    expected = recorded["rows"]
    if QUERIES[name].pagination:
        expected = expected[: QUERIES[name].pagination]
    assert response.json() == expected


def test_formats(client: httpx.Client) -> None:
    params = {"institution": "institution/IN2P3"}
    as_csv = client.get("/queries/roles-at-institution", params={**params, "format": "csv"})
    codes = [row["code"] for row in csv.DictReader(io.StringIO(as_csv.text))]
    assert codes == ["3.11c", "3.1c.3", "3.2e.3", "3.2g.3", "3.2l.3", "3.9b.3"]
    by_accept = client.get(
        "/queries/roles-at-institution",
        params=params,
        headers={"Accept": "text/tab-separated-values"},
    )
    assert by_accept.text.splitlines()[0] == "role\tcode\ttitle\twbs"
    sparql_json = client.get(
        "/queries/roles-at-institution",
        params=params,
        headers={"Accept": "application/sparql-results+json"},
    ).json()
    assert sparql_json["head"]["vars"] == ["role", "code", "title", "wbs"]
    html = client.get(
        "/queries/roles-at-institution", params=params, headers={"Accept": "text/html"}
    )
    assert '<a href="/id/role/3.2e.3">role/3.2e.3</a>' in html.text


def test_pagination(client: httpx.Client) -> None:
    first = client.get("/queries/search", params={"text": "data"}).json()
    second = client.get("/queries/search", params={"text": "data", "page": 2}).json()
    assert (
        len(first) == 50
        and second
        and not {r["entity"] for r in first} & {r["entity"] for r in second}
    )


@pytest.mark.parametrize(
    ("path", "params", "status", "message"),
    [
        ("/queries/nope", {}, 404, "no canned query 'nope'; the queries: acronym"),
        ("/queries/product-people", {"product": "product/butler", "colour": "red"}, 400,
         "has no parameter 'colour'; its parameters: format, page, product"),
        ("/queries/product-people", {}, 400, "product"),
        ("/queries/product-people", {"product": "role/3.7a"}, 400, "is not a dmops:Product"),
        ("/queries/search", {"text": "x", "page": "two"}, 400, "integer"),
        ("/queries/search", {"text": "x", "format": "png"}, 400, "json"),
    ],
)  # fmt: skip
def test_errors_name_the_valid_choices(
    client: httpx.Client, path: str, params: dict[str, str], status: int, message: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status, response.text
    assert message in json.dumps(response.json())


@pytest.mark.parametrize(
    "value", ['OCPS" } UNION { ?s ?p ?o } #', "OCPS>", "}", "OCPS\n}\n?s ?p ?o", "\\\"'"]
)
def test_string_injection_answers_empty(client: httpx.Client, value: str) -> None:
    response = client.get("/queries/acronym", params={"acronym": value})
    assert (response.status_code, response.json()) == (200, [])


@pytest.mark.parametrize("value", ["product/butler> } UNION { ?s ?p ?o", "product/butler\n}", "}"])
def test_iri_injection_is_400(client: httpx.Client, value: str) -> None:
    response = client.get("/queries/product-people", params={"product": value})
    assert response.status_code == 400
    assert response.json()["detail"][0]["type"] == "invalid_parameter"


def test_openapi_has_one_operation_per_query(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for name in QUERIES:
        assert f"/queries/{name}" in paths
    operation = paths["/queries/product-people"]["get"]
    assert operation["summary"] == "Who manages and owns a product"
    (product,) = [p for p in operation["parameters"] if p["name"] == "product"]
    assert product["required"] is True
    assert product["examples"]["example"]["value"] == "product/butler"
    assert product["schema"]["examples"] == ["product/butler"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
