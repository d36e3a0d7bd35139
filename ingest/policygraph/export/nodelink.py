"""node-link JSON (networkx.node_link_data): what d3-force and networkx read back directly."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx


def dumps(graph: nx.MultiDiGraph) -> str:
    # "links" is the d3 name; passing it explicitly also avoids networkx's default-change warning.
    data = nx.node_link_data(graph, edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write(graph: nx.MultiDiGraph, path: Path) -> None:
    Path(path).write_text(dumps(graph), encoding="utf-8")
