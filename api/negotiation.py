"""Choosing a result format from ``format=`` or the Accept header (with q-values)."""

from __future__ import annotations

from dataclasses import dataclass

RESULT_MEDIA = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_MEDIA = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
}
RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "jsonld", "ntriples", "rdfxml")


@dataclass(frozen=True)
class MediaRange:
    media_type: str
    quality: float
    order: int


def parse_accept(header: str | None) -> list[MediaRange]:
    """Media ranges, best first (quality, then specificity, then order given)."""
    ranges = []
    for order, part in enumerate((header or "").split(",")):
        fields = [field.strip() for field in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for parameter in fields[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append(MediaRange(fields[0].lower(), quality, order))
    return sorted(
        (r for r in ranges if r.quality > 0),
        key=lambda r: (-r.quality, r.media_type.count("*"), r.order),
    )


def choose(header: str | None, table: dict[str, str], default: str) -> str | None:
    """The format the client prefers among ``table``'s; None when nothing acceptable."""
    ranges = parse_accept(header)
    if not ranges:
        return default
    for media_range in ranges:
        if media_range.media_type in table:
            return table[media_range.media_type]
        if media_range.media_type in ("*/*", "application/*", "text/*"):
            return default
    return None


def prefers_html(header: str | None) -> bool:
    """A browser asking for a page (text/html ranked above every SPARQL format)."""
    for media_range in parse_accept(header):
        if media_range.media_type in ("text/html", "application/xhtml+xml"):
            return True
        if media_range.media_type in RESULT_MEDIA or media_range.media_type in GRAPH_MEDIA:
            return False
    return False
