"""Whole-source tests: the committed graph states what RTN-046 says, fact by fact."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, RDFS, SKOS

from dmops.namespaces import DMOPS, PREFIXES, entity

pytestmark = pytest.mark.usefixtures("sources_root")


def select(graph: Graph, query: str) -> list[tuple[str, ...]]:
    """Rows of a SELECT as tuples of strings (IRIs shortened to their last segment)."""
    return [
        tuple(_short(value) for value in row)  # type: ignore[union-attr]
        for row in graph.query(query, initNs=PREFIXES)
    ]


def pairs(graph: Graph, query: str) -> dict[str, str]:
    """A two-column SELECT as a dictionary from the first column to the second."""
    return {row[0]: row[1] for row in select(graph, query)}


def _short(value: object) -> str:
    if isinstance(value, URIRef):
        return str(value).rsplit("/", 1)[-1]
    return "" if value is None else str(value)


def assignment(graph: Graph, product: str, responsibility: str) -> tuple[str, str, str]:
    """(person key or "", status, verbatim text) of a product's manager or owner."""
    rows = select(
        graph,
        f"""SELECT ?person ?status ?text WHERE {{
            ?a dmops:assignedTo product:{product} ;
               dmops:responsibility dmops:{responsibility} ;
               dmops:status ?status ; dmops:sourceText ?text .
            OPTIONAL {{ ?a org:member ?person }}
        }}""",
    )
    assert len(rows) == 1, rows
    person, status, text = rows[0]
    return person, status.rsplit("#", 1)[-1], text


def test_eleven_wbs_elements_with_teams(union: Graph) -> None:
    rows = pairs(
        union,
        "SELECT ?code ?team WHERE { ?w a dmops:WBSElement ; skos:notation ?code ;"
        " dmops:team/rdfs:label ?team ; dmops:department/rdfs:label 'Data Management Operations' }",
    )
    assert rows == {
        "3.1": "RDM Management",
        "3.2": "US Data Facility",
        "3.3": "France Data Facility",
        "3.4": "UK Data Facility",
        "3.5": "Base & Summit Data Facilities",
        "3.6": "Pipeline Middleware",
        "3.7": "Data Engineering",
        "3.8": "Algorithms & Pipelines",
        "3.9": "Campaign Management",
        "3.10": "Service Quality and Reliability Engineering",
        "3.11": "Qserv",
    }


def test_every_role_once_with_title_description_and_wbs(union: Graph) -> None:
    roles = select(
        union,
        "SELECT ?code ?wbs ?title WHERE { ?r a dmops:Post ; skos:notation ?code ;"
        " dcterms:title ?title ; dcterms:description ?d ; dmops:wbsElement/skos:notation ?wbs }",
    )
    codes = [code for code, _, _ in roles]
    assert len(codes) == len(set(codes)) == 73
    assert all(code.startswith(wbs) for code, wbs, _ in roles)
    assert ("3.10a", "3.10", "Technical Lead/Manager") in roles
    assert ("3.2e.3", "3.2", "Data Wrangler - IN2P3") in roles


def test_role_listed_in_two_tables_is_one_node_citing_both(union: Graph) -> None:
    role = entity("role", "3.6b.1")
    sources = {str(source).rsplit("/", 1)[-1] for source in union.objects(role, DCTERMS.source)}
    assert sources == {"dproles.tex#L5", "pmwroles.tex#L5"}
    assert len(set(union.objects(role, DCTERMS.title))) == 1


def test_latex_escapes_are_undone(union: Graph) -> None:
    assert union.value(entity("wbs", "3.5"), RDFS.label) == Literal(
        "3.5 Base & Summit Data Facilities"
    )
    assert (entity("product", "ctrl_bps"), RDFS.label, Literal("ctrl_bps")) in union
    assert (
        entity("role", "3.2i"),
        DCTERMS.title,
        Literal("US DF Network & Core Services Engineer - SLAC"),
    ) in union


@pytest.mark.parametrize(
    ("code", "institution"),
    [
        ("3.6b.1", "NOIRLab"),
        ("3.6b.2", "SLAC"),
        ("3.2e.3", "IN2P3"),
        ("3.2e.4", "UK"),
        ("3.10c.2", "IPAC"),
        ("3.7b.1", "NOIRLab"),
    ],
)
def test_role_at_the_institution_its_title_names(union: Graph, code: str, institution: str) -> None:
    assert union.value(entity("role", code), DMOPS.institution) == entity(
        "institution", institution
    )


