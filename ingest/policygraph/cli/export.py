"""The `export` command: the store as RDF, or a graph view for graph viewers and databases."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import PolicyGraphError
from ..store import FORMATS
from . import main
from . import open_store as _open
from . import store_option as _store_option

# Listed here rather than imported so `policygraph --help` does not load lxml and networkx.
_GRAPH_FORMATS = ("graphml", "gexf", "cytoscape", "dot", "neo4j", "node-link", "html")
_VIEWS = ("full", "practices", "recipients", "data-flows", "co-occurrence")


def _iri(name: str, value: str):
    from ..query import Param, to_term

    return to_term(Param(name, "iri", False, ""), value)


@main.command("export")
@_store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS) + list(_GRAPH_FORMATS)),
    help="RDF: nquads (default), trig, turtle, ntriples, jsonld. With --view: graphml "
    "(default), gexf, cytoscape, dot, neo4j (a folder), node-link, html.",
)
@click.option("--graph", help="One named graph (IRI); needed for turtle/ntriples.")
@click.option("--view", type=click.Choice(_VIEWS), help="Export a graph view instead of RDF.")
@click.option(
    "--policy",
    "policies",
    multiple=True,
    metavar="IRI",
    help="Only this policy (policy or graph IRI/CURIE); repeatable. With --view.",
)
@click.option(
    "--law",
    metavar="IRI",
    help="Only policies naming this law (e.g. legal-eu:law-GDPR). With --view.",
)
@click.option("--out", type=click.Path(path_type=Path), required=True)
def export(store_path: Path, fmt: str | None, graph: str | None, view: str | None,
           policies: tuple[str, ...], law: str | None, out: Path) -> None:  # fmt: skip
    """Write the store as RDF, or a view (--view) for Gephi, yEd, Cytoscape, Graphviz, Neo4j
    or a browser."""
    from rdflib import URIRef

    store = _open(store_path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if view is None:
            if fmt in _GRAPH_FORMATS or policies or law:
                raise click.UsageError("--format graph formats, --policy and --law need --view")
            store.dump(out, fmt or "nquads", URIRef(graph) if graph else None)
        else:
            from ..export import export_view

            if fmt in FORMATS or graph:
                raise click.UsageError("--view writes graph formats; use --policy, not --graph")
            result = export_view(
                store, view, fmt or "graphml", out,
                policies=[_iri("policy", p) for p in policies],
                law=_iri("law", law) if law else None,
            )  # fmt: skip
            click.echo(f"{view}: {result.number_of_nodes()} nodes, "
                       f"{result.number_of_edges()} edges", err=True)  # fmt: skip
    except PolicyGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"{out}: cannot write ({exc.strerror or exc})") from exc
    click.echo(f"wrote {out}")
