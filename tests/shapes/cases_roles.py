"""Fixtures for the role rules and the WBS rule: codes, titles, descriptions, sites."""

from __future__ import annotations

from tests.shapes.support import Case, Hit, V, W, bad, ok

WBS = """
wbs:3.1 a dmops:WBSElement ; skos:notation "3.1" .
wbs:3.2 a dmops:WBSElement ; skos:notation "3.2" .
wbs:3.10 a dmops:WBSElement ; skos:notation "3.10" .
"""

# One well-formed role in each WBS element of WBS, so that wbs-has-role stays quiet.
LEAD_3_1 = """
role:3.1a a dmops:Post ; skos:notation "3.1a" ;
    dcterms:title "Head of Data Management Operations" ;
    dcterms:description "Leads Data Management Operations." ;
    dmops:wbsElement wbs:3.1 .
"""
LEAD_3_2 = """
role:3.2a a dmops:Post ; skos:notation "3.2a" ;
    dcterms:title "US Data Facility Lead" ;
    dcterms:description "Leads the US Data Facility." ;
    dmops:wbsElement wbs:3.2 .
"""
LEAD_3_10 = """
role:3.10a a dmops:Post ; skos:notation "3.10a" ;
    dcterms:title "Technical Lead/Manager" ;
    dcterms:description "Responsible for technical leadership and management of the team." ;
    dmops:wbsElement wbs:3.10 .
"""
LEADS = WBS + LEAD_3_1 + LEAD_3_2 + LEAD_3_10

INSTITUTIONS = """
institution:IN2P3 a dmops:Institution ;
    rdfs:label "Institut National de Physique Nucléaire et de Physique des Particules" ;
    dmops:affiliationKey "IN2P3" .
institution:SLAC a dmops:Institution ;
    rdfs:label "SLAC National Accelerator Laboratory" ;
    dmops:affiliationKey "SLAC" .
institution:NOIRLab a dmops:Institution ;
    rdfs:label "NSF NOIRLab" ;
    dmops:affiliationKey "NOIRLab" .
"""

# The SLAC data wrangler: a role at another site, which the copied-description rule needs.
WRANGLER_SLAC = """
role:3.2e.1 a dmops:Post ; skos:notation "3.2e.1" ;
    dcterms:title "Data Wrangler - SLAC" ;
    dcterms:description "Ingests and curates the data held at SLAC." ;
    dmops:institution institution:SLAC ;
    dmops:wbsElement wbs:3.2 .
"""

