"""GEXF 1.3 (Gephi), with viz:color by kind and viz:size by degree.

Our own writer: networkx writes 1.2draft by default, and its 1.3 mode declares a wrong xsi
namespace (`http://w3.org/…`), which schema validators reject. Attribute columns are declared
from the values present (integer, double, boolean, string); None never reaches the file.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import networkx as nx
from lxml import etree

from .. import __version__
from .views import colour

NS_GEXF = "http://gexf.net/1.3"
NS_VIZ = "http://gexf.net/1.3/viz"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_G = f"{{{NS_GEXF}}}"
_V = f"{{{NS_VIZ}}}"
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


def _declare(parent: etree._Element, scope: str, items) -> dict[str, str]:
    types: dict[str, str] = {}
    for attrs in items:
        for name, value in attrs.items():
            if name in _RESERVED[scope] or value is None:
                continue
            kind = _type(value)
            # Mixed types in one column fall back to string, which every reader accepts.
            types[name] = kind if types.get(name, kind) == kind else "string"
    element = etree.SubElement(parent, _G + "attributes", {"class": scope, "mode": "static"})
    ids = {}
    for index, (name, kind) in enumerate(sorted(types.items())):
        ids[name] = f"{scope[0]}{index}"
        etree.SubElement(element, _G + "attribute", id=ids[name], title=name, type=kind)
    return ids


def _attvalues(element: etree._Element, attrs: dict, ids: dict[str, str]) -> None:
    values = [(ids[k], _text(v)) for k, v in attrs.items() if k in ids and v is not None]
    if values:
        container = etree.SubElement(element, _G + "attvalues")
        for key, value in values:
            etree.SubElement(container, _G + "attvalue", {"for": key, "value": value})


def _rgb(hex_colour: str) -> dict[str, str]:
    value = hex_colour.lstrip("#")
    return {"r": str(int(value[0:2], 16)), "g": str(int(value[2:4], 16)),
            "b": str(int(value[4:6], 16))}  # fmt: skip


def dumps(graph: nx.MultiDiGraph) -> bytes:
    root = etree.Element(_G + "gexf", nsmap={None: NS_GEXF, "viz": NS_VIZ, "xsi": NS_XSI},
                         version="1.3")  # fmt: skip
    root.set(f"{{{NS_XSI}}}schemaLocation", f"{NS_GEXF} {NS_GEXF}/gexf.xsd")
    meta = etree.SubElement(root, _G + "meta", lastmodifieddate=date.today().isoformat())
    etree.SubElement(meta, _G + "creator").text = f"PolicyGraph {__version__}"
    etree.SubElement(meta, _G + "description").text = f"{graph.graph.get('view', 'graph')} view"
    undirected = bool(graph.graph.get("undirected"))
    element = etree.SubElement(
        root,
        _G + "graph",
        mode="static",
        defaultedgetype="undirected" if undirected else "directed",
    )
    node_ids = _declare(element, "node", (a for _, a in graph.nodes(data=True)))
    edge_ids = _declare(element, "edge", (a for _, _, a in graph.edges(data=True)))
    nodes = etree.SubElement(element, _G + "nodes", count=str(graph.number_of_nodes()))
    for node, attrs in graph.nodes(data=True):
        item = etree.SubElement(nodes, _G + "node", id=str(node),
                                label=str(attrs.get("label", node)))  # fmt: skip
        _attvalues(item, attrs, node_ids)
        etree.SubElement(item, _V + "color", _rgb(colour(str(attrs.get("kind", "")))))
        # Area grows with degree; the square root keeps hubs from hiding the rest.
        size = 4.0 + 3.0 * math.sqrt(graph.degree(node))
        etree.SubElement(item, _V + "size", value=f"{size:.2f}")
    edges = etree.SubElement(element, _G + "edges", count=str(graph.number_of_edges()))
    for index, (u, v, attrs) in enumerate(graph.edges(data=True)):
        item = etree.SubElement(edges, _G + "edge", id=f"e{index}", source=str(u),
                                target=str(v))  # fmt: skip
        if "label" in attrs:
            item.set("label", str(attrs["label"]))
        weight = attrs.get("weight", attrs.get("count"))
        if isinstance(weight, int | float) and not isinstance(weight, bool):
            item.set("weight", str(float(weight)))
        if undirected:
            item.set("type", "undirected")
        _attvalues(item, attrs, edge_ids)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write(graph: nx.MultiDiGraph, path: Path) -> None:
    Path(path).write_bytes(dumps(graph))
