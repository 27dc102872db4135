"""/ontology: the vocabulary documented in HTML (one anchor per term), and as Turtle or JSON-LD."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from dmops.namespaces import DMOPS
from dmops.paths import ONTOLOGY_FILE
from tests.api.html_page import HTML, Page
from tests.conftest import RunningService

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


@pytest.fixture(scope="module")
def client(service: RunningService) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=service.url, timeout=30) as session:
        yield session


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def documentation(client: httpx.Client) -> Page:
    response = client.get("/ontology", headers=HTML)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return Page.of(response.text)


def test_every_dmops_term_has_its_local_name_as_anchor(
    vocabulary: Graph, documentation: Page
) -> None:
    terms = {
        str(term)[len(str(DMOPS)) :]
        for term in vocabulary.subjects()
        if isinstance(term, URIRef) and str(term).startswith(str(DMOPS))
    }
    assert {"Post", "Product", "manager", "wbsElement", "Confirmed"} <= terms
    missing = {term for term in terms if documentation.ids.get(term) != "article"}
    assert not missing, missing


def test_a_class_entry(documentation: Page) -> None:
    entry = documentation.content("Post")
    assert entry.startswith("coded role class")
    assert "dmops:Post" in entry
    assert "A role of the plan with a WBS code" in entry
    assert "subclass of org:Post" in entry
    links = [a for a in documentation.anchors if a.href == "http://www.w3.org/ns/org#Post"]
    assert links


def test_a_property_entry_links_domain_range_and_inverse(documentation: Page) -> None:
    entry = documentation.content("manager")
    assert "The person who manages a product" in entry
    assert "subproperty of doap:maintainer" in entry
    hrefs = {a.href: a.text for a in documentation.anchors if "manager" in a.within}
    assert hrefs["#Product"] == "product"
    assert hrefs["#Person"] == "person"  # foaf:Person, a standard term the file describes
    assert hrefs["#manages"] == "manages"
    for name in ("domain", "range", "inverse"):
        assert name in entry
    assert hrefs["#manager"] == "#"  # the entry's own anchor
    assert "functional" in documentation.content("kind")
    assert "transitive" in documentation.content("within")


def test_standard_terms_are_documented_too(documentation: Page) -> None:
    for anchor in ("label", "altLabel", "source", "wasDerivedFrom", "Person", "memberOf"):
        assert documentation.ids.get(anchor) == "article", anchor
    assert documentation.content("source").startswith("source standard term")


def test_entity_pages_link_to_existing_anchors(client: httpx.Client, documentation: Page) -> None:
    for path in ("/id/role/3.2e.3", "/id/product/butler", "/id/person/limk", "/id/term/A%2FD"):
        response = client.get(path, headers=HTML)
        anchors = [
            a.href.split("#", 1)[1]
            for a in Page.of(response.text).anchors
            if a.href.startswith("/ontology#")
        ]
        assert anchors
        assert set(anchors) <= set(documentation.ids), path


@pytest.mark.parametrize(
    ("headers", "params"),
    [({"Accept": "text/turtle"}, {}), (HTML, {"format": "turtle"})],
)
def test_the_turtle_is_the_file(
    client: httpx.Client, headers: dict[str, str], params: dict[str, str], vocabulary: Graph
) -> None:
    response = client.get("/ontology", headers=headers, params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert response.content == ONTOLOGY_FILE.read_bytes()
    assert isomorphic(Graph().parse(data=response.content, format="turtle"), vocabulary)


@pytest.mark.parametrize(
    ("headers", "params", "parser"),
    [
        ({"Accept": "application/ld+json"}, {}, "json-ld"),
        ({}, {"format": "jsonld"}, "json-ld"),
        ({"Accept": "application/n-triples"}, {}, "nt"),
    ],
)
def test_other_rdf_formats_hold_the_same_graph(
    client: httpx.Client,
    headers: dict[str, str],
    params: dict[str, str],
    parser: str,
    vocabulary: Graph,
) -> None:
    response = client.get("/ontology", headers=headers, params=params)
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format=parser)
    assert isomorphic(graph, vocabulary)


def test_unknown_format(client: httpx.Client) -> None:
    response = client.get("/ontology", params={"format": "owl"})
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["query", "format"]
