"""GET /validate: the served graph's compliance report, as dmops validate gives it."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import httpx
from rdflib import Graph, Literal
from rdflib.namespace import SH

from tests.conftest import RunningService


def test_the_served_graph_report_in_every_format(service: RunningService) -> None:
    with httpx.Client(base_url=service.url, timeout=120) as client:
        report = client.get("/validate").json()
        assert report["conforms"] is False
        assert report["counts"] == {"info": 0, "warning": 209, "violation": 51}
        ocps = [r for r in report["results"] if r["rule"] == "product-manager-tentative"]
        assert [r["focusLabel"] for r in ocps] == ["OCPS"]
        text = client.get("/validate", params={"format": "text"}).text
        assert "51 violations, 209 warnings, 0 infos; 25 rules checked. FAILS" in text
        warnings_fail = client.get("/validate", params={"fail_on": "info"}).json()
        assert warnings_fail["failOn"] == "info"
        turtle = Graph().parse(data=client.get("/validate", params={"format": "turtle"}).text)
        (node,) = turtle.subjects(SH.conforms, None)
        assert turtle.value(node, SH.conforms) == Literal(False)
        junit = ElementTree.fromstring(client.get("/validate", params={"format": "junit"}).text)
        assert len(junit.findall(".//testcase")) == 25
        sarif = json.loads(client.get("/validate", params={"format": "sarif"}).text)
        assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == 260
        assert client.get("/validate", params={"format": "pdf"}).status_code == 400
