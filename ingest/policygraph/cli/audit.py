"""The `audit` command: what each policy fails to disclose, by law (SHACL)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import PolicyGraphError
from . import main
from . import open_store as _open
from . import store_option as _store_option


@main.command()
@click.argument("policies", nargs=-1)
@_store_option
@click.option("--law", default="auto", show_default=True,
              help="auto (laws the policy names or targets), all, gdpr, ccpa, consistency, "
                   "or a comma list.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "html"]),
              default="table", show_default=True)  # fmt: skip
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True)
@click.option("--no-save", is_flag=True, help="Do not store the audit graphs.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report here instead of standard output.")  # fmt: skip
def audit(
    policies: tuple[str, ...],
    store_path: Path,
    law: str,
    fmt: str,
    workers: int,
    no_save: bool,
    out: Path | None,
) -> None:
    """Audit POLICY IRIs (default: every policy) against GDPR Art. 13/14 and CCPA/CPRA.

    Prints requirement, status (met / partial / missing / not-applicable / conflict) and the
    evidence quote or the reason. Exit status: 0 all met, 1 a Violation-level requirement is not
    met, 2 only Warnings are.
    """
    from rdflib import URIRef

    from ..audit import audit_store, render_audit

    store = _open(store_path)
    try:
        report = audit_store(
            store, [URIRef(p) for p in policies] or None, law, workers, save=not no_save
        )
        text = render_audit(report, fmt)
    except PolicyGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}")
    else:
        click.echo(text, nl=False)
    sys.exit(report.exit_code)
