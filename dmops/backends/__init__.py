"""The store backends: rdflib in memory, pyoxigraph embedded, a remote SPARQL 1.1 database."""
