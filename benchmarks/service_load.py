"""The service under load through HTTP on loopback, per store backend, next to a bare route.

``measure_service`` starts ``dmops serve`` on a graph folder with one backend, takes
its cold start (process start to the first answered query), then sends every canned
query and six representative ad-hoc SPARQL queries at concurrency 1 and 16, and the
same to a bare FastAPI route returning a constant (``bare_app``: the floor), all
bounded in time. It reports p50/p99 latency, throughput and the peak resident memory
of the service's processes (the main one, the fork server and the query workers).
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from dmops.namespaces import PREFIXES

ROOT = Path(__file__).resolve().parent.parent
D = "https://w3id.org/rubin/dmops/"
P = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
SEQUENTIAL_REQUESTS = 40
CONCURRENT_REQUESTS = 160
CONCURRENCY = 16
MAX_SECONDS = 20.0


def ad_hoc_queries(unit: str) -> dict[str, str]:
    """Six questions of the kinds engineers ask, on the synthetic graph (keys end ``-u0``)."""
    return {
        "manager of a product": P
        + f"SELECT ?name WHERE {{ <{D}product/butler{unit}> dmops:manager/foaf:name ?name }}",
        "roles at an institution": P
        + f"SELECT ?code ?title WHERE {{ ?r dmops:institution <{D}institution/IN2P3{unit}> ;"
        " skos:notation ?code ; dcterms:title ?title } ORDER BY ?code",
        "products without a manager": P + "SELECT ?p ?l WHERE { ?p a dmops:Product ; rdfs:label ?l"
        " MINUS { ?p dmops:manager ?m } } ORDER BY ?l LIMIT 100",
        "product tree under a node": P
        + f"SELECT ?p WHERE {{ ?p dmops:within <{D}product/data-services{unit}> }}",
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


def start(
    command: list[str], environment: dict[str, str], ready: str, timeout: float = 900
) -> tuple[subprocess.Popen[bytes], str, float]:
    """Start a server and wait for ``ready`` (a path) to answer 200: process, URL, seconds."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, **environment, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}")
        try:
            if httpx.get(url + ready, timeout=5).status_code == 200:
                return process, url, time.perf_counter() - started
        except httpx.HTTPError:
            time.sleep(0.01)
    stop(process)
    raise RuntimeError(f"{' '.join(command)} did not answer within {timeout:.0f} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def peak_memory_mb(root: int) -> float:
    """The summed peak resident memory (VmHWM) of a process and its descendants."""
    total = 0
    for pid in [root, *_descendants(root)]:
        status = Path(f"/proc/{pid}/status")
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, pending = [], [root]
    while pending:
        for child in children.get(pending.pop(), []):
            found.append(child)
            pending.append(child)
    return found


async def _load(url: str, params: dict[str, str] | None, concurrency: int) -> dict[str, float]:
    """p50/p99 ms and requests per second, at most MAX_SECONDS."""
    total = SEQUENTIAL_REQUESTS if concurrency == 1 else CONCURRENT_REQUESTS
    times: list[float] = []
    failures = 0
    deadline = time.monotonic() + MAX_SECONDS
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        for _ in range(3):
            await client.get(url, params=params)
        queue = iter(range(total))

        async def worker() -> None:
            nonlocal failures
            for _ in queue:
                if time.monotonic() > deadline:
                    return
                started = time.perf_counter()
                response = await client.get(url, params=params)
                times.append((time.perf_counter() - started) * 1000)
                failures += response.status_code != 200

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    return {
        "p50_ms": cuts[49],
        "p99_ms": cuts[98],
        "rps": len(times) / elapsed,
        "requests": len(times),
        "failures": failures,
    }


def load(url: str, params: dict[str, str] | None = None) -> dict[str, dict[str, float]]:
    return {
        "c1": asyncio.run(_load(url, params, 1)),
        "c16": asyncio.run(_load(url, params, CONCURRENCY)),
    }


def bare_route() -> dict[str, dict[str, float]]:
    """The floor: the same HTTP stack answering a constant."""
    command = [sys.executable, "-m", "uvicorn", "benchmarks.bare_app:app", "--log-level", "warning"]
    process, url, _ = start(command, {}, "/bare")
    try:
        return load(f"{url}/bare")
    finally:
        stop(process)


def measure_service(
    backend: str,
    graph_dir: Path,
    cache_dir: Path,
    canned_arguments: dict[str, dict[str, str]],
    unit: str,
    progress: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Cold start, canned and ad-hoc query load, and peak memory of one backend's service."""
    environment = {
        "DMOPS_STORE": backend,
        "DMOPS_GRAPH_DIR": str(graph_dir),
        "DMOPS_CACHE_DIR": str(cache_dir),
        "DMOPS_QUERY_TIMEOUT": "60",
        "DMOPS_MAX_WAITING": "64",
    }
    command = [str(ROOT / ".venv" / "bin" / "dmops"), "serve"]
    query = {"query": "ASK { ?s ?p ?o }"}
    ready = "/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"
    result: dict[str, Any] = {"backend": backend.split(":")[0]}
    if backend == "oxigraph":  # the first start builds the on-disk store
        process, url, seconds = start(command, environment, ready)
        result["first_start_s"] = seconds
        stop(process)
    process, url, seconds = start(command, environment, ready)
    result["cold_start_s"] = seconds
    progress(f"  {result['backend']}: cold start {seconds:.2f} s")
    try:
        httpx.get(f"{url}/sparql", params=query, timeout=60).raise_for_status()
        result["canned"] = {
            name: load(f"{url}/queries/{name}", arguments)
            for name, arguments in canned_arguments.items()
        }
        result["ad_hoc"] = {
            name: load(f"{url}/sparql", {"query": text})
            for name, text in ad_hoc_queries(unit).items()
        }
        result["memory_mb"] = peak_memory_mb(process.pid)
    finally:
        stop(process)
    return result
