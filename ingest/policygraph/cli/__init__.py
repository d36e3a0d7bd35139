"""The `policygraph` command: one click group, one module per command group.

Each command is a thin wrapper around a library function that returns data; domain errors
(PolicyGraphError) become one-line ClickExceptions here and nowhere else.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from .. import __version__
from ..errors import PolicyGraphError
from ..remote import RemoteStore
from ..render import RENDERERS
from ..store import PolicyStore
from ..store import open_store as open_any_store

DEFAULT_STORE = "policygraph-store"


def store_option(f):
    return click.option(
        "--store",
        "store_path",
        default=lambda: os.environ.get("POLICYGRAPH_STORE", DEFAULT_STORE),
        show_default=f"$POLICYGRAPH_STORE or ./{DEFAULT_STORE}",
        type=str,  # a folder or an http(s):// URL, so not a click.Path
        help="Folder of the embedded Oxigraph store, or http(s):// URL of a SPARQL 1.1 server.",
    )(f)


def format_option(f):
    return click.option(
        "--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="table",
        show_default=True, help="Output format.",
    )(f)  # fmt: skip


def open_store(store_path: str | Path, *, must_exist: bool = True) -> PolicyStore | RemoteStore:
    """The store behind --store: an embedded folder, or a SPARQL server for an http(s):// URL."""
    remote = str(store_path).startswith(("http://", "https://"))
    if must_exist and not remote and not Path(store_path).exists():
        raise click.ClickException(
            f"no store at {store_path}; run `policygraph ingest PATH --store {store_path}` first"
        )
    try:
        store = open_any_store(store_path)
        if remote:
            store.query("ASK {}")  # one cheap request: an unreachable server fails here, clearly
    except PolicyGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    if (ctx := click.get_current_context(silent=True)) is not None:
        ctx.call_on_close(store.close)  # also when the command fails
    return store


@click.group()
@click.version_option(__version__, prog_name="policygraph")
def main() -> None:
    """Turn privacy policies into a provenance-linked DPV knowledge graph."""


# Command modules register themselves on `main` when imported.
from . import audit, core, evaluate, export, report, serve  # noqa: E402, F401
