"""Neo4j: bulk-import CSVs for `neo4j-admin database import` plus a LOAD CSV script.

`path` is a folder that receives:

- nodes.csv          `id:ID,label,:LABEL,<property>:<type>…`
- relationships.csv  `:START_ID,:END_ID,:TYPE,<property>:<type>…`
- load.cypher        the same data through LOAD CSV, for users without neo4j-admin

Labels come from the node kind (`organisation` -> `Organisation`), relationship types from the
edge relation (`flows-to` -> `FLOWS_TO`). Every node also carries the `PolicyGraph` label so
the Cypher script has one uniqueness constraint to MERGE against.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

BASE_LABEL = "PolicyGraph"
NODE_FIXED = ["id:ID", "label", ":LABEL"]
EDGE_FIXED = [":START_ID", ":END_ID", ":TYPE"]
_ADMIN_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
# How load.cypher converts each neo4j-admin column type from LOAD CSV's strings.
_CYPHER_CONVERT = {"boolean": "toBoolean({})", "long": "toInteger({})", "double": "toFloat({})",
                   "string": "{}"}  # fmt: skip


def node_label(kind: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", kind) if part) or "Node"


def relationship_type(relation: str) -> str:
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", relation)
    return re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").upper() or "RELATED_TO"


def _columns(items: Iterable[dict], skip: set[str]) -> list[tuple[str, str]]:
    types: dict[str, str] = {}
    for attrs in items:
        for name, value in attrs.items():
            if name in skip or value is None:
                continue
            kind = _ADMIN_TYPES.get(type(value), "string")
            types[name] = kind if types.get(name, kind) == kind else "string"
    return sorted(types.items())


def _cell(value: object) -> str:
    if value is None:
        return ""  # neo4j-admin reads an empty unquoted field as "no property"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def node_header(graph: nx.MultiDiGraph) -> list[str]:
    columns = _columns((a for _, a in graph.nodes(data=True)), {"label", "kind"})
    return NODE_FIXED + [f"{name}:{kind}" for name, kind in columns]


def edge_header(graph: nx.MultiDiGraph) -> list[str]:
    columns = _columns((a for _, _, a in graph.edges(data=True)), {"relation"})
    return EDGE_FIXED + [f"{name}:{kind}" for name, kind in columns]


def write(graph: nx.MultiDiGraph, path: Path) -> None:
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    nodes_header = node_header(graph)
    edges_header = edge_header(graph)
    node_props = [h.split(":")[0] for h in nodes_header[3:]]
    edge_props = [h.split(":")[0] for h in edges_header[3:]]
    labels: set[str] = set()
    types: set[str] = set()
    with (folder / "nodes.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(nodes_header)
        for node, attrs in graph.nodes(data=True):
            label = node_label(str(attrs.get("kind", "node")))
            labels.add(label)
            writer.writerow([node, attrs.get("label", node), f"{BASE_LABEL};{label}",
                             *(_cell(attrs.get(p)) for p in node_props)])  # fmt: skip
    with (folder / "relationships.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(edges_header)
        for u, v, attrs in graph.edges(data=True):
            rel = relationship_type(str(attrs.get("relation", "related-to")))
            types.add(rel)
            writer.writerow([u, v, rel, *(_cell(attrs.get(p)) for p in edge_props)])
    (folder / "load.cypher").write_text(
        cypher(nodes_header, edges_header, sorted(labels), sorted(types)), encoding="utf-8"
    )


def _set_clause(variable: str, header: list[str]) -> str:
    parts = []
    for column in header:
        name, _, kind = column.partition(":")
        value = _CYPHER_CONVERT.get(kind or "string", "{}").format(f"row[{_q(column)}]")
        parts.append(f"{variable}.`{name}` = {value}")
    return ", ".join(parts)


def _q(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def cypher(nodes_header: list[str], edges_header: list[str], labels: list[str],
           types: list[str]) -> str:  # fmt: skip
    """LOAD CSV statements for the two files (copy them into Neo4j's import folder first).

    Labels and relationship types cannot be parameters in plain Cypher, so there is one
    statement per label and per type, each filtering the rows that carry it."""
    lines = [
        "// PolicyGraph export: copy nodes.csv and relationships.csv into Neo4j's import",
        "// folder, then run `cypher-shell -f load.cypher` (in Neo4j Browser, prefix each",
        "// CALL with :auto).",
        f"CREATE CONSTRAINT policygraph_id IF NOT EXISTS FOR (n:{BASE_LABEL}) "
        "REQUIRE n.id IS UNIQUE;",
        "",
    ]
    node_set = _set_clause("n", ["label", *nodes_header[3:]])
    for label in labels:
        lines += [
            "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row",
            f"WITH row WHERE row[':LABEL'] = {_q(BASE_LABEL + ';' + label)}",
            f"CALL {{ WITH row MERGE (n:{BASE_LABEL} {{id: row['id:ID']}}) SET n:`{label}`, "
            f"{node_set} }} IN TRANSACTIONS OF 1000 ROWS;",
            "",
        ]
    edge_set = _set_clause("r", edges_header[3:])
    for rel in types:
        set_part = f" SET {edge_set}" if edge_set else ""
        lines += [
            "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row",
            f"WITH row WHERE row[':TYPE'] = {_q(rel)}",
            f"CALL {{ WITH row MATCH (a:{BASE_LABEL} {{id: row[':START_ID']}}), "
            f"(b:{BASE_LABEL} {{id: row[':END_ID']}}) CREATE (a)-[r:`{rel}`]->(b){set_part} }} "
            "IN TRANSACTIONS OF 1000 ROWS;",
            "",
        ]
    return "\n".join(lines)
