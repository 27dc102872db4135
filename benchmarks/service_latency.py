"""Median latency of representative queries through HTTP, per engine, next to the floor.

Starts three loopback servers: the dmops service (pyoxigraph workers), the same
graph on rdflib (benchmarks/rdflib_app.py) and, in that app, a bare route that
returns a constant. Prints a table of median and 90th-percentile milliseconds
over sequential requests, and the dmops service's cold start (process start to
first answered query, closure cache warm).

    .venv/bin/python benchmarks/service_latency.py [--requests 30]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
D = "https://w3id.org/rubin/dmops/"
P = "".join(
    f"PREFIX {name}: <{iri}>\n"
    for name, iri in {
        "dmops": f"{D}ontology#",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "dcterms": "http://purl.org/dc/terms/",
    }.items()
)
QUERIES = {
    "manager of a product": P
    + f"SELECT ?name WHERE {{ <{D}product/butler> dmops:manager/foaf:name ?name }}",
    "roles at an institution": P
    + f"SELECT ?code ?title WHERE {{ ?r dmops:institution <{D}institution/IN2P3> ;"
    " skos:notation ?code ; dcterms:title ?title } ORDER BY ?code",
    "products without a manager": P + "SELECT ?p ?l WHERE { ?p a dmops:Product ; rdfs:label ?l"
    " MINUS { ?p dmops:manager ?m } } ORDER BY ?l",
    "product tree under a node": P
    + f"SELECT ?p WHERE {{ ?p dmops:within <{D}product/data-services> }}",
    "label search": P
    + 'SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(CONTAINS(LCASE(?l), "butler")) } LIMIT 20',
    "count per class": (
        "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)"
    ),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start(app: str, factory: bool) -> tuple[subprocess.Popen[bytes], str, float]:
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", app, "--port", str(port), "--log-level", "warning"]
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--factory"] if factory else command,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            answer = httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=1)
            if answer.status_code == 200:
                return process, url, time.perf_counter() - started
        except httpx.HTTPError:
            time.sleep(0.02)


def latency(client: httpx.Client, path: str, params: dict[str, str], requests: int) -> list[float]:
    for _ in range(3):
        client.get(path, params=params).raise_for_status()
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(path, params=params).raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=30)
    requests = parser.parse_args().requests
    dmops, dmops_url, cold_start = start("api.main:create_app", factory=True)
    reference, reference_url, _ = start("benchmarks.rdflib_app:app", factory=False)
    try:
        with httpx.Client(timeout=60) as client:
            bare = latency(client, f"{reference_url}/bare", {}, requests)
            rows = []
            for name, text in QUERIES.items():
                params = {"query": text}
                rdflib_times = latency(client, f"{reference_url}/sparql", params, requests)
                oxigraph_times = latency(client, f"{dmops_url}/sparql", params, requests)
                rows.append((name, rdflib_times, oxigraph_times))
    finally:
        for process in (dmops, reference):
            process.terminate()
            process.wait()
    print(f"cold start of the dmops service (closure cached): {cold_start:.2f} s")
    print(f"bare FastAPI route: median {statistics.median(bare):.2f} ms")
    columns = ("query", "rdflib median ms", "rdflib p90 ms", "pyoxigraph median ms", "p90 ms")
    print(f"| {' | '.join(columns)} | speed-up |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, rdflib_times, oxigraph_times in rows:
        r50, o50 = statistics.median(rdflib_times), statistics.median(oxigraph_times)
        r90 = statistics.quantiles(rdflib_times, n=10)[-1]
        o90 = statistics.quantiles(oxigraph_times, n=10)[-1]
        print(f"| {name} | {r50:.1f} | {r90:.1f} | {o50:.1f} | {o90:.1f} | {r50 / o50:.0f}x |")


if __name__ == "__main__":
    main()
