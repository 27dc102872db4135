"""One node per real person or institution, whatever spelling a source uses.

Names are folded (accents, case, hyphens, apostrophes, dots) and matched against
lsst-texmf's author database by full name, by first given name and family name,
and by initials and family name; a key that matches two authors is never used.
What no rule can know (nicknames, short forms, typos such as "Ricahrd Dubois")
comes from the curated aliases in ``graph/curated/identities.ttl``. A name that
still matches nobody keeps a node of its own, keyed by a slug of the name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from unidecode import unidecode

from dmops.sources.authordb import Author

PLACEHOLDERS = frozenset({"", "?", "tbd", "n/a", "na", "none", "-"})
_NON_WORD = re.compile(r"[^a-z0-9 ]+")


def fold(name: str) -> str:
    """A spelling-insensitive form: ASCII, lower case, no punctuation, single spaces."""
    ascii_name = unidecode(name).lower().replace("-", " ").replace(".", " ")
    ascii_name = ascii_name.replace("'", "").replace("\u2019", "")
    return " ".join(_NON_WORD.sub(" ", ascii_name).split())


def slug(name: str) -> str:
    """A readable IRI key for a name: ``"Andy S"`` -> ``andy-s``, ``ctrl_bps`` stays."""
    key = re.sub(r"[^a-z0-9._]+", "-", unidecode(name).lower().replace("'", ""))
    return re.sub(r"\.(?=-|$)", "", key).strip("-.")


def is_placeholder(text: str) -> bool:
    """TBD, blank, ?, N/A: the absence of a person, never a person."""
    return "".join(text.split()).lower() in PLACEHOLDERS


def is_tentative(text: str) -> bool:
    """A trailing question mark marks a tentative assignment ("KT Lim ?")."""
    return text.strip().endswith("?") and not is_placeholder(text)


def strip_uncertainty(text: str) -> str:
    return text.strip().rstrip("?").strip()


def _initials(given: str) -> str:
    return "".join(part[0] for part in fold(given).split())


@dataclass
class PersonIndex:
    """Author database look-ups by folded name keys, ambiguous keys removed."""

    by_key: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, authors: Iterable[Author]) -> PersonIndex:
        candidates: dict[str, set[str]] = defaultdict(set)
        for author in authors:
            if author.is_collective:
                candidates[fold(author.family_name)].add(author.id)
                candidates[fold(author.id)].add(author.id)
                continue
            family = fold(author.family_name)
            given = fold(author.given_name)
            candidates[f"{given} {family}"].add(author.id)
            candidates[f"{given.split()[0]} {family}"].add(author.id)
            candidates[f"{_initials(author.given_name)} {family}"].add(author.id)
            candidates[f"{_initials(author.given_name)[:1]} {family}"].add(author.id)
        return cls({key: ids.pop() for key, ids in candidates.items() if len(ids) == 1})

    def lookup(self, name: str) -> str | None:
        """The author id for a name written "Given Family" or "Family, Given"."""
        for given, family in _splits(name):
            first = given.split()[0] if given else ""
            for key in (f"{given} {family}", f"{first} {family}", f"{_initials(given)} {family}"):
                if key.strip() in self.by_key:
                    return self.by_key[key.strip()]
        return self.by_key.get(fold(name))


def _splits(name: str) -> list[tuple[str, str]]:
    """Ways to read a name as (given, family), the likeliest first."""
    if "," in name:
        family, _, given = name.partition(",")
        return [(fold(given), fold(family))]
    words = fold(name).split()
    return [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]


@dataclass
class PersonRef:
    """A resolved person: the IRI key, the author id when known, every spelling seen."""

    key: str
    author_id: str | None
    name: str
    collective: bool = False
    spellings: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)


class PersonResolver:
    """Turns every spelling of a person's name into the one node for that person."""

    def __init__(self, authors: dict[str, Author], aliases: dict[str, str]) -> None:
        self._authors = authors
        self._aliases = {fold(alias): key for alias, key in aliases.items()}
        self._index = PersonIndex.of(authors.values())
        self.people: dict[str, PersonRef] = {}

    def key_for(self, spelling: str) -> str | None:
        """The key of the person a spelling names, or None for TBD, blank, ? and N/A."""
        name = strip_uncertainty(spelling)
        if is_placeholder(spelling) or is_placeholder(name):
            return None
        return self._aliases.get(fold(name)) or self._index.lookup(name) or slug(name)

    def resolve(
        self, spelling: str, where: str | None = None, collective: bool = False
    ) -> PersonRef | None:
        """The person a spelling names (created on first sight), or None for placeholders.

        ``collective`` says that an unresolved name is a group's (a bibliography
        author without a given name), not a person's.
        """
        key = self.key_for(spelling)
        if key is None:
            return None
        name = strip_uncertainty(spelling)
        person = self.people.get(key) or self._new(key, name, collective)
        person.spellings.add(name)
        if where:
            person.sources.add(where)
        return person

    def ensure(self, key: str) -> PersonRef:
        """The person with this key (an author id, or a slug), created if new."""
        author = self._authors.get(key)
        return self.people.get(key) or self._new(key, author.name if author else key, False)

    def known(self, spelling: str) -> PersonRef | None:
        """The person a spelling names if the graph already has them, else None."""
        key = self.key_for(spelling)
        return self.people.get(key) if key else None

    def author(self, author_id: str) -> Author | None:
        return self._authors.get(author_id)

    def _new(self, key: str, spelling: str, collective: bool) -> PersonRef:
        author = self._authors.get(key)
        person = PersonRef(
            key=key,
            author_id=author.id if author else None,
            name=author.name if author else display_name(spelling),
            collective=author.is_collective if author else collective,
        )
        self.people[key] = person
        return person


def display_name(spelling: str) -> str:
    """A "Family, Given" spelling turned round for display."""
    if "," in spelling:
        family, _, given = spelling.partition(",")
        return f"{given.strip()} {family.strip()}"
    return spelling
