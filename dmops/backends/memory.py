"""The rdflib backend: the reference the faster backends are checked against.

rdflib is slow (seconds to parse what pyoxigraph reads in a tenth) but it is
the library the rest of the Python RDF world trusts, so a test runs every canned
query on it and on the other backends and compares. Answers leave as SPARQL
JSON or N-Triples and are read back by pyoxigraph: one shape of result above.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from dmops.graphio import load_asserted
from dmops.rdflib_sparql import prepareQuery
from dmops.rdfterms import to_oxigraph, to_rdflib
from dmops.store import SERVED_GRAPHS, UNION, Answer, GraphFiles, Subject, Term, Triples, quad
from dmops.store import Dataset as QueryDataset


class MemoryStore:
    """The served graphs as contexts of an rdflib Dataset whose default graph is their union."""

    backend = "memory"

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    @classmethod
    def load(cls, files: GraphFiles) -> MemoryStore:
        dataset = Dataset(default_union=True)
        for path, name in files.sources():
            graph = (
                load_asserted([path]) if path.suffix == ".ttl" else Graph().parse(path, format="nt")
            )
            target = dataset.graph(URIRef(name))
            target += graph
        return cls(dataset)

    def query(
        self,
        text: str,
        dataset: QueryDataset = UNION,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> Answer:
        parsed = _prepare(text, base_iri, prefixes)
        if dataset.default_graphs is not None or dataset.named_graphs is not None:
            parsed.algebra["datasetClause"] = _dataset_clause(dataset)
        try:
            result = self.dataset.query(parsed)
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                assert result.graph is not None
                data = result.graph.serialize(format="nt", encoding="utf-8")
                quads = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
                return Triples(quad.triple for quad in quads)
            answer = result.serialize(format="json")
        except (SyntaxError, ValueError):
            raise
        except Exception as exc:  # rdflib's evaluation errors have no common base
            raise ValueError(str(exc)) from exc
        assert answer is not None
        return ox.parse_query_results(answer, format=ox.QueryResultsFormat.JSON)

    def quads(
        self, subject: Subject | None, predicate: ox.NamedNode | None, value: Term | None
    ) -> list[ox.Quad]:
        pattern = (to_rdflib(subject), to_rdflib(predicate), to_rdflib(value))
        return [
            quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name)
            for name in SERVED_GRAPHS
            for s, p, o in self.dataset.graph(URIRef(name)).triples(pattern)
        ]

    def count(self, graph: str) -> int:
        return len(self.dataset.graph(URIRef(graph)))


def _prepare(text: str, base_iri: str | None, prefixes: Mapping[str, str] | None) -> Query:
    try:
        return prepareQuery(text, initNs=dict(prefixes or {}), base=base_iri)
    except ParseException as exc:
        raise SyntaxError(f"error at {exc.lineno}:{exc.col}: {exc.msg}") from exc
    except Exception as exc:  # rdflib raises bare exceptions for unknown prefixes and the like
        raise SyntaxError(str(exc)) from exc


def _dataset_clause(dataset: QueryDataset) -> list[CompValue]:
    """The protocol's graphs as the query's FROM / FROM NAMED (the protocol wins, as it must).

    What the protocol leaves out stays as the embedded backends have it: the union
    of the served graphs as default graph, every served graph as a named graph.
    """
    defaults = dataset.default_graphs if dataset.default_graphs is not None else SERVED_GRAPHS
    named = dataset.named_graphs if dataset.named_graphs is not None else SERVED_GRAPHS
    return [
        *(CompValue("DatasetClause", default=URIRef(iri)) for iri in defaults),
        *(CompValue("DatasetClause", named=URIRef(iri)) for iri in named),
    ]
