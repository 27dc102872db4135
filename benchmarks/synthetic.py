"""A synthetic graph with the real graph's shape and vocabulary, ``scale`` times its size.

Each scale unit holds as many WBS elements, teams, roles, functions, institutions,
products, people, documents, glossary terms, assignments and data facilities as
the real graph, counted from the committed files when this module is imported
(never hard-coded). The product tree copies the real one; the assignment statuses
follow the real mix; the rule violations the real graph has (products without a
confirmed manager, placeholder role descriptions, WBS elements without roles,
document pages off lsst.io) are planted in the same proportion. Keys carry the
unit (``wbs/3.2-u7``, ``product/butler-u7``) so units never collide. The output
depends only on ``scale`` and ``seed``.

    .venv/bin/python benchmarks/synthetic.py --scale 10 --output /tmp/x.ttl
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dmops.namespaces import BASE, DMOPS, bind_prefixes, entity
from dmops.paths import graph_files
from dmops.queries import CannedQuery, expand

PLACEHOLDER = "To be written!"
SOURCE = URIRef("https://example.org/synthetic/source")


@dataclass(frozen=True)
class ProductNode:
    key: str
    label: str
    kind: str
    parent: str | None


@dataclass(frozen=True)
class AssignmentMix:
    """How many assignments of one responsibility and status, with a member or an FTE."""

    responsibility: str
    status: str
    count: int
    members: int
    ftes: int


@dataclass(frozen=True)
class Profile:
    """What one unit holds: counts per class and per status, read from the real graph."""

    wbs: list[tuple[str, str, str]]  # notation, label, team key
    teams: dict[str, str]  # team key -> label
    teams_with_site: int
    wbs_without_roles: int
    posts: int
    posts_with_institution: int
    posts_with_facility: int
    placeholder_descriptions: int
    functions: int
    institutions: list[tuple[str, str]]  # key, label
    products: list[ProductNode]
    assignments: list[AssignmentMix]
    ftes: list[str]
    people: int
    people_with_affiliation: int
    people_with_orcid: int
    documents: int
    documents_with_creator: int
    documents_off_lsst_io: int
    cited: int
    series: list[str]
    document_types: list[str]
    terms: int
    terms_with_alt: int
    terms_with_document_definition: int
    facilities: list[tuple[str, str, str | None]]  # key, label, DRP share
    facilities_described: int


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _select(store: ox.Store, query: str) -> list[list[str]]:
    prefixes = (
        f"PREFIX dmops: <{DMOPS}>\nPREFIX dcterms: <{DCTERMS}>\nPREFIX foaf: <{FOAF}>\n"
        f"PREFIX org: <{ORG}>\nPREFIX rdfs: <{RDFS}>\nPREFIX skos: <{SKOS}>\n"
    )
    result = store.query(prefixes + query)
    assert isinstance(result, ox.QuerySolutions)
    names = [variable.value for variable in result.variables]
    return [
        [solution[name].value if solution[name] is not None else "" for name in names]
        for solution in result
    ]


def _count(store: ox.Store, where: str) -> int:
    return int(_select(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")[0][0])


def read_profile(paths: list[Path] | None = None) -> Profile:
    """Count the real graph: classes, statuses, links and rule violations per kind."""
    store = ox.Store()
    for path in paths or graph_files():
        store.bulk_load(path=path, format=ox.RdfFormat.TURTLE)
    products = [
        ProductNode(_local(row[0]), row[1], _local(row[2]), _local(row[3]) if row[3] else None)
        for row in _select(
            store,
            "SELECT ?p ?label ?kind ?parent WHERE { ?p a dmops:Product ; rdfs:label ?label ; "
            "dmops:kind ?kind OPTIONAL { ?p dmops:parent ?parent } } ORDER BY ?p",
        )
    ]
    assignments = [
        AssignmentMix(_local(row[0]), _local(row[1]), int(row[2]), int(row[3]), int(row[4]))
        for row in _select(
            store,
            "SELECT ?r ?s (COUNT(DISTINCT ?a) AS ?n) (COUNT(DISTINCT ?m) AS ?nm) "
            "(COUNT(DISTINCT ?f) AS ?nf) WHERE { ?a a dmops:Assignment ; "
            "dmops:responsibility ?r ; dmops:status ?s . "
            "OPTIONAL { ?a org:member ?member BIND (?a AS ?m) } "
            "OPTIONAL { ?a dmops:fte ?fte BIND (?a AS ?f) } } GROUP BY ?r ?s ORDER BY ?r ?s",
        )
    ]
    placeholder = r'"^\\s*(to be written!*|tbd|tba|todo|\\?+|-+)?\\s*$"'
    return Profile(
        wbs=[
            (row[0], row[1], _local(row[2]))
            for row in _select(
                store,
                "SELECT ?n ?l ?t WHERE { ?w a dmops:WBSElement ; skos:notation ?n ; "
                "rdfs:label ?l ; dmops:team ?t } ORDER BY ?n",
            )
        ],
        teams={
            _local(row[0]): row[1]
            for row in _select(
                store, "SELECT ?t ?l WHERE { ?t a dmops:Team ; rdfs:label ?l } ORDER BY ?t"
            )
        },
        teams_with_site=_count(store, "?x a dmops:Team ; org:hasSite ?s"),
        wbs_without_roles=_count(
            store, "?x a dmops:WBSElement FILTER NOT EXISTS { ?r dmops:wbsElement ?x }"
        ),
        posts=_count(store, "?x a dmops:Post"),
        posts_with_institution=_count(store, "?x a dmops:Post ; dmops:institution ?i"),
        posts_with_facility=_count(store, "?x a dmops:Post ; dmops:facility ?i"),
        placeholder_descriptions=_count(
            store, f"?x a dmops:Post ; dcterms:description ?d FILTER REGEX(?d, {placeholder}, 'i')"
        ),
        functions=_count(store, "?x a dmops:Function"),
        institutions=[
            (_local(row[0]), row[1])
            for row in _select(
                store, "SELECT ?i ?l WHERE { ?i a dmops:Institution ; rdfs:label ?l } ORDER BY ?i"
            )
        ],
        products=products,
        assignments=assignments,
        ftes=[row[0] for row in _select(store, "SELECT ?f WHERE { ?a dmops:fte ?f } ORDER BY ?a")],
        people=_count(store, "?x a foaf:Person"),
        people_with_affiliation=_count(store, "?x a foaf:Person ; org:memberOf ?o"),
        people_with_orcid=_count(store, "?x a foaf:Person ; dmops:orcid ?o"),
        documents=_count(store, "?x a dmops:Document"),
        documents_with_creator=_count(store, "?x a dmops:Document ; dcterms:creator ?c"),
        documents_off_lsst_io=_count(
            store,
            "?x a dmops:Document ; dcterms:identifier ?h FILTER NOT EXISTS { ?x foaf:page ?p "
            'FILTER (STR(?p) = CONCAT("https://", LCASE(?h), ".lsst.io/")) }',
        ),
        cited=_count(store, "?d dmops:cites ?x"),
        series=[
            row[0]
            for row in _select(store, "SELECT ?s WHERE { ?d dmops:series ?s } ORDER BY ?d")
            if row[0].isalpha()
        ],
        document_types=sorted(
            {row[0] for row in _select(store, "SELECT ?t WHERE { ?d dmops:documentType ?t }")}
        ),
        terms=_count(store, "?x a dmops:Term"),
        terms_with_alt=_count(store, "?x a dmops:Term ; skos:altLabel ?a"),
        terms_with_document_definition=_count(
            store, "?x a dmops:Term ; dmops:documentDefinition ?a"
        ),
        facilities=[
            (_local(row[0]), row[1], row[2] or None)
            for row in _select(
                store,
                "SELECT ?f ?l ?s WHERE { ?f a dmops:DataFacility ; rdfs:label ?l "
                "OPTIONAL { ?f dmops:drpShare ?s } } ORDER BY ?f",
            )
        ],
        facilities_described=_count(store, "?x a dmops:DataFacility ; dmops:describedIn ?d"),
    )


PROFILE = read_profile()

GIVEN = ["Ada", "Bruno", "Chloé", "Dmitri", "Elena", "Fatima", "Gustav", "Hiro", "Inés", "Jonas"]
FAMILY = ["Arslan", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hale", "Ito"]
WORDS = ["data", "service", "pipeline", "archive", "release", "alert", "catalog", "image"]


def _u(key: str, unit: int) -> str:
    return f"{key}-u{unit}"


class _Unit:
    """The triples of one scale unit."""

    def __init__(self, graph: Graph, unit: int, scale: int, rng: random.Random) -> None:
        self.g = graph
        self.unit = unit
        self.scale = scale
        self.rng = rng
        self.plan = entity("document", "RTN-046" if unit == 0 else f"RTN-{unit}046")

    def add(self, subject: URIRef, kind: URIRef, label: str) -> URIRef:
        self.g.add((subject, RDF.type, kind))
        self.g.add((subject, RDFS.label, Literal(label)))
        self.g.add((subject, DCTERMS.source, SOURCE))
        self.g.add((subject, PROV.wasDerivedFrom, self.plan))
        return subject

    def build(self) -> None:
        p, g, u = PROFILE, self.g, self.unit
        department = self.add(
            entity("department", _u("dmops", u)), DMOPS.Department, f"DM Operations {u}"
        )
        institutions = [
            self.add(entity("institution", _u(key, u)), DMOPS.Institution, f"{label} (unit {u})")
            for key, label in p.institutions
        ]
        for node, (key, _) in zip(institutions, p.institutions, strict=True):
            g.add((node, DMOPS.affiliationKey, Literal(_u(key, u))))
        people = self.people(institutions)
        teams = {
            key: self.add(entity("team", _u(key, u)), DMOPS.Team, f"{label} {u}")
            for key, label in p.teams.items()
        }
        for team_node in teams.values():
            g.add((team_node, ORG.unitOf, department))
        wbs = []
        for notation, label, team in p.wbs:
            node = self.add(entity("wbs", _u(notation, u)), DMOPS.WBSElement, f"{label} {u}")
            g.add((node, SKOS.notation, Literal(notation)))
            g.add((node, SKOS.inScheme, DMOPS.WorkBreakdownStructure))
            g.add((node, DMOPS.department, department))
            g.add((node, DMOPS.team, teams[team]))
            wbs.append((node, notation))
        products = self.products(list(teams.values()))
        facilities = self.facilities(institutions, people, products, list(teams.values()))
        posts = self.posts(wbs, teams, institutions, facilities)
        self.assignments(products, list(teams.values()), posts, people)
        self.documents(people, facilities)
        self.terms()

    def people(self, institutions: list[URIRef]) -> list[tuple[URIRef, str]]:
        p, g, rng, u = PROFILE, self.g, self.rng, self.unit
        people = []
        for i in range(p.people):
            given, family = rng.choice(GIVEN), f"{rng.choice(FAMILY)} U{u}P{i}"
            name = f"{given} {family}"
            node = self.add(entity("person", f"p{i}-u{u}"), FOAF.Person, name)
            g.add((node, FOAF.name, Literal(name)))
            g.add((node, FOAF.givenName, Literal(given)))
            g.add((node, FOAF.familyName, Literal(family)))
            g.add((node, DMOPS.authorId, Literal(f"p{i}-u{u}")))
            if i < p.people_with_affiliation:
                g.add((node, ORG.memberOf, rng.choice(institutions)))
            if i < p.people_with_orcid:
                orcid = f"https://orcid.org/0000-{u % 10000:04d}-{i % 10000:04d}-000X"
                g.add((node, DMOPS.orcid, URIRef(orcid)))
            people.append((node, name))
        return people

    def products(self, teams: list[URIRef]) -> list[URIRef]:
        g, u = self.g, self.unit
        nodes = []
        team_nodes = []
        for index, product in enumerate(PROFILE.products):
            node = self.add(entity("product", _u(product.key, u)), DMOPS.Product, product.label)
            g.add((node, DMOPS.kind, DMOPS[product.kind]))
            g.add((node, DMOPS.treeNode, Literal(f"{index}-{product.key}")))
            if product.parent:
                g.add((node, DMOPS.parent, entity("product", _u(product.parent, u))))
            if product.kind == "TeamNode":
                team_nodes.append(node)
            nodes.append(node)
        for team, node in zip(teams, team_nodes, strict=False):
            g.add((team, DMOPS.product, node))
        return nodes

    def facilities(
        self,
        institutions: list[URIRef],
        people: list[tuple[URIRef, str]],
        products: list[URIRef],
        teams: list[URIRef],
    ) -> list[URIRef]:
        p, g, rng, u = PROFILE, self.g, self.rng, self.unit
        nodes = []
        for index, (key, label, share) in enumerate(p.facilities):
            node = self.add(entity("facility", _u(key, u)), DMOPS.DataFacility, f"{label} {u}")
            g.add((node, SKOS.altLabel, Literal(_u(key, u).upper())))
            g.add((node, DCTERMS.description, Literal(f"Synthetic facility {label} of unit {u}.")))
            g.add((node, DMOPS.hostedBy, rng.choice(institutions)))
            g.add((node, DMOPS.lead, rng.choice(people)[0]))
            g.add((node, DMOPS.product, rng.choice(products)))
            g.add((node, DMOPS.performs, Literal("the daily processing")))
            if share is not None:  # the shares of all units still add up to 1
                value = Decimal(share) / self.scale
                g.add((node, DMOPS.drpShare, Literal(value, datatype=XSD.decimal)))
            if index < p.teams_with_site:
                g.add((teams[index], ORG.hasSite, node))
            nodes.append(node)
        return nodes

    def posts(
        self,
        wbs: list[tuple[URIRef, str]],
        teams: dict[str, URIRef],
        institutions: list[URIRef],
        facilities: list[URIRef],
    ) -> list[URIRef]:
        p, g, rng, u = PROFILE, self.g, self.rng, self.unit
        functions = []
        for i in range(p.functions):
            label = f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} engineer {i}"
            functions.append(
                (self.add(entity("function", f"f{i}-u{u}"), DMOPS.Function, label), label)
            )
        staffed = list(range(len(wbs)))
        rng.shuffle(staffed)
        staffed = sorted(staffed[p.wbs_without_roles :])  # planted: WBS elements without roles
        team_of = {notation: teams[team] for notation, _, team in p.wbs}
        placeholders = set(rng.sample(range(p.posts), p.placeholder_descriptions))
        located = set(rng.sample(range(p.posts), p.posts_with_institution))
        at_facility = set(rng.sample(range(p.posts), p.posts_with_facility))
        per_element: Counter[int] = Counter()
        posts = []
        for i in range(p.posts):
            element = staffed[i % len(staffed)] if i < len(staffed) else rng.choice(staffed)
            node_wbs, notation = wbs[element]
            per_element[element] += 1
            letter = "abcdefghijklmnopqrstuvwxyz"[(per_element[element] - 1) % 26]
            code = f"{notation}{letter}.{(per_element[element] - 1) // 26 + 1}"
            function, title = rng.choice(functions)
            node = entity("role", _u(code, u))
            if i in located:
                institution = rng.choice(institutions)
                g.add((node, DMOPS.institution, institution))
                title = f"{title} - {g.value(institution, DMOPS.affiliationKey)}"
            if i in at_facility:
                g.add((node, DMOPS.facility, rng.choice(facilities)))
            self.add(node, DMOPS.Post, f"{code} {title}")
            description = (
                PLACEHOLDER
                if i in placeholders
                else f"Responsible for the {rng.choice(WORDS)} and {rng.choice(WORDS)} work."
            )
            g.add((node, DCTERMS.description, Literal(description)))
            g.add((node, DCTERMS.title, Literal(title)))
            g.add((node, SKOS.notation, Literal(code)))
            g.add((node, ORG.postIn, team_of[notation]))
            g.add((node, ORG.role, function))
            g.add((node, DMOPS.wbsElement, node_wbs))
            posts.append(node)
        return posts

    def assignments(
        self,
        products: list[URIRef],
        teams: list[URIRef],
        posts: list[URIRef],
        people: list[tuple[URIRef, str]],
    ) -> None:
        g, rng, u = self.g, self.rng, self.unit
        by_kind: dict[str, list[AssignmentMix]] = {}
        for mix in PROFILE.assignments:
            by_kind.setdefault(mix.responsibility, []).append(mix)
        free = list(people)  # staff go to distinct people, so no one exceeds 1 FTE
        rng.shuffle(free)
        ftes = iter(PROFILE.ftes * 2)
        for responsibility, mixes in sorted(by_kind.items()):
            short = responsibility.removesuffix("Responsibility").lower()
            if responsibility in ("ManagerResponsibility", "OwnerResponsibility"):
                targets = list(products)
                rng.shuffle(targets)
            elif responsibility == "HolderResponsibility":
                targets = [rng.choice(posts) for _ in range(sum(m.count for m in mixes))]
            else:
                targets = [rng.choice(teams) for _ in range(sum(m.count for m in mixes))]
            rows = [(mix, j) for mix in mixes for j in range(mix.count)]
            rng.shuffle(rows)
            for n, ((mix, j), target) in enumerate(zip(rows, targets, strict=False)):
                node = entity("assignment", f"{short}-{n}-u{u}")
                person, name = free.pop() if short == "staff" and free else rng.choice(people)
                has_member = j < mix.members
                if has_member:
                    source_text = name if mix.status == "Confirmed" else f"? ({name})"
                else:
                    source_text = {"ToBeDetermined": "TBD", "NotApplicable": "n/a"}.get(
                        mix.status, ""
                    )
                self.add(node, DMOPS.Assignment, f"{short} of {target.rsplit('/', 1)[-1]}")
                g.add((node, DMOPS.assignedTo, target))
                g.add((node, DMOPS.responsibility, DMOPS[responsibility]))
                g.add((node, DMOPS.status, DMOPS[mix.status]))
                g.add((node, DMOPS.sourceText, Literal(source_text)))
                if has_member:
                    g.add((node, ORG.member, person))
                    if mix.status == "Confirmed" and short in ("manager", "owner"):
                        g.add((target, DMOPS[short], person))
                if j < mix.ftes:
                    g.add((node, DMOPS.fte, Literal(Decimal(next(ftes)), datatype=XSD.decimal)))

    def documents(self, people: list[tuple[URIRef, str]], facilities: list[URIRef]) -> None:
        p, g, rng, u = PROFILE, self.g, self.rng, self.unit
        off_site = set(rng.sample(range(p.documents), p.documents_off_lsst_io))
        documents = []
        for i in range(p.documents):
            if i == 0:
                node, handle = self.plan, _local(str(self.plan))
            else:
                handle = f"{rng.choice(p.series)}-{u * 100000 + i}"
                node = entity("document", handle)
            title = f"The {rng.choice(WORDS)} {rng.choice(WORDS)} plan {handle}"
            self.add(node, DMOPS.Document, f"{handle}: {title}")
            g.add((node, DCTERMS.identifier, Literal(handle)))
            g.add((node, DCTERMS.title, Literal(title)))
            issued = f"{rng.randint(2010, 2024)}-{rng.randint(1, 12):02d}"
            g.add((node, DCTERMS.issued, Literal(issued, datatype=XSD.gYearMonth)))
            g.add((node, DMOPS.series, Literal(handle.split("-")[0])))
            if p.document_types:
                g.add((node, DMOPS.documentType, Literal(rng.choice(p.document_types))))
            page = (
                f"https://ls.st/{handle}" if i in off_site else f"https://{handle.lower()}.lsst.io/"
            )
            g.add((node, FOAF.page, URIRef(page)))
            author, name = rng.choice(people)
            g.add((node, DMOPS.authorNames, Literal(name)))
            if i < p.documents_with_creator:
                g.add((node, DCTERMS.creator, author))
            documents.append(node)
        for cited in rng.sample(documents[1:], min(p.cited, len(documents) - 1)):
            g.add((self.plan, DMOPS.cites, cited))
        for facility in facilities[: p.facilities_described]:
            g.add((facility, DMOPS.describedIn, rng.choice(documents)))

    def terms(self) -> None:
        p, g, rng, u = PROFILE, self.g, self.rng, self.unit
        for i in range(p.terms):
            acronym = f"T{u}X{i}"
            node = self.add(entity("term", acronym), DMOPS.Term, acronym)
            definition = f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {i}"
            g.add((node, SKOS.prefLabel, Literal(acronym)))
            g.add((node, SKOS.inScheme, DMOPS.Glossary))
            g.add((node, DMOPS.glossaryDefinition, Literal(definition)))
            g.add((node, DMOPS.subsystem, Literal("Gen")))
            if i < p.terms_with_alt:
                g.add((node, SKOS.altLabel, Literal(f"{acronym}-alt")))
            if i < p.terms_with_document_definition:
                g.add((node, DMOPS.documentDefinition, Literal(definition)))
                g.add((node, DMOPS.acronymIn, self.plan))
                g.add((node, DMOPS.definitionConflict, Literal(False)))


def generate(scale: int, seed: int = 0) -> Graph:
    """``scale`` units of synthetic graph (without the ontology), deterministic for a seed."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    graph = bind_prefixes(Graph())
    for unit in range(scale):
        _Unit(graph, unit, scale, random.Random(f"{seed}-{unit}")).build()
    return graph


def synthetic_arguments(query: CannedQuery, graph: Graph) -> dict[str, str]:
    """The query's example arguments, each mapped to a synthetic entity of the right class."""
    arguments = {}
    for parameter in query.parameters:
        value = parameter.example or parameter.default
        if value is None:
            continue
        if parameter.type == "iri" and parameter.class_iri:
            candidate = URIRef(expand(f"{value}-u0"))
            cls = URIRef(parameter.class_iri)
            if (candidate, RDF.type, cls) not in graph:
                candidate = min(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))
            value = str(candidate).removeprefix(BASE)
        elif parameter.name == "acronym":
            value = str(graph.value(entity("term", "T0X0"), SKOS.prefLabel))
        arguments[parameter.name] = value
    return arguments


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic dmops graph.")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", type=Path, required=True, help=".nt or .ttl")
    args = parser.parse_args(argv)
    graph = generate(args.scale, args.seed)
    fmt = "nt" if args.output.suffix == ".nt" else "turtle"
    graph.serialize(args.output, format=fmt, encoding="utf-8")
    print(len(graph))


if __name__ == "__main__":
    main()
