"""Reading our HTML pages in tests: links with their section, property row and inferred mark."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@dataclass
class Anchor:
    href: str
    text: str
    section: str | None
    row: str | None
    inferred: bool
    within: tuple[str, ...]  # the ids of the elements it is in


class Page(HTMLParser):
    """The links of a page, each with its section, table row (property) and inferred mark;
    and the text of every element with an id."""

    VOID = frozenset({"meta", "link", "input", "br", "img", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[Anchor] = []
        self.ids: dict[str, str] = {}
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.text: dict[str, list[str]] = {}
        self.current: Anchor | None = None

    @classmethod
    def of(cls, html: str) -> Page:
        page = cls()
        page.feed(html)
        page.close()
        return page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            assert values["id"] not in self.ids, f"duplicate id {values['id']}"
            self.ids[values["id"]] = tag
            self.text[values["id"]] = []
        if tag == "a" and "href" in values:
            self.current = Anchor(
                values["href"],
                "",
                self._nearest("section", "id"),
                self._nearest("tr", "data-property"),
                any("inferred" in a.get("class", "").split() for _, a in self.stack),
                tuple(a["id"] for _, a in self.stack if "id" in a),
            )
            self.anchors.append(self.current)
        if tag not in self.VOID:
            self.stack.append((tag, values))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.current = None
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.text += data
        for _, attributes in self.stack:
            if "id" in attributes:
                self.text[attributes["id"]].append(data)

    def _nearest(self, tag: str, attribute: str) -> str | None:
        for open_tag, attributes in reversed(self.stack):
            if open_tag == tag and attribute in attributes:
                return attributes[attribute]
        return None

    def links(self, href: str, section: str | None = None) -> list[Anchor]:
        return [
            anchor
            for anchor in self.anchors
            if anchor.href == href and (section is None or anchor.section == section)
        ]

    def content(self, element_id: str) -> str:
        return " ".join(" ".join(self.text[element_id]).split())
