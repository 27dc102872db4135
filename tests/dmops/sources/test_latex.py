"""Unit tests for dmops.sources.latex: longtable rows, text conversion, handle mentions."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dmops.errors import SourceError
from dmops.sources.catalog import SourceFile
from dmops.sources.latex import (
    Mention,
    TableRow,
    handle_mentions,
    strip_comments,
    table_rows,
    to_text,
    unbrace,
)

MakeSource = Callable[..., SourceFile]

# The shape of RTN-046's generated roles tables (tables/*roles.tex).
ROLES = r"""\normalsize \begin{longtable} {|p{0.05\textwidth}|l|p{0.7\textwidth}|} \caption{Roles}\\
\hline
\textbf{WBS}&\textbf{Role Title}&\textbf{Role Description} \\ \hline
{3.8a}&{Algorithms \& Pipelines Lead}&{Leads the team.} \\ \hline
{3.8d.1}&{Pipeline Scientist - NOIRLab}&{Works on pipelines.} \\ \hline
\end{longtable} \normalsize
"""


def longtable(body: str, spec: str = "{|l|l|l|}") -> str:
    return f"\\begin{{longtable}}{spec}\n{body}\\end{{longtable}}\n"


def test_table_rows_splits_each_data_row_into_its_cells(source_file: MakeSource) -> None:
    assert table_rows(source_file(ROLES), 3) == [
        TableRow(
            line=4,
            cells=("{3.8a}", r"{Algorithms \& Pipelines Lead}", "{Leads the team.}"),
        ),
        TableRow(
            line=5,
            cells=("{3.8d.1}", "{Pipeline Scientist - NOIRLab}", "{Works on pipelines.}"),
        ),
    ]


def test_table_rows_keeps_escaped_ampersand_inside_a_cell(source_file: MakeSource) -> None:
    source = source_file(longtable("{a}&{Base \\& Summit}&{c} \\\\ \\hline\n"))
    assert table_rows(source, 3)[0].cells == ("{a}", r"{Base \& Summit}", "{c}")


def test_table_rows_does_not_split_on_ampersand_inside_braces(source_file: MakeSource) -> None:
    source = source_file(longtable("{a}&{b {x & y}}&{c} \\\\ \\hline\n"))
    assert table_rows(source, 3)[0].cells == ("{a}", "{b {x & y}}", "{c}")


def test_table_rows_does_not_end_a_row_at_a_line_break_inside_braces(
    source_file: MakeSource,
) -> None:
    source = source_file(longtable("{a}&{one \\\\ two}&{c} \\\\ \\hline\n"))
    assert table_rows(source, 3) == [TableRow(line=2, cells=("{a}", r"{one \\ two}", "{c}"))]


def test_table_rows_skips_a_header_row_with_bold_in_every_cell(source_file: MakeSource) -> None:
    body = "\\textbf{A}&\\textbf{B}&\\textbf{C} \\\\ \\hline\n{1}&{2}&{3} \\\\ \\hline\n"
    assert table_rows(source_file(longtable(body)), 3) == [
        TableRow(line=3, cells=("{1}", "{2}", "{3}"))
    ]


def test_table_rows_keeps_a_row_with_bold_in_only_some_cells(source_file: MakeSource) -> None:
    body = "\\textbf{A}&plain&\\textbf{C} \\\\ \\hline\n"
    assert table_rows(source_file(longtable(body)), 3) == [
        TableRow(line=2, cells=(r"\textbf{A}", "plain", r"\textbf{C}"))
    ]


def test_table_rows_skips_a_multicolumn_header_row(source_file: MakeSource) -> None:
    body = (
        "\\multicolumn{1}{c|}{\\textbf{Product}} &\n"
        "\\multicolumn{1}{c}{\\textbf{Notes}}|\\\\ \\hline\n"
        "{\\textbf{Butler}} & Butler \\\\ \\hline\n"
    )
    assert table_rows(source_file(longtable(body, "{|l|l|}")), 2) == [
        TableRow(line=4, cells=(r"{\textbf{Butler}}", "Butler"))
    ]


def test_table_rows_skips_the_caption_row(source_file: MakeSource) -> None:
    body = "\\caption{The roles \\label{tab:x}}\\\\\n{1}&{2}&{3} \\\\ \\hline\n"
    assert table_rows(source_file(longtable(body)), 3) == [
        TableRow(line=3, cells=("{1}", "{2}", "{3}"))
    ]


def test_table_rows_reports_the_line_each_row_starts_on(source_file: MakeSource) -> None:
    body = (
        "\\hline\n"  # line 2
        "\n"  # line 3
        "{1}&{2}&{3} \\\\ \\hline\n"  # line 4
        "{4}&{a cell\n"  # line 5: a row that spans two lines
        "continued}&{6} \\\\ \\hline\n"  # line 6
        "\n"  # line 7
        "{7}&{8}&{9} \\\\ \\hline\n"  # line 8
    )
    assert [row.line for row in table_rows(source_file(longtable(body)), 3)] == [4, 5, 8]


def test_table_rows_line_of_a_row_starting_with_a_letter_of_hline(
    source_file: MakeSource,
) -> None:
    body = (
        "BPS & Batch Production Service \\\\\\hline\n"  # line 2
        "e2v & A sensor vendor \\\\\\hline\n"  # line 3
        "\\emph{IT} & Information Technology \\\\\\hline\n"  # line 4
    )
    rows = table_rows(source_file(longtable(body, "{ll}")), 2)
    assert [row.line for row in rows] == [2, 3, 4]


def test_table_rows_ignores_commented_out_rows(source_file: MakeSource) -> None:
    body = "% {0}&{x}&{y} \\\\ \\hline\n{1}&{2}&{3} \\\\ \\hline\n"
    assert table_rows(source_file(longtable(body)), 3) == [
        TableRow(line=3, cells=("{1}", "{2}", "{3}"))
    ]


def test_table_rows_with_too_few_cells_raises_naming_file_and_line(
    source_file: MakeSource,
) -> None:
    source = source_file(longtable("{1}&{2}&{3} \\\\ \\hline\n{4}&{5} \\\\ \\hline\n"))
    with pytest.raises(SourceError, match="table row has 2 cells, expected 3") as caught:
        table_rows(source, 3)
    assert caught.value.path == source.path
    assert caught.value.line == 3
    assert str(caught.value).startswith(f"{source.path}:3: ")


def test_table_rows_with_too_many_cells_raises_naming_the_line(source_file: MakeSource) -> None:
    source = source_file(longtable("\n\n{1}&{2}&{3}&{4} \\\\ \\hline\n"))
    with pytest.raises(SourceError, match="4 cells, expected 3") as caught:
        table_rows(source, 3)
    assert caught.value.line == 4


def test_table_rows_without_longtable_raises(source_file: MakeSource) -> None:
    source = source_file("\\begin{tabular}{ll}\na & b \\\\\n\\end{tabular}\n")
    with pytest.raises(SourceError, match="no longtable found") as caught:
        table_rows(source, 2)
    assert caught.value.path == source.path


def test_table_rows_with_unclosed_longtable_raises(source_file: MakeSource) -> None:
    source = source_file("\\begin{longtable}{ll}\na & b \\\\\n")
    with pytest.raises(SourceError, match="no longtable found"):
        table_rows(source, 2)


def test_table_rows_with_unbalanced_column_spec_raises(source_file: MakeSource) -> None:
    source = source_file("\\begin{longtable}{|p{0.2\\textwidth|l|\n\\end{longtable}\n")
    with pytest.raises(SourceError, match="unbalanced braces"):
        table_rows(source, 2)


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"Base \& Summit", "Base & Summit"),
        (r"ctrl\_bps", "ctrl_bps"),
        (r"50\% of the time", "50% of the time"),
        (r"Cristi\'{a}n Silva", "Cristián Silva"),
        (r"\'{E}ric", "Éric"),
        ("  many   spaces\n and\tlines  ", "many spaces and lines"),
        (r"\textbf{Butler}", "Butler"),
        (r"Multi-site \&  User Exec", "Multi-site & User Exec"),
    ],
)
def test_to_text_undoes_escapes_and_folds_spaces(latex: str, text: str) -> None:
    assert to_text(latex) == text


@pytest.mark.parametrize(
    ("cell", "inner"),
    [
        ("{3.2a}", "3.2a"),
        ("  {Data Wrangler - IN2P3}  ", "Data Wrangler - IN2P3"),
        ("{a} {b}", "{a} {b}"),
        (r"\textbf{x}", r"\textbf{x}"),
        ("plain", "plain"),
    ],
)
def test_unbrace_removes_only_one_wrapping_pair(cell: str, inner: str) -> None:
    assert unbrace(cell) == inner


def test_strip_comments_removes_comments_and_keeps_escaped_percent() -> None:
    latex = "50\\% done % a comment\n% whole line\nnext"
    assert strip_comments(latex) == "50\\% done \n\nnext"


def test_strip_comments_removes_a_comment_after_a_line_break() -> None:
    assert strip_comments("a \\\\% DMTN-999\nb") == "a \\\\\nb"


def test_handle_mentions_finds_citations_and_bare_handles(source_file: MakeSource) -> None:
    source = source_file(
        "See \\citeds{DMTN-189} and \\citedsp{ldm-503}.\n"
        "Also \\cite{LSE-1, LDM-2}.\n"
        "The ITTN-00 note.\n"
    )
    assert handle_mentions(source) == [
        Mention(handle="DMTN-189", line=1, cited=True),
        Mention(handle="LDM-503", line=1, cited=True),
        Mention(handle="LSE-1", line=2, cited=True),
        Mention(handle="LDM-2", line=2, cited=True),
        Mention(handle="ITTN-00", line=3, cited=False),
    ]


def test_handle_mentions_upper_cases_a_cited_key(source_file: MakeSource) -> None:
    assert handle_mentions(source_file("\\citedsp{dmtn-189}\n")) == [
        Mention(handle="DMTN-189", line=1, cited=True)
    ]


def test_handle_mentions_reads_citations_with_an_optional_argument(
    source_file: MakeSource,
) -> None:
    assert handle_mentions(source_file("text\n\\citep[p.~3]{SQR-9}\n")) == [
        Mention(handle="SQR-9", line=2, cited=True)
    ]


def test_handle_mentions_ignores_handles_in_comments(source_file: MakeSource) -> None:
    source = source_file("% \\citeds{DMTN-001}\nKeep LDM-1 % not DMTN-999\n")
    assert handle_mentions(source) == [Mention(handle="LDM-1", line=2, cited=False)]


def test_handle_mentions_ignores_non_handle_words(source_file: MakeSource) -> None:
    source = source_file("DM-OPS.png, Multi-site, x-1 and A-2 are no handles.\n")
    assert handle_mentions(source) == []
