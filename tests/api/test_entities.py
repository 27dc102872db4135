"""Entity pages, their RDF, redirects, 404s and search, against the real running service."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

import httpx
import pytest
from markupsafe import escape
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from api.entity_view import cite, latex_escape
from dmops.namespaces import BASE, DMOPS, ENTITY_TYPES
from tests.api.html_page import HTML, Page
from tests.conftest import RunningService

ROLE = "/id/role/3.2e.3"
ROLE_IRI = URIRef(f"{BASE}role/3.2e.3")
IN2P3 = URIRef(f"{BASE}institution/IN2P3")
IN2P3_LABEL = "Institut National de Physique Nucléaire et de Physique des Particules"
PAGE_SIZE = 500  # the test service's row limit (tests/conftest.py SERVICE_SETTINGS)
SUBJECTS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s (SAMPLE(?l) AS ?label) WHERE {
  ?s ?p ?o OPTIONAL { ?s rdfs:label ?l }
  FILTER(isIRI(?s) && STRSTARTS(STR(?s), "https://w3id.org/rubin/dmops/"))
} GROUP BY ?s ORDER BY ?s LIMIT %d OFFSET %d
"""
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
RDF_FORMATS = {
    "turtle": ("text/turtle", "turtle"),
    "jsonld": ("application/ld+json", "json-ld"),
    "ntriples": ("application/n-triples", "nt"),
}


@pytest.fixture(scope="module")
def client(service: RunningService) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=service.url, timeout=30) as session:
        yield session


@dataclass(frozen=True)
class Entity:
    iri: str
    label: str

    @property
    def kind(self) -> str:
        return self.iri[len(BASE) :].split("/", 1)[0]

    @property
    def path(self) -> str:
        return "/id/" + self.iri[len(BASE) :]


