"""How the graph's tools and service scale: synthetic graphs at 1x, 10x and 100x the real size.

For each scale, a subprocess (so memory peaks do not accumulate) generates the
synthetic graph and times its loads into pyoxigraph and rdflib, the OWL-RL closure
(computed and cached), SHACL validation with the real shapes (skipped at 100x unless
--validate-100) and every canned query in process. Then, per store backend, the
service: first and cold start, every canned query and six ad-hoc queries through
HTTP at concurrency 1 and 16 next to a bare FastAPI route, and the peak memory of
the service's processes (benchmarks/service_load.py). The sparql backend needs
Virtuoso (.ci/virtuoso install); the memory backend (rdflib) runs at 1x only.
Everything stays on loopback.

    .venv/bin/python benchmarks/scale.py [--scales 1,10,100] [--backends ...] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import httpx
from rdflib import Graph

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.service_load import bare_route, free_port, measure_service
from benchmarks.synthetic import generate, synthetic_arguments
from dmops.backends.oxigraph import OxigraphStore, load_files
from dmops.graphio import load_asserted
from dmops.paths import PROJECT_ROOT, graph_files
from dmops.publish import publish
from dmops.queries import load_queries, rows, run
from dmops.reasoning import closure_file
from dmops.store import GraphFiles, Store, default_files
from dmops.validation import load_shapes, validate

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
VIRTUOSO_SCRIPT = str(PROJECT_ROOT / ".ci" / "virtuoso")
VIRTUOSO_AUTH = httpx.DigestAuth("dba", "dba")
PACKAGES = ("rdflib", "pyoxigraph", "reasonable", "pyshacl", "owlrl", "fastapi")


def measure(scale: int, work: Path, with_validation: bool, runs: int) -> dict[str, Any]:
    """Every in-process measurement for one scale; leaves the graph and caches in ``work``."""
    os.environ["DMOPS_CACHE_DIR"] = str(work / "cache")
    result: dict[str, Any] = {"scale": scale}
    start = time.perf_counter()
    synthetic = generate(scale)
    result["generate_s"] = time.perf_counter() - start
    result["triples"] = len(synthetic)
    data_file = work / "graph" / "synthetic.ttl"  # N-Triples, which is Turtle too
    data_file.parent.mkdir(parents=True, exist_ok=True)
    synthetic.serialize(data_file, format="nt", encoding="utf-8")
    del synthetic
    paths = graph_files(data_file.parent)
    start = time.perf_counter()
    load_files(GraphFiles(asserted=tuple(paths), inferred=None))
    result["load_oxigraph_s"] = time.perf_counter() - start
    start = time.perf_counter()
    data = load_asserted(paths)
    result["load_rdflib_s"] = time.perf_counter() - start
    start = time.perf_counter()
    closure = closure_file(paths, data)
    result["closure_s"] = time.perf_counter() - start
    inferred = Graph().parse(closure, format="nt")
    result["inferred"] = len(inferred)
    if with_validation:
        data += inferred
        start = time.perf_counter()
        report = validate(data, load_shapes())
        result["validate_s"] = time.perf_counter() - start
        result["findings"] = len(report.findings)
    # in memory: the service's first start is the one that builds the on-disk store
    store = OxigraphStore(load_files(GraphFiles(asserted=tuple(paths), inferred=closure)))
    result["arguments"] = {
        name: synthetic_arguments(query, data) for name, query in load_queries().items()
    }
    result["queries"] = time_queries(store, result["arguments"], runs)
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def time_queries(
    store: Store, arguments_of: dict[str, dict[str, str]], runs: int
) -> list[dict[str, Any]]:
    timings = []
    for name, query in load_queries().items():
        arguments = arguments_of[name]
        seconds = []
        answers = 0
        for _ in range(runs):
            start = time.perf_counter()
            answers = len(rows(run(store, query, arguments)))
            seconds.append(time.perf_counter() - start)
        cuts = statistics.quantiles(seconds, n=100, method="inclusive")
        timings.append(
            {"query": name, "rows": answers, "p50_ms": cuts[49] * 1000, "p99_ms": cuts[98] * 1000}
        )
    return timings


def table(result: dict[str, Any]) -> str:
    def seconds(key: str) -> str:
        return f"{result[key]:.2f}" if key in result else "skipped"

    lines = [
        f"### Scale {result['scale']}x",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| generate (s) | {seconds('generate_s')} |",
        f"| triples (synthetic + ontology) | {result['triples']:,} |",
        f"| load into pyoxigraph (s) | {seconds('load_oxigraph_s')} |",
        f"| load into rdflib (s) | {seconds('load_rdflib_s')} |",
        f"| closure, computed and cached (s) | {seconds('closure_s')} |",
        f"| inferred triples | {result['inferred']:,} |",
        f"| validation, pySHACL, real shapes (s) | {seconds('validate_s')} |",
        f"| validation findings | {result.get('findings', 'skipped')} |",
        f"| peak memory of these steps, maxrss (MB) | {result['maxrss_mb']:.0f} |",
        "",
        "In-process canned queries on pyoxigraph (no HTTP):",
        "",
        "| canned query | rows | p50 (ms) | p99 (ms) |",
        "|---|---:|---:|---:|",
    ]
    lines.extend(
        f"| {q['query']} | {q['rows']} | {q['p50_ms']:.2f} | {q['p99_ms']:.2f} |"
        for q in result["queries"]
    )
    return "\n".join(lines) + "\n" + service_tables(result)


def service_tables(result: dict[str, Any]) -> str:
    """Per backend: starts and memory; then every request through HTTP next to the floor."""
    services = result.get("services", [])
    if not services:
        return ""
    lines = [
        "",
        "The service through HTTP on loopback (`dmops serve`, 2 query workers):",
        "",
        "| backend | first start, builds the store (s) | cold start (s) | publish (s) "
        "| peak memory of the service's processes (MB) |",
        "|---|---:|---:|---:|---:|",
    ]
    for service in services:
        first = service.get("first_start_s")
        publish_s = service.get("publish_s")
        lines.append(
            f"| {service['backend']} | {f'{first:.2f}' if first else '-'} "
            f"| {service['cold_start_s']:.2f} | {f'{publish_s:.1f}' if publish_s else '-'} "
            f"| {service['memory_mb']:.0f} |"
        )
    bare = result["bare"]
    lines += [
        "",
        "| request | backend | c=1 p50 (ms) | c=1 p99 (ms) | c=16 p50 (ms) | c=16 p99 (ms) "
        "| c=16 req/s | req/s vs bare |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
        _row("bare FastAPI route (floor)", "-", bare, bare),
    ]
    for kind in ("canned", "ad_hoc"):
        names = list(services[0][kind])
        for name in names:
            label = f"`{name}`" if kind == "canned" else name
            lines.extend(_row(label, s["backend"], s[kind][name], bare) for s in services)
    return "\n".join(lines) + "\n"


def _row(label: str, backend: str, load: dict[str, Any], bare: dict[str, Any]) -> str:
    one, many = load["c1"], load["c16"]
    failed = f" ({many['failures'] + one['failures']} failed)" if many["failures"] else ""
    ratio = many["rps"] / bare["c16"]["rps"]
    return (
        f"| {label}{failed} | {backend} | {one['p50_ms']:.1f} | {one['p99_ms']:.1f} "
        f"| {many['p50_ms']:.1f} | {many['p99_ms']:.1f} | {many['rps']:.0f} | {ratio:.0%} |"
    )


def run_services(
    result: dict[str, Any], work: Path, backends: list[str], virtuoso: str | None
) -> None:
    """The service on each backend over this scale's graph (memory only at 1x: rdflib)."""
    graph_dir, cache_dir = work / "graph", work / "cache"
    os.environ["DMOPS_CACHE_DIR"] = str(cache_dir)
    result["bare"] = bare_route()
    services = []
    for backend in backends:
        if backend == "memory" and result["scale"] > 1:
            continue
        if backend == "sparql":
            if virtuoso is None:
                continue
            started = time.perf_counter()
            publish(default_files(graph_dir), f"{virtuoso}/sparql-auth", VIRTUOSO_AUTH)
            publish_s = time.perf_counter() - started
            spec = f"sparql+{virtuoso}/sparql"
        else:
            publish_s, spec = None, backend
        service = measure_service(spec, graph_dir, cache_dir, result["arguments"], "-u0")
        service["publish_s"] = publish_s
        services.append(service)
    result["services"] = services


