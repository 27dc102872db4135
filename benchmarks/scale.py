"""How the graph's tools scale: synthetic graphs at 1x and 10x (100x on request) the real size.

For each scale, in its own subprocess (so memory peaks do not accumulate): time to
generate the synthetic graph, its triples, time to load it (with the ontology) into
pyoxigraph and into rdflib, the OWL-RL closure (dmops.reasoning.infer), SHACL
validation with the real shapes (skipped at 100x unless --validate-100), p50/p99 of
each canned query in pyoxigraph (20 runs each) and the peak resident memory.
Everything runs in-process, no network.

    .venv/bin/python benchmarks/scale.py [--with-100] [--validate-100] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

from rdflib import Graph

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import generate, synthetic_arguments
from dmops.backends.oxigraph import OxigraphStore, load_files
from dmops.paths import ONTOLOGY_FILE
from dmops.queries import load_queries, rows, run
from dmops.reasoning import infer
from dmops.store import GraphFiles, Store
from dmops.validation import load_shapes, validate

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
PACKAGES = ("rdflib", "pyoxigraph", "reasonable", "pyshacl", "owlrl", "fastapi")


def measure(scale: int, with_validation: bool, runs: int) -> dict[str, Any]:
    """Every measurement for one scale, in this process."""
    result: dict[str, Any] = {"scale": scale}
    start = time.perf_counter()
    synthetic = generate(scale)
    result["generate_s"] = time.perf_counter() - start
    result["triples"] = len(synthetic)
    with tempfile.TemporaryDirectory(prefix="dmops-scale-") as folder:
        data_file = Path(folder) / "synthetic.nt"
        synthetic.serialize(data_file, format="nt", encoding="utf-8")
        start = time.perf_counter()
        load_files(GraphFiles(asserted=(ONTOLOGY_FILE, data_file), inferred=None))
        result["load_oxigraph_s"] = time.perf_counter() - start
        start = time.perf_counter()
        data = Graph()
        data.parse(ONTOLOGY_FILE, format="turtle")
        data.parse(data_file, format="nt")
        result["load_rdflib_s"] = time.perf_counter() - start
        del synthetic
        start = time.perf_counter()
        inferred = infer(data)
        result["closure_s"] = time.perf_counter() - start
        result["inferred"] = len(inferred)
        closure_file = Path(folder) / "closure.nt"
        inferred.serialize(closure_file, format="nt", encoding="utf-8")
        if with_validation:
            data += inferred
            start = time.perf_counter()
            report = validate(data, load_shapes())
            result["validate_s"] = time.perf_counter() - start
            result["findings"] = len(report.findings)
        store = OxigraphStore.load(
            GraphFiles(asserted=(ONTOLOGY_FILE, data_file), inferred=closure_file)
        )
        result["queries"] = time_queries(store, data, runs)
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def time_queries(store: Store, graph: Graph, runs: int) -> list[dict[str, Any]]:
    timings = []
    for name, query in load_queries().items():
        arguments = synthetic_arguments(query, graph)
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
        f"| triples (synthetic) | {result['triples']:,} |",
        f"| load into pyoxigraph, ontology + synthetic (s) | {seconds('load_oxigraph_s')} |",
        f"| load into rdflib, ontology + synthetic (s) | {seconds('load_rdflib_s')} |",
        f"| closure, dmops.reasoning.infer (s) | {seconds('closure_s')} |",
        f"| inferred triples | {result['inferred']:,} |",
        f"| validation, real shapes (s) | {seconds('validate_s')} |",
        f"| validation findings | {result.get('findings', 'skipped')} |",
        f"| peak memory, maxrss (MB) | {result['maxrss_mb']:.0f} |",
        "",
        "| canned query | rows | p50 (ms) | p99 (ms) |",
        "|---|---:|---:|---:|",
    ]
    lines.extend(
        f"| {q['query']} | {q['rows']} | {q['p50_ms']:.2f} | {q['p99_ms']:.2f} |"
        for q in result["queries"]
    )
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
    parser.add_argument("--with-100", action="store_true", help="also run 100x (slow)")
    parser.add_argument("--validate-100", action="store_true", help="validate at 100x too")
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.name}")
    parser.add_argument("--runs", type=int, default=20, help="runs per canned query")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--validate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:  # a child process: one scale, result as JSON
        print(json.dumps(measure(args.one, args.validate, args.runs)))
        return
    scales = [1, 10, *([100] if args.with_100 else [])]
    tables = []
    for scale in scales:
        command = [sys.executable, __file__, "--one", str(scale), "--runs", str(args.runs)]
        if scale < 100 or args.validate_100:
            command.append("--validate")
        completed = subprocess.run(command, capture_output=True, text=True, check=True)
        result = json.loads(completed.stdout.strip().splitlines()[-1])
        tables.append(table(result))
        print(tables[-1], flush=True)
    description = machine()
    print(description)
    if args.write:
        RESULTS.write_text(
            "# Scale benchmark: synthetic graphs at multiples of the real size\n\n"
            "Written by `benchmarks/scale.py --write`.\n\n## Machine\n\n"
            f"{description}\n\n## Results\n\n" + "\n".join(tables),
            encoding="utf-8",
        )
        print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
