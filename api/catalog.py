"""What entity pages and search look up on every request, indexed once from the store.

The graph does not change while the service runs, so the entities of each type
(key, label, other names), every label and the inverse of each property are read
once, the first time a page or a search needs them.
"""

from __future__ import annotations

import difflib
import threading
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

import pyoxigraph as ox

from api.ontology_doc import curie, ontology_doc
from dmops.identity import fold
from dmops.namespaces import BASE, ENTITY_TYPES
from dmops.store import Store

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SEARCH_NAMES = (RDFS_LABEL, f"{SKOS}altLabel", f"{SKOS}prefLabel", "http://xmlns.com/foaf/0.1/name")
MATCH_NAMES = (*SEARCH_NAMES, f"{SKOS}notation", "http://purl.org/dc/terms/identifier")
OWL_INVERSE = "http://www.w3.org/2002/07/owl#inverseOf"
SUBJECTS = f"""
SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{BASE}")) }}
"""


@dataclass
class Entry:
    """One entity: its IRI, type and key (as in the IRI), label and every other name."""

    iri: str
    type: str
    key: str
    label: str = ""
    search_names: list[str] = field(default_factory=list)
    match_names: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        """Where its page is on this host."""
        return f"/id/{self.type}/{self.key}"


def split_entity(iri: str) -> tuple[str, str] | None:
    """(type, key) of an instance IRI ``{BASE}{type}/{key}``, else None."""
    if not iri.startswith(BASE):
        return None
    kind, slash, key = iri[len(BASE) :].partition("/")
    return (kind, key) if slash and key and kind in ENTITY_TYPES else None


def entity_iri(kind: str, key: str) -> str:
    """The IRI for a decoded key from a URL: encoded as dmops.namespaces.entity does."""
    return f"{BASE}{kind}/{quote(key, safe='-._~')}"


@dataclass
class Match:
    """A search hit: rank 0 exact, 1 prefix, 2 contains."""

    rank: int
    entry: Entry


@dataclass
class Catalog:
    entries: dict[str, Entry]
    by_type: dict[str, list[Entry]]
    labels: dict[str, ox.Literal]
    inverses: dict[str, str]
    anchors: dict[str, str]
    folded: dict[str, dict[str, set[str]]]

    @classmethod
    def build(cls, store: Store) -> Catalog:
        entries: dict[str, Entry] = {}
        solutions = store.query(SUBJECTS)
        assert isinstance(solutions, ox.QuerySolutions)
        for solution in solutions:
            subject = solution["s"]
            assert isinstance(subject, ox.NamedNode)
            parts = split_entity(subject.value)
            if parts:
                entries[subject.value] = Entry(subject.value, *parts)
        labels: dict[str, ox.Literal] = {}
        for quad in store.quads(None, ox.NamedNode(RDFS_LABEL), None):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal):
                known = labels.get(quad.subject.value)
                if known is None or (quad.object.language == "en" and known.language != "en"):
                    labels[quad.subject.value] = quad.object
        for predicate in MATCH_NAMES:
            for quad in store.quads(None, ox.NamedNode(predicate), None):
                entry = entries.get(getattr(quad.subject, "value", ""))
                if entry is None or not isinstance(quad.object, ox.Literal):
                    continue
                if predicate in SEARCH_NAMES and quad.object.value not in entry.search_names:
                    entry.search_names.append(quad.object.value)
                if quad.object.value not in entry.match_names:
                    entry.match_names.append(quad.object.value)
        by_type: dict[str, list[Entry]] = {kind: [] for kind in ENTITY_TYPES}
        folded: dict[str, dict[str, set[str]]] = {kind: {} for kind in ENTITY_TYPES}
        for entry in entries.values():
            label = labels.get(entry.iri)
            entry.label = label.value if label is not None else unquote(entry.key)
            by_type[entry.type].append(entry)
            for name in {*entry.match_names, unquote(entry.key)}:
                folded[entry.type].setdefault(_fold(name), set()).add(entry.iri)
        for listed in by_type.values():
            listed.sort(key=lambda entry: entry.key)
        inverses: dict[str, str] = {}
        for quad in store.quads(None, ox.NamedNode(OWL_INVERSE), None):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode):
                inverses.setdefault(quad.subject.value, quad.object.value)
                inverses.setdefault(quad.object.value, quad.subject.value)
        return cls(entries, by_type, labels, inverses, ontology_doc().anchors, folded)

    def label(self, iri: str) -> str:
        """The label of anything labelled in the graph, else a compact form of the IRI."""
        literal = self.labels.get(iri)
        return literal.value if literal is not None else curie(iri)

    def variants(self, kind: str, key: str) -> list[Entry]:
        """The entities of a type with a name or key that folds like ``key`` (spelling variants)."""
        iris = self.folded[kind].get(_fold(key), set())
        return sorted((self.entries[iri] for iri in iris), key=lambda entry: entry.key)

    def nearest(self, kind: str, key: str, count: int = 5) -> list[Entry]:
        """The entities whose key or a name is closest to ``key`` (difflib)."""
        names = self.folded[kind]
        found: list[Entry] = []
        for name in difflib.get_close_matches(_fold(key), list(names), n=count, cutoff=0.6):
            for iri in sorted(names[name]):
                if self.entries[iri] not in found:
                    found.append(self.entries[iri])
        return found[:count]

    def search(self, text: str, kind: str | None = None) -> list[Match]:
        """Entities whose label or another name contains ``text``, best first.

        Case-insensitive; a name that matches only once accents and punctuation
        are folded away (``Juric``, ``jenness t``) counts as well.
        """
        wanted = text.casefold().strip()
        folded = fold(text)
        matches = []
        for entry in self.by_type[kind] if kind else self.entries.values():
            rank = min(
                (_rank(wanted, name.casefold()) for name in entry.search_names),
                default=3,
            )
            if folded and rank == 3:
                rank = min((_rank(folded, _fold(n)) for n in entry.search_names), default=3)
            if rank < 3:
                matches.append(Match(rank, entry))
        matches.sort(
            key=lambda m: (m.rank, len(m.entry.label), m.entry.label.casefold(), m.entry.iri)
        )
        return matches


def _rank(wanted: str, name: str) -> int:
    if name == wanted:
        return 0
    if name.startswith(wanted):
        return 1
    return 2 if wanted in name else 3


def _fold(name: str) -> str:
    """dmops.identity.fold, or the case-folded text where folding leaves nothing (``%``)."""
    return fold(name) or name.casefold().strip()


_LOCK = threading.Lock()


def catalog_of(holder: object, store: Store) -> Catalog:
    """The catalog of ``store``, built on first use and kept on ``holder`` (the app's state)."""
    with _LOCK:
        cached = getattr(holder, "entity_catalog", None)
        if isinstance(cached, tuple) and cached[0] is store:
            catalog: Catalog = cached[1]
            return catalog
        catalog = Catalog.build(store)
        setattr(holder, "entity_catalog", (store, catalog))  # noqa: B010  a reload swaps the store
        return catalog