def test_roles_whose_title_names_no_site_have_no_institution(union: Graph) -> None:
    rows = select(
        union,
        "SELECT ?code WHERE { ?r a dmops:Post ; skos:notation ?code ; dcterms:title ?t ."
        " FILTER(!CONTAINS(?t, ' - ')) ?r dmops:institution ?i }",
    )
    assert rows == []


def test_advisor_role_names_a_facility_not_an_institution(union: Graph) -> None:
    role = entity("role", "3.1c.2")
    assert union.value(role, DMOPS.facility) == entity("facility", "usdf")
    assert union.value(role, DMOPS.institution) is None


def test_roles_sharing_a_function(union: Graph) -> None:
    rows = select(
        union,
        "SELECT ?code WHERE { ?r org:role/rdfs:label 'Data Wrangler' ; skos:notation ?code }",
    )
    assert sorted(code for (code,) in rows) == ["3.2e.3", "3.2e.4"]


def test_butler_manager_and_owner(union: Graph) -> None:
    assert assignment(union, "butler", "ManagerResponsibility") == (
        "jennesst",
        "Confirmed",
        "Tim Jenness",
    )
    assert assignment(union, "butler", "OwnerResponsibility") == (
        "boschjf",
        "Confirmed",
        "Y (JIm B)",
    )
    assert union.value(entity("product", "butler"), DMOPS.manager) == entity("person", "jennesst")
    assert union.value(entity("product", "butler"), DMOPS.owner) == entity("person", "boschjf")


def test_ocps_manager_is_tentative_and_not_a_direct_manager(union: Graph) -> None:
    assert assignment(union, "ocps", "ManagerResponsibility") == ("limk", "Tentative", "KT Lim ?")
    assert union.value(entity("product", "ocps"), DMOPS.manager) is None


@pytest.mark.parametrize(
    ("product", "status", "text"),
    [
        ("felis", "ToBeDetermined", "TBD"),
        ("campaign-management", "ToBeDetermined", "?"),
        ("apis", "NotStated", ""),
    ],
)
def test_placeholders_are_a_status_without_a_person(
    union: Graph, product: str, status: str, text: str
) -> None:
    assert assignment(union, product, "ManagerResponsibility") == ("", status, text)


def test_owner_cells(union: Graph) -> None:
    assert assignment(union, "campaign-management", "OwnerResponsibility") == (
        "",
        "NotApplicable",
        "Y (N/ A)",
    )
    assert assignment(union, "algorithms-pipelines", "OwnerResponsibility") == (
        "boschjf",
        "Tentative",
        "? (Jim Bosch)",
    )
    assert assignment(union, "complex-db", "OwnerResponsibility")[:2] == ("slaterct", "Confirmed")
    assert assignment(union, "notebook", "OwnerResponsibility")[:2] == ("krughoffks", "Confirmed")


def test_nobody_is_called_tbd(union: Graph) -> None:
    names = {str(name).strip().lower() for name in union.objects(None, FOAF.name)}
    labels = {
        str(label).strip().lower()
        for person in union.subjects(RDF.type, FOAF.Person)
        for label in union.objects(person, RDFS.label)
    }
    assert not (names | labels) & {"tbd", "?", "", "n/a", "n/ a"}
    assert (entity("person", "tbd"), None, None) not in union


def test_every_product_has_kind_and_parent_up_to_dm_ops(union: Graph) -> None:
    rows = select(
        union,
        "SELECT ?p ?kind ?parent WHERE { ?p a dmops:Product ; dmops:kind/skos:notation ?kind ."
        " OPTIONAL { ?p dmops:parent ?parent } }",
    )
    assert len(rows) == 68
    roots = [(product, kind) for product, kind, parent in rows if not parent]
    assert roots == [("dm-ops", "Root")]
    within = {
        product
        for (product,) in select(union, "SELECT ?p WHERE { ?p dmops:within product:dm-ops }")
    }
    assert within == {product for product, _, _ in rows} - {"dm-ops"}
    kinds = {product: kind for product, kind, _ in rows}
    assert kinds["butler"] == "Product"
    assert kinds["data-eng"] == "Activity"
    assert kinds["square"] == "Team"
    assert kinds["data-services"] == "Group"


