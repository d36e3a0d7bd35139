"""Graphviz DOT: a small writer of our own (no pydot), every id and value quoted and escaped."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from .views import colour


def quote(value: object) -> str:
    """A DOT double-quoted string. Backslashes are doubled because Graphviz reads `\\N`, `\\G`,
    `\\l` in labels as escapes; newlines become `\\n` so one statement stays on one line."""
    if isinstance(value, bool):
        value = "true" if value else "false"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


def _attributes(attrs: dict[str, object]) -> str:
    return ", ".join(f"{quote(k)}={quote(v)}" for k, v in attrs.items() if v is not None)


def lines(graph: nx.MultiDiGraph) -> Iterator[str]:
    undirected = bool(graph.graph.get("undirected"))
    arrow = "--" if undirected else "->"
    name = quote(graph.graph.get("view", "policygraph"))
    yield f"{'graph' if undirected else 'digraph'} {name} {{"
    yield '  graph [rankdir="LR", overlap="false", fontname="Helvetica"];'
    yield '  node [shape="box", style="rounded,filled", fontname="Helvetica", fontsize="10"];'
    yield '  edge [fontname="Helvetica", fontsize="8", color="#888888"];'
    for node, attrs in graph.nodes(data=True):
        drawn = {"label": attrs.get("label", node), "fillcolor": colour(str(attrs.get("kind", ""))),
                 "fontcolor": "white" if attrs.get("kind") in _DARK else "black",
                 "penwidth": f"{1 + math.log1p(graph.degree(node)) / 2:.2f}"}  # fmt: skip
        # Our own attributes ride along: Graphviz ignores names it does not know.
        extra = {k: v for k, v in attrs.items() if k not in drawn}
        yield f"  {quote(node)} [{_attributes({**drawn, **extra})}];"
    for u, v, attrs in graph.edges(data=True):
        drawn = {}
        if attrs.get("negated"):
            drawn = {"style": "dashed", "color": "#d62728"}
        yield f"  {quote(u)} {arrow} {quote(v)} [{_attributes({**attrs, **drawn})}];"
    yield "}"


_DARK = {"company", "policy", "purpose", "law", "legal-basis"}


def dumps(graph: nx.MultiDiGraph) -> str:
    return "\n".join(lines(graph)) + "\n"


def write(graph: nx.MultiDiGraph, path: Path) -> None:
    with Path(path).open("w", encoding="utf-8") as out:
        for line in lines(graph):
            out.write(line + "\n")
