"""Validation reports for people and scripts (text, JSON, Turtle) and baselines.

A baseline is a JSON file listing the keys of accepted findings: a team can
record today's findings, fix them over time, and fail only on new ones.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from dmops.errors import DmopsError
from dmops.validation import Finding, Report, Rule, Severity

BASELINE_VERSION = 1


def render_text(report: Report, threshold: Severity) -> str:
    """Grouped by severity and rule, each finding with the entity's label and IRI."""
    groups: dict[tuple[Severity, str], list[Finding]] = defaultdict(list)
    for finding in report.findings:
        groups[(finding.severity, finding.rule.name)].append(finding)
    lines: list[str] = []
    for (severity, _), findings in sorted(
        groups.items(), key=lambda item: (-item[0][0], item[0][1])
    ):
        rule = findings[0].rule
        lines.append(f"{severity.label.upper()}  {rule.name}  ({len(findings)})")
        if rule.description:
            lines.append(f"  {rule.description}")
        for finding in findings:
            accepted = "  [baseline]" if finding.key in report.accepted else ""
            lines.append(f"  - {finding.focus_label}  <{finding.focus}>{accepted}")
            lines.append(f"      {finding.message}")
        lines.append("")
    lines.extend(_summary(report, threshold))
    return "\n".join(lines)


def _summary(report: Report, threshold: Severity) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    for finding in report.findings:
        counts[finding.rule.name] += 1
    width = max((len(rule.name) for rule in report.rules), default=4)
    lines = ["Summary", f"  {'rule'.ljust(width)}  {'severity'.ljust(9)}  results"]
    for rule in sorted(report.rules, key=lambda rule: (-rule.severity, rule.name)):
        lines.append(
            f"  {rule.name.ljust(width)}  {rule.severity.label.ljust(9)}  {counts[rule.name]}"
        )
    totals = report.counts()
    new = report.new_findings()
    verdict = "FAILS" if report.fails(threshold) else "PASSES"
    lines.append(
        f"{totals[Severity.VIOLATION]} violations, {totals[Severity.WARNING]} warnings, "
        f"{totals[Severity.INFO]} infos"
        + (
            f" ({len(report.findings) - len(new)} accepted by the baseline)"
            if report.accepted
            else ""
        )
        + f"; {len(report.rules)} rules checked. {verdict} "
        f"(fails on {threshold.label.lower()} or worse)."
    )
    return lines


def render_json(report: Report, threshold: Severity) -> str:
    """Machine-readable: the verdict, counts, rules and findings."""
    document = {
        "conforms": not report.fails(threshold),
        "failOn": threshold.label.lower(),
        "counts": {severity.label.lower(): count for severity, count in report.counts().items()},
        "rules": [_rule_json(rule) for rule in report.rules],
        "results": [
            {
                "rule": finding.rule.name,
                "severity": finding.severity.label,
                "focusNode": finding.focus,
                "focusLabel": finding.focus_label,
                "message": finding.message,
                "value": finding.value,
                "path": finding.path,
                "baseline": finding.key in report.accepted,
            }
            for finding in report.findings
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _rule_json(rule: Rule) -> dict[str, str]:
    return {
        "name": rule.name,
        "shape": str(rule.shape),
        "severity": rule.severity.label,
        "description": rule.description,
    }


def render_turtle(report: Report) -> str:
    """The sh:ValidationReport itself, as pySHACL produced it."""
    return report.report_graph.serialize(format="turtle")


def write_baseline(report: Report, path: Path) -> None:
    keys = sorted({finding.key for finding in report.findings})
    document = {"version": BASELINE_VERSION, "accepted": keys}
    try:
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise DmopsError(f"cannot write baseline {path}: {exc.strerror}") from exc


def read_baseline(path: Path) -> set[str]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DmopsError(f"cannot read baseline {path}: {exc.strerror}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DmopsError(f"baseline {path} is not a JSON baseline: {exc}") from exc
    accepted = document.get("accepted") if isinstance(document, dict) else None
    if not isinstance(accepted, list) or not all(isinstance(key, str) for key in accepted):
        raise DmopsError(f"baseline {path} has no list of accepted findings")
    return set(accepted)
