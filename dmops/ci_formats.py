"""Validation reports for CI: JUnit XML for test dashboards, SARIF for code review.

Both keep the verdict of ``dmops validate``: only findings at or above the
threshold that the baseline does not accept fail. The others stay visible, in
JUnit's system-out and as SARIF results with their own level.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Any
from urllib.parse import urlsplit

from dmops.locate import Locator
from dmops.validation import Finding, Report, Rule, Severity

JUNIT_SUITE = "dmops-shapes"
JUNIT_CLASS = "dmops.shapes"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "dmops validate"
TOOL_URI = "https://w3id.org/rubin/dmops/"
SOURCE_ROOT = "SRCROOT"
FINGERPRINT = "dmopsFinding/v1"
SARIF_LEVELS = {Severity.VIOLATION: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_junit(report: Report, threshold: Severity) -> str:
    """One test case per rule, so rules without findings show as passed tests."""
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_rule[finding.rule.name].append(finding)
    cases = [_testcase(rule, by_rule[rule.name], report, threshold) for rule in _rules(report)]
    # failures counts failed tests (rules), not <failure> elements, so tests - failures passed
    counts = {
        "tests": str(len(cases)),
        "failures": str(sum(case.find("failure") is not None for case in cases)),
        "errors": "0",
        "skipped": "0",
    }
    suites = ET.Element("testsuites", counts)
    suite = ET.SubElement(suites, "testsuite", {"name": JUNIT_SUITE, **counts})
    suite.extend(cases)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _testcase(
    rule: Rule, findings: list[Finding], report: Report, threshold: Severity
) -> ET.Element:
    case = ET.Element("testcase", classname=JUNIT_CLASS, name=rule.name)
    logged = []
    for finding in findings:
        if _blocks(finding, report, threshold):
            failure = ET.SubElement(
                case, "failure", message=finding.message, type=finding.severity.label
            )
            failure.text = _details(finding)
        else:
            logged.append(_log_line(finding, report))
    if logged:
        ET.SubElement(case, "system-out").text = "\n".join(logged)
    return case


def _blocks(finding: Finding, report: Report, threshold: Severity) -> bool:
    """The same test as Report.fails, for one finding."""
    return finding.severity >= threshold and finding.key not in report.accepted


def _log_line(finding: Finding, report: Report) -> str:
    baseline = " [baseline]" if finding.key in report.accepted else ""
    return (
        f"{finding.severity.label}: {finding.focus_label} <{finding.focus}>: "
        f"{finding.message}{baseline}"
    )


def _details(finding: Finding) -> str:
    lines = [f"entity: {finding.focus_label} <{finding.focus}>"]
    if finding.value is not None:
        lines.append(f"value: {finding.value}")
    if finding.path is not None:
        lines.append(f"path: {finding.path}")
    return "\n".join(lines)


def _rules(report: Report) -> list[Rule]:
    """The rules checked, plus those of findings from unnamed shapes, which have none."""
    rules = {rule.name: rule for rule in report.rules}
    for finding in report.findings:
        rules.setdefault(finding.rule.name, finding.rule)
    return list(rules.values())


def render_sarif(report: Report, threshold: Severity, locator: Locator) -> str:
    """SARIF 2.1.0, each result placed at its entity's block in the Turtle files."""
    rules = _rules(report)
    index = {rule.name: position for position, rule in enumerate(rules)}
    run = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "informationUri": TOOL_URI,
                "rules": [_sarif_rule(rule) for rule in rules],
            }
        },
        "results": [
            _sarif_result(finding, index[finding.rule.name], report, locator)
            for finding in report.findings
        ],
        "properties": {"failOn": threshold.label.lower(), "conforms": not report.fails(threshold)},
    }
    document = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False)


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    description = {"text": rule.description or rule.name}
    descriptor: dict[str, Any] = {
        "id": rule.name,
        "name": rule.name,
        "shortDescription": description,
        "fullDescription": description,
        "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
    }
    if urlsplit(rule.shape).scheme:  # an unnamed blank shape has no page to point to
        descriptor["helpUri"] = str(rule.shape)
    return descriptor


def _sarif_result(
    finding: Finding, rule_index: int, report: Report, locator: Locator
) -> dict[str, Any]:
    places = locator.locate(finding.focus)
    primary: dict[str, Any] = {
        "logicalLocations": [{"fullyQualifiedName": finding.focus, "kind": "resource"}]
    }
    if places:
        primary["physicalLocation"] = _physical(*places[0])
    result: dict[str, Any] = {
        "ruleId": finding.rule.name,
        "ruleIndex": rule_index,
        "level": SARIF_LEVELS[finding.severity],
        "message": {"text": f"{finding.message} ({finding.focus_label} <{finding.focus}>)"},
        "locations": [primary],
        "partialFingerprints": {FINGERPRINT: _fingerprint(finding)},
    }
    if places[1:]:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": _physical(*place),
                "message": {"text": f"another block of <{finding.focus}>"},
            }
            for number, place in enumerate(places[1:], start=1)
        ]
    if report.accepted:
        result["baselineState"] = "unchanged" if finding.key in report.accepted else "new"
    return result


def _physical(path: str, line: int) -> dict[str, Any]:
    return {
        "artifactLocation": {"uri": path, "uriBaseId": SOURCE_ROOT},
        "region": {"startLine": line},
    }


def _fingerprint(finding: Finding) -> str:
    """A hash of the baseline key, so code-review tools track a finding across runs."""
    return hashlib.sha256(finding.key.encode("utf-8")).hexdigest()
