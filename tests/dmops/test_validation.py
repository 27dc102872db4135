"""The real graph's compliance report is a tested artefact: which entities break which rule."""

from __future__ import annotations

import pytest

from dmops.namespaces import BASE
from dmops.validation import Report, Severity

pytestmark = pytest.mark.usefixtures("sources_root")


def focus(report: Report, rule: str) -> dict[str, Severity]:
    """The entities a rule reports, by IRI without the base, with the severity."""
    return {
        finding.focus.removeprefix(BASE): finding.severity
        for finding in report.findings
        if finding.rule.name == rule
    }


def labels(report: Report, rule: str) -> list[str]:
    return sorted(finding.focus_label for finding in report.findings if finding.rule.name == rule)


def test_products_without_a_confirmed_manager(real_report: Report) -> None:
    assert labels(real_report, "product-manager") == sorted(
        [
            "APIs", "Authentication", "Authorisation", "BPS", "Backups", "Bulk Download",
            "Butler repos", "Campaign Management", "Consolidated DB", "Control Interface",
            "Data Backbone", "Data Curation", "Doc Services", "Documentation standards", "EFD",
            "Felis", "Infrastructures", "LtD", "Metadata", "Metrics", "Multi-site & User Exec",
            "Notebook", "OCPS", "PanDA", "Phalanx", "Pipeline interfaces", "Portal",
            "Prompt f/ w", "PromptDV", "RSP", "Reliability Engineering", "Rucio", "SQuaRE",
            "Sasquatch", "Secrets", "Sis Exec", "Square One", "Telemetry Gateway", "Templating",
            "USDF", "User Batch", "User Databases", "User Support", "ctrl_bps", "ctrl_mpexec",
            "data.lsst.cloud", "pex_config", "pipe_base", "user batch envelope",
        ]
    )  # fmt: skip
    assert set(focus(real_report, "product-manager").values()) == {Severity.VIOLATION}


def test_products_with_a_tentative_manager(real_report: Report) -> None:
    assert focus(real_report, "product-manager-tentative") == {"product/ocps": Severity.WARNING}
    (finding,) = [f for f in real_report.findings if f.rule.name == "product-manager-tentative"]
    assert finding.value == "person:limk"
    assert "KT Lim ?" in finding.message


def test_wbs_elements_without_roles(real_report: Report) -> None:
    assert labels(real_report, "wbs-has-role") == [
        "3.3 France Data Facility",
        "3.4 UK Data Facility",
    ]


def test_roles_with_a_placeholder_description(real_report: Report) -> None:
    assert labels(real_report, "role-description-placeholder") == [
        "3.11a Qserv Lead",
        "3.9c.1 Campaign Management Developer - NOIRLab",
        "3.9c.2 Campaign Management Developer - SLAC",
    ]


def test_roles_with_a_copied_description(real_report: Report) -> None:
    copied = {
        finding.focus.removeprefix(BASE): finding.value
        for finding in real_report.findings
        if finding.rule.name == "role-description-copied"
    }
    assert copied == {"role/3.2g.4": "IN2P3", "role/3.10c.1": "IPAC", "role/3.1c.3": "UK"}


def test_mentioned_handle_that_no_document_has(real_report: Report) -> None:
    (finding,) = [f for f in real_report.findings if f.rule.name == "mentioned-handle-resolves"]
    assert finding.focus_label.startswith("RTN-046")
    assert finding.value == "ITTN-00"


def test_documents_off_the_handle_form_or_lsst_io(real_report: Report) -> None:
    assert focus(real_report, "document-handle") == {"document/ACP": Severity.VIOLATION}
    urls = focus(real_report, "document-url")
    assert len(urls) == 200
    assert {"document/Document-1386", "document/DMTR-11", "document/ACP"} <= urls.keys()
    assert "document/DMTN-189" not in urls


def test_rules_the_plan_keeps(real_report: Report) -> None:
    kept = {
        "product-owner", "product-parent", "product-tree-acyclic", "role-code", "role-title",
        "role-description", "role-wbs-element", "role-code-under-wbs", "role-site-linked",
        "person-name", "person-unique", "person-fte-total", "assignment-status",
        "assignment-fte", "assignment-member", "drp-shares-total", "ontology-hygiene",
    }  # fmt: skip
    assert kept <= {rule.name for rule in real_report.rules}
    assert [f.rule.name for f in real_report.findings if f.rule.name in kept] == []


def test_the_draft_breaks_its_own_rules(real_report: Report) -> None:
    counts = real_report.counts()
    assert counts == {Severity.VIOLATION: 51, Severity.WARNING: 209, Severity.INFO: 0}
    assert real_report.fails(Severity.VIOLATION)
