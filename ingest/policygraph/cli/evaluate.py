"""The `evaluate` command: extraction quality against an annotated corpus."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import PolicyGraphError
from . import main


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--aspect",
    "aspects",
    multiple=True,
    help="Score only these aspects or prefixes (repeatable), e.g. opp115.purposes.",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the full report (scores and every error) as JSON.",
)
@click.option(
    "--errors",
    "max_errors",
    type=int,
    default=20,
    show_default=True,
    help="How many misses and false positives to print.",
)
def evaluate(
    gold: Path, aspects: tuple[str, ...], report_path: Path | None, max_errors: int
) -> None:
    """Score extraction on a gold JSON Lines file (OPP-115 or GDPR Transparency 200)."""
    from ..evaluation import evaluate as run_evaluation
    from ..evaluation import format_report, report_to_json

    try:
        report = run_evaluation(gold, list(aspects) or None)
    except PolicyGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(format_report(report, max_errors=max_errors).rstrip("\n"))
    if report_path:
        report_path.write_text(json.dumps(report_to_json(report), indent=2), encoding="utf-8")
        click.echo(f"\nfull report: {report_path}")
