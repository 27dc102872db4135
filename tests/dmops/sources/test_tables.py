"""Unit tests for dmops.sources.tables: the WBS table and the roles tables."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dmops.errors import SourceError
from dmops.sources.catalog import SourceFile
from dmops.sources.tables import RoleRow, WBSRow, read_roles, read_wbs

MakeSource = Callable[..., SourceFile]

WBS = r"""\normalsize \begin{longtable} {|p{0.1\textwidth}|l|l|} \caption{WBS elements}\\
\hline
\textbf{WBS}&\textbf{Department}&\textbf{Team} \\ \hline
{3.1}&{Data Management Operations}&{RDM Management} \\ \hline
{3.5}&{Data Management Operations}&{Base \& Summit Data Facilities} \\ \hline
\end{longtable} \normalsize
"""

ROLES = r"""\normalsize \begin{longtable} {|p{0.05\textwidth}|l|p{0.7\textwidth}|} \caption{Roles}\\
\hline
\textbf{WBS}&\textbf{Role Title}&\textbf{Role Description} \\ \hline
{3.8a}&{Algorithms \& Pipelines Lead}&{Leads   the
team.} \\ \hline
{3.2e.3}&{Data Wrangler - IN2P3}&{To be written!} \\ \hline
\end{longtable} \normalsize
"""


def role(code: str = "3.8a", title: str = "Lead", line: int = 1) -> RoleRow:
    source = SourceFile(
        path=Path("roles.tex"),
        repo="lsst/rtn-046",
        repo_path="tables/roles.tex",
        commit="0" * 40,
    )
    return RoleRow(code=code, title=title, description="", source=source, line=line)


def test_read_wbs_reads_code_department_team_and_line(source_file: MakeSource) -> None:
    assert read_wbs(source_file(WBS)) == [
        WBSRow(code="3.1", department="Data Management Operations", team="RDM Management", line=4),
        WBSRow(
            code="3.5",
            department="Data Management Operations",
            team="Base & Summit Data Facilities",
            line=5,
        ),
    ]


def test_read_roles_reads_plain_text_cells_and_lines(source_file: MakeSource) -> None:
    source = source_file(ROLES, name="tables/aproles.tex")
    assert read_roles(source) == [
        RoleRow(
            code="3.8a",
            title="Algorithms & Pipelines Lead",
            description="Leads the team.",
            source=source,
            line=4,
        ),
        RoleRow(
            code="3.2e.3",
            title="Data Wrangler - IN2P3",
            description="To be written!",
            source=source,
            line=6,
        ),
    ]


def test_read_roles_with_a_missing_cell_raises_with_the_line(source_file: MakeSource) -> None:
    source = source_file(ROLES.replace("{3.2e.3}&", ""))
    with pytest.raises(SourceError, match="2 cells, expected 3") as caught:
        read_roles(source)
    assert caught.value.line == 6


def test_read_wbs_without_a_table_raises(source_file: MakeSource) -> None:
    with pytest.raises(SourceError, match="no longtable found"):
        read_wbs(source_file("\\section{WBS}\nNo table here.\n"))


@pytest.mark.parametrize(
    ("code", "wbs"),
    [
        ("3.10a", "3.10"),
        ("3.2e.3", "3.2"),
        ("3.8d.1", "3.8"),
        ("3.6b", "3.6"),
        ("3.10", None),
        ("3.x", None),
        ("A.1a", None),
        ("3.2a.", None),
        ("3.2A", None),
        ("", None),
    ],
)
def test_role_row_wbs_code_is_the_code_without_letters_and_index(
    code: str, wbs: str | None
) -> None:
    assert role(code=code).wbs_code == wbs


@pytest.mark.parametrize(
    ("title", "function", "site"),
    [
        ("Data Wrangler - IN2P3", "Data Wrangler", "IN2P3"),
        ("Data Scientist", "Data Scientist", None),
        ("Operations Advisor - US DF", "Operations Advisor", "US DF"),
        ("Dev/Ops Software Engineer - IN2P3", "Dev/Ops Software Engineer", "IN2P3"),
        ("Full-Stack Engineer - SLAC", "Full-Stack Engineer", "SLAC"),
        ("Security Architect  -  NOIRLab", "Security Architect", "NOIRLab"),
        ("Sub-system Lead", "Sub-system Lead", None),
    ],
)
def test_role_row_function_and_site_splits_a_site_suffix(
    title: str, function: str, site: str | None
) -> None:
    assert role(title=title).function_and_site == (function, site)


def test_role_row_function_and_site_splits_a_hyphenated_site() -> None:
    assert role(title="Data Engineer - NOIR-Lab").function_and_site == (
        "Data Engineer",
        "NOIR-Lab",
    )
