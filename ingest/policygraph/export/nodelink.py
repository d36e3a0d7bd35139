"""node-link JSON (networkx.node_link_data): what d3-force and networkx read back directly.

Written element by element, in networkx's layout ("links" is the d3 name), so a million-node view
never exists twice in memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

import networkx as nx


def write_array(out: IO[str], items: Iterable[Any], encode: Callable[[Any], str]) -> None:
    """A JSON array, one item a line, without building it first."""
    out.write("[")
    for index, item in enumerate(items):
        out.write(",\n" if index else "\n")
        out.write(encode(item))
    out.write("\n]")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def write(graph: nx.MultiDiGraph, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        head = {"directed": graph.is_directed(), "multigraph": graph.is_multigraph(),
                "graph": graph.graph}  # fmt: skip
        out.write(_json(head)[:-1] + ', "nodes": ')
        write_array(out, ({**attrs, "id": node} for node, attrs in graph.nodes(data=True)), _json)
        out.write(', "links": ')
        edges = graph.edges(keys=True, data=True)
        links = ({**d, "source": u, "target": v, "key": k} for u, v, k, d in edges)
        write_array(out, links, _json)
        out.write("}\n")
