"""Unit tests for dmops.identity: name folding, placeholders and person resolution."""

from __future__ import annotations

import pytest

from dmops.identity import (
    PersonIndex,
    PersonRef,
    PersonResolver,
    display_name,
    fold,
    is_placeholder,
    is_tentative,
    slug,
    strip_uncertainty,
)
from dmops.sources.authordb import Author


def author(author_id: str, given: str, family: str) -> Author:
    return Author(
        id=author_id,
        given_name=given,
        family_name=family,
        orcid=None,
        affiliations=(),
        line=1,
    )


AUTHORS = {
    record.id: record
    for record in (
        author("limk", "Kian-Tat", "Lim"),
        author("silvac", "Cristián", "Silva"),
        author("duboisfelsmanngp", "Gregory P.", "Dubois-Felsmann"),
        author("duboisr", "Richard", "Dubois"),
        author("boschjf", "James", "Bosch"),
        author("smithj", "John", "Smith"),
        author("smithja", "Jane", "Smith"),
        author("DMLT", "", "Rubin Observatory Data Management Leadership Team"),
    )
}

ALIASES = {"JIm B": "boschjf", "Ricahrd Dubois": "duboisr", "Andy S": "salnikova"}


def resolver() -> PersonResolver:
    return PersonResolver(AUTHORS, ALIASES)


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Cristián Silva", "cristian silva"),
        ("KT LIM", "kt lim"),
        ("Dubois-Felsmann", "dubois felsmann"),
        ("O'Mullane", "omullane"),
        ("O\u2019Mullane", "omullane"),
        ("K.-T. Lim", "k t lim"),
        ("  Lim ,  Kian-Tat ", "lim kian tat"),
        ("Luleå", "lulea"),
    ],
)
def test_fold_ignores_accents_case_hyphens_apostrophes_and_dots(name: str, folded: str) -> None:
    assert fold(name) == folded


@pytest.mark.parametrize(
    ("name", "key"),
    [("Andy S", "andy-s"), ("Cristián Silva", "cristian-silva"), ("Lim, K.-T.", "lim-k-t")],
)
def test_slug_is_the_folded_name_with_hyphens(name: str, key: str) -> None:
    assert slug(name) == key


@pytest.mark.parametrize(
    "text", ["TBD", "tbd", " TBD ", "", "   ", "?", "N/ A", "n/a", "None", "-"]
)
def test_is_placeholder_for_the_absence_of_a_person(text: str) -> None:
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["Tim Jenness", "KT Lim ?", "N/ A Smith", "Na Li"])
def test_is_placeholder_is_false_for_a_name(text: str) -> None:
    assert not is_placeholder(text)


@pytest.mark.parametrize(
    ("text", "tentative"),
    [("KT Lim ?", True), ("KT Lim?", True), ("KT Lim", False), ("?", False), (" ? ", False)],
)
def test_is_tentative_for_a_trailing_question_mark(text: str, tentative: bool) -> None:
    assert is_tentative(text) is tentative


def test_strip_uncertainty_drops_the_question_mark() -> None:
    assert strip_uncertainty("  KT Lim ? ") == "KT Lim"


@pytest.mark.parametrize(
    ("spelling", "shown"),
    [("Lim, Kian-Tat", "Kian-Tat Lim"), ("Kian-Tat Lim", "Kian-Tat Lim")],
)
def test_display_name_turns_family_comma_given_round(spelling: str, shown: str) -> None:
    assert display_name(spelling) == shown


def test_person_index_keys_full_first_given_and_initials() -> None:
    index = PersonIndex.of([AUTHORS["limk"]])
    assert index.by_key == {
        "kian tat lim": "limk",
        "kian lim": "limk",
        "kt lim": "limk",
        "k lim": "limk",
    }


def test_person_index_keys_a_collective_by_name_and_id() -> None:
    index = PersonIndex.of([AUTHORS["DMLT"]])
    assert index.by_key == {
        "rubin observatory data management leadership team": "DMLT",
        "dmlt": "DMLT",
    }


def test_person_index_drops_a_key_shared_by_two_authors() -> None:
    index = PersonIndex.of([AUTHORS["smithj"], AUTHORS["smithja"]])
    assert index.by_key == {"john smith": "smithj", "jane smith": "smithja"}


@pytest.mark.parametrize(
    "spelling",
    ["Kian-Tat Lim", "KT Lim", "KT lim", "Lim, K.-T.", "Lim, Kian-Tat", "K.-T. Lim", "KT Lim ?"],
)
def test_every_spelling_of_kian_tat_lim_has_one_key(spelling: str) -> None:
    assert resolver().key_for(spelling) == "limk"


@pytest.mark.parametrize("spelling", ["Cristian Silva", "Cristián Silva", "CRISTIAN SILVA"])
def test_accents_and_case_do_not_matter(spelling: str) -> None:
    assert resolver().key_for(spelling) == "silvac"


