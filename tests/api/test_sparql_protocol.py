"""The SPARQL 1.1 Protocol as clients use it: methods, formats, datasets, service description."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from xml.etree import ElementTree

import httpx
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from SPARQLWrapper import JSON, SPARQLWrapper

from tests.conftest import RunningService

BUTLER = (
    "PREFIX dmops: <https://w3id.org/rubin/dmops/ontology#>\n"
    "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
    "SELECT ?name WHERE {\n"
    "  <https://w3id.org/rubin/dmops/product/butler> dmops:manager/foaf:name ?name }"
)
CONSTRUCT = (
    "CONSTRUCT { ?p <https://w3id.org/rubin/dmops/ontology#manager> ?m } WHERE "
    "{ ?p <https://w3id.org/rubin/dmops/ontology#manager> ?m "
    "FILTER(?p = <https://w3id.org/rubin/dmops/product/butler>) }"
)
STATEMENT = (
    "<https://w3id.org/rubin/dmops/person/jennesst> "
    "<https://w3id.org/rubin/dmops/ontology#manages> <https://w3id.org/rubin/dmops/product/butler>"
)
MANAGES = f"SELECT ?g WHERE {{ GRAPH ?g {{ {STATEMENT} }} }}"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")


@pytest.fixture(scope="module")
def client(service: RunningService) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=service.url, timeout=30) as session:
        yield session


def names(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [row["name"]["value"] for row in response.json()["results"]["bindings"]]


def test_get_post_form_and_post_query_agree(client: httpx.Client) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    by_get = client.get("/sparql", params={"query": BUTLER}, headers=accept)
    by_form = client.post("/sparql", data={"query": BUTLER}, headers=accept)
    by_body = client.post(
        "/sparql",
        content=BUTLER,
        headers={**accept, "Content-Type": "application/sparql-query; charset=utf-8"},
    )
    assert names(by_get) == names(by_form) == names(by_body) == ["Tim Jenness"]


def test_no_preference_answers_sparql_json(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": BUTLER})
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert names(response) == ["Tim Jenness"]


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ],
)
def test_select_formats_by_accept(client: httpx.Client, accept: str, media_type: str) -> None:
    response = client.get("/sparql", params={"query": BUTLER}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert _select_values(response.text, media_type) == ["Tim Jenness"]


@pytest.mark.parametrize(
    ("form", "media_type"),
    [
        ("xml", "application/sparql-results+xml"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
    ],
)
def test_select_formats_by_parameter(client: httpx.Client, form: str, media_type: str) -> None:
    response = client.get("/sparql", params={"query": BUTLER, "format": form})
    assert response.headers["content-type"].startswith(media_type)
    assert _select_values(response.text, media_type) == ["Tim Jenness"]


def _select_values(text: str, media_type: str) -> list[str]:
    if "xml" in media_type:
        root = ElementTree.fromstring(text)
        space = "{http://www.w3.org/2005/sparql-results#}"
        return [node.text or "" for node in root.iter(f"{space}literal")]
    if "csv" in media_type:
        return [row[0] for row in list(csv.reader(io.StringIO(text)))[1:]]
    lines = text.splitlines()
    assert lines[0] == "?name"
    return [line.strip('"') for line in lines[1:]]


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_formats(client: httpx.Client, accept: str, rdflib_format: str) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=response.text, format=rdflib_format)
    assert set(graph) == {
        (
            URIRef("https://w3id.org/rubin/dmops/product/butler"),
            URIRef("https://w3id.org/rubin/dmops/ontology#manager"),
            URIRef("https://w3id.org/rubin/dmops/person/jennesst"),
        )
    }


def test_stated_and_inferred_triples_are_told_apart(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": MANAGES})
    graphs = [row["g"]["value"] for row in response.json()["results"]["bindings"]]
    assert graphs == ["https://w3id.org/rubin/dmops/graph/inferred"]


def test_default_graph_uri_selects_the_stated_graph(client: httpx.Client) -> None:
    ask = f"ASK {{ {STATEMENT} }}"
    union = client.get("/sparql", params={"query": ask})
    stated = client.get(
        "/sparql",
        params={"query": ask, "default-graph-uri": "https://w3id.org/rubin/dmops/graph/asserted"},
    )
    assert union.json()["boolean"] is True
    assert stated.json()["boolean"] is False


def test_service_description_with_void_counts(client: httpx.Client) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    description = Graph().parse(data=response.text, format="turtle")
    (service,) = description.subjects(SD.endpoint, None)
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in description
    metadata = client.get("/").json()
    counts = {int(str(value)) for value in description.objects(None, VOID.triples)}
    asserted, inferred = metadata["triples"]["asserted"], metadata["triples"]["inferred"]
    assert counts == {asserted, inferred, asserted + inferred}
    named = {str(name) for name in description.objects(None, SD.name)}
    assert named == {
        "https://w3id.org/rubin/dmops/graph/asserted",
        "https://w3id.org/rubin/dmops/graph/inferred",
    }
    assert Literal(asserted) in set(description.objects(None, VOID.triples))


def test_browser_gets_the_query_page(client: httpx.Client) -> None:
    response = client.get(
        "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "PREFIX dmops: &lt;https://w3id.org/rubin/dmops/ontology#&gt;" in response.text
    assert "https://" not in response.text.split("<body>")[0].replace("https://w3id.org", "")


def test_sparqlwrapper_client(service: RunningService) -> None:
    wrapper = SPARQLWrapper(f"{service.url}/sparql")
    wrapper.setQuery(BUTLER)
    wrapper.setReturnFormat(JSON)
    result = wrapper.query().convert()
    assert isinstance(result, dict)
    assert [row["name"]["value"] for row in result["results"]["bindings"]] == ["Tim Jenness"]


def test_metadata_health_and_metrics(client: httpx.Client) -> None:
    metadata = client.get("/").json()
    assert metadata["name"] == "rubin-dmops-kg"
    assert metadata["triples"]["asserted"] > 30_000
    assert metadata["source_revisions"] == [
        "lsst/lsst-texmf@4721872d92d057aefc358692d84e97b8857ec862",
        "lsst/rtn-046@44b5e28cdb467e384527a80ab43b6f0b292778b6",
    ]
    health = client.get("/health").json()
    assert (health["status"], health["workers"]) == ("ok", 2)
    client.get("/sparql", params={"query": BUTLER})
    metrics = client.get("/metrics").text
    assert 'dmops_requests_total{method="GET",route="/sparql",status="200"}' in metrics
    assert "dmops_query_seconds_count" in metrics
    assert "dmops_query_refusals_total" in metrics or "dmops_query_refusals" in metrics


def test_errors_use_the_one_error_body(client: httpx.Client) -> None:
    response = client.get("/no/such/route")
    assert response.status_code == 404
    assert json.loads(response.text) == {
        "detail": [{"loc": [], "msg": "Not Found", "type": "not_found"}]
    }
