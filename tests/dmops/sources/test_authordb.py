"""Unit tests for dmops.sources.authordb: authors and affiliations from a YAML snippet."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from dmops.errors import SourceError
from dmops.sources.authordb import Affiliation, Author, AuthorDB, read_authordb
from dmops.sources.catalog import SourceFile

MakeSource = Callable[..., SourceFile]

# The shape of lsst-texmf's authordb.yaml (e-mail fields included, as upstream).
AUTHORDB = r"""affiliations:
  AEL:
    address:
      city: Kiruna
      country_code: Sweden
    department: Asteroid Engineering Laboratory
    email: null
    institute: Lule\aa{} University of Technology
    ror_id: null
  SLAC:
    address:
      city: Menlo Park
    department: null
    email: slac.stanford.edu
    institute: SLAC National Accelerator Laboratory
    ror_id: 05gzmn429
authors:
  DMLT:
    affil:
    - RubinObs
    altaffil: []
    email: null
    family_name: Rubin Observatory Data Management Leadership Team
    given_name: null
  limk:
    affil:
    - SLAC
    altaffil: []
    email: ktl
    family_name: Lim
    given_name: Kian-Tat
    orcid: 0000-0002-6338-6516
  silvac:
    affil:
    - RubinObsC
    - SLAC
    altaffil: []
    email: cristian.silva
    family_name: Silva
    given_name: Cristi\'{a}n
"""


def read(source_file: MakeSource, text: str = AUTHORDB) -> AuthorDB:
    return read_authordb(source_file(text, name="authordb.yaml", repo="lsst/lsst-texmf"))


def test_read_authordb_reads_authors_with_orcid_affiliations_and_lines(
    source_file: MakeSource,
) -> None:
    assert read(source_file).authors == {
        "DMLT": Author(
            id="DMLT",
            given_name="",
            family_name="Rubin Observatory Data Management Leadership Team",
            orcid=None,
            affiliations=("RubinObs",),
            line=18,
        ),
        "limk": Author(
            id="limk",
            given_name="Kian-Tat",
            family_name="Lim",
            orcid="0000-0002-6338-6516",
            affiliations=("SLAC",),
            line=25,
        ),
        "silvac": Author(
            id="silvac",
            given_name="Cristián",
            family_name="Silva",
            orcid=None,
            affiliations=("RubinObsC", "SLAC"),
            line=33,
        ),
    }


def test_read_authordb_reads_affiliations_with_ror_id_and_lines(
    source_file: MakeSource,
) -> None:
    assert read(source_file).affiliations == {
        "AEL": Affiliation(
            key="AEL",
            institute="Luleå University of Technology",
            department="Asteroid Engineering Laboratory",
            ror_id=None,
            line=2,
        ),
        "SLAC": Affiliation(
            key="SLAC",
            institute="SLAC National Accelerator Laboratory",
            department=None,
            ror_id="05gzmn429",
            line=10,
        ),
    }


def test_read_authordb_keeps_its_source(source_file: MakeSource) -> None:
    source = source_file(AUTHORDB, name="authordb.yaml")
    assert read_authordb(source).source == source


def test_author_name_is_given_then_family(source_file: MakeSource) -> None:
    authors = read(source_file).authors
    assert (authors["silvac"].name, authors["DMLT"].name) == (
        "Cristián Silva",
        "Rubin Observatory Data Management Leadership Team",
    )


def test_author_without_given_name_is_collective(source_file: MakeSource) -> None:
    authors = read(source_file).authors
    assert {key: author.is_collective for key, author in authors.items()} == {
        "DMLT": True,
        "limk": False,
        "silvac": False,
    }


def test_affiliation_name_prefixes_a_department(source_file: MakeSource) -> None:
    affiliations = read(source_file).affiliations
    assert (affiliations["AEL"].name, affiliations["SLAC"].name) == (
        "Asteroid Engineering Laboratory, Luleå University of Technology",
        "SLAC National Accelerator Laboratory",
    )


def test_affiliation_name_omits_a_department_the_institute_contains() -> None:
    affiliation = Affiliation("IPAC", "IPAC, Caltech", "IPAC", None, 1)
    assert affiliation.name == "IPAC, Caltech"


def test_affiliation_without_institute_is_named_by_its_key(source_file: MakeSource) -> None:
    text = "affiliations:\n  Nowhere:\n    ror_id: null\nauthors: {}\n"
    assert read(source_file, text).affiliations["Nowhere"].institute == "Nowhere"


def test_records_have_no_email_field() -> None:
    assert [field.name for field in dataclasses.fields(Author)] == [
        "id",
        "given_name",
        "family_name",
        "orcid",
        "affiliations",
        "line",
    ]
    assert [field.name for field in dataclasses.fields(Affiliation)] == [
        "key",
        "institute",
        "department",
        "ror_id",
        "line",
    ]


def test_read_authordb_keeps_no_email_address(source_file: MakeSource) -> None:
    database = read(source_file)
    assert "ktl" not in repr(database.authors)
    assert "slac.stanford.edu" not in repr(database.affiliations)


def test_read_authordb_with_malformed_yaml_raises_with_the_line(source_file: MakeSource) -> None:
    text = "affiliations: {}\nauthors:\n  limk:\n    given_name: [unclosed\n    orcid: x\n"
    with pytest.raises(SourceError, match="malformed YAML") as caught:
        read(source_file, text)
    assert caught.value.line == 5


def test_read_authordb_with_bad_indentation_raises_with_the_line(
    source_file: MakeSource,
) -> None:
    text = "affiliations: {}\nauthors:\n  limk:\n    family_name: Lim\n   given_name: K\n"
    with pytest.raises(SourceError, match="malformed YAML") as caught:
        read(source_file, text)
    assert caught.value.line == 5


@pytest.mark.parametrize("text", ["authors: {}\n", "- a list\n", ""])
def test_read_authordb_without_both_top_level_maps_raises(
    source_file: MakeSource, text: str
) -> None:
    with pytest.raises(SourceError, match="expected top-level 'authors' and 'affiliations'"):
        read(source_file, text)


def test_read_authordb_author_that_is_not_a_map_raises(source_file: MakeSource) -> None:
    with pytest.raises(SourceError, match="author 'limk' is not a map"):
        read(source_file, "affiliations: {}\nauthors:\n  limk: Kian-Tat Lim\n")


def test_read_authordb_author_that_is_not_a_map_names_its_line(source_file: MakeSource) -> None:
    with pytest.raises(SourceError) as caught:
        read(source_file, "affiliations: {}\nauthors:\n  limk: Kian-Tat Lim\n")
    assert caught.value.line == 3
