"""GraphML for Cytoscape, Gephi and yEd, written element by element.

The keys and data follow networkx's writer (so `nx.read_graphml` reads the same attributes back),
plus yEd's `y:` node and edge graphics: yEd draws only its own `yfiles.type` keys, so each node
gets a ShapeNode with its label and kind colour and each edge a PolyLineEdge with its label.
Node ids become `n0, n1 …` (GraphML ids are NMTOKENs, and ours hold `/`).

The file is streamed: nothing but the view's graph and its id map is held, so the 1M-node `full`
view of 10,000 policies writes in constant memory (parsing it back into a tree took 20+ GB).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr

import networkx as nx

from .views import colour

NS_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
NS_Y = "http://www.yworks.com/xml/graphml"
_NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA = f"{NS_GRAPHML} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
_GRID = 400  # nodes per row in the initial grid; yEd users run a layout anyway
# networkx's names for Python types: reading back gives the same type
_XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # no XML 1.0 document holds these


def escape(text: str) -> str:
    """Element text, without the characters XML 1.0 forbids."""
    return _escape(_NOT_XML.sub("", text))


def attribute(text: str) -> str:
    """A quoted attribute value, without the characters XML 1.0 forbids."""
    return quoteattr(_NOT_XML.sub("", text))


def write(graph: nx.MultiDiGraph, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        _write(graph, out)


def _write(graph: nx.MultiDiGraph, out: IO[str]) -> None:
    keys = _keys(graph)
    out.write("<?xml version='1.0' encoding='UTF-8'?>\n")
    out.write(
        f'<graphml xmlns="{NS_GRAPHML}" xmlns:xsi="{_NS_XSI}" xmlns:y="{NS_Y}" '
        f'xsi:schemaLocation="{_SCHEMA}">\n'
    )
    for (name, xml_type, scope), key_id in keys.items():
        out.write(
            f'<key id="{key_id}" for="{scope}" attr.name={attribute(name)} '
            f'attr.type="{xml_type}"/>\n'
        )
    out.write('<key for="node" id="y_node" yfiles.type="nodegraphics"/>\n')
    out.write('<key for="edge" id="y_edge" yfiles.type="edgegraphics"/>\n')
    direction = "directed" if graph.is_directed() else "undirected"
    out.write(f'<graph edgedefault="{direction}">\n')
    out.write(_data(graph.graph, "graph", keys))
    ids: dict[Any, str] = {}
    for index, (node, attrs) in enumerate(graph.nodes(data=True)):
        ids[node] = f"n{index}"
        out.write(f'<node id="{ids[node]}">{_data(attrs, "node", keys)}')
        out.write(_shape_node(attrs, index))
        out.write("</node>\n")
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        out.write(
            f'<edge id={attribute(str(key))} source="{ids[source]}" target="{ids[target]}">'
            f"{_data(attrs, 'edge', keys)}{_poly_line_edge(attrs.get('label'))}</edge>\n"
        )
    out.write("</graph>\n</graphml>\n")


def _keys(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], str]:
    """(attribute, GraphML type, scope) -> key id, in order of first use, as networkx names them."""
    keys: dict[tuple[str, str, str], str] = {}

    def see(attrs: dict, scope: str) -> None:
        for name, value in attrs.items():
            entry = (str(name), _xml_type(value), scope)
            if entry not in keys:
                keys[entry] = f"d{len(keys)}"

    see(_graph_data(graph.graph), "graph")
    for _, attrs in graph.nodes(data=True):
        see(attrs, "node")
    for _, _, attrs in graph.edges(data=True):
        see(attrs, "edge")
    return keys


def _graph_data(attrs: dict) -> dict:
    return {k: v for k, v in attrs.items() if k not in ("node_default", "edge_default", "id")}


def _xml_type(value: Any) -> str:
    xml_type = _XML_TYPES.get(type(value))
    if xml_type is None:
        raise nx.NetworkXError(f"GraphML writer does not support {type(value)} as data values.")
    return xml_type


def _data(attrs: dict, scope: str, keys: dict[tuple[str, str, str], str]) -> str:
    if scope == "graph":
        attrs = _graph_data(attrs)
    return "".join(
        f'<data key="{keys[(str(name), _xml_type(value), scope)]}">{escape(str(value))}</data>'
        for name, value in attrs.items()
    )


def _shape_node(attrs: dict, index: int) -> str:
    label = str(attrs.get("label", ""))
    width = max(40, 7 * min(len(label), 40) + 16)
    fill = colour(str(attrs.get("kind", "")))
    return (
        '<data key="y_node"><y:ShapeNode>'
        f'<y:Geometry x="{(index % _GRID) * 200}" y="{(index // _GRID) * 60}" '
        f'width="{width}" height="30"/>'
        f'<y:Fill color="{fill}" transparent="false"/>'
        f"<y:NodeLabel>{escape(label)}</y:NodeLabel>"
        '<y:Shape type="roundrectangle"/></y:ShapeNode></data>'
    )


def _poly_line_edge(label: Any) -> str:
    text = f"<y:EdgeLabel>{escape(str(label))}</y:EdgeLabel>" if label else ""
    return (
        '<data key="y_edge"><y:PolyLineEdge><y:Arrows source="none" target="standard"/>'
        f"{text}</y:PolyLineEdge></data>"
    )
