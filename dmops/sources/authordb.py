"""lsst-texmf's author database: author ids, names, ORCIDs and affiliations.

Only the people and institutions the graph needs are emitted (those of RTN-046
and of the documents it cites); e-mail fields are never read into the graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from dmops.errors import SourceError
from dmops.sources.catalog import SourceFile
from dmops.sources.latex import to_text

_TOP_KEY = re.compile(r"^([^\s#][^:]*):")
_SECOND_KEY = re.compile(r"^  ([^\s#][^:]*):")


@dataclass(frozen=True)
class Author:
    """An author record: id, names in plain text, ORCID and affiliation keys."""

    id: str
    given_name: str
    family_name: str
    orcid: str | None
    affiliations: tuple[str, ...]
    line: int

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def is_collective(self) -> bool:
        """Entries such as DMLT have no given name: they are groups, not people."""
        return not self.given_name


@dataclass(frozen=True)
class Affiliation:
    """An affiliation record: key, institute and department names, ROR id."""

    key: str
    institute: str
    department: str | None
    ror_id: str | None
    line: int

    @property
    def name(self) -> str:
        if self.department and self.department not in self.institute:
            return f"{self.department}, {self.institute}"
        return self.institute


@dataclass(frozen=True)
class AuthorDB:
    authors: dict[str, Author]
    affiliations: dict[str, Affiliation]
    source: SourceFile


def read_authordb(source: SourceFile) -> AuthorDB:
    """Parse authordb.yaml; LaTeX in names is turned into Unicode."""
    text = source.read_text()
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise SourceError(f"malformed YAML: {exc}", source.path, line) from exc
    if not isinstance(data, dict) or not {"authors", "affiliations"} <= data.keys():
        raise SourceError("expected top-level 'authors' and 'affiliations' maps", source.path)
    lines = _key_lines(text)
    authors = {
        key: _author(key, entry, lines.get(("authors", key), 0), source)
        for key, entry in data["authors"].items()
    }
    affiliations = {
        key: _affiliation(key, entry, lines.get(("affiliations", key), 0), source)
        for key, entry in data["affiliations"].items()
    }
    return AuthorDB(authors=authors, affiliations=affiliations, source=source)


def _author(key: str, entry: object, line: int, source: SourceFile) -> Author:
    if not isinstance(entry, dict):
        raise SourceError(f"author {key!r} is not a map", source.path, line)
    return Author(
        id=key,
        given_name=to_text(entry.get("given_name") or ""),
        family_name=to_text(entry.get("family_name") or ""),
        orcid=entry.get("orcid") or None,
        affiliations=tuple(entry.get("affil") or ()),
        line=line,
    )


def _affiliation(key: str, entry: object, line: int, source: SourceFile) -> Affiliation:
    if not isinstance(entry, dict):
        raise SourceError(f"affiliation {key!r} is not a map", source.path, line)
    department = entry.get("department")
    return Affiliation(
        key=key,
        institute=to_text(entry.get("institute") or key),
        department=to_text(department) if department else None,
        ror_id=entry.get("ror_id") or None,
        line=line,
    )


def _key_lines(text: str) -> dict[tuple[str, str], int]:
    """The line of each second-level key (``  limk:`` under ``authors:``)."""
    lines: dict[tuple[str, str], int] = {}
    section = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if top := _TOP_KEY.match(line):
            section = top.group(1)
        elif second := _SECOND_KEY.match(line):
            lines[(section, second.group(1))] = number
    return lines
