"""Fixtures for the people and assignment rules: names, duplicates, FTE, status, holder."""

from __future__ import annotations

from tests.shapes.support import Case, Hit, V, W, bad, ok

SILVA = """
person:silvac a foaf:Person ; foaf:name "Cristián Silva" .
"""


def assignment(key: str, member: str | None, fte: str | None, status: str = "Confirmed") -> str:
    """An assignment with a holder (a CURIE), an FTE (Turtle) and a status, as given."""
    member_line = f"org:member {member} ;" if member else ""
    fte_line = f"dmops:fte {fte} ;" if fte else ""
    return f"""
    assignment:{key} a dmops:Assignment ; {member_line} {fte_line}
        dmops:status dmops:{status} .
    """


CASES: list[Case] = [
    # --- person-name --------------------------------------------------------------------
    ok("person-name", "a name", SILVA),
    bad(
        "person-name",
        "no name",
        """
        person:silvac a foaf:Person ; foaf:familyName "Silva" .
        """,
        Hit("person-name", "person:silvac", V),
    ),
    bad(
        "person-name",
        "empty name",
        """
        person:silvac a foaf:Person ; foaf:name "" .
        """,
        Hit("person-name", "person:silvac", V, ""),
    ),
    # --- person-unique ------------------------------------------------------------------
    ok(
        "person-unique",
        "Cristián Silva and Cristina Silva",
        SILVA
        + """
        person:silvacr a foaf:Person ; foaf:name "Cristina Silva" .
        """,
    ),
    bad(
        "person-unique",
        "Cristián Silva and Cristian Silva",
        SILVA
        + """
        person:silva-cristian a foaf:Person ; foaf:name "Cristian Silva" .
        """,
        Hit(
            "person-unique",
            "person:silvac",
            V,
            "person:silva-cristian",
            "another person node, https://w3id.org/rubin/dmops/person/silva-cristian, has",
        ),
        Hit("person-unique", "person:silva-cristian", V, "person:silvac"),
    ),
    bad(
        "person-unique",
        "Kian-Tat Lim and kian tat lim",
        """
        person:limkt a foaf:Person ; foaf:name "Kian-Tat Lim" .
        person:lim-kt a foaf:Person ; foaf:name "kian tat lim" .
        """,
        Hit("person-unique", "person:lim-kt", V, "person:limkt"),
        Hit("person-unique", "person:limkt", V, "person:lim-kt"),
    ),
    bad(
        "person-unique",
        "Mario Jurić and Mario Juric",
        """
        person:juricm a foaf:Person ; foaf:name "Mario Jurić" .
        person:juric-mario a foaf:Person ; foaf:name "Mario Juric" .
        """,
        Hit("person-unique", "person:juric-mario", V, "person:juricm"),
        Hit("person-unique", "person:juricm", V, "person:juric-mario"),
    ),
    # --- person-fte-total ---------------------------------------------------------------
    ok(
        "person-fte-total",
        "0.5 + 0.5 is exactly 1",
        SILVA
        + assignment("silva-ops", "person:silvac", "0.5")
        + assignment("silva-it", "person:silvac", "0.5"),
    ),
    bad(
        "person-fte-total",
        "0.6 + 0.5 is over 1",
        SILVA
        + assignment("silva-ops", "person:silvac", "0.6")
        + assignment("silva-it", "person:silvac", "0.5"),
        Hit(
            "person-fte-total",
            "person:silvac",
            W,
            "person:silvac",
            "the person's assignments add up to 1.1 FTE",
        ),
    ),
    # --- assignment-status --------------------------------------------------------------
    ok(
        "assignment-status",
        "every allowed status",
        SILVA
        + "".join(
            assignment(status.lower(), "person:silvac", None, status)
            for status in ("Confirmed", "Tentative", "ToBeDetermined", "NotStated", "NotApplicable")
        ),
    ),
    bad(
        "assignment-status",
        "a status outside the allowed set",
        SILVA + assignment("silva-ops", "person:silvac", "0.5", "Approved"),
        Hit("assignment-status", "assignment:silva-ops", V, "dmops:Approved"),
    ),
    bad(
        "assignment-status",
        "no status",
        SILVA
        + """
        assignment:silva-ops a dmops:Assignment ; org:member person:silvac .
        """,
        Hit("assignment-status", "assignment:silva-ops", V),
    ),
    # --- assignment-fte -----------------------------------------------------------------
    ok(
        "assignment-fte",
        "the bounds 0.0 and 1.0",
        assignment("ops-1", None, "0.0") + assignment("ops-2", None, "1.0"),
    ),
    bad(
        "assignment-fte",
        "1.5",
        assignment("ops", None, "1.5"),
        Hit("assignment-fte", "assignment:ops", V, "1.5"),
    ),
    bad(
        "assignment-fte",
        "-0.1",
        assignment("ops", None, "-0.1"),
        Hit("assignment-fte", "assignment:ops", V, "-0.1"),
    ),
    # An integer or a double is not an xsd:decimal: write 1.0, not 1 or 1e0.
    bad(
        "assignment-fte",
        "an integer",
        assignment("ops", None, "1"),
        Hit("assignment-fte", "assignment:ops", V, "1"),
    ),
    bad(
        "assignment-fte",
        "two FTEs",
        assignment("ops", None, "0.25 , 0.5"),
        Hit("assignment-fte", "assignment:ops", V),
    ),
    # --- assignment-member --------------------------------------------------------------
    ok("assignment-member", "one person", SILVA + assignment("ops", "person:silvac", "0.5")),
    bad(
        "assignment-member",
        "two holders",
        SILVA
        + """
        person:limkt a foaf:Person ; foaf:name "Kian-Tat Lim" .
        """
        + assignment("ops", "person:silvac , person:limkt", None),
        Hit("assignment-member", "assignment:ops", V),
    ),
    bad(
        "assignment-member",
        "a group as holder",
        """
        group:DMLT a dmops:Collective ; rdfs:label "DM Leadership Team" .
        """
        + assignment("ops", "group:DMLT", None),
        Hit("assignment-member", "assignment:ops", V, "group:DMLT"),
    ),
]
