"""HTML pages rendered from the templates in api/templates (Jinja2, autoescaped)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from dmops.namespaces import PREFIXES

TEMPLATES = Path(__file__).resolve().parent / "templates"
ENVIRONMENT = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), auto_reload=False
)
EXAMPLES = {
    "Who manages each product": (
        "SELECT ?product ?label ?manager WHERE {\n"
        "  ?product a dmops:Product ; rdfs:label ?label ;\n"
        "           dmops:manager/foaf:name ?manager .\n} ORDER BY ?label"
    ),
    "Roles at IN2P3": (
        "SELECT ?role ?code ?title WHERE {\n  ?role dmops:institution institution:IN2P3 ;\n"
        "        skos:notation ?code ; dcterms:title ?title .\n} ORDER BY ?code"
    ),
    "Products without a confirmed manager": (
        "SELECT ?product ?label WHERE {\n  ?product a dmops:Product ; rdfs:label ?label .\n"
        "  MINUS { ?product dmops:manager ?someone }\n} ORDER BY ?label"
    ),
    "Inferred triples about Butler": (
        "SELECT ?p ?o WHERE {\n  GRAPH <https://w3id.org/rubin/dmops/graph/inferred> {\n"
        "    product:butler ?p ?o\n  }\n}"
    ),
}


def prefix_block() -> str:
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in sorted(PREFIXES.items()))


def query_page(query: str) -> str:
    """The query editor, with the project's prefixes and examples, offline."""
    template = ENVIRONMENT.get_template("sparql.html")
    return template.render(
        query=query or prefix_block() + "\n" + next(iter(EXAMPLES.values())),
        prefixes=prefix_block(),
        examples=EXAMPLES,
    )
