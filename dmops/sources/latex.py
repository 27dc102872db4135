"""Reading LaTeX: longtable rows, citation commands and text with its escapes undone.

RTN-046's tables are generated from a spreadsheet into ``longtable``s; cells are
separated by ``&`` and rows end with ``\\\\``. We scan them with brace depth so
that an escaped ``\\&`` or a ``&`` inside a group never splits a cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pylatexenc.latex2text import LatexNodes2Text

from dmops.errors import SourceError
from dmops.sources.catalog import SourceFile

_TO_TEXT = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
_SPACES = re.compile(r"\s+")
_COMMENT = re.compile(r"(?<!\\)((?:\\\\)*)%.*$", re.MULTILINE)
_LEADING = re.compile(r"(?:\s|\\hline)*")
_URL = re.compile(r"\\url\{([^}]*)\}")
_HEADER_MARKERS = ("\\multicolumn", "\\caption")


def to_text(latex: str) -> str:
    """Plain text of a LaTeX fragment: escapes undone, accents composed, spaces folded."""
    return _SPACES.sub(" ", _TO_TEXT.latex_to_text(_URL.sub(r"\1", latex))).strip()


def strip_comments(latex: str) -> str:
    """The text with ``%`` comments removed (an escaped ``\\%`` stays); lines keep their numbers."""
    return _COMMENT.sub(r"\1", latex)


@dataclass(frozen=True)
class TableRow:
    """One data row of a longtable: raw LaTeX cells and the line the row starts on."""

    line: int
    cells: tuple[str, ...]


def table_rows(source: SourceFile, columns: int) -> list[TableRow]:
    """The data rows of the (only) longtable in a file, each with exactly ``columns`` cells."""
    text = strip_comments(source.read_text())
    begin = text.find("\\begin{longtable}")
    end = text.find("\\end{longtable}")
    if begin < 0 or end < begin:
        raise SourceError("no longtable found", source.path)
    body_start = _skip_column_spec(text, begin + len("\\begin{longtable}"), source)
    rows = []
    for offset, raw in _split(text, body_start, end, "\\\\"):
        cleaned = raw.replace("\\hline", "").strip()
        if not cleaned or any(marker in cleaned for marker in _HEADER_MARKERS):
            continue
        line = text.count("\n", 0, offset + _LEADING.match(raw).end()) + 1  # type: ignore[union-attr]
        cells = tuple(cell.strip() for _, cell in _split(cleaned, 0, len(cleaned), "&"))
        if all(cell.startswith("\\textbf") for cell in cells):
            continue
        if len(cells) != columns:
            raise SourceError(
                f"table row has {len(cells)} cells, expected {columns}: {cleaned[:60]!r}",
                source.path,
                line,
            )
        rows.append(TableRow(line=line, cells=cells))
    return rows


def unbrace(cell: str) -> str:
    """A cell without the one pair of braces that wraps it (``{3.2a}`` -> ``3.2a``)."""
    cell = cell.strip()
    if cell.startswith("{") and cell.endswith("}") and _balanced(cell[1:-1]):
        return cell[1:-1]
    return cell


def _balanced(text: str) -> bool:
    depth = 0
    for index, char in enumerate(text):
        if char == "\\":
            continue
        if index and text[index - 1] == "\\":
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _skip_column_spec(text: str, start: int, source: SourceFile) -> int:
    """The offset just after the ``{|p{..}|l|}`` argument of ``\\begin{longtable}``."""
    index = text.find("{", start)
    if index < 0:
        raise SourceError("longtable has no column specification", source.path)
    depth = 0
    for position in range(index, len(text)):
        depth += {"{": 1, "}": -1}.get(text[position], 0)
        if depth == 0:
            return position + 1
    raise SourceError("unbalanced braces in the longtable column specification", source.path)


def _split(text: str, start: int, end: int, separator: str) -> Iterator[tuple[int, str]]:
    """Pieces of ``text[start:end]`` between separators at brace depth 0, with their offsets."""
    depth = 0
    piece_start = start
    position = start
    while position < end:
        char = text[position]
        if text.startswith(separator, position) and depth == 0:
            yield piece_start, text[piece_start:position]
            position += len(separator)
            piece_start = position
            continue
        if char == "\\":
            position += 2
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        position += 1
    yield piece_start, text[piece_start:end]


CITATION = re.compile(r"\\cite(?:ds|dsp|p|t|alp)?\s*(?:\[[^\]]*\])?\s*\{([^}]*)\}")
HANDLE = re.compile(r"\b([A-Z][A-Za-z]{1,5}-\d+)\b")


@dataclass(frozen=True)
class Mention:
    """A document handle in a LaTeX file, and whether a citation command names it."""

    handle: str
    line: int
    cited: bool


def handle_mentions(source: SourceFile) -> list[Mention]:
    """Every document handle the file's text cites or names, with its line."""
    text = strip_comments(source.read_text())
    mentions = []
    cited_spans = []
    for match in CITATION.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        cited_spans.append(match.span())
        for key in match.group(1).split(","):
            mentions.append(Mention(handle=key.strip().upper(), line=line, cited=True))
    for match in HANDLE.finditer(text):
        if any(start <= match.start() < end for start, end in cited_spans):
            continue
        line = text.count("\n", 0, match.start()) + 1
        mentions.append(Mention(handle=match.group(1).upper(), line=line, cited=False))
    return mentions
