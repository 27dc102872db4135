"""What every ingester shares: the sources, the identity resolvers, provenance."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from dmops.identity import PersonRef, PersonResolver, fold
from dmops.namespaces import DMOPS, entity
from dmops.sources.authordb import Affiliation, AuthorDB
from dmops.sources.catalog import SourceCatalog, SourceFile

RTN046 = entity("document", "RTN-046")


def compact(name: str) -> str:
    """Folded and without spaces, so that "NOIR-Lab" and "NOIRLab" meet."""
    return fold(name).replace(" ", "")


@dataclass
class InstitutionResolver:
    """Institution spellings -> affiliation keys, from authordb and curated labels."""

    aliases: dict[str, str]
    used: set[str] = field(default_factory=set)

    def resolve(self, spelling: str) -> str | None:
        key = self.aliases.get(compact(spelling))
        if key:
            self.used.add(key)
        return key


@dataclass
class BuildContext:
    """Shared state of one build: sources, curated facts and identity resolution."""

    catalog: SourceCatalog
    authordb: AuthorDB
    curated: Graph
    persons: PersonResolver
    institutions: InstitutionResolver
    facilities: dict[str, URIRef]

    @classmethod
    def create(cls, catalog: SourceCatalog, authordb: AuthorDB, curated: Graph) -> BuildContext:
        agents = (str(entity("person", "")), str(entity("group", "")))
        person_aliases = {
            str(label): _key(agent)
            for agent, label in curated.subject_objects(SKOS.altLabel)
            if str(agent).startswith(agents)
        }
        canonical = canonical_institutions(authordb.affiliations)
        institution_aliases = {compact(key): canonical[key] for key in authordb.affiliations}
        for node in curated.subjects(RDF.type, DMOPS.Institution):
            for label in (
                *curated.objects(node, RDFS.label),
                *curated.objects(node, SKOS.altLabel),
            ):
                institution_aliases[compact(str(label))] = _key(node)
        facilities = {}
        for node in curated.subjects(RDF.type, DMOPS.DataFacility):
            assert isinstance(node, URIRef)
            for label in (
                *curated.objects(node, RDFS.label),
                *curated.objects(node, SKOS.altLabel),
            ):
                facilities[compact(str(label))] = node
        return cls(
            catalog=catalog,
            authordb=authordb,
            curated=curated,
            persons=PersonResolver(authordb.authors, person_aliases),
            institutions=InstitutionResolver(institution_aliases),
            facilities=facilities,
        )

    def facility(self, spelling: str) -> URIRef | None:
        return self.facilities.get(compact(spelling))

    def person_iri(self, person: PersonRef) -> URIRef:
        return entity("group" if person.collective else "person", person.key)


def canonical_institutions(affiliations: dict[str, Affiliation]) -> dict[str, str]:
    """Affiliation key -> the key of its institution.

    Keys with the same ROR id and department are one institution at two addresses
    (NOIRLab in Tucson and in La Serena); a different department stays its own node.
    """
    same: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for key, affiliation in affiliations.items():
        if affiliation.ror_id:
            same[(affiliation.ror_id, affiliation.department)].append(key)
    canonical = {key: key for key in affiliations}
    for keys in same.values():
        first = min(keys, key=lambda key: (len(key), key))
        canonical.update(dict.fromkeys(keys, first))
    return canonical


def _key(node: object) -> str:
    return str(node).rstrip("/").rsplit("/", 1)[-1]


def cite(
    graph: Graph, node: URIRef, source: SourceFile, line: int | None, document: URIRef
) -> None:
    """Say where a node comes from: the document, and the file and line that state it."""
    graph.add((node, PROV.wasDerivedFrom, document))
    graph.add((node, DCTERMS.source, source.iri(line)))


def label(graph: Graph, node: URIRef, text: str) -> None:
    graph.add((node, RDFS.label, Literal(text)))
