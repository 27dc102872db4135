"""Fixtures for the document, data facility and ontology-hygiene rules."""

from __future__ import annotations

from tests.shapes.support import Case, Hit, V, W, bad, ok

DMTN_189 = """
document:DMTN-189 a dmops:Document ;
    dcterms:identifier "DMTN-189" ;
    foaf:page <https://dmtn-189.lsst.io/> .
"""

ONTOLOGY = "<https://w3id.org/rubin/dmops/ontology>"

CASES: list[Case] = [
    # --- document-handle ----------------------------------------------------------------
    ok("document-handle", "DMTN-189", DMTN_189),
    bad(
        "document-handle",
        "no hyphen",
        """
        document:DMTN189 a dmops:Document ;
            dcterms:identifier "DMTN189" ;
            foaf:page <https://dmtn189.lsst.io/> .
        """,
        Hit("document-handle", "document:DMTN189", V, "DMTN189"),
    ),
    bad(
        "document-handle",
        "no handle",
        """
        document:untitled a dmops:Document ; dcterms:title "Untitled" .
        """,
        Hit("document-handle", "document:untitled", V),
    ),
    # --- document-url -------------------------------------------------------------------
    ok("document-url", "lsst.io page", DMTN_189),
    ok(
        "document-url",
        "lsst.io page beside an ls.st redirect",
        """
        document:DMTN-189 a dmops:Document ;
            dcterms:identifier "DMTN-189" ;
            foaf:page <https://dmtn-189.lsst.io/> , <https://ls.st/DMTN-189> .
        """,
    ),
    bad(
        "document-url",
        "ls.st redirect",
        """
        document:Agreement-51 a dmops:Document ;
            dcterms:identifier "Agreement-51" ;
            foaf:page <https://ls.st/Agreement-51> .
        """,
        Hit(
            "document-url",
            "document:Agreement-51",
            W,
            "document:Agreement-51",
            "expected the page https://agreement-51.lsst.io/",
        ),
    ),
    bad(
        "document-url",
        "no page",
        """
        document:DMTN-189 a dmops:Document ; dcterms:identifier "DMTN-189" .
        """,
        Hit("document-url", "document:DMTN-189", W, "document:DMTN-189"),
    ),
    # --- mentioned-handle-resolves ------------------------------------------------------
    ok(
        "mentioned-handle-resolves",
        "DMTN-189 is in the bibliography",
        DMTN_189
        + """
        document:RTN-046 a dmops:Document ;
            dcterms:identifier "RTN-046" ;
            foaf:page <https://rtn-046.lsst.io/> ;
            dmops:mentionsHandle "DMTN-189" .
        """,
    ),
    bad(
        "mentioned-handle-resolves",
        "DMTN-999 is not",
        DMTN_189
        + """
        document:RTN-046 a dmops:Document ;
            dcterms:identifier "RTN-046" ;
            foaf:page <https://rtn-046.lsst.io/> ;
            dmops:mentionsHandle "DMTN-189" , "DMTN-999" .
        """,
        Hit(
            "mentioned-handle-resolves",
            "document:RTN-046",
            V,
            "DMTN-999",
            "the text mentions DMTN-999, which no document has",
        ),
    ),
    # --- drp-shares-total ---------------------------------------------------------------
    ok(
        "drp-shares-total",
        "0.25 + 0.50 + 0.25",
        """
        facility:usdf a dmops:DataFacility ; dmops:drpShare 0.25 .
        facility:frdf a dmops:DataFacility ; dmops:drpShare 0.50 .
        facility:ukdf a dmops:DataFacility ; dmops:drpShare 0.25 .
        """,
    ),
    ok(
        "drp-shares-total",
        "no shares stated",
        """
        facility:usdf a dmops:DataFacility ; rdfs:label "US Data Facility" .
        """,
    ),
    bad(
        "drp-shares-total",
        "0.25 + 0.40 + 0.25",
        """
        facility:usdf a dmops:DataFacility ; dmops:drpShare 0.25 .
        facility:frdf a dmops:DataFacility ; dmops:drpShare 0.40 .
        facility:ukdf a dmops:DataFacility ; dmops:drpShare 0.25 .
        """,
        Hit(
            "drp-shares-total",
            "dmops:DataFacility",
            V,
            "dmops:DataFacility",
            "the facilities' DRP shares add up to 0.9",
        ),
    ),
    # --- ontology-hygiene ---------------------------------------------------------------
    ok(
        "ontology-hygiene",
        "the whole ontology and data using it",
        """
        person:silvac a foaf:Person ; foaf:name "Cristián Silva" .
        assignment:ops a dmops:Assignment ;
            org:member person:silvac ; dmops:fte 0.5 ; dmops:status dmops:Confirmed .
        """
        + DMTN_189,
        full_ontology=True,
    ),
    bad(
        "ontology-hygiene",
        "an undeclared property",
        """
        person:silvac a foaf:Person ; foaf:name "Cristián Silva" ; dmops:fteTotal 1.0 .
        """,
        Hit(
            "ontology-hygiene",
            ONTOLOGY,
            V,
            "dmops:fteTotal",
            "https://w3id.org/rubin/dmops/ontology#fteTotal is used but not declared",
        ),
    ),
    bad(
        "ontology-hygiene",
        "an undeclared class",
        """
        institution:SLAC a dmops:University ; rdfs:label "SLAC" .
        """,
        Hit("ontology-hygiene", ONTOLOGY, V, "dmops:University"),
    ),
    bad(
        "ontology-hygiene",
        "a label but no definition",
        """
        dmops:nickname rdfs:label "nickname"@en .
        person:silvac a foaf:Person ; foaf:name "Cristián Silva" ; dmops:nickname "Cris" .
        """,
        Hit("ontology-hygiene", ONTOLOGY, V, "dmops:nickname"),
    ),
]
