"""GraphML: networkx's writer, plus yEd's `y:` node and edge graphics so yEd shows labels.

yEd ignores plain `<data>` keys when drawing; it draws only its own `yfiles.type` keys. The
networkx output is post-processed with lxml: node ids become `n0, n1 …` (GraphML ids are
NMTOKENs, and ours hold `/`), and each node and edge gets a ShapeNode / PolyLineEdge with its
label and kind colour. networkx's read_graphml understands these keys too.
"""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
from lxml import etree

from .views import colour

NS_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
NS_Y = "http://www.yworks.com/xml/graphml"
_G = f"{{{NS_GRAPHML}}}"
_Y = f"{{{NS_Y}}}"
_GRID = 400  # nodes per row in the initial grid; yEd users run a layout anyway


def dumps(graph: nx.MultiDiGraph) -> bytes:
    # networkx's lxml writer streams; its ElementTree one pretty-prints 10x slower.
    buffer = io.BytesIO()
    nx.write_graphml_lxml(graph, buffer, prettyprint=False)
    # lxml cannot add a namespace to a parsed element, and moving 100,000 nodes under a new
    # root reconciles namespaces node by node (minutes); so declare y: in the text itself.
    source = buffer.getvalue().replace(b"<graphml ", f'<graphml xmlns:y="{NS_Y}" '.encode(), 1)
    del buffer
    parser = etree.XMLParser(huge_tree=True, remove_blank_text=True)
    root = etree.fromstring(source, parser)
    del source
    graph_element = root.find(_G + "graph")
    for scope, kind in (("node", "nodegraphics"), ("edge", "edgegraphics")):
        key = etree.Element(_G + "key", {"for": scope, "id": f"y_{scope}", "yfiles.type": kind})
        graph_element.addprevious(key)
    keys = root.iterfind(_G + "key")
    edge_label = next(
        (k.get("id") for k in keys if k.get("for") == "edge" and k.get("attr.name") == "label"),
        None,
    )
    ids: dict[str, str] = {}
    for index, node in enumerate(graph_element.iterfind(_G + "node")):
        old = node.get("id")
        ids[old] = f"n{index}"
        node.set("id", ids[old])
        attrs = graph.nodes[old]
        node.append(_shape_node(attrs, index))
    for edge in graph_element.iterfind(_G + "edge"):
        edge.set("source", ids[edge.get("source")])
        edge.set("target", ids[edge.get("target")])
        label = next((d.text for d in edge if d.get("key") == edge_label), None)
        edge.append(_poly_line_edge(label))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _shape_node(attrs: dict, index: int) -> etree._Element:
    label = str(attrs.get("label", ""))
    data = etree.Element(_G + "data", key="y_node")
    shape = etree.SubElement(data, _Y + "ShapeNode")
    width = max(40, 7 * min(len(label), 40) + 16)
    etree.SubElement(shape, _Y + "Geometry", x=str((index % _GRID) * 200),
                     y=str((index // _GRID) * 60), width=str(width), height="30")  # fmt: skip
    etree.SubElement(shape, _Y + "Fill", color=colour(str(attrs.get("kind", ""))),
                     transparent="false")  # fmt: skip
    node_label = etree.SubElement(shape, _Y + "NodeLabel")
    node_label.text = label
    etree.SubElement(shape, _Y + "Shape", type="roundrectangle")
    return data


def _poly_line_edge(label: str | None) -> etree._Element:
    data = etree.Element(_G + "data", key="y_edge")
    line = etree.SubElement(data, _Y + "PolyLineEdge")
    etree.SubElement(line, _Y + "Arrows", source="none", target="standard")
    if label:
        etree.SubElement(line, _Y + "EdgeLabel").text = label
    return data


def write(graph: nx.MultiDiGraph, path: Path) -> None:
    Path(path).write_bytes(dumps(graph))