def targets(results: list[dict[str, Any]]) -> str:
    """Each target of the scale-and-speed issue, met or not, from this run's figures."""
    lines = ["| target | figure | met |", "|---|---|---|"]

    def add(target: str, figure: str, met: bool) -> None:
        lines.append(f"| {target} | {figure} | {'yes' if met else '**no**'} |")

    for result in results:
        scale = result["scale"]
        default = next((s for s in result.get("services", []) if s["backend"] == "oxigraph"), None)
        if default is None:
            continue
        bare = result["bare"]
        canned = [load["c16"]["rps"] / bare["c16"]["rps"] for load in default["canned"].values()]
        ad_hoc = [
            load["c1"]["p50_ms"] / bare["c1"]["p50_ms"] for load in default["ad_hoc"].values()
        ]
        p50 = max(load["c1"]["p50_ms"] for load in default["canned"].values())
        if scale == 1:
            add(
                "1x: cold start < 1 s (warm cache)",
                f"{default['cold_start_s']:.2f} s",
                default["cold_start_s"] < 1,
            )
            add(
                "1x: canned throughput at 16 conns >= 70% of bare (worst query)",
                f"{min(canned):.0%}",
                min(canned) >= 0.7,
            )
            add(
                "1x: ad-hoc p50 within 2x bare (worst query)",
                f"{max(ad_hoc):.1f}x",
                max(ad_hoc) <= 2,
            )
            if "validate_s" in result:
                add(
                    "1x: full validation < 2 s",
                    f"{result['validate_s']:.1f} s",
                    result["validate_s"] < 2,
                )
        if scale == 100:
            add(
                "100x: service starts < 30 s",
                f"{default['cold_start_s']:.1f} s "
                f"(first start, building the store: {default.get('first_start_s', 0):.1f} s)",
                default["cold_start_s"] < 30,
            )
            add(
                "100x: service memory < 2 GB",
                f"{default['memory_mb']:.0f} MB",
                default["memory_mb"] < 2048,
            )
            add("100x: canned-query p50 < 50 ms (worst query)", f"{p50:.1f} ms", p50 < 50)
    return "\n".join(lines) + "\n"


