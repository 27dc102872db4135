"""``dmops validate``: the compliance check, with exit codes and CI report formats."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from dmops.ci_formats import render_junit, render_sarif
from dmops.errors import DmopsError
from dmops.knowledge import load
from dmops.locate import Locator
from dmops.paths import ONTOLOGY_FILE, PROJECT_ROOT, graph_files
from dmops.reporting import read_baseline, render_json, render_text, render_turtle, write_baseline
from dmops.validation import Report, Severity, load_shapes, validate

URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def run(args: argparse.Namespace) -> int:
    data_paths = _local_files(args.data, "--data")
    shape_paths = _local_files(args.shapes, "--shapes")
    paths = [ONTOLOGY_FILE, *data_paths] if data_paths else graph_files()
    shapes = load_shapes(shape_paths or None)
    knowledge = load(paths, inference=not args.no_inference)
    report = validate(knowledge.union, shapes)
    if args.baseline:
        report.accepted = read_baseline(args.baseline)
    threshold = Severity[args.fail_on.upper()]
    if args.write_baseline:
        write_baseline(report, args.write_baseline)
        print(f"recorded {len(report.findings)} findings in {args.write_baseline}")
        return 0
    _emit(_render_report(report, args.format, threshold, paths), args.output)
    return 1 if report.fails(threshold) else 0


def _local_files(names: list[str] | None, option: str) -> list[Path]:
    """Files named on the command line; URLs are refused, nothing is ever fetched."""
    for name in names or []:
        if URL.match(name):
            raise DmopsError(f"{option} takes local files, not URLs: {name}")
        if not Path(name).is_file():
            raise DmopsError(f"{option}: no such file: {name}")
    return [Path(name) for name in names or []]


def _render_report(report: Report, output: str, threshold: Severity, paths: list[Path]) -> str:
    if output == "json":
        return render_json(report, threshold)
    if output == "turtle":
        return render_turtle(report)
    if output == "junit":
        return render_junit(report, threshold)
    if output == "sarif":
        return render_sarif(report, threshold, Locator.from_files(paths, PROJECT_ROOT))
    return render_text(report, threshold)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        print(text, end="" if text.endswith("\n") else "\n")
        return
    try:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise DmopsError(f"cannot write {output}: {exc.strerror}") from exc