@pytest.mark.parametrize(
    "spelling",
    ["Gregory Dubois Felsmann", "Gregory P. Dubois-Felsmann", "Dubois-Felsmann, Gregory P."],
)
def test_hyphen_or_space_in_a_family_name_does_not_matter(spelling: str) -> None:
    assert resolver().key_for(spelling) == "duboisfelsmanngp"


def test_a_middle_initial_missing_from_the_database_does_not_matter() -> None:
    people = PersonResolver({"dfg": author("dfg", "Gregory", "Dubois-Felsmann")}, {})
    assert people.key_for("Gregory P. Dubois-Felsmann") == "dfg"


@pytest.mark.parametrize(
    ("spelling", "key"),
    [
        ("JIm B", "boschjf"),
        ("jim b", "boschjf"),
        ("Ricahrd Dubois", "duboisr"),
        ("Andy S", "salnikova"),
    ],
)
def test_an_alias_resolves_a_nickname_or_typo(spelling: str, key: str) -> None:
    assert resolver().key_for(spelling) == key


def test_an_ambiguous_key_is_never_used() -> None:
    people = resolver()
    assert (people.key_for("J Smith"), people.key_for("Smith, J.")) == ("j-smith", "smith-j")


def test_a_full_name_beats_the_ambiguous_initial() -> None:
    people = resolver()
    assert (people.key_for("John Smith"), people.key_for("Jane Smith")) == ("smithj", "smithja")


@pytest.mark.parametrize("spelling", ["TBD", "", "?", "N/ A", "TBD ?", "  "])
def test_resolve_returns_none_for_a_placeholder(spelling: str) -> None:
    people = resolver()
    assert people.resolve(spelling) is None
    assert people.people == {}


def test_resolve_gives_one_person_for_every_spelling() -> None:
    people = resolver()
    first = people.resolve("Kian-Tat Lim", "https://example.org/a#L1")
    for spelling in ("KT Lim ?", "KT lim", "Lim, K.-T."):
        assert people.resolve(spelling, "https://example.org/b#L2") is first
    assert people.people == {
        "limk": PersonRef(
            key="limk",
            author_id="limk",
            name="Kian-Tat Lim",
            collective=False,
            spellings={"Kian-Tat Lim", "KT Lim", "KT lim", "Lim, K.-T."},
            sources={"https://example.org/a#L1", "https://example.org/b#L2"},
        )
    }


def test_resolve_an_unknown_name_keys_it_by_its_slug() -> None:
    people = resolver()
    person = people.resolve("Frossie Economou")
    assert person == PersonRef(
        key="frossie-economou",
        author_id=None,
        name="Frossie Economou",
        spellings={"Frossie Economou"},
    )
    assert list(people.people) == ["frossie-economou"]


def test_resolve_an_unknown_family_comma_given_name_shows_it_given_first() -> None:
    person = resolver().resolve("Economou, Frossie")
    assert person is not None
    assert (person.key, person.name) == ("economou-frossie", "Frossie Economou")


def test_resolve_an_alias_to_a_key_without_author_keeps_the_spelling_as_name() -> None:
    person = resolver().resolve("Andy S")
    assert person is not None
    assert (person.key, person.author_id, person.name) == ("salnikova", None, "Andy S")


def test_known_never_creates_a_person() -> None:
    people = resolver()
    assert people.known("Kian-Tat Lim") is None
    assert people.known("Frossie Economou") is None
    assert people.known("TBD") is None
    assert people.people == {}


def test_known_finds_a_person_resolved_under_another_spelling() -> None:
    people = resolver()
    person = people.resolve("KT Lim")
    assert person is not None
    assert people.known("Lim, Kian-Tat") is person
    assert person.spellings == {"KT Lim"}


def test_collective_marks_an_unresolved_group_name() -> None:
    people = resolver()
    group = people.resolve("Rubin Operations Team", collective=True)
    person = people.resolve("Frossie Economou")
    assert group is not None
    assert person is not None
    assert (group.key, group.collective, person.collective) == (
        "rubin-operations-team",
        True,
        False,
    )


def test_collective_flag_does_not_override_the_author_database() -> None:
    people = resolver()
    person = people.resolve("Lim, Kian-Tat", collective=True)
    group = people.resolve("Rubin Observatory Data Management Leadership Team")
    assert person is not None
    assert group is not None
    assert (person.collective, group.key, group.collective) == (False, "DMLT", True)


def test_ensure_creates_a_person_by_key() -> None:
    people = resolver()
    assert people.ensure("limk") == PersonRef(key="limk", author_id="limk", name="Kian-Tat Lim")
    assert people.ensure("andy-s") == PersonRef(key="andy-s", author_id=None, name="andy-s")
    assert sorted(people.people) == ["andy-s", "limk"]


def test_author_returns_the_database_record() -> None:
    people = resolver()
    assert (people.author("silvac"), people.author("nobody")) == (AUTHORS["silvac"], None)