def machine() -> str:
    uname = os.uname()
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    packages = ", ".join(f"{name} {version(name)}" for name in PACKAGES)
    return "\n".join(
        [
            f"- OS: {uname.sysname} {uname.release} {uname.machine}",
            f"- CPUs: {os.cpu_count()}",
            f"- Memory: {memory}",
            f"- Python: {platform.python_version()} ({platform.python_implementation()})",
            f"- Packages: {packages}",
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scales", default="1,10", help="comma-separated multiples of the real graph (1,10,100)"
    )
    parser.add_argument(
        "--backends", default="memory,oxigraph,sparql", help="service backends to measure"
    )
    parser.add_argument("--validate-100", action="store_true", help="validate at 100x too")
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.name}")
    parser.add_argument("--runs", type=int, default=20, help="in-process runs per canned query")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--validate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:  # a child process: one scale, result as JSON
        print(json.dumps(measure(args.one, args.work, args.validate, args.runs)))
        return
    backends = args.backends.split(",")
    results, tables = [], []
    with tempfile.TemporaryDirectory(prefix="dmops-scale-") as folder:
        virtuoso = start_virtuoso(Path(folder) / "virtuoso") if "sparql" in backends else None
        try:
            for scale in [int(text) for text in args.scales.split(",")]:
                work = Path(folder) / f"scale-{scale}"
                command = [
                    sys.executable, __file__, "--one", str(scale), "--work", str(work),
                    "--runs", str(args.runs),
                ]  # fmt: skip
                if scale < 100 or args.validate_100:
                    command.append("--validate")
                completed = subprocess.run(command, capture_output=True, text=True, check=True)
                result = json.loads(completed.stdout.strip().splitlines()[-1])
                run_services(result, work, backends, virtuoso)
                results.append(result)
                tables.append(table(result))
                print(tables[-1], flush=True)
        finally:
            if virtuoso is not None:
                subprocess.run([VIRTUOSO_SCRIPT, "stop", str(Path(folder) / "virtuoso")])
    description = machine()
    summary = targets(results)
    print(description, summary, sep="\n\n")
    if args.write:
        RESULTS.write_text(
            "# Scale benchmark: synthetic graphs at multiples of the real size\n\n"
            f"Written by `benchmarks/scale.py --scales {args.scales} --write`.\n\n"
            f"## Machine\n\n{description}\n\n## Targets\n\n{summary}\n"
            "## Results\n\n" + "\n".join(tables),
            encoding="utf-8",
        )
        print(f"wrote {RESULTS}")


def start_virtuoso(folder: Path) -> str | None:
    """A private Virtuoso on loopback for the sparql backend, if it is installed."""
    if shutil.which("virtuoso-t") is None:
        print("Virtuoso is not installed (.ci/virtuoso install): no sparql backend figures")
        return None
    port = free_port()
    environment = {**os.environ, "VIRTUOSO_SQL_PORT": str(free_port())}
    subprocess.run([VIRTUOSO_SCRIPT, "start", str(folder), str(port)], check=True, env=environment)
    return f"http://127.0.0.1:{port}"


if __name__ == "__main__":
    main()
