"""Prometheus metrics: requests, query durations, timeouts and refusals."""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Histogram


@dataclass
class Metrics:
    """One registry per app, so that several apps (tests) never share counters."""

    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        self.requests = Counter(
            "dmops_requests", "HTTP requests", ["method", "route", "status"], registry=self.registry
        )
        self.query_seconds = Histogram(
            "dmops_query_seconds",
            "Time a SPARQL query took in its worker",
            buckets=(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30),
            registry=self.registry,
        )
        self.timeouts = Counter(
            "dmops_query_timeouts", "Queries stopped at the time limit", registry=self.registry
        )
        self.refusals = Counter(
            "dmops_query_refusals",
            "Queries refused before evaluation (screen) or for lack of a worker (busy)",
            ["reason"],
            registry=self.registry,
        )
