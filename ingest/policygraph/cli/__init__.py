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
from ..render import RENDERERS
from ..store import PolicyStore

DEFAULT_STORE = "policygraph-store"


def store_option(f):
    return click.option(
        "--store",
        "store_path",
        default=lambda: os.environ.get("POLICYGRAPH_STORE", DEFAULT_STORE),
        show_default=f"$POLICYGRAPH_STORE or ./{DEFAULT_STORE}",
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder of the embedded Oxigraph store.",
    )(f)


def format_option(f):
    return click.option(
        "--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="table",
        show_default=True, help="Output format.",
    )(f)  # fmt: skip


def open_store(store_path: Path, *, must_exist: bool = True) -> PolicyStore:
    if must_exist and not store_path.exists():
        raise click.ClickException(
            f"no store at {store_path}; run `policygraph ingest PATH --store {store_path}` first"
        )
    try:
        return PolicyStore(store_path)
    except PolicyGraphError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group()
@click.version_option(__version__, prog_name="policygraph")
def main() -> None:
    """Turn privacy policies into a provenance-linked DPV knowledge graph."""


# Command modules register themselves on `main` when imported.
from . import audit, core, evaluate, export, report, serve  # noqa: E402, F401
