"""Reading the project's Turtle files into one rdflib graph."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from dmops.errors import SourceError
from dmops.namespaces import bind_prefixes


def load_asserted(paths: list[Path]) -> Graph:
    """Parse the given Turtle files into one graph; an unreadable file is a SourceError."""
    graph = bind_prefixes(Graph())
    for path in paths:
        try:
            graph.parse(path, format="turtle")
        except OSError as exc:
            raise SourceError(f"cannot read: {exc.strerror}", path) from exc
        except (SyntaxError, ValueError) as exc:
            raise SourceError(f"malformed Turtle: {exc}", path) from exc
    return graph
