"""A remote SPARQL 1.1 database (Virtuoso, Fuseki, GraphDB, …) as a store.

Only the SPARQL 1.1 Protocol is used, so any conforming database serves. Each
query is parsed here by pyoxigraph first: a malformed query gets the same
message with line and column as on the embedded backends, and only standard
SPARQL 1.1 leaves this process (no vendor pragmas such as Virtuoso's
``DEFINE get:soft`` that would make the database fetch URLs). The dataset is
always named in the request (``default-graph-uri``, ``named-graph-uri``), so
the database's other graphs (its system graphs, other releases) are never seen.

The store reads one release (``dmops.releases``), resolved when it opens: the
served graphs' names are mapped to that release's graphs on the way out and
back on the way in, so queries and answers name the same graphs as on the
embedded backends. Results come back as SPARQL XML or N-Triples and are read
by pyoxigraph.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from dmops.backends.oxigraph import UNKNOWN_FUNCTION
from dmops.namespaces import BASE
from dmops.releases import CURRENT, RELEASES_GRAPH, release_graph, release_id
from dmops.results import write_xml
from dmops.sparql_guard import query_form
from dmops.store import SERVED_GRAPHS, UNION, Answer, Dataset, Subject, Term, Triples, quad

RESULTS_ACCEPT = "application/sparql-results+xml"
GRAPH_ACCEPT = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8"
GRAPH_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
}
RESULT_FORMATS = {
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
}
FORM = "application/x-www-form-urlencoded"
EMPTY_GRAPH = f"{BASE}graph/empty"
INCOMPLETE_STATES = ("S1TAT",)  # Virtuoso's "anytime" answer: partial, though HTTP 200
TIMEOUT_STATES = ("SR171",)  # Virtuoso: "Transaction timed out" (its MaxQueryExecutionTime)
VIRTUOSO_BNODE = b"<bnode>nodeID://"
MESSAGE_LIMIT = 300


class StoreUnavailableError(OSError):
    """The database did not answer: unreachable, refused us, or failed on its side."""


class RemoteStore:
    """Queries sent to a SPARQL 1.1 endpoint over HTTP; answers in pyoxigraph terms."""

    backend = "sparql"

    def __init__(
        self,
        endpoint: str,
        timeout: float = 60.0,
        auth: httpx.Auth | None = None,
        release: str | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.client = httpx.Client(
            timeout=timeout, auth=auth, trust_env=False, follow_redirects=False
        )
        self.release = release or self.current_release()
        self.stored = {graph: release_graph(self.release, graph) for graph in SERVED_GRAPHS}
        self.served = {ox.NamedNode(v): ox.NamedNode(k) for k, v in self.stored.items()}

    def current_release(self) -> str:
        """The newest release listed in the database (see dmops.releases)."""
        response = self._post(CURRENT, Dataset(default_graphs=(), named_graphs=(RELEASES_GRAPH,)))
        answer = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.XML)
        assert isinstance(answer, ox.QuerySolutions)
        for row in answer:
            release = row["release"]
            if isinstance(release, ox.NamedNode):
                return release_id(release.value)
        raise StoreUnavailableError(
            f"no release is published at {self.endpoint}: run dmops publish --to UPDATE_URL"
        )

    def query(
        self,
        text: str,
        dataset: Dataset = UNION,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> Answer:
        check_syntax(text, base_iri, prefixes)
        graph_answer = query_form(text) in ("CONSTRUCT", "DESCRIBE")
        accept = GRAPH_ACCEPT if graph_answer else RESULTS_ACCEPT
        if dataset.own_dataset:
            dataset = _from_clauses(text, dataset)
        request = self._stored_dataset(dataset)
        response = self._post(_prologue(base_iri, prefixes) + text, request, accept)
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type in RESULT_FORMATS:
            body = response.content.replace(VIRTUOSO_BNODE, b"<bnode>")  # a blank node's label
            answer = ox.parse_query_results(body, format=RESULT_FORMATS[media_type])
            return self._served_solutions(answer)
        if media_type in GRAPH_FORMATS:
            quads = ox.parse(response.content, format=GRAPH_FORMATS[media_type])
            return Triples([self._served_triple(quad.triple) for quad in quads])
        raise StoreUnavailableError(
            f"the SPARQL database answered in {media_type or 'no media type'}, "
            "not SPARQL results or N-Triples"
        )

    def quads(
        self, subject: Subject | None, predicate: ox.NamedNode | None, value: Term | None
    ) -> list[ox.Quad]:
        """The pattern as a SELECT over the served named graphs; given terms are written
        by pyoxigraph (N-Triples syntax), never pasted from text."""
        parts = [_slot(subject, "s"), _slot(predicate, "p"), _slot(value, "o")]
        result = self.query(
            f"SELECT * WHERE {{ GRAPH ?g {{ {' '.join(parts)} }} }}",
            Dataset(default_graphs=(), named_graphs=SERVED_GRAPHS),
        )
        assert isinstance(result, ox.QuerySolutions)
        return [
            quad(
                _given(subject, row, "s"),
                _given(predicate, row, "p"),
                _given(value, row, "o"),
                _graph_name(row),
            )
            for row in result
        ]

    def count(self, graph: str) -> int:
        result = self.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            Dataset(default_graphs=(), named_graphs=(graph,)),
        )
        assert isinstance(result, ox.QuerySolutions)
        (row,) = list(result)
        return int(row["n"].value)

    def _stored_dataset(self, dataset: Dataset) -> Dataset:
        """The dataset with every graph named explicitly, as the release stores it."""
        defaults = SERVED_GRAPHS if dataset.default_graphs is None else dataset.default_graphs
        named = SERVED_GRAPHS if dataset.named_graphs is None else dataset.named_graphs
        return Dataset(
            default_graphs=tuple(self.stored.get(iri, iri) for iri in defaults),
            named_graphs=tuple(self.stored.get(iri, iri) for iri in named),
        )

    def _served(self, term: Term | None) -> Term | None:
        if isinstance(term, ox.NamedNode):
            return self.served.get(term, term)
        return term

    def _served_solutions(
        self, answer: ox.QuerySolutions | ox.QueryBoolean
    ) -> ox.QuerySolutions | ox.QueryBoolean:
        """Release graph names back to the served names (only GRAPH ?g can bind them)."""
        if isinstance(answer, ox.QueryBoolean):
            return answer
        names = [variable.value for variable in answer.variables]
        rows = [[self._served(row[name]) for name in names] for row in answer]
        return ox.parse_query_results(
            write_xml(names, iter(rows)).encode("utf-8"), format=ox.QueryResultsFormat.XML
        )

    def _served_triple(self, triple: ox.Triple) -> ox.Triple:
        subject, predicate, value = (self._served(term) for term in triple)
        return ox.Triple(subject, predicate, value)  # type: ignore[arg-type]

    def _post(self, text: str, dataset: Dataset, accept: str = RESULTS_ACCEPT) -> httpx.Response:
        """One request; the Accept names one kind of answer, as some databases (Virtuoso)
        refuse a CONSTRUCT whose Accept also lists SPARQL result formats."""
        form: list[tuple[str, str]] = [("query", text)]
        # Without a parameter a database may take every graph it has, its system graphs
        # and other releases included: an empty list becomes a graph that does not exist.
        defaults = dataset.default_graphs or (EMPTY_GRAPH,)
        named = dataset.named_graphs or (EMPTY_GRAPH,)
        form.extend(("default-graph-uri", iri) for iri in defaults)
        form.extend(("named-graph-uri", iri) for iri in named)
        try:
            response = self.client.post(
                self.endpoint,
                content=urlencode(form),
                headers={"Accept": accept, "Content-Type": FORM},
            )
        except httpx.TimeoutException as exc:
            raise TimeoutError(f"the SPARQL database did not answer in time: {exc}") from exc
        except httpx.HTTPError as exc:
            raise StoreUnavailableError(
                f"cannot reach the SPARQL database at {self.endpoint}: {exc}"
            ) from exc
        if response.headers.get("x-sql-state", "") in INCOMPLETE_STATES or any(
            state in response.text[:200] for state in TIMEOUT_STATES
        ):
            raise TimeoutError("the SPARQL database stopped the query at its time limit")
        if "x-sparql-maxrows" in response.headers:
            raise ValueError(
                "the SPARQL database cut the answer at its row limit "
                f"({response.headers['x-sparql-maxrows']} rows); ask for fewer rows"
            )
        if response.status_code == 400:
            raise ValueError(f"the SPARQL database refused the query: {_message(response)}")
        if response.status_code != 200:
            raise StoreUnavailableError(
                f"the SPARQL database answered {response.status_code}: {_message(response)}"
            )
        return response


def _from_clauses(text: str, dataset: Dataset) -> Dataset:
    """The query's FROM / FROM NAMED as protocol graphs (the protocol's own win, as the
    protocol says), so they can be mapped to the release's graphs."""
    from dmops.rdflib_sparql import prepareQuery  # rdflib's parser loads only for FROM queries

    try:
        clauses = prepareQuery(text).algebra.get("datasetClause") or []
    except Exception:  # rdflib parses less than pyoxigraph; the database will judge
        return dataset
    defaults = tuple(str(c.default) for c in clauses if c.get("default") is not None)
    named = tuple(str(c.named) for c in clauses if c.get("named") is not None)
    return Dataset(
        default_graphs=dataset.default_graphs if dataset.default_graphs is not None else defaults,
        named_graphs=dataset.named_graphs if dataset.named_graphs is not None else named,
    )


