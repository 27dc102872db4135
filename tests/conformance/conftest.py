"""A session summary of the W3C SPARQL 1.1 conformance tests: outcomes per category."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from _pytest.terminal import TerminalReporter

MODULE = "test_sparql_conformance.py::"
CATEGORIES = {
    "test_query_syntax_positive": "query syntax, positive (POST query: 200)",
    "test_federated_query_syntax_refused": "federated query syntax (SERVICE refused: 400)",
    "test_query_syntax_negative": "query syntax, negative (.rq: 400; .ru as query: 4xx)",
    "test_update_syntax_refused_direct": "update syntax, as application/sparql-update (403)",
    "test_update_syntax_refused_form": "update syntax, as update= form parameter (403)",
    "test_protocol": "protocol (protocol/manifest.ttl)",
    "test_protocol_dataset_iris_are_never_fetched": "dataset IRIs never fetched (loopback)",
}
OUTCOMES = ("passed", "xfailed", "skipped", "failed", "xpassed", "xpassed(strict)", "error")
_tally: defaultdict[str, Counter[str]] = defaultdict(Counter)


def _category(nodeid: str) -> str | None:
    if MODULE not in nodeid:
        return None
    function = nodeid.split(MODULE, 1)[1].split("[", 1)[0]
    return CATEGORIES.get(function)


def _outcome(report: pytest.TestReport) -> str | None:
    """The one outcome a test case gets, from the report of the phase that decides it."""
    xfail = hasattr(report, "wasxfail")
    if report.when == "call":
        if report.skipped:
            return "xfailed" if xfail else "skipped"
        if report.failed:
            # A known failure that now passes: drop it from KNOWN_FAILURES.
            return "xpassed(strict)" if "[XPASS(strict)]" in report.longreprtext else "failed"
        return "xpassed" if xfail else "passed"
    if report.when == "setup" and not report.passed:
        return "skipped" if report.skipped else "error"
    if report.when == "teardown" and report.failed:
        return "error"
    return None


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    category = _category(report.nodeid)
    outcome = _outcome(report)
    if category is not None and outcome is not None:
        _tally[category][outcome] += 1


def pytest_terminal_summary(terminalreporter: TerminalReporter) -> None:
    if not _tally:
        return
    terminalreporter.section("W3C SPARQL 1.1 conformance")
    width = max(len(label) for label in CATEGORIES.values())
    for label in CATEGORIES.values():
        counts = _tally.get(label)
        if counts is None:
            continue
        shown = ", ".join(f"{counts[name]} {name}" for name in OUTCOMES if counts[name])
        terminalreporter.write_line(f"{label:<{width}}  {sum(counts.values()):>3}: {shown}")