CASES: list[Case] = [
    # --- role-code ----------------------------------------------------------------------
    ok(
        "role-code",
        "3.2e.3",
        LEADS
        + INSTITUTIONS
        + """
        role:3.2e.3 a dmops:Post ; skos:notation "3.2e.3" ;
            dcterms:title "Data Wrangler - IN2P3" ;
            dcterms:description "Ingests and curates the data held at IN2P3." ;
            dmops:institution institution:IN2P3 ;
            dmops:wbsElement wbs:3.2 .
        """,
    ),
    bad(
        "role-code",
        "two numbered suffixes",
        LEADS
        + """
        role:3.2e.3.1 a dmops:Post ; skos:notation "3.2e.3.1" ;
            dcterms:title "Data Wrangler" ;
            dcterms:description "Ingests and curates data." ;
            dmops:wbsElement wbs:3.2 .
        """,
        Hit("role-code", "role:3.2e.3.1", V, "3.2e.3.1"),
    ),
    bad(
        "role-code",
        "no code",
        LEADS
        + """
        role:wrangler a dmops:Post ;
            dcterms:title "Data Wrangler" ;
            dcterms:description "Ingests and curates data." ;
            dmops:wbsElement wbs:3.2 .
        """,
        Hit("role-code", "role:wrangler", V),
    ),
    # --- role-title ---------------------------------------------------------------------
    ok("role-title", "one title", LEADS),
    bad(
        "role-title",
        "no title",
        LEADS
        + """
        role:3.10b a dmops:Post ; skos:notation "3.10b" ;
            dcterms:description "Runs the services." ;
            dmops:wbsElement wbs:3.10 .
        """,
        Hit("role-title", "role:3.10b", V),
    ),
    bad(
        "role-title",
        "empty title",
        LEADS
        + """
        role:3.10b a dmops:Post ; skos:notation "3.10b" ;
            dcterms:title "" ;
            dcterms:description "Runs the services." ;
            dmops:wbsElement wbs:3.10 .
        """,
        Hit("role-title", "role:3.10b", V, ""),
    ),
    # --- role-description ---------------------------------------------------------------
    ok("role-description", "one description", LEADS),
    bad(
        "role-description",
        "no description",
        LEADS
        + """
        role:3.10b a dmops:Post ; skos:notation "3.10b" ;
            dcterms:title "Site Reliability Engineer" ;
            dmops:wbsElement wbs:3.10 .
        """,
        Hit("role-description", "role:3.10b", V),
    ),
    bad(
        "role-description",
        "two descriptions",
        LEADS
        + """
        role:3.10b a dmops:Post ; skos:notation "3.10b" ;
            dcterms:title "Site Reliability Engineer" ;
            dcterms:description "Runs the services." , "Keeps the services up." ;
            dmops:wbsElement wbs:3.10 .
        """,
        Hit("role-description", "role:3.10b", V),
    ),
    # --- role-wbs-element ---------------------------------------------------------------
    ok("role-wbs-element", "one WBS element", WBS + LEAD_3_10 + LEAD_3_1 + LEAD_3_2),
    bad(
        "role-wbs-element",
        "no WBS element",
        """
        role:3.10a a dmops:Post ; skos:notation "3.10a" ;
            dcterms:title "Technical Lead/Manager" ;
            dcterms:description "Responsible for technical leadership of the team." .
        """,
        Hit("role-wbs-element", "role:3.10a", V),
    ),
    bad(
        "role-wbs-element",
        "a team, not a WBS element",
        """
        team:sqre a dmops:Team ; rdfs:label "Service Quality and Reliability Engineering" .
        role:3.10a a dmops:Post ; skos:notation "3.10a" ;
            dcterms:title "Technical Lead/Manager" ;
            dcterms:description "Responsible for technical leadership of the team." ;
            dmops:wbsElement team:sqre .
        """,
        Hit("role-wbs-element", "role:3.10a", V, "team:sqre"),
    ),
    # --- role-code-under-wbs ------------------------------------------------------------
    ok(
        "role-code-under-wbs",
        "3.10a under 3.10",
        """
        wbs:3.10 a dmops:WBSElement ; skos:notation "3.10" .
        """
        + LEAD_3_10,
    ),
    bad(
        "role-code-under-wbs",
        "3.1a under 3.10",
        """
        wbs:3.10 a dmops:WBSElement ; skos:notation "3.10" .
        role:3.1a a dmops:Post ; skos:notation "3.1a" ;
            dcterms:title "Head of Data Management Operations" ;
            dcterms:description "Leads Data Management Operations." ;
            dmops:wbsElement wbs:3.10 .
        """,
        Hit(
            "role-code-under-wbs",
            "role:3.1a",
            V,
            "role:3.1a",
            "code 3.1a does not lie under WBS element 3.10",
        ),
    ),
    bad(
        "role-code-under-wbs",
        "3.10a under 3.1",
        """
        wbs:3.1 a dmops:WBSElement ; skos:notation "3.1" .
        role:3.10a a dmops:Post ; skos:notation "3.10a" ;
            dcterms:title "Technical Lead/Manager" ;
            dcterms:description "Responsible for technical leadership of the team." ;
            dmops:wbsElement wbs:3.1 .
        """,
        Hit(
            "role-code-under-wbs",
            "role:3.10a",
            V,
            "role:3.10a",
            "code 3.10a does not lie under WBS element 3.1",
        ),
    ),
    # --- role-site-linked ---------------------------------------------------------------
    ok(
        "role-site-linked",
        "linked to its institution",
        WBS
        + LEAD_3_1
        + LEAD_3_10
        + INSTITUTIONS
        + """
        role:3.2e.3 a dmops:Post ; skos:notation "3.2e.3" ;
            dcterms:title "Data Wrangler - IN2P3" ;
            dcterms:description "Ingests and curates the data held at IN2P3." ;
            dmops:institution institution:IN2P3 ;
            dmops:wbsElement wbs:3.2 .
        """,
    ),
    ok(
        "role-site-linked",
        "linked to its facility",
        WBS
        + LEAD_3_1
        + LEAD_3_10
        + """
        facility:ukdf a dmops:DataFacility ;
            rdfs:label "UK Data Facility" ; skos:altLabel "UK DF" .
        role:3.2d.2 a dmops:Post ; skos:notation "3.2d.2" ;
            dcterms:title "Batch Production Engineer - UK DF" ;
            dcterms:description "Runs Data Release Production campaigns." ;
            dmops:facility facility:ukdf ;
            dmops:wbsElement wbs:3.2 .
        """,
    ),
    bad(
        "role-site-linked",
        "names a site, linked to none",
        WBS
        + LEAD_3_1
        + LEAD_3_10
        + """
        role:3.2e.3 a dmops:Post ; skos:notation "3.2e.3" ;
            dcterms:title "Data Wrangler - IN2P3" ;
            dcterms:description "Ingests and curates the data held at IN2P3." ;
            dmops:wbsElement wbs:3.2 .
        """,
        Hit(
            "role-site-linked",
            "role:3.2e.3",
            V,
            "role:3.2e.3",
            "the title names IN2P3",
        ),
    ),
    bad(
        "role-site-linked",
        "names IN2P3, linked to SLAC",
        WBS
        + LEAD_3_1
        + LEAD_3_10
        + INSTITUTIONS
        + """
        role:3.2e.3 a dmops:Post ; skos:notation "3.2e.3" ;
            dcterms:title "Data Wrangler - IN2P3" ;
            dcterms:description "Ingests and curates the data held at the site." ;
            dmops:institution institution:SLAC ;
            dmops:wbsElement wbs:3.2 .
        """,
        Hit("role-site-linked", "role:3.2e.3", V, "role:3.2e.3", "the title names IN2P3"),
    ),
    # --- role-description-copied --------------------------------------------------------
    ok(
        "role-description-copied",
        "names the other site and its own",
        WBS
        + LEAD_3_1
        + LEAD_3_10
        + INSTITUTIONS
        + WRANGLER_SLAC
        + """
        role:3.2e.3 a dmops:Post ; skos:notation "3.2e.3" ;
            dcterms:title "Data Wrangler - IN2P3" ;
            dcterms:description "Curates at IN2P3 the copy of the data held at SLAC." ;
            dmops:institution institution:IN2P3 ;
            dmops:wbsElement wbs:3.2 .
        """,
    ),
    ok(
        "role-description-copied",
        "names a site without roles",
        WBS
        + LEAD_3_1
        + LEAD_3_10
        + INSTITUTIONS
        + WRANGLER_SLAC
        + """
        role:3.2e.3 a dmops:Post ; skos:notation "3.2e.3" ;
            dcterms:title "Data Wrangler - IN2P3" ;
            dcterms:description "Ingests the data NOIRLab serves to the community." ;
            dmops:institution institution:IN2P3 ;
            dmops:wbsElement wbs:3.2 .
        """,
    ),
    bad(
        "role-description-copied",
        "IN2P3 role describes SLAC",
        WBS
        + LEAD_3_1
        + LEAD_3_10
        + INSTITUTIONS
        + WRANGLER_SLAC
        + """
        role:3.2e.3 a dmops:Post ; skos:notation "3.2e.3" ;
            dcterms:title "Data Wrangler - IN2P3" ;
            dcterms:description "Ingests and curates the data held at SLAC." ;
            dmops:institution institution:IN2P3 ;
            dmops:wbsElement wbs:3.2 .
        """,
        Hit(
            "role-description-copied",
            "role:3.2e.3",
            W,
            "SLAC",
            "the role is at Institut National de Physique Nucléaire et de Physique des "
            "Particules but its description names SLAC",
        ),
    ),
    # --- role-description-placeholder ---------------------------------------------------
    ok("role-description-placeholder", "a real description", LEADS),
    bad(
        "role-description-placeholder",
        "To be written!",
        LEADS
        + """
        role:3.10b a dmops:Post ; skos:notation "3.10b" ;
            dcterms:title "Site Reliability Engineer" ;
            dcterms:description "To be written!" ;
            dmops:wbsElement wbs:3.10 .
        """,
        Hit("role-description-placeholder", "role:3.10b", W, "To be written!"),
    ),
    bad(
        "role-description-placeholder",
        "TBD",
        LEADS
        + """
        role:3.10b a dmops:Post ; skos:notation "3.10b" ;
            dcterms:title "Site Reliability Engineer" ;
            dcterms:description " TBD " ;
            dmops:wbsElement wbs:3.10 .
        """,
        Hit("role-description-placeholder", "role:3.10b", W, " TBD "),
    ),
    # --- wbs-has-role -------------------------------------------------------------------
    ok("wbs-has-role", "every element has a role", LEADS),
    bad(
        "wbs-has-role",
        "an element without roles",
        LEADS
        + """
        wbs:3.11 a dmops:WBSElement ; skos:notation "3.11" .
        """,
        Hit("wbs-has-role", "wbs:3.11", W),
    ),
]
