"""Screening SPARQL text before it runs: read-only, no federation, bounded nesting.

The checks work on the query's tokens with strings, IRIs and comments blanked
out, so a keyword inside a literal (``"SERVICE"``) or an IRI never trips them,
and a keyword in any spelling or position (``sErViCe`` inside a subquery) does.
They run before any engine sees the query: a refused query is never evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANKED = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PREFIX_NAME = re.compile(r"[A-Za-z_][\w.-]*:[\w.%-]*|\?\w+|\$\w+")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
MAX_NESTING = 64
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class QueryRefusedError(Exception):
    """Why a query is refused, with the HTTP status a service answers it with."""

    status: int
    message: str

    def __str__(self) -> str:
        return self.message


def code_of(query: str) -> str:
    """The query with strings, IRIs, comments, prefixed names and variables blanked out."""
    blanked = _BLANKED.sub(lambda match: " " * len(match.group(0)), query)
    return _PREFIX_NAME.sub(lambda match: " " * len(match.group(0)), blanked)


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: whichever keyword comes first in the query."""
    code = code_of(query).upper()
    positions = {
        form: match.start() for form in FORMS if (match := re.search(rf"\b{form}\b", code))
    }
    return min(positions, key=positions.__getitem__) if positions else "SELECT"


def keywords(query: str) -> set[str]:
    return {word.upper() for word in _WORD.findall(code_of(query))}


def screen(query: str) -> None:
    """Refuse federation, updates and pathological nesting; return silently otherwise."""
    words = keywords(query)
    if "SERVICE" in words:
        raise QueryRefusedError(400, "federated queries are disabled: SERVICE is not allowed")
    updates = sorted(words & UPDATE_KEYWORDS)
    if updates:
        raise QueryRefusedError(
            400, f"this endpoint is read-only: {', '.join(updates)} is an update, not a query"
        )
    depth = _nesting(code_of(query))
    if depth > MAX_NESTING:
        raise QueryRefusedError(
            400, f"the query nests {depth} levels deep; at most {MAX_NESTING} allowed"
        )


def _nesting(code: str) -> int:
    depth = deepest = 0
    for char in code:
        if char in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")}]":
            depth -= 1
    return deepest
