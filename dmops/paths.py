"""Where the project's files are: ontology, graph, shapes, queries and the cache."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = PROJECT_ROOT / "ontology" / "dmops.ttl"
GRAPH_DIR = PROJECT_ROOT / "graph"
CURATED_DIR = GRAPH_DIR / "curated"
SHAPES_FILE = PROJECT_ROOT / "shapes" / "dmops.ttl"
QUERIES_DIR = PROJECT_ROOT / "queries"
SOURCES_ENV = "DMOPS_SOURCES"


def cache_dir() -> Path:
    """Where derived data (the inference closure) is cached: $DMOPS_CACHE_DIR or .cache/."""
    return Path(os.environ.get("DMOPS_CACHE_DIR", PROJECT_ROOT / ".cache"))


def graph_files(graph_dir: Path = GRAPH_DIR) -> list[Path]:
    """The ontology, the generated graph files and the curated ones, in a fixed order."""
    return [
        ONTOLOGY_FILE,
        *sorted(graph_dir.glob("*.ttl")),
        *sorted((graph_dir / "curated").glob("*.ttl")),
    ]
