"""Unit tests for dmops.sources.bibtex: documents read from a BibTeX snippet."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dmops.errors import SourceError
from dmops.sources.bibtex import BibDocument, read_bibliography
from dmops.sources.catalog import SourceFile

MakeSource = Callable[..., SourceFile]

BIB = r"""@misc{10.11578/rubin/dc.20250909.20,
    author = "{NSF-DOE Vera C. Rubin Observatory}",
    year = "2021",
    doi = "10.11578/rubin/dc.20250909.20",
    title = "Rubin Observatory LSST Tutorials [Computer Software]"
}

@TechReport{DMTN-189,
    author = "Lim, Kian-Tat and O'Mullane, William",
    title = "{Data Facility Specifications}",
    institution = "{NSF-DOE Vera C. Rubin Observatory}",
    year = "2021",
    month = "April",
    handle = "DMTN-189",
    type = "{Data Management Technical Note}",
    number = "DMTN-189",
    url = "https://dmtn-189.lsst.io/"
}

@TechReport{LDM-503,
    author = "Cristi\'{a}n Silva and Gregory P. {Dubois-Felsmann} and
              {Rubin Observatory Data Management Leadership Team}",
    title = "{Data Management {Test} Plan \& Schedule}",
    year = "2017",
    month = jul,
    handle = "LDM-503",
    url = "https://ldm-503.lsst.io/"
}
"""


def read(source_file: MakeSource, text: str = BIB) -> dict[str, BibDocument]:
    return read_bibliography(source_file(text, name="lsst.bib", repo="lsst/lsst-texmf"))


def test_read_bibliography_reads_every_field_of_a_document(source_file: MakeSource) -> None:
    assert read(source_file)["DMTN-189"] == BibDocument(
        handle="DMTN-189",
        title="Data Facility Specifications",
        authors=("Lim, Kian-Tat", "O'Mullane, William"),
        year="2021",
        month=4,
        url="https://dmtn-189.lsst.io/",
        document_type="Data Management Technical Note",
        line=8,
    )


def test_read_bibliography_skips_entries_without_a_handle(source_file: MakeSource) -> None:
    assert sorted(read(source_file)) == ["DMTN-189", "LDM-503"]


def test_read_bibliography_title_loses_braces_and_escapes(source_file: MakeSource) -> None:
    assert read(source_file)["LDM-503"].title == "Data Management Test Plan & Schedule"


def test_read_bibliography_authors_are_family_comma_given_in_order(
    source_file: MakeSource,
) -> None:
    assert read(source_file)["LDM-503"].authors == (
        "Silva, Cristián",
        "Dubois-Felsmann, Gregory P.",
        "Rubin Observatory Data Management Leadership Team",
    )


def test_read_bibliography_reads_a_month_macro(source_file: MakeSource) -> None:
    document = read(source_file)["LDM-503"]
    assert (document.year, document.month) == ("2017", 7)


def test_read_bibliography_reads_a_numeric_month(source_file: MakeSource) -> None:
    text = '@TechReport{SQR-1,\n  handle = "SQR-1",\n  title = "T",\n  month = "3"\n}\n'
    assert read(source_file, text)["SQR-1"].month == 3


def test_read_bibliography_without_month_type_or_url_leaves_them_none(
    source_file: MakeSource,
) -> None:
    text = '@TechReport{SQR-1,\n  handle = "SQR-1",\n  title = "T"\n}\n'
    assert read(source_file, text)["SQR-1"] == BibDocument(
        handle="SQR-1",
        title="T",
        authors=(),
        year=None,
        month=None,
        url=None,
        document_type=None,
        line=1,
    )


def test_read_bibliography_gives_the_line_each_entry_starts_on(
    source_file: MakeSource,
) -> None:
    documents = read(source_file)
    assert (documents["DMTN-189"].line, documents["LDM-503"].line) == (8, 20)


@pytest.mark.parametrize(
    ("handle", "series"),
    [("DMTN-189", "DMTN"), ("LDM-503", "LDM"), ("Agreement-42", "Agreement")],
)
def test_bib_document_series_is_the_handle_prefix(handle: str, series: str) -> None:
    document = BibDocument(handle, "", (), None, None, None, None, 1)
    assert document.series == series


def test_read_bibliography_with_an_unclosed_entry_raises(source_file: MakeSource) -> None:
    text = '@TechReport{DMTN-1,\n  title = "{unclosed",\n  handle = "DMTN-1"\n'
    with pytest.raises(SourceError, match="malformed BibTeX") as caught:
        read(source_file, text)
    assert caught.value.path is not None
    assert caught.value.path.name == "lsst.bib"


def test_read_bibliography_with_a_repeated_key_raises(source_file: MakeSource) -> None:
    entry = '@TechReport{DMTN-1,\n  handle = "DMTN-1"\n}\n'
    with pytest.raises(SourceError, match="repeated bibliography entry: DMTN-1"):
        read(source_file, entry + entry)
