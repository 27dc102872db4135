"""Unit tests for dmops.sources.prose: RTN-046's title page."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dmops.errors import SourceError
from dmops.sources.catalog import SourceFile
from dmops.sources.prose import TitlePage, read_title_page

MakeSource = Callable[..., SourceFile]

# The shape of RTN-046.tex.
MAIN = r"""\documentclass[OPS,lsstdraft,authoryear,toc]{lsstdoc}
\input{meta}

% \title{A title that was commented out}
\title{Management and Execution plan for Data Management Operations.}

\author{%
William O'Mullane
}

\setDocRef{RTN-046}
\setDocUpstreamLocation{\url{https://github.com/lsst/rtn-046}}

% Fields: VERSION, DATE, DESCRIPTION, OWNER NAME.
\setDocChangeRecord{%
  \addtohist{0.1}{2023-01-10}{Draft.}{William O'Mullane}
}

\begin{document}
\maketitle
\end{document}
"""


def main(source_file: MakeSource, text: str = MAIN) -> SourceFile:
    return source_file(text, name="RTN-046.tex")


def test_read_title_page_reads_title_author_handle_and_history(source_file: MakeSource) -> None:
    assert read_title_page(main(source_file)) == TitlePage(
        title="Management and Execution plan for Data Management Operations.",
        authors=("William O'Mullane",),
        handle="RTN-046",
        version="0.1",
        date="2023-01-10",
        line=5,
    )


def test_read_title_page_splits_authors_on_commas_and_and(source_file: MakeSource) -> None:
    text = MAIN.replace(
        "William O'Mullane\n}", "William O'Mullane,\nCristi\\'{a}n Silva and Kian-Tat Lim\n}"
    )
    assert read_title_page(main(source_file, text)).authors == (
        "William O'Mullane",
        "Cristián Silva",
        "Kian-Tat Lim",
    )


def test_read_title_page_does_not_split_a_name_containing_and(source_file: MakeSource) -> None:
    text = MAIN.replace("William O'Mullane\n}", "Alexander Anderson and Sandy Andrews\n}")
    assert read_title_page(main(source_file, text)).authors == (
        "Alexander Anderson",
        "Sandy Andrews",
    )


def test_read_title_page_takes_the_latest_change_record(source_file: MakeSource) -> None:
    text = MAIN.replace(
        "{William O'Mullane}\n}",
        "{William O'Mullane}\n  \\addtohist{0.2}{2023-02-01}{Review.}{William O'Mullane}\n}",
    )
    page = read_title_page(main(source_file, text))
    assert (page.version, page.date) == ("0.2", "2023-02-01")


def test_read_title_page_without_change_record_has_no_version(source_file: MakeSource) -> None:
    text = "\\title{A \\textbf{bold} title}\n\\author{Jane Doe}\n\\setDocRef{DMTN-001}\n"
    assert read_title_page(main(source_file, text)) == TitlePage(
        title="A bold title",
        authors=("Jane Doe",),
        handle="DMTN-001",
        version=None,
        date=None,
        line=1,
    )


@pytest.mark.parametrize("command", ["title", "author", "setDocRef"])
def test_read_title_page_without_a_command_raises(source_file: MakeSource, command: str) -> None:
    text = MAIN.replace(f"\\{command}{{", "\\unknown{")
    source = main(source_file, text)
    with pytest.raises(
        SourceError, match=f"no \\\\{command}\\{{...\\}} in the main file"
    ) as caught:
        read_title_page(source)
    assert caught.value.path == source.path


def test_read_title_page_ignores_a_commented_out_title(source_file: MakeSource) -> None:
    text = "% \\title{Old}\n\\author{Jane Doe}\n\\setDocRef{DMTN-001}\n"
    with pytest.raises(SourceError, match="no \\\\title"):
        read_title_page(main(source_file, text))
