"""The comparison service for benchmarks/service_latency.py: rdflib behind FastAPI.

The same graph (stated + cached closure) answered by rdflib's SPARQL engine,
and a bare route returning a constant: the floor of any FastAPI request.
"""

from __future__ import annotations

import io

from fastapi import FastAPI
from fastapi.responses import Response

from dmops.knowledge import load

GRAPH = load().union
app = FastAPI()


@app.get("/bare")
async def bare() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/sparql")
def sparql(query: str) -> Response:
    buffer = io.BytesIO()
    GRAPH.query(query).serialize(buffer, format="json")
    return Response(buffer.getvalue(), media_type="application/sparql-results+json")