def check_syntax(text: str, base_iri: str | None, prefixes: Mapping[str, str] | None) -> None:
    """SyntaxError (with line and column) unless ``text`` is a SPARQL 1.1 query; ValueError
    if it calls an extension function.

    pyoxigraph plans the query over an empty store (nothing is evaluated). Extension
    functions are never forwarded: a database's own may reach out (Virtuoso's
    ``bif:http_get`` fetches any URL, even for an anonymous reader).
    """
    try:
        ox.Store().query(text, base_iri=base_iri, prefixes=dict(prefixes) if prefixes else None)
    except (ValueError, RuntimeError) as exc:
        match = UNKNOWN_FUNCTION.match(str(exc))
        if match is not None:
            raise ValueError(
                f"the extension function <{match.group(1)}> is not sent to the database: "
                "only the standard SPARQL 1.1 functions are"
            ) from exc


def _prologue(base_iri: str | None, prefixes: Mapping[str, str] | None) -> str:
    lines = [f"BASE {ox.NamedNode(base_iri)}\n"] if base_iri else []
    lines.extend(
        f"PREFIX {name}: {ox.NamedNode(iri)}\n" for name, iri in sorted((prefixes or {}).items())
    )
    return "".join(lines)


def _slot(term: Term | None, name: str) -> str:
    return f"?{name}" if term is None else str(term)


def _given(term: Term | None, row: ox.QuerySolution, name: str) -> Term:
    return term if term is not None else row[name]


def _graph_name(row: ox.QuerySolution) -> str:
    graph = row["g"]
    if not isinstance(graph, ox.NamedNode):
        raise ValueError(f"the database named a graph {graph}")
    return graph.value


def _message(response: httpx.Response) -> str:
    text = " ".join(response.text.split())
    return text if len(text) <= MESSAGE_LIMIT else text[:MESSAGE_LIMIT] + "…"