@pytest.fixture(scope="module")
def entities(client: httpx.Client) -> list[Entity]:
    """Every subject in the instance namespace, asked of /sparql a page of rows at a time."""
    found: list[Entity] = []
    offset = 0
    while True:
        response = client.post(
            "/sparql",
            data={"query": SUBJECTS % (PAGE_SIZE, offset)},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert response.status_code == 200, response.text
        rows = response.json()["results"]["bindings"]
        for row in rows:
            iri = row["s"]["value"]
            kind, _, key = iri[len(BASE) :].partition("/")
            if kind in ENTITY_TYPES and key:
                found.append(Entity(iri, row.get("label", {}).get("value", unquote(key))))
        if len(rows) < PAGE_SIZE:
            return found
        offset += PAGE_SIZE


def page(client: httpx.Client, path: str) -> Page:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return Page.of(response.text)


def test_every_entity_has_a_page(client: httpx.Client, entities: list[Entity]) -> None:
    """All ~3,500 pages, HTML, one client: each names its entity and shows its canonical IRI."""
    kinds = {entity.kind for entity in entities}
    assert len(entities) > 3000
    assert kinds == set(ENTITY_TYPES)
    started = time.perf_counter()
    failures = []
    for entity in entities:
        response = client.get(entity.path, headers=HTML)
        body = response.text
        if (
            response.status_code != 200
            or not response.headers["content-type"].startswith("text/html")
            or f"<h1>{escape(entity.label)}</h1>" not in body
            or f'<code class="iri" id="canonical-iri">{escape(entity.iri)}</code>' not in body
        ):
            failures.append(f"{entity.path}: {response.status_code} {body[:200]}")
    elapsed = time.perf_counter() - started
    print(f"\n{len(entities)} entity pages in {elapsed:.1f} s")
    assert not failures, f"{len(failures)} pages failed, e.g. {failures[:3]}"


def test_every_entity_negotiates_rdf(client: httpx.Client, entities: list[Entity]) -> None:
    """Every entity answers RDF: N-Triples for all; the three formats for every person,
    product, role ... and one in 40 documents and terms."""
    documents_and_terms = [e for e in entities if e.kind in ("document", "term")]
    sample = {e.iri for e in entities if e.kind not in ("document", "term")}
    sample |= {e.iri for e in documents_and_terms[::40]}
    for entity in entities:
        forms = RDF_FORMATS if entity.iri in sample else {"ntriples": RDF_FORMATS["ntriples"]}
        for form, (media_type, parser) in forms.items():
            response = client.get(entity.path, headers={"Accept": media_type})
            assert response.status_code == 200, (entity.path, form)
            assert response.headers["content-type"].startswith(media_type)
            graph = Graph().parse(data=response.content, format=parser)
            subject = URIRef(entity.iri)
            assert (subject, RDFS.label, Literal(entity.label)) in graph, (entity.path, form)


@pytest.mark.parametrize(
    ("headers", "params", "form"),
    [
        ({"Accept": "text/turtle"}, {}, "turtle"),
        ({"Accept": "application/ld+json"}, {}, "jsonld"),
        ({"Accept": "application/n-triples"}, {}, "ntriples"),
        ({"Accept": "text/turtle;q=0.5, application/ld+json;q=0.9, text/html;q=0.1"}, {}, "jsonld"),
        ({"Accept": "application/n-triples;q=0.2, text/turtle"}, {}, "turtle"),
        (HTML, {"format": "turtle"}, "turtle"),
        ({}, {"format": "jsonld"}, "jsonld"),
        ({}, {"format": "ntriples"}, "ntriples"),
    ],
)
def test_the_role_as_rdf(
    client: httpx.Client, headers: dict[str, str], params: dict[str, str], form: str
) -> None:
    media_type, parser = RDF_FORMATS[form]
    response = client.get(ROLE, headers=headers, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media_type)
    assert "Accept" in response.headers["vary"]
    graph = Graph().parse(data=response.content, format=parser)
    assert (ROLE_IRI, DMOPS.institution, IN2P3) in graph
    assert (ROLE_IRI, DMOPS.wbsElement, URIRef(f"{BASE}wbs/3.2")) in graph
    # the labels of the entity and of what it links to
    assert (ROLE_IRI, RDFS.label, Literal("3.2e.3 Data Wrangler - IN2P3")) in graph
    assert (IN2P3, RDFS.label, Literal(IN2P3_LABEL)) in graph
    assert (URIRef(f"{BASE}wbs/3.2"), RDFS.label, Literal("3.2 US Data Facility")) in graph
    types = set(graph.objects(ROLE_IRI, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")))
    assert {DMOPS.Post, URIRef("http://www.w3.org/ns/org#Post")} <= types  # stated, inferred
    assert set(graph.subjects()) <= {ROLE_IRI, *graph.objects(ROLE_IRI)}


def test_the_butler_rdf_has_inferred_triples(client: httpx.Client) -> None:
    response = client.get("/id/product/butler", params={"format": "turtle"})
    graph = Graph().parse(data=response.content, format="turtle")
    butler = URIRef(f"{BASE}product/butler")
    assert (butler, DMOPS.manager, URIRef(f"{BASE}person/jennesst")) in graph
    assert (butler, DMOPS.within, URIRef(f"{BASE}product/dm-ops")) in graph  # inferred
    assert (URIRef(f"{BASE}person/jennesst"), RDFS.label, Literal("Tim Jenness")) in graph


def test_no_accept_or_a_browser_gets_html(client: httpx.Client) -> None:
    for headers in ({}, {"Accept": "*/*"}, HTML):
        response = client.get(ROLE, headers=headers)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")


def test_unknown_format_and_unacceptable_media_type(client: httpx.Client) -> None:
    unknown = client.get(ROLE, params={"format": "rdfxml"})
    assert unknown.status_code == 400
    assert unknown.json()["detail"][0]["loc"] == ["query", "format"]
    refused = client.get(ROLE, headers={"Accept": "image/png"})
    assert refused.status_code == 406
    assert refused.json()["detail"][0]["type"] == "not_acceptable"


def test_the_role_page_links_its_wbs_element_and_institution(client: httpx.Client) -> None:
    role = page(client, ROLE)
    assert role.content("canonical-iri") == str(ROLE_IRI)
    wbs = role.links("/id/wbs/3.2", "facts")
    assert [(a.text, a.row, a.inferred) for a in wbs] == [
        ("3.2 US Data Facility", "dmops:wbsElement", False)
    ]
    institution = role.links("/id/institution/IN2P3", "facts")
    assert [(a.text, a.row) for a in institution] == [(IN2P3_LABEL, "dmops:institution")]
    # the property is labelled and documented on the ontology page; so is the class
    assert [a.text for a in role.links("/ontology#institution")] == ["institution"]
    assert {a.text for a in role.links("/ontology#Post")} == {"coded role"}
    assert "Data Wrangler" in [a.text for a in role.links("/id/function/data-wrangler")]
    # no link leaves for the graph's base IRI: entities resolve on this host
    assert not [a for a in role.anchors if a.href.startswith(BASE)]


def test_the_wbs_element_lists_its_roles_as_inbound(client: httpx.Client) -> None:
    wbs = page(client, "/id/wbs/3.2")
    links = wbs.links(ROLE, "inbound")
    assert [(a.text, a.row) for a in links] == [
        ("3.2e.3 Data Wrangler - IN2P3", "dmops:wbsElement")
    ]
    assert "WBS element of" in wbs.content("inbound")
    # the team it belongs to is an outgoing fact
    assert wbs.links("/id/team/us-data-facility", "facts")


def test_the_institution_lists_its_roles_as_inbound(client: httpx.Client) -> None:
    institution = page(client, "/id/institution/IN2P3")
    assert institution.content("inbound").startswith("Linked from")
    assert "institution of" in institution.content("inbound")
    assert [a.row for a in institution.links(ROLE, "inbound")] == ["dmops:institution"]


def test_butler_shows_its_manager_and_its_provenance(client: httpx.Client) -> None:
    butler = page(client, "/id/product/butler")
    manager = butler.links("/id/person/jennesst", "facts")
    assert [(a.text, a.row, a.inferred) for a in manager] == [
        ("Tim Jenness", "dmops:manager", False)
    ]
    provenance = butler.content("provenance")
    assert "productlist.tex#L23" in provenance
    assert "ProductTree.tex#L57" in provenance
    assert "lsst/rtn-046@44b5e28" in provenance
    sources = [a for a in butler.anchors if a.section == "provenance" and "github" in a.href]
    assert (
        "https://github.com/lsst/rtn-046/blob/44b5e28cdb467e384527a80ab43b6f0b292778b6/"
        "productlist.tex#L23"
    ) in [a.href for a in sources]
    assert butler.links("/id/document/RTN-046", "provenance")


def test_inferred_statements_are_marked(client: httpx.Client) -> None:
    butler = page(client, "/id/product/butler")
    within = butler.links("/id/product/dm-ops", "facts")
    assert [(a.row, a.inferred) for a in within] == [("dmops:within", True)]
    assert [a.inferred for a in butler.links("/id/product/pipe-middleware", "facts")] == [
        False,  # parent: stated
        True,  # within: inferred
    ]
    # inferred types are listed with the stated one, and marked
    types = {a.text: a.inferred for a in butler.anchors if a.row == "rdf:type"}
    assert types["product"] is False
    assert types["doap:Project"] is True
    # standard-vocabulary entailments (dcterms:isPartOf ...) are folded away, still marked
    folded = [a for a in butler.anchors if a.section == "more-inferred"]
    assert folded
    assert all(a.inferred for a in folded if a.href.startswith("/id/"))


def test_inbound_links_are_named_by_the_inverse(client: httpx.Client) -> None:
    """Tim Jenness's page lists what he manages once, as "manages" (dmops:manager's inverse)."""
    person = page(client, "/id/person/jennesst")
    managed = [a for a in person.links("/id/product/butler") if a.section in ("facts", "inbound")]
    assert [(a.section, a.row, a.inferred) for a in managed] == [("facts", "dmops:manages", True)]
    assert "manager of" not in person.content("inbound")
    assert "creator of" in person.content("inbound")  # documents: dcterms:creator has no inverse


def test_the_page_shows_how_to_cite_it(client: httpx.Client) -> None:
    role = page(client, ROLE)
    url = str(ROLE_IRI)
    assert role.content("cite-url") == url
    assert role.content("cite-latex") == rf"\href{{{url}}}{{3.2e.3 Data Wrangler - IN2P3}}"
    assert role.content("cite-rst") == f"`3.2e.3 Data Wrangler - IN2P3 <{url}>`__"
    term = page(client, "/id/term/A%2FD")
    assert term.content("canonical-iri") == f"{BASE}term/A%2FD"
    assert term.content("cite-latex") == rf"\href{{{BASE}term/A\%2FD}}{{A/D}}"


def test_citation_escaping() -> None:
    assert latex_escape("T&S 50% #1 a_b {x} ~^\\") == (
        r"T\&S 50\% \#1 a\_b \{x\} \textasciitilde{}\textasciicircum{}\textbackslash{}"
    )
    citation = cite(f"{BASE}term/T%26S", "T&S <`x`>")
    assert citation.latex == rf"\href{{{BASE}term/T\%26S}}{{T\&S <`x`>}}"
    assert citation.rst == rf"`T&S \<\`x\`> <{BASE}term/T%26S>`__"


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("/id/person/KT%20Lim", "/id/person/limk"),
        ("/id/person/kt-lim", "/id/person/limk"),
        ("/id/person/Kian-Tat%20LIM", "/id/person/limk"),
        ("/id/person/Mario%20Juric", "/id/person/juricm"),
        ("/id/product/Observatory%20Controlled%20Processing%20System", "/id/product/ocps"),
        ("/id/product/BUTLER", "/id/product/butler"),
        ("/id/document/rtn-046", "/id/document/RTN-046"),
        ("/id/institution/in2p3", "/id/institution/IN2P3"),
    ],
)
def test_spelling_variants_redirect(client: httpx.Client, variant: str, canonical: str) -> None:
    response = client.get(variant, headers=HTML)
    assert response.status_code == 301, response.text
    assert response.headers["location"] == canonical
    assert client.get(canonical, headers=HTML).status_code == 200


def test_a_redirect_keeps_the_query(client: httpx.Client) -> None:
    response = client.get("/id/person/KT%20Lim", params={"format": "turtle"})
    assert response.status_code == 301
    assert response.headers["location"] == "/id/person/limk?format=turtle"
    followed = client.get("/id/person/KT%20Lim?format=turtle", follow_redirects=True)
    assert followed.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=followed.content, format="turtle")
    assert (URIRef(f"{BASE}person/limk"), RDFS.label, Literal("Kian-Tat Lim")) in graph


