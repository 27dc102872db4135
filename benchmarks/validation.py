"""Time validation of the full graph, with and without the OWL-RL closure.

Prints a table: median, min and max of several runs of pySHACL over the
committed graph and shapes. The closure comes from the cache (it is computed
once if missing, and that time is reported separately).

    .venv/bin/python benchmarks/validation.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from rdflib import Graph

from dmops.graphio import load_asserted
from dmops.paths import graph_files
from dmops.reasoning import cached_inference
from dmops.validation import Report, load_shapes, validate


def timed(action: Callable[[], Report | Graph]) -> tuple[float, Report | Graph]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    paths = graph_files()
    asserted = load_asserted(paths)
    closure_time, inferred = timed(lambda: cached_inference(asserted, paths))
    assert isinstance(inferred, Graph)
    with_inference = Graph()
    with_inference += asserted
    with_inference += inferred
    shapes = load_shapes()
    rows = []
    for name, data in (("with inference", with_inference), ("without inference", asserted)):
        times = []
        findings = 0
        for _ in range(runs):
            seconds, report = timed(lambda data=data: validate(data, shapes))  # type: ignore[misc]
            assert isinstance(report, Report)
            times.append(seconds)
            findings = len(report.findings)
        rows.append((name, len(data), findings, times))
    print(f"closure (cached or computed): {closure_time:.2f} s; {len(shapes)} shape triples")
    print("| data graph | triples | findings | median s | min s | max s | runs |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, size, findings, times in rows:
        print(
            f"| {name} | {size} | {findings} | {statistics.median(times):.2f} | "
            f"{min(times):.2f} | {max(times):.2f} | {len(times)} |"
        )


if __name__ == "__main__":
    main()
