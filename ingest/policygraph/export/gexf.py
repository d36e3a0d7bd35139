"""GEXF 1.3 (Gephi), with viz:color by kind and viz:size by degree.

Our own writer: networkx writes 1.2draft by default, and its 1.3 mode declares a wrong xsi
namespace (`http://w3.org/…`), which schema validators reject. Attribute columns are declared
from the values present (integer, double, boolean, string); None never reaches the file.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import IO

import networkx as nx

from .. import __version__
from .graphml import attribute, escape
from .views import colour

NS_GEXF = "http://gexf.net/1.3"
NS_VIZ = "http://gexf.net/1.3/viz"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
# label is the element's own attribute; weight is the edge's.
_RESERVED = {"node": {"label"}, "edge": {"label", "weight"}}


def _type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _attr(value: object) -> str:
    return attribute(_text(value))


def _declare(out: IO[str], scope: str, items) -> dict[str, str]:
    types: dict[str, str] = {}
    for attrs in items:
        for name, value in attrs.items():
            if name in _RESERVED[scope] or value is None:
                continue
            kind = _type(value)
            # Mixed types in one column fall back to string, which every reader accepts.
            types[name] = kind if types.get(name, kind) == kind else "string"
    out.write(f'<attributes class="{scope}" mode="static">\n')
    ids = {}
    for index, (name, kind) in enumerate(sorted(types.items())):
        ids[name] = f"{scope[0]}{index}"
        out.write(f'<attribute id="{ids[name]}" title={_attr(name)} type="{kind}"/>\n')
    out.write("</attributes>\n")
    return ids


def _attvalues(attrs: dict, ids: dict[str, str]) -> str:
    values = "".join(
        f'<attvalue for="{ids[k]}" value={_attr(v)}/>'
        for k, v in attrs.items()
        if k in ids and v is not None
    )
    return f"<attvalues>{values}</attvalues>" if values else ""


def _rgb(hex_colour: str) -> str:
    value = hex_colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f'<viz:color r="{r}" g="{g}" b="{b}"/>'


def write(graph: nx.MultiDiGraph, path: Path) -> None:
    """Streamed element by element: the file is never held in memory."""
    with open(path, "w", encoding="utf-8") as out:
        _write(graph, out)


def _write(graph: nx.MultiDiGraph, out: IO[str]) -> None:
    out.write("<?xml version='1.0' encoding='UTF-8'?>\n")
    out.write(
        f'<gexf xmlns="{NS_GEXF}" xmlns:viz="{NS_VIZ}" xmlns:xsi="{NS_XSI}" '
        f'xsi:schemaLocation="{NS_GEXF} {NS_GEXF}/gexf.xsd" version="1.3">\n'
    )
    description = escape(f"{graph.graph.get('view', 'graph')} view")
    out.write(
        f'<meta lastmodifieddate="{date.today().isoformat()}">'
        f"<creator>PolicyGraph {escape(__version__)}</creator>"
        f"<description>{description}</description></meta>\n"
    )
    undirected = bool(graph.graph.get("undirected"))
    direction = "undirected" if undirected else "directed"
    out.write(f'<graph mode="static" defaultedgetype="{direction}">\n')
    node_ids = _declare(out, "node", (a for _, a in graph.nodes(data=True)))
    edge_ids = _declare(out, "edge", (a for _, _, a in graph.edges(data=True)))
    out.write(f'<nodes count="{graph.number_of_nodes()}">\n')
    for node, attrs in graph.nodes(data=True):
        # Area grows with degree; the square root keeps hubs from hiding the rest.
        size = 4.0 + 3.0 * math.sqrt(graph.degree(node))
        out.write(
            f"<node id={_attr(node)} label={_attr(attrs.get('label', node))}>"
            f"{_attvalues(attrs, node_ids)}{_rgb(colour(str(attrs.get('kind', ''))))}"
            f'<viz:size value="{size:.2f}"/></node>\n'
        )
    out.write("</nodes>\n")
    out.write(f'<edges count="{graph.number_of_edges()}">\n')
    for index, (u, v, attrs) in enumerate(graph.edges(data=True)):
        extra = f" label={_attr(attrs['label'])}" if "label" in attrs else ""
        weight = attrs.get("weight", attrs.get("count"))
        if isinstance(weight, int | float) and not isinstance(weight, bool):
            extra += f' weight="{float(weight)}"'
        if undirected:
            extra += ' type="undirected"'
        out.write(
            f'<edge id="e{index}" source={_attr(u)} target={_attr(v)}{extra}>'
            f"{_attvalues(attrs, edge_ids)}</edge>\n"
        )
    out.write("</edges>\n</graph>\n</gexf>\n")