def test_an_unknown_key_lists_the_nearest(client: httpx.Client) -> None:
    response = client.get("/id/person/Tim%20Jeness")
    assert response.status_code == 404
    (detail,) = response.json()["detail"]
    assert detail["loc"] == ["path", "key"]
    assert detail["type"] == "not_found"
    assert "Tim Jenness </id/person/jennesst>" in detail["msg"]
    roles = client.get("/id/role/3.2e.9").json()["detail"][0]["msg"]
    assert "/id/role/3.2e.3" in roles
    nothing = client.get("/id/product/zzzqqqxxx")
    assert nothing.status_code == 404
    assert "nothing similar" in nothing.json()["detail"][0]["msg"]


def test_an_unknown_type_names_the_types(client: httpx.Client) -> None:
    response = client.get("/id/people/limk")
    assert response.status_code == 404
    (detail,) = response.json()["detail"]
    assert detail["loc"] == ["path", "type"]
    assert all(kind in detail["msg"] for kind in ENTITY_TYPES)


def search(client: httpx.Client, q: str, **params: str) -> list[dict[str, str]]:
    response = client.get("/search", params={"q": q, **params})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    results: list[dict[str, str]] = response.json()
    return results


def test_search_finds_people_by_name_and_alternative_name(
    client: httpx.Client, service: RunningService
) -> None:
    (first, *_) = search(client, "jenness")
    assert first == {
        "iri": f"{BASE}person/jennesst",
        "page": f"{service.url}/id/person/jennesst",
        "label": "Tim Jenness",
        "type": "person",
    }
    assert client.get(first["page"], headers=HTML).status_code == 200
    assert search(client, "KT LIM")[0]["iri"] == f"{BASE}person/limk"  # alternative label
    assert search(client, "observatory controlled processing")[0]["label"] == "OCPS"
    assert search(client, "jurić")[0]["label"] == "Mario Jurić"
    assert search(client, "juric")[0]["label"] == "Mario Jurić"  # accents folded


