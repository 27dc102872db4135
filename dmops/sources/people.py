"""People and institutions: the nodes every ingester's names resolved to.

Written after all other sources are read, from lsst-texmf's author database
where the person or institution has an entry (id, ORCID, affiliations, ROR id)
and from the spellings the sources use. Never an e-mail address.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS

from dmops.identity import PersonRef, display_name, fold
from dmops.namespaces import DMOPS, entity
from dmops.sources.context import RTN046, BuildContext, canonical_institutions, cite, label


def ingest_people(ctx: BuildContext) -> Graph:
    graph = Graph()
    for key in sorted(ctx.persons.people):
        _add_person(graph, ctx, ctx.persons.people[key])
    return graph


def _add_person(graph: Graph, ctx: BuildContext, person: PersonRef) -> None:
    node = ctx.person_iri(person)
    graph.add((node, RDF.type, DMOPS.Collective if person.collective else FOAF.Person))
    label(graph, node, person.name)
    if not person.collective:
        graph.add((node, FOAF.name, Literal(person.name)))
    for spelling in sorted(person.spellings):
        if fold(display_name(spelling)) != fold(person.name):
            graph.add((node, SKOS.altLabel, Literal(spelling)))
    for where in sorted(person.sources):
        graph.add((node, DCTERMS.source, URIRef(where)))
    if any(where.startswith("https://github.com/lsst/rtn-046/") for where in person.sources):
        graph.add((node, PROV.wasDerivedFrom, RTN046))
    author = ctx.authordb.authors.get(person.author_id or "")
    if author is None:
        return
    source = ctx.authordb.source
    cite(graph, node, source, author.line, source.iri())
    graph.add((node, DMOPS.authorId, Literal(author.id)))
    if not person.collective:
        graph.add((node, FOAF.givenName, Literal(author.given_name)))
        graph.add((node, FOAF.familyName, Literal(author.family_name)))
    if author.orcid:
        graph.add((node, DMOPS.orcid, URIRef(f"https://orcid.org/{author.orcid}")))
    for key in author.affiliations:
        institution = ctx.institutions.resolve(key)
        if institution:
            graph.add((node, ORG.memberOf, entity("institution", institution)))


def ingest_institutions(ctx: BuildContext) -> Graph:
    """Institutions the graph links to that the author database describes."""
    graph = Graph()
    canonical = canonical_institutions(ctx.authordb.affiliations)
    merged: dict[str, list[str]] = defaultdict(list)
    for key, target in canonical.items():
        merged[target].append(key)
    source = ctx.authordb.source
    for key in sorted(ctx.institutions.used & ctx.authordb.affiliations.keys()):
        node = entity("institution", key)
        affiliation = ctx.authordb.affiliations[key]
        graph.add((node, RDF.type, DMOPS.Institution))
        label(graph, node, affiliation.name)
        for member in sorted(merged[key]):
            graph.add((node, DMOPS.affiliationKey, Literal(member)))
            if member != key:
                graph.add((node, SKOS.altLabel, Literal(member)))
        if affiliation.ror_id:
            graph.add((node, DMOPS.ror, URIRef(f"https://ror.org/{affiliation.ror_id}")))
        cite(graph, node, source, affiliation.line, source.iri())
    return graph
