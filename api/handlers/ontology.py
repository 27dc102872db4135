"""The vocabulary at ``/ontology``: HTML documentation, or the Turtle file (JSON-LD, N-Triples)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.handlers.entities import RDF_CONTENT, page_format
from api.ontology_doc import ontology_doc, ontology_rdf
from api.pages import ENVIRONMENT
from dmops.results import GRAPH_TYPES

router = APIRouter(tags=["ontology"])


@router.get(
    "/ontology",
    summary="The dmops vocabulary: documentation (HTML), Turtle, JSON-LD or N-Triples",
    response_class=HTMLResponse,
    responses={200: RDF_CONTENT},
)
def ontology(
    request: Request,
    format: str | None = Query(None, description="html, turtle, jsonld or ntriples"),
) -> Response:
    form = page_format(request, format)
    if form == "html":
        html = ENVIRONMENT.get_template("ontology.html").render(doc=ontology_doc())
        return HTMLResponse(html, headers={"Vary": "Accept"})
    media_type = GRAPH_TYPES[form][0]
    return Response(ontology_rdf(form), media_type=media_type, headers={"Vary": "Accept"})
