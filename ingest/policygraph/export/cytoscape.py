"""Cytoscape.js JSON: `elements` (nodes and edges with `data`) plus a `style` array.

The same document loads in Cytoscape.js (`cytoscape({...doc, container})`) and in Cytoscape
desktop (File > Import > Network from File, .cyjs); desktop ignores `style`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx

from .views import KIND_COLOURS, colour


def elements(graph: nx.MultiDiGraph) -> dict[str, list[dict]]:
    nodes = []
    for node, attrs in graph.nodes(data=True):
        data = {"id": str(node), **attrs}
        data["size"] = round(16 + 6 * math.sqrt(graph.degree(node)), 1)
        data["colour"] = colour(str(attrs.get("kind", "")))
        nodes.append({"data": data})
    edges = []
    for index, (u, v, key, attrs) in enumerate(graph.edges(keys=True, data=True)):
        edges.append({"data": {"id": f"e{index}", "source": str(u), "target": str(v),
                               "key": str(key), **attrs}})  # fmt: skip
    return {"nodes": nodes, "edges": edges}


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


def document(graph: nx.MultiDiGraph) -> dict:
    return {
        "format_version": "1.0",
        "generated_by": "policygraph",
        "target_cytoscapejs_version": "~3",
        "data": {k: v for k, v in graph.graph.items() if v is not None},
        "elements": elements(graph),
        "style": style(graph),
    }


def dumps(graph: nx.MultiDiGraph) -> str:
    return json.dumps(document(graph), ensure_ascii=False) + "\n"


def write(graph: nx.MultiDiGraph, path: Path) -> None:
    Path(path).write_text(dumps(graph), encoding="utf-8")
