"""Unit tests for dmops.sources.glossary: the glossary CSV and RTN-046's acronym table."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dmops.errors import SourceError
from dmops.sources.catalog import SourceFile
from dmops.sources.glossary import Acronym, GlossaryEntry, read_acronyms, read_glossary

MakeSource = Callable[..., SourceFile]

# The header of lsst-texmf's glossarydefs.csv, which starts with a UTF-8 byte order mark.
HEADER = (
    "\ufeffTerm,Description,Subsystem Tags,Documentation Tags,"
    "Associated Acronyms and Alternative Terms,Type\n"
)

GLOSSARY = HEADER + (
    "1D,One-dimensional,Gen,,,A\n"
    'Micro-survey,"Mini-surveys whose use of observing time is up to 3\\% of survey time for\n'
    'regions outside of the baseline footprint",OPS,,"MS, micro survey",G\n'
    "metric value,The result of computing a metric,DM QA,DMTN-085,,G\n"
)

ACRONYMS = r"""\addtocounter{table}{-1}
\begin{longtable}{p{0.145\textwidth}p{0.8\textwidth}}\hline
\textbf{Acronym} & \textbf{Description}  \\\hline

B & Byte (8 bit) \\\hline
DM & Data Management \\\hline
R\&D & Research \& Development \\\hline
\end{longtable}
"""


def glossary(source_file: MakeSource, text: str) -> SourceFile:
    return source_file(text, name="glossarydefs.csv", repo="lsst/lsst-texmf")


def test_read_glossary_reads_terms_definitions_tags_and_lines(source_file: MakeSource) -> None:
    assert read_glossary(glossary(source_file, GLOSSARY)) == [
        GlossaryEntry(
            term="1D",
            definition="One-dimensional",
            subsystems=("Gen",),
            alternatives=(),
            line=2,
        ),
        GlossaryEntry(
            term="Micro-survey",
            definition="Mini-surveys whose use of observing time is up to 3% of survey time for"
            " regions outside of the baseline footprint",
            subsystems=("OPS",),
            alternatives=("MS", "micro survey"),
            line=3,
        ),
        GlossaryEntry(
            term="metric value",
            definition="The result of computing a metric",
            subsystems=("DM", "QA"),
            alternatives=(),
            line=5,
        ),
    ]


def test_read_glossary_reads_a_file_without_byte_order_mark(source_file: MakeSource) -> None:
    entries = read_glossary(glossary(source_file, GLOSSARY.removeprefix("\ufeff")))
    assert [entry.term for entry in entries] == ["1D", "Micro-survey", "metric value"]


def test_read_glossary_without_a_required_column_raises_on_line_1(
    source_file: MakeSource,
) -> None:
    source = glossary(source_file, "\ufeffTerm,Description,Type\n1D,One-dimensional,A\n")
    with pytest.raises(SourceError, match="lacks the column\\(s\\) Subsystem Tags") as caught:
        read_glossary(source)
    assert (caught.value.path, caught.value.line) == (source.path, 1)


def test_read_glossary_row_without_a_term_raises_with_its_line(source_file: MakeSource) -> None:
    source = glossary(source_file, GLOSSARY + ",An orphan definition,Gen,,,G\n")
    with pytest.raises(SourceError, match="glossary row has no term") as caught:
        read_glossary(source)
    assert caught.value.line == 6


def test_read_glossary_with_an_unterminated_quote_raises(source_file: MakeSource) -> None:
    text = HEADER + 'A,"never closed,Gen,,,A\nB,Second term,Gen,,,A\n'
    with pytest.raises(SourceError, match="malformed CSV"):
        read_glossary(glossary(source_file, text))


def test_read_acronyms_reads_terms_definitions_and_lines(source_file: MakeSource) -> None:
    assert read_acronyms(source_file(ACRONYMS, name="acronyms.tex")) == [
        Acronym(term="B", definition="Byte (8 bit)", line=5),
        Acronym(term="DM", definition="Data Management", line=6),
        Acronym(term="R&D", definition="Research & Development", line=7),
    ]


def test_read_acronyms_with_a_missing_definition_raises(source_file: MakeSource) -> None:
    source = source_file(ACRONYMS.replace("DM & Data Management", "DM"), name="acronyms.tex")
    with pytest.raises(SourceError, match="1 cells, expected 2") as caught:
        read_acronyms(source)
    assert caught.value.line == 6
