"""Errors a user can act on: each carries the exit code the CLI returns for it."""

from __future__ import annotations

from pathlib import Path


class DmopsError(Exception):
    """An error caused by the user's input, reported without a traceback."""

    exit_code = 2


class SourceError(DmopsError):
    """A source file is missing, unreadable or malformed; names the file and line."""

    def __init__(self, message: str, path: Path | None = None, line: int | None = None) -> None:
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else ""
        super().__init__(f"{where}{message}")
        self.path = path
        self.line = line


class QueryError(DmopsError):
    """A SPARQL query that cannot be parsed or run."""
