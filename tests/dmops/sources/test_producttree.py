"""Unit tests for dmops.sources.producttree: nodes, kinds and parents of the TikZ figure."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dmops.errors import SourceError
from dmops.namespaces import DMOPS
from dmops.sources.catalog import SourceFile
from dmops.sources.producttree import TreeNode, _kind, read_tree

MakeSource = Callable[..., SourceFile]

# Line shapes copied from RTN-046's ProductTree.tex.
TREE = r"""\begin{document}
\begin{tikzpicture}[node distance=0mm]
\node (0-DM) [wbbox]{\textbf{DM Ops}};
\node (1-DA) [gbox,right=15mm of 0-DM] {\textbf{Data Abstraction} };
\node [below right] at (1-DA.north west) {\small \color{blue}Group} ;
 \draw[pline] (0-DM.east) -| ++(0.4,0) |- (1-DA.west);
\node (2-DataEng) [abox,right=15mm of 1-DA] {\textbf{Data Eng} };
\node [below right] at (2-DataEng.north west) {\small \color{blue}Activity} ;
 \draw[pline] (1-DA.east) -| ++(0.4,0) |- (2-DataEng.west);
\node (4-cbps) [pbox,right=15mm of 2-DataEng] {\textbf{ctrl\_bps} };
\node [below right] at (4-cbps.north west) {\small \color{blue}Product} ;
 \draw[pline] (2-DataEng.east) -| ++(0.4,0) |- (4-cbps.west);
\end{tikzpicture}
\end{document}
"""


def test_read_tree_reads_ids_labels_styles_kinds_parents_and_lines(
    source_file: MakeSource,
) -> None:
    assert read_tree(source_file(TREE, name="ProductTree.tex")) == {
        "0-DM": TreeNode("0-DM", "DM Ops", "wbbox", 3, None, ()),
        "1-DA": TreeNode("1-DA", "Data Abstraction", "gbox", 4, "Group", ("0-DM",)),
        "2-DataEng": TreeNode("2-DataEng", "Data Eng", "abox", 7, "Activity", ("1-DA",)),
        "4-cbps": TreeNode("4-cbps", "ctrl_bps", "pbox", 10, "Product", ("2-DataEng",)),
    }


def test_read_tree_accepts_an_edge_drawn_before_its_nodes(source_file: MakeSource) -> None:
    source = source_file(
        " \\draw[pline] (a.east) -| ++(0.4,0) |- (b.west);\n"
        "\\node (a) [gbox] {\\textbf{A}};\n"
        "\\node (b) [pbox,right=15mm of a] {\\textbf{B}};\n"
    )
    assert read_tree(source)["b"].parents == ("a",)


def test_read_tree_keeps_every_parent_of_a_node(source_file: MakeSource) -> None:
    source = source_file(
        "\\node (a) [gbox] {\\textbf{A}};\n"
        "\\node (b) [gbox] {\\textbf{B}};\n"
        "\\node (c) [pbox] {\\textbf{C}};\n"
        " \\draw[pline] (a.east) -| ++(0.4,0) |- (c.west);\n"
        " \\draw[pline] (b.east) -| ++(0.4,0) |- (c.west);\n"
    )
    assert read_tree(source)["c"].parents == ("a", "b")


def test_read_tree_ignores_commented_out_nodes(source_file: MakeSource) -> None:
    source = source_file(
        "\\node (a) [gbox] {\\textbf{A}};\n% \\node (b) [pbox] {\\textbf{Hidden}};\n"
    )
    assert list(read_tree(source)) == ["a"]


def test_read_tree_edge_to_an_undrawn_child_raises_with_the_line(
    source_file: MakeSource,
) -> None:
    source = source_file(
        "\\node (a) [gbox] {\\textbf{A}};\n"
        "\n"
        " \\draw[pline] (a.east) -| ++(0.4,0) |- (ghost.west);\n"
    )
    with pytest.raises(SourceError, match="node 'ghost', which it never draws") as caught:
        read_tree(source)
    assert caught.value.path == source.path
    assert caught.value.line == 3


def test_read_tree_edge_from_an_undrawn_parent_raises_with_the_line(
    source_file: MakeSource,
) -> None:
    source = source_file(
        "\\node (b) [pbox] {\\textbf{B}};\n \\draw[pline] (ghost.east) -| ++(0.4,0) |- (b.west);\n"
    )
    with pytest.raises(SourceError, match="node 'ghost'") as caught:
        read_tree(source)
    assert caught.value.line == 2


def test_read_tree_kind_of_an_undrawn_node_raises_with_the_line(
    source_file: MakeSource,
) -> None:
    source = source_file(
        "\\node [below right] at (ghost.north west) {\\small \\color{blue}Team} ;\n"
    )
    with pytest.raises(SourceError, match="node 'ghost'") as caught:
        read_tree(source)
    assert caught.value.line == 1


def test_kind_of_a_labelled_node_is_its_node_class(source_file: MakeSource) -> None:
    node = TreeNode("b", "B", "pbox", 1, "Team", ("a",))
    assert _kind(node, source_file("")) == DMOPS.TeamNode


def test_kind_of_the_unlabelled_wbs_box_is_the_root(source_file: MakeSource) -> None:
    assert _kind(TreeNode("0-DM", "DM Ops", "wbbox", 1), source_file("")) == DMOPS.RootNode


def test_kind_of_another_unlabelled_node_is_unknown(source_file: MakeSource) -> None:
    assert _kind(TreeNode("x", "X", "pbox", 1), source_file("")) is None


def test_unknown_kind_raises_with_the_node_line(source_file: MakeSource) -> None:
    source = source_file("")
    with pytest.raises(SourceError, match="unknown node kind 'Widget' for 'x'") as caught:
        _kind(TreeNode("x", "X", "pbox", 7, "Widget"), source)
    assert caught.value.line == 7
