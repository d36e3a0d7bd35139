"""Graph exports: views of the store (views.py) written by one module per format.

Each format module offers `write(graph, path)`; `export_view` builds a view and writes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx
from rdflib import URIRef

from ..store import PolicyStore
from . import cytoscape, dot, gexf, graphml, html, neo4j, nodelink
from .views import VIEWS, build_view

WRITERS: dict[str, Callable[[nx.MultiDiGraph, Path], None]] = {
    "graphml": graphml.write,
    "gexf": gexf.write,
    "cytoscape": cytoscape.write,
    "dot": dot.write,
    "neo4j": neo4j.write,
    "node-link": nodelink.write,
    "html": html.write,
}
GRAPH_FORMATS = tuple(WRITERS)


def export_view(
    store: PolicyStore,
    view: str,
    fmt: str,
    out: Path,
    policies: Iterable[URIRef] = (),
    law: URIRef | None = None,
) -> nx.MultiDiGraph:
    """Build `view` over the selected policies and write it as `fmt` to `out`; returns the view."""
    graph = build_view(store, view, policies, law)
    WRITERS[fmt](graph, Path(out))
    return graph


__all__ = ["GRAPH_FORMATS", "VIEWS", "WRITERS", "build_view", "export_view"]