def test_search_ranks_exact_then_prefix_then_substring(client: httpx.Client) -> None:
    results = search(client, "butler", limit="100")
    labels = [result["label"].casefold() for result in results]
    ranks = [0 if label == "butler" else 1 if label.startswith("butler") else 2 for label in labels]
    assert ranks[0] == 0
    assert ranks == sorted(ranks), labels
    assert f"{BASE}product/butler" in [result["iri"] for result in results[:2]]


def test_search_filters_and_limits(client: httpx.Client) -> None:
    people = search(client, "lim", type="person")
    assert people
    assert {result["type"] for result in people} == {"person"}
    assert len(search(client, "data", limit="3")) == 3
    response = client.get("/search", params={"q": "data", "limit": "3"})
    assert int(response.headers["x-total-count"]) > 3


@pytest.mark.parametrize(
    ("params", "loc"),
    [
        ({}, ["query", "q"]),
        ({"q": ""}, ["query", "q"]),
        ({"q": "   "}, ["query", "q"]),
        ({"q": "x" * 201}, ["query", "q"]),
        ({"q": "lim", "type": "people"}, ["query", "type"]),
        ({"q": "lim", "limit": "0"}, ["query", "limit"]),
    ],
)
def test_search_refuses_bad_parameters(
    client: httpx.Client, params: dict[str, str], loc: list[str]
) -> None:
    response = client.get("/search", params=params)
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == loc


def test_search_as_html(client: httpx.Client) -> None:
    response = client.get("/search", params={"q": "<Jenness>"}, headers=HTML)
    assert response.status_code == 200
    assert "&lt;Jenness&gt;" in response.text and "<Jenness>" not in response.text
    results = page(client, "/search?q=jenness")
    assert results.links("/id/person/jennesst")[0].text == "Tim Jenness"