def test_product_tree_parents(union: Graph) -> None:
    parent = pairs(union, "SELECT ?p ?q WHERE { ?p dmops:parent ?q }")
    assert parent["butler"] == "pipe-middleware"
    assert parent["qserv"] == "big-databases"
    assert parent["uws"] == "user-batch"
    assert parent["telemetry-gateway"] == "sasquatch"


def test_usdf_share_of_drp_and_shares_sum_to_one(union: Graph) -> None:
    assert union.value(entity("facility", "usdf"), DMOPS.drpShare) == Literal(Decimal("0.25"))
    shares = [Decimal(str(value)) for value in union.objects(None, DMOPS.drpShare)]
    assert sum(shares) == Decimal("1")


def test_data_facilities(union: Graph) -> None:
    facilities = pairs(
        union,
        "SELECT ?f ?hosted WHERE { ?f a dmops:DataFacility"
        " OPTIONAL { ?f dmops:hostedBy ?hosted } }",
    )
    assert facilities == {
        "usdf": "SLAC",
        "frdf": "IN2P3",
        "ukdf": "UK",
        "us-dac": "Google",
        "summit": "",
        "base": "NOIRLab",
        "chile-dac": "NOIRLab",
    }
    described = select(union, "SELECT ?f ?d WHERE { ?f dmops:describedIn ?d }")
    assert ("usdf", "DMTN-189") in described
    assert ("us-dac", "DMTN-209") in described
    assert ("chile-dac", "LDM-572") in described
    leads = pairs(union, "SELECT ?f ?p WHERE { ?f a dmops:DataFacility ; dmops:lead ?p }")
    assert leads["frdf"] == "hernandezf"
    assert leads["summit"] == "silvac"


def test_rtn046_cites_its_reference_list(union: Graph) -> None:
    cited = {
        handle for (handle,) in select(union, "SELECT ?d WHERE { document:RTN-046 dmops:cites ?d }")
    }
    assert cited == {
        "RTN-021", "LSE-61", "DMTN-189", "LDM-148", "LDM-572", "DMTN-223", "DMTN-209",
        "RTN-030", "RTN-005", "LDM-294", "RDO-71", "ITTN-056", "ITTN-057", "ITTN-058",
    }  # fmt: skip


def test_handles_mentioned_include_one_no_document_has(union: Graph) -> None:
    mentioned = {str(h) for h in union.objects(entity("document", "RTN-046"), DMOPS.mentionsHandle)}
    assert "ITTN-00" in mentioned
    assert (entity("document", "ITTN-00"), None, None) not in union


def test_documents_from_the_bibliography(union: Graph) -> None:
    document = entity("document", "DMTN-189")
    assert union.value(document, DCTERMS.title) == Literal("Data Facility Specifications")
    assert union.value(document, FOAF.page) == URIRef("https://dmtn-189.lsst.io/")
    assert union.value(document, DCTERMS.creator) == entity("person", "limk")
    count = select(union, "SELECT (COUNT(?d) AS ?n) WHERE { ?d a dmops:Document }")
    assert count == [("1326",)]


def test_every_acronym_of_the_acronym_table(union: Graph) -> None:
    terms = pairs(
        union,
        "SELECT ?t ?def WHERE { ?x dmops:acronymIn document:RTN-046 ;"
        " skos:prefLabel ?t ; dmops:documentDefinition ?def }",
    )
    assert len(terms) == 41
    assert terms["OCPS"] == "OCS Controlled Pipeline System"
    assert terms["FRDF"] == "French Data Facility"


def test_conflicting_definitions_are_both_kept_and_marked(union: Graph) -> None:
    term = entity("term", "NOIRLab")
    assert union.value(term, DMOPS.definitionConflict) == Literal(True)
    definitions = {str(value) for value in union.objects(term, SKOS.definition)}
    assert len(definitions) == 2
    assert union.value(entity("term", "DM"), DMOPS.definitionConflict) == Literal(False)


def test_people_named_in_rtn046(union: Graph) -> None:
    people = {key for (key,) in select(union, "SELECT ?p WHERE { ?p a foaf:Person }")}
    named = {
        "omullanew", "jennesst", "duboisfelsmanngp", "limk", "boschjf", "silvac", "duboisr",
        "economouf", "hernandezf", "beckettmg", "alsayyady", "muellerf", "slaterct",
        "krughoffks", "bellme", "salnikova", "peasenm", "lustnb", "wittgenm", "gowerm",
        "kowalikm", "bauerae",
    }  # fmt: skip
    assert named <= people


