"""The real shapes and the ontology, loaded once for the shape tests."""

from __future__ import annotations

import pytest
from rdflib import Graph

from dmops.paths import ONTOLOGY_FILE
from dmops.validation import load_shapes


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="session")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")
