"""rdflib's SPARQL engine, made safe before anything in dmops uses it.

Nothing in dmops may reach the network or read files a query names: rdflib's
engine would otherwise load the documents of FROM / FROM NAMED clauses. Code
that runs SPARQL on rdflib (the memory backend, pySHACL's SPARQL constraints)
imports the parser from here, so the switch is off before the first query.
The switch lives here, not in ``dmops/__init__``, so the processes that never
touch rdflib's SPARQL (query workers, the oxigraph service) start without it.
"""

from __future__ import annotations

import rdflib.plugins.sparql
from rdflib.plugins.sparql import prepareQuery

rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

__all__ = ["prepareQuery"]
