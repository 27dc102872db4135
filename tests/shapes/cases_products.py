"""Fixtures for the product rules: manager, owner, parent and the tree."""

from __future__ import annotations

from tests.shapes.support import Case, Hit, V, W, bad, ok

# The root of the product tree and its manager: every product fixture hangs below it.
ROOT = """
product:dm a dmops:Product ;
    dmops:kind dmops:RootNode ;
    dmops:manager person:omullanew .
person:omullanew a foaf:Person ; foaf:name "William O'Mullane" .
person:jennesst a foaf:Person ; foaf:name "Tim Jenness" .
person:limkt a foaf:Person ; foaf:name "Kian-Tat Lim" .
person:boschjf a foaf:Person ; foaf:name "James F. Bosch" .
"""

MIDDLEWARE = """
product:middleware a dmops:Product ;
    dmops:kind dmops:TeamNode ;
    dmops:parent product:dm ;
    dmops:manager person:limkt .
"""

CASES: list[Case] = [
    # --- product-manager --------------------------------------------------------------
    ok(
        "product-manager",
        "one confirmed manager",
        ROOT
        + """
        product:butler a dmops:Product ; dmops:kind dmops:ProductNode ;
            dmops:parent product:dm ; dmops:manager person:jennesst .
        """,
    ),
    bad(
        "product-manager",
        "no manager",
        ROOT
        + """
        product:butler a dmops:Product ; dmops:kind dmops:ProductNode ; dmops:parent product:dm .
        """,
        Hit("product-manager", "product:butler", V),
    ),
    bad(
        "product-manager",
        "two managers",
        ROOT
        + """
        product:butler a dmops:Product ; dmops:kind dmops:ProductNode ;
            dmops:parent product:dm ; dmops:manager person:jennesst , person:limkt .
        """,
        Hit("product-manager", "product:butler", V),
    ),
    bad(
        "product-manager",
        "manager not a person",
        ROOT
        + """
        product:butler a dmops:Product ; dmops:kind dmops:ProductNode ;
            dmops:parent product:dm ; dmops:manager person:tbd .
        """,
        Hit("product-manager", "product:butler", V, "person:tbd"),
    ),
    # --- product-manager-tentative ------------------------------------------------------
    ok(
        "product-manager-tentative",
        "confirmed manager assignment",
        ROOT
        + """
        product:butler a dmops:Product ; dmops:kind dmops:ProductNode ;
            dmops:parent product:dm ; dmops:manager person:jennesst .
        assignment:product-butler-manager a dmops:Assignment ;
            dmops:assignedTo product:butler ;
            dmops:responsibility dmops:ManagerResponsibility ;
            dmops:status dmops:Confirmed ;
            dmops:sourceText "Tim Jenness" ;
            org:member person:jennesst .
        """,
    ),
    ok(
        "product-manager-tentative",
        "tentative owner is not a tentative manager",
        ROOT
        + """
        product:butler a dmops:Product ; dmops:kind dmops:ProductNode ;
            dmops:parent product:dm ; dmops:manager person:jennesst .
        assignment:product-butler-owner a dmops:Assignment ;
            dmops:assignedTo product:butler ;
            dmops:responsibility dmops:OwnerResponsibility ;
            dmops:status dmops:Tentative ;
            dmops:sourceText "? (Jim Bosch)" ;
            org:member person:boschjf .
        """,
    ),
    # A tentative manager is no confirmed manager, so the product also lacks one.
    bad(
        "product-manager-tentative",
        "KT Lim ?",
        ROOT
        + """
        product:butler a dmops:Product ; dmops:kind dmops:ProductNode ; dmops:parent product:dm .
        assignment:product-butler-manager a dmops:Assignment ;
            dmops:assignedTo product:butler ;
            dmops:responsibility dmops:ManagerResponsibility ;
            dmops:status dmops:Tentative ;
            dmops:sourceText "KT Lim ?" ;
            org:member person:limkt .
        """,
        Hit(
            "product-manager-tentative",
            "product:butler",
            W,
            "person:limkt",
            "the manager is only tentative (KT Lim ?)",
        ),
        Hit("product-manager", "product:butler", V),
    ),
    # --- product-owner ------------------------------------------------------------------
    ok(
        "product-owner",
        "one owner",
        ROOT
        + """
        product:butler a dmops:Product ; dmops:kind dmops:ProductNode ; dmops:parent product:dm ;
            dmops:manager person:jennesst ; dmops:owner person:boschjf .
        """,
    ),
    bad(
        "product-owner",
        "two owners",
        ROOT
        + """
        product:butler a dmops:Product ; dmops:kind dmops:ProductNode ; dmops:parent product:dm ;
            dmops:manager person:jennesst ; dmops:owner person:boschjf , person:limkt .
        """,
        Hit("product-owner", "product:butler", V),
    ),
    bad(
        "product-owner",
        "a group as owner",
        ROOT
        + """
        group:DMLT a dmops:Collective ; rdfs:label "DM Leadership Team" .
        product:butler a dmops:Product ; dmops:kind dmops:ProductNode ; dmops:parent product:dm ;
            dmops:manager person:jennesst ; dmops:owner group:DMLT .
        """,
        Hit("product-owner", "product:butler", V, "group:DMLT"),
    ),
    # --- product-parent -----------------------------------------------------------------
    ok("product-parent", "the root has no parent", ROOT),
    ok("product-parent", "one parent", ROOT + MIDDLEWARE),
    bad(
        "product-parent",
        "non-root without parent",
        ROOT
        + """
        product:butler a dmops:Product ; dmops:kind dmops:ProductNode ;
            dmops:manager person:jennesst .
        """,
        Hit("product-parent", "product:butler", V, "product:butler"),
    ),
    bad(
        "product-parent",
        "two parents",
        ROOT
        + MIDDLEWARE
        + """
        product:butler a dmops:Product ; dmops:kind dmops:ProductNode ;
            dmops:parent product:dm , product:middleware ; dmops:manager person:jennesst .
        """,
        Hit("product-parent", "product:butler", V, "product:butler"),
    ),
    # --- product-tree-acyclic -----------------------------------------------------------
    ok(
        "product-tree-acyclic",
        "chain up to the root",
        ROOT
        + MIDDLEWARE
        + """
        product:butler a dmops:Product ; dmops:kind dmops:ProductNode ;
            dmops:parent product:middleware ; dmops:manager person:jennesst .
        """,
    ),
    bad(
        "product-tree-acyclic",
        "two-node cycle",
        ROOT
        + """
        product:middleware a dmops:Product ; dmops:kind dmops:TeamNode ;
            dmops:parent product:butler ; dmops:manager person:limkt .
        product:butler a dmops:Product ; dmops:kind dmops:ProductNode ;
            dmops:parent product:middleware ; dmops:manager person:jennesst .
        """,
        Hit("product-tree-acyclic", "product:butler", V, "product:butler", "its own ancestor"),
        Hit("product-tree-acyclic", "product:middleware", V, "product:middleware"),
    ),
]
