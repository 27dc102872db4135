"""RTN-046's product tree figure (``latex/ProductTree.tex``, TikZ).

Each node is ``\\node (id) [style,...] {\\textbf{Label}};``, its kind is a
small label ``\\node [below right] at (id.north west) {...\\color{blue}Kind}``
and its parent edge is ``\\draw[pline] (parent.east) ... (child.west);``. Nodes
are matched to the products table by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from dmops.errors import SourceError
from dmops.identity import slug
from dmops.namespaces import DMOPS, entity
from dmops.sources.catalog import SourceFile
from dmops.sources.context import RTN046, BuildContext, cite, compact, label
from dmops.sources.latex import strip_comments, to_text

PRODUCT_TREE = "ProductTree.tex"
NODE = re.compile(r"\\node\s*\((?P<id>[^)]+)\)\s*\[(?P<style>\w+)[^\]]*\]\s*\{(?P<label>.*)\}\s*;")
KIND = re.compile(
    r"\\node\s*\[below right\]\s*at\s*\((?P<id>[^.)]+)\.north west\)\s*"
    r"\{[^}]*\\color\{blue\}\s*(?P<kind>\w+)\s*\}"
)
EDGE = re.compile(r"\\draw\[pline\]\s*\((?P<parent>[^.)]+)\.east\).*\((?P<child>[^.)]+)\.west\)")
KINDS = {
    "Group": DMOPS.GroupNode,
    "Team": DMOPS.TeamNode,
    "Product": DMOPS.ProductNode,
    "Activity": DMOPS.ActivityNode,
}


@dataclass
class TreeNode:
    id: str
    label: str
    style: str
    line: int
    kind: str | None = None
    parents: tuple[str, ...] = ()


def read_tree(source: SourceFile) -> dict[str, TreeNode]:
    """The figure's nodes by id, with kinds and parents; an edge to no node is an error."""
    nodes: dict[str, TreeNode] = {}
    edges: list[tuple[str, str, int]] = []
    for number, line in enumerate(strip_comments(source.read_text()).splitlines(), start=1):
        if drawn := NODE.search(line):
            nodes[drawn["id"]] = TreeNode(
                drawn["id"], to_text(drawn["label"]), drawn["style"], number
            )
        elif kind := KIND.search(line):
            _known(nodes, kind["id"], source, number).kind = kind["kind"]
        elif edge := EDGE.search(line):
            edges.append((edge["parent"], edge["child"], number))
    for parent, child, number in edges:
        _known(nodes, parent, source, number)
        node = _known(nodes, child, source, number)
        node.parents = (*node.parents, parent)
    return nodes


def _known(nodes: dict[str, TreeNode], node_id: str, source: SourceFile, line: int) -> TreeNode:
    if node_id not in nodes:
        raise SourceError(
            f"the figure refers to node {node_id!r}, which it never draws", source.path, line
        )
    return nodes[node_id]


def _kind(node: TreeNode, source: SourceFile) -> URIRef | None:
    """The labelled kind; the unlabelled WBS box is the root; anything else is unknown."""
    if node.kind is None:
        return DMOPS.RootNode if node.style == "wbbox" else None
    if node.kind not in KINDS:
        raise SourceError(
            f"unknown node kind {node.kind!r} for {node.id!r}", source.path, node.line
        )
    return KINDS[node.kind]


def ingest_tree(ctx: BuildContext, product_keys: dict[str, str]) -> Graph:
    """Kind and parent of every product; nodes missing from the table become products too."""
    source = ctx.catalog.rtn046(PRODUCT_TREE)
    nodes = read_tree(source)
    graph = Graph()

    def key(node: TreeNode) -> str:
        return product_keys.get(compact(node.label)) or slug(node.label)

    for node in nodes.values():
        product = entity("product", key(node))
        graph.add((product, RDF.type, DMOPS.Product))
        graph.add((product, DMOPS.treeNode, Literal(node.id)))
        if compact(node.label) not in product_keys:
            label(graph, product, node.label)
        kind = _kind(node, source)
        if kind is not None:
            graph.add((product, DMOPS.kind, kind))
        for parent in node.parents:
            graph.add((product, DMOPS.parent, entity("product", key(nodes[parent]))))
        cite(graph, product, source, node.line, RTN046)
    return graph
