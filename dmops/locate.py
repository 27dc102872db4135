"""Where an entity's Turtle block starts, so review tools can annotate the files.

In the graph's Turtle, generated (longturtle) and curated alike, every block
starts with its subject at column 0, so a line scan finds them with their line
numbers, which parsing with rdflib would lose (and it would take much longer).
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

_PREFIX = re.compile(r"(?:@prefix|(?i:PREFIX))\s+(?P<prefix>[^\s:]*):\s*<(?P<iri>[^>]*)>")
_BASE = re.compile(r"(?:@base|(?i:BASE))\s+<(?P<iri>[^>]*)>")
_SUBJECT = re.compile(
    r"<(?P<iri>[^>\s]*)>"
    r"|(?P<prefix>[^\W\d_][\w.-]*)?:"
    r"(?P<local>(?:[\w:-]|%[0-9A-Fa-f]{2}|\\\S|\.(?=[\w:%\\-]))*)(?=\s|$)"
)
_LOCAL_ESCAPE = re.compile(r"\\(\S)")
_LONG_QUOTE = re.compile(r'"""|\'\'\'')
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


class Locator:
    """Every (file, line) where a block for a subject IRI starts."""

    def __init__(self, blocks: dict[str, list[tuple[str, int]]]) -> None:
        self._blocks = blocks

    @classmethod
    def from_files(cls, paths: list[Path], root: Path) -> Locator:
        """Scan each file once; files are named relative to root, with forward slashes."""
        blocks: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for path in paths:
            absolute = path.resolve()
            name = Path(os.path.relpath(absolute, root.resolve())).as_posix()
            for iri, line in _subjects(absolute.read_text(encoding="utf-8"), absolute.as_uri()):
                blocks[iri].append((name, line))
        return cls(dict(blocks))

    def locate(self, iri: str) -> list[tuple[str, int]]:
        """The block starts for iri, in the order of the files; [] if it has none."""
        return list(self._blocks.get(iri, []))


def _subjects(text: str, base: str) -> Iterator[tuple[str, int]]:
    """Each column-0 subject's IRI and 1-based line; lines inside long strings are skipped."""
    prefixes: dict[str, str] = {}
    in_long_string = False
    for number, line in enumerate(text.split("\n"), start=1):
        outside = not in_long_string
        in_long_string ^= len(_LONG_QUOTE.findall(line)) % 2 == 1
        if not outside:
            continue
        if directive := _PREFIX.match(line):
            prefixes[directive["prefix"]] = _resolve(base, directive["iri"])
        elif directive := _BASE.match(line):
            base = _resolve(base, directive["iri"])
        elif subject := _SUBJECT.match(line):
            iri = _expand(subject, prefixes, base)
            if iri is not None:
                yield iri, number


def _expand(subject: re.Match[str], prefixes: dict[str, str], base: str) -> str | None:
    """The full IRI of a subject; None for an undeclared prefix."""
    if subject["iri"] is not None:
        return _resolve(base, subject["iri"])
    namespace = prefixes.get(subject["prefix"] or "")
    return None if namespace is None else namespace + _LOCAL_ESCAPE.sub(r"\1", subject["local"])


def _resolve(base: str, iri: str) -> str:
    """Absolute IRIs are kept as written: urljoin would normalise them (an empty '#')."""
    return iri if _ABSOLUTE.match(iri) else urljoin(base, iri)
