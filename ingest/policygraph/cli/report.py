"""The `report` command: an HTML report with charts, network analytics and CSV tables."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import PolicyGraphError
from . import main
from . import open_store as _open
from . import store_option as _store_option


@main.command("report")
@_store_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for index.html, charts/ and the CSV files.",
)
@click.option(
    "--max-cards",
    type=click.IntRange(0),
    default=60,
    show_default=True,
    help="Policy cards (each with a drawing of its practices graph).",
)
def report(store_path: Path, out: Path, max_cards: int) -> None:
    """Write an HTML report: recipients, data by purpose, laws, rights, retention, analytics."""
    from ..report import build_report

    store = _open(store_path)
    try:
        result = build_report(store, out, max_cards=max_cards)
    except PolicyGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {result.index} ({result.policies} policies, {len(result.charts)} charts, "
               f"{result.cards} cards, {len(result.tables)} CSV files)")  # fmt: skip
