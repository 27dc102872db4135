"""RTN-046's WBS table and roles tables (``latex/tables/*.tex``).

Each roles table row is ``{code}&{title}&{description}``. A code that appears
in two tables is one role, cited from both rows. A title ``Function - Site``
locates the role at an institution (SLAC, NOIRLab, IN2P3, UK, IPAC) or a data
facility (US DF, UK DF); the function it shares with other roles is the title
without the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS

from dmops.identity import slug
from dmops.namespaces import DMOPS, entity
from dmops.sources.catalog import SourceFile
from dmops.sources.context import RTN046, BuildContext, cite, label
from dmops.sources.latex import TableRow, table_rows, to_text, unbrace

WBS_TABLE = "tables/dmwbs.tex"
ROLE_CODE = re.compile(r"^(?P<wbs>\d+\.\d+)(?P<letters>[a-z]+)(?:\.(?P<index>\d+))?$")
SITE_SUFFIX = re.compile(r"^(?P<function>.+?)\s+-\s+(?P<site>.+)$")


@dataclass(frozen=True)
class WBSRow:
    code: str
    department: str
    team: str
    line: int


@dataclass(frozen=True)
class RoleRow:
    code: str
    title: str
    description: str
    source: SourceFile
    line: int

    @property
    def wbs_code(self) -> str | None:
        match = ROLE_CODE.match(self.code)
        return match["wbs"] if match else None

    @property
    def function_and_site(self) -> tuple[str, str | None]:
        match = SITE_SUFFIX.match(self.title)
        if match:
            return match["function"].strip(), match["site"].strip()
        return self.title, None


def read_wbs(source: SourceFile) -> list[WBSRow]:
    return [
        WBSRow(code=cells[0], department=cells[1], team=cells[2], line=row.line)
        for row in table_rows(source, 3)
        for cells in [_texts(row)]
    ]


def read_roles(source: SourceFile) -> list[RoleRow]:
    return [
        RoleRow(code=cells[0], title=cells[1], description=cells[2], source=source, line=row.line)
        for row in table_rows(source, 3)
        for cells in [_texts(row)]
    ]


def _texts(row: TableRow) -> list[str]:
    return [to_text(unbrace(cell)) for cell in row.cells]


def role_tables(ctx: BuildContext) -> list[SourceFile]:
    """Every roles table, in file name order (the WBS table is not one)."""
    folder = ctx.catalog.root / "rtn-046/latex/tables"
    return [ctx.catalog.rtn046(f"tables/{path.name}") for path in sorted(folder.glob("*roles.tex"))]


def ingest_wbs(ctx: BuildContext) -> Graph:
    """WBS elements, their teams and the department."""
    source = ctx.catalog.rtn046(WBS_TABLE)
    graph = Graph()
    for row in read_wbs(source):
        element = entity("wbs", row.code)
        team = entity("team", slug(row.team))
        department = entity("department", slug(row.department))
        graph.add((element, RDF.type, DMOPS.WBSElement))
        graph.add((element, SKOS.notation, Literal(row.code)))
        graph.add((element, SKOS.inScheme, DMOPS.WorkBreakdownStructure))
        label(graph, element, f"{row.code} {row.team}")
        graph.add((element, DMOPS.team, team))
        graph.add((element, DMOPS.department, department))
        cite(graph, element, source, row.line, RTN046)
        graph.add((team, RDF.type, DMOPS.Team))
        label(graph, team, row.team)
        graph.add((team, ORG.unitOf, department))
        cite(graph, team, source, row.line, RTN046)
        graph.add((department, RDF.type, DMOPS.Department))
        label(graph, department, row.department)
        cite(graph, department, source, row.line, RTN046)
    return graph


def ingest_roles(ctx: BuildContext, wbs: Graph) -> Graph:
    """Coded roles from every roles table; one node per code."""
    graph = Graph()
    seen: dict[str, RoleRow] = {}
    for source in role_tables(ctx):
        for row in read_roles(source):
            role = entity("role", row.code)
            cite(graph, role, source, row.line, RTN046)
            first = seen.setdefault(row.code, row)
            if first is not row:
                _note_differences(graph, role, first, row)
                continue
            _add_role(graph, ctx, wbs, role, row)
    return graph


def _add_role(graph: Graph, ctx: BuildContext, wbs: Graph, role: URIRef, row: RoleRow) -> None:
    graph.add((role, RDF.type, DMOPS.Post))
    graph.add((role, SKOS.notation, Literal(row.code)))
    graph.add((role, DCTERMS.title, Literal(row.title)))
    label(graph, role, f"{row.code} {row.title}")
    graph.add((role, DCTERMS.description, Literal(row.description)))
    element = entity("wbs", row.wbs_code) if row.wbs_code else None
    if element is not None and (element, RDF.type, DMOPS.WBSElement) in wbs:
        graph.add((role, DMOPS.wbsElement, element))
        for team in wbs.objects(element, DMOPS.team):
            graph.add((role, ORG.postIn, team))
    function_name, site = row.function_and_site
    function = entity("function", slug(function_name))
    graph.add((role, ORG.role, function))
    graph.add((function, RDF.type, DMOPS.Function))
    label(graph, function, function_name)
    if site:
        _locate(graph, ctx, role, site)


def _locate(graph: Graph, ctx: BuildContext, role: URIRef, site: str) -> None:
    """Link a role to the institution or facility its title names."""
    facility = ctx.facility(site)
    if facility is not None:
        graph.add((role, DMOPS.facility, facility))
        return
    institution = ctx.institutions.resolve(site)
    if institution is not None:
        graph.add((role, DMOPS.institution, entity("institution", institution)))


def _note_differences(graph: Graph, role: URIRef, first: RoleRow, again: RoleRow) -> None:
    """A role listed twice: keep the first text, record where a later table differs."""
    for field_name, first_value, again_value in (
        ("title", first.title, again.title),
        ("description", first.description, again.description),
    ):
        if first_value != again_value:
            graph.add(
                (
                    role,
                    RDFS.comment,
                    Literal(
                        f"{again.source.repo_path} line {again.line} gives another {field_name}: "
                        f"{again_value}"
                    ),
                )
            )