@pytest.mark.parametrize(
    ("key", "spellings"),
    [
        ("limk", {"KT Lim", "KT lim", "Lim, K.-T."}),
        ("duboisfelsmanngp", {"GPDF", "Gregory Dubois Felsmann"}),
        ("omullanew", {"Wil O'Mullane"}),
        ("boschjf", {"JIm B", "Jim Bosch"}),
        ("duboisr", {"Ricahrd Dubois"}),
        ("silvac", {"Critián Silva"}),
        ("beckettmg", {"George Beckett"}),
    ],
)
def test_one_person_per_spelling(union: Graph, key: str, spellings: set[str]) -> None:
    person = entity("person", key)
    assert spellings <= {str(label) for label in union.objects(person, SKOS.altLabel)}


def test_people_have_author_ids_orcids_and_affiliations(union: Graph) -> None:
    lim = entity("person", "limk")
    assert union.value(lim, DMOPS.authorId) == Literal("limk")
    assert union.value(lim, DMOPS.orcid) == URIRef("https://orcid.org/0000-0002-6338-6516")
    assert (lim, ORG.memberOf, entity("institution", "SLAC")) in union
    slac = entity("institution", "SLAC")
    assert union.value(slac, DMOPS.ror) == URIRef("https://ror.org/05gzmn429")


def test_no_email_addresses(union: Graph) -> None:
    assert not [value for value in union.objects() if "@" in str(value) and "mailto" in str(value)]
    assert not [
        value
        for _, predicate, value in union
        if "mbox" in str(predicate) or "email" in str(predicate).lower()
    ]


def test_staffing_notes(union: Graph) -> None:
    rows = select(
        union,
        "SELECT ?person ?fte WHERE { ?a dmops:assignedTo team:pipeline-middleware ;"
        " dmops:responsibility dmops:StaffResponsibility ; dmops:fte ?fte ."
        " OPTIONAL { ?a org:member ?person } }",
    )
    assert sorted(rows) == sorted(
        [
            ("salnikova", "0.5"),
            ("peasenm", "0.5"),
            ("lustnb", "0.25"),
            ("wittgenm", "0.5"),
            ("gowerm", "0.5"),
            ("kowalikm", "0.25"),
            ("", "0.25"),
        ]
    )


def test_inverse_links_are_inferred(union: Graph) -> None:
    assert (entity("person", "jennesst"), DMOPS.manages, entity("product", "butler")) in union
    assert (entity("person", "duboisfelsmanngp"), DMOPS.holds, entity("role", "3.7a")) in union


def test_every_fact_cites_where_it_comes_from(union: Graph) -> None:
    uncited = select(
        union,
        "SELECT ?x WHERE { VALUES ?kind { dmops:Post dmops:Product dmops:WBSElement"
        " dmops:Assignment dmops:DataFacility dmops:Document dmops:Term }"
        " ?x a ?kind . FILTER NOT EXISTS { ?x dcterms:source ?s } }",
    )
    assert uncited == []


def test_every_author_of_a_cited_document_is_a_node(union: Graph) -> None:
    rows = select(
        union,
        "SELECT ?d ?names (COUNT(DISTINCT ?c) AS ?n) WHERE { document:RTN-046 dmops:cites ?d ."
        " ?d dmops:authorNames ?names OPTIONAL { ?d dcterms:creator ?c } } GROUP BY ?d ?names",
    )
    assert len(rows) == 14
    assert [(d, names) for d, names, n in rows if len(names.split("; ")) > int(n)] == []


def test_an_author_only_the_rendered_reference_list_names(union: Graph) -> None:
    """The draft's reference list names Bauer, A. for RTN-005; lsst.bib no longer does."""
    creators = set(union.objects(entity("document", "RTN-005"), DCTERMS.creator))
    assert entity("person", "bauerae") in creators
    assert union.value(entity("person", "bauerae"), FOAF.name) == Literal("Amanda E. Bauer")


def test_rtn046_author(union: Graph) -> None:
    rtn046 = entity("document", "RTN-046")
    assert union.value(rtn046, DCTERMS.creator) == entity("person", "omullanew")
