"""Cytoscape.js JSON: `elements` (nodes and edges with `data`) plus a `style` array.

The same document loads in Cytoscape.js (`cytoscape({...doc, container})`) and in Cytoscape
desktop (File > Import > Network from File, .cyjs); desktop ignores `style`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx

from .nodelink import write_array
from .views import KIND_COLOURS, colour


def nodes(graph: nx.MultiDiGraph) -> Iterator[dict]:
    for node, attrs in graph.nodes(data=True):
        data = {"id": str(node), **attrs}
        data["size"] = round(16 + 6 * math.sqrt(graph.degree(node)), 1)
        data["colour"] = colour(str(attrs.get("kind", "")))
        yield {"data": data}


def edges(graph: nx.MultiDiGraph) -> Iterator[dict]:
    for index, (u, v, key, attrs) in enumerate(graph.edges(keys=True, data=True)):
        yield {"data": {"id": f"e{index}", "source": str(u), "target": str(v),
                        "key": str(key), **attrs}}  # fmt: skip


def elements(graph: nx.MultiDiGraph) -> dict[str, list[dict]]:
    return {"nodes": list(nodes(graph)), "edges": list(edges(graph))}


def style(graph: nx.MultiDiGraph) -> list[dict]:
    arrow = "none" if graph.graph.get("undirected") else "triangle"
    rules: list[dict] = [
        {"selector": "node", "style": {
            "label": "data(label)", "background-color": "data(colour)",
            "width": "data(size)", "height": "data(size)", "font-size": 10,
            "text-valign": "bottom", "text-margin-y": 3, "color": "#222",
            "text-wrap": "ellipsis", "text-max-width": "140px",
        }},
        {"selector": "edge", "style": {
            "width": 1.5, "line-color": "#bbb", "target-arrow-color": "#bbb",
            "target-arrow-shape": arrow, "curve-style": "bezier", "opacity": 0.8,
        }},
        {"selector": "edge[weight]", "style": {"width": "mapData(weight, 1, 20, 1, 8)"}},
        {"selector": "edge[?negated]", "style": {"line-style": "dashed", "line-color": "#d62728"}},
        {"selector": ":selected", "style": {"border-width": 3, "border-color": "#000",
                                            "line-color": "#000"}},
    ]  # fmt: skip
    # One rule per kind keeps the colour legend in the file, readable without our code.
    rules[1:1] = [{"selector": f'node[kind = "{kind}"]', "style": {"background-color": hexa}}
                  for kind, hexa in KIND_COLOURS.items()]  # fmt: skip
    return rules


def head(graph: nx.MultiDiGraph) -> dict:
    return {
        "format_version": "1.0",
        "generated_by": "policygraph",
        "target_cytoscapejs_version": "~3",
        "data": {k: v for k, v in graph.graph.items() if v is not None},
        "style": style(graph),
    }


def document(graph: nx.MultiDiGraph) -> dict:
    """The whole document as one dict: for small graphs and tests; `stream` writes big ones."""
    return {**head(graph), "elements": elements(graph)}


def stream(graph: nx.MultiDiGraph, out: IO[str], encode: Callable[[Any], str]) -> None:
    """The document of `document`, written element by element with `encode`."""
    out.write(encode(head(graph))[:-1] + ', "elements": {"nodes": ')
    write_array(out, nodes(graph), encode)
    out.write(', "edges": ')
    write_array(out, edges(graph), encode)
    out.write("}}")


def write(graph: nx.MultiDiGraph, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        stream(graph, out, lambda value: json.dumps(value, ensure_ascii=False))
        out.write("\n")
