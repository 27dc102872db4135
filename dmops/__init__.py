"""Knowledge graph of Rubin Observatory's DM Operations plan (RTN-046)."""

from importlib.metadata import PackageNotFoundError, version

import rdflib.plugins.sparql

# Nothing in dmops may reach the network or read files a query names: rdflib's
# SPARQL engine would otherwise load the documents of FROM / FROM NAMED clauses.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

try:
    __version__ = version("rubin-dmops-kg")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
