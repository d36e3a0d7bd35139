"""Core commands: ingest, info, queries, query, validate, export, import."""

from __future__ import annotations

import sys
import time
from itertools import chain
from pathlib import Path

import click

from ..corpus import ingest as ingest_corpus
from ..errors import PolicyGraphError
from ..query import catalogue, joined, query_parts, run_query
from ..read import survey
from ..render import RENDERERS, WRITERS
from ..store import FORMATS, SelectResult
from ..validate import validate_store
from . import format_option as _format_option
from . import main
from . import open_store as _open
from . import store_option as _store_option


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_store_option
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Pipeline TOML (default: the packaged default_pipeline.toml).",
)
@click.option("--force", is_flag=True, help="Re-extract files whose text has not changed.")
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV or JSON Lines with path, company, date per policy version.",
)
@click.option(
    "--workers", type=click.IntRange(1), default=1, show_default=True, help="Extraction processes."
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler (tcp://host:8786) to run extraction on; needs policygraph[dask].",
)
def ingest(
    paths: tuple[Path, ...],
    store_path: str,
    config: Path | None,
    force: bool,
    manifest: Path | None,
    workers: int,
    scheduler: str | None,
) -> None:
    """Extract policies (.txt, .md, .html files or folders) into the store."""
    from ..lexicon import default_lexicon
    from ..manifest import read_manifest
    from ..pipeline import Pipeline

    store = _open(store_path, must_exist=False)
    try:
        Pipeline.from_config(default_lexicon(), config)  # fail on a bad config before any work
    except PolicyGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    items: list = list(paths)
    if manifest:
        try:
            items += read_manifest(manifest)
        except PolicyGraphError as exc:
            raise click.ClickException(str(exc)) from exc
    if not items:
        raise click.UsageError("give PATHS or --manifest")
    policies, skipped = survey(paths)
    progress = Progress(policies + len(items) - len(paths))
    try:
        report = ingest_corpus(
            items, store, config=config, workers=workers, force=force, on_progress=progress,
            scheduler=scheduler,
        )  # fmt: skip
    except PolicyGraphError as exc:  # an unreachable scheduler or SPARQL server
        raise click.ClickException(str(exc)) from exc
    progress.close()
    for path, reason in report.failed:
        if path not in progress.reported:
            click.echo(f"error: {path}: {reason}", err=True)
    click.echo(
        f"{len(report.ingested)} ingested, {len(report.unchanged)} unchanged, "
        f"{len(report.failed)} failed; {report.practices} practices, {report.triples} triples "
        f"-> {store_path}"
    )
    if skipped:
        click.echo(
            f"note: {len(skipped)} file(s) in the folders are not .txt, .md or .html and were"
            f" not read, e.g. {skipped[0]}",
            err=True,
        )
    if not report.ok:
        sys.exit(1)


class Progress:
    """Errors as they happen; on a terminal, a live line with count, rate and time left."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.reported = total, 0, set()
        self.start = self.shown = time.monotonic()
        self.live = sys.stderr.isatty()

    def __call__(self, result) -> None:
        self.done += 1
        if result is not None and result.error is not None:
            self.reported.add(result.path)
            click.echo(f"\rerror: {result.path}: {result.error}", err=True)
        self.show()

    def policies_done(self, done: int, total: int) -> None:
        """For a query run one policy at a time."""
        self.done, self.total = done, total
        self.show()

    def show(self) -> None:
        now = time.monotonic()
        if self.live and now - self.shown > 0.5:
            self.shown = now
            rate = self.done / (now - self.start)
            left = (self.total - self.done) / rate if rate else 0
            click.echo(
                f"\r{self.done}/{self.total} policies  {rate:.1f}/s  "
                f"{int(left // 60)}:{int(left % 60):02d} left ",
                err=True,
                nl=False,
            )

    def close(self) -> None:
        if self.live:
            click.echo("\r" + " " * 60 + "\r", err=True, nl=False)


@main.command()
@_store_option
def info(store_path: str) -> None:
    """What the store holds."""
    store = _open(store_path)
    result = run_query(store, "policies")
    click.echo(f"store: {store_path}")
    click.echo(f"policies: {len(result.rows)}")
    click.echo(f"quads: {store.count_quads()}")


@main.command("queries")
@_format_option
def list_queries(fmt: str) -> None:
    """List the query catalogue with parameters."""
    from rdflib import Literal

    rows = [
        [Literal(q.name), Literal(q.title),
         Literal(", ".join(f"{p.name}:{p.type}{'' if p.required else '?'}" for p in q.params))]
        for q in catalogue().values()
    ]  # fmt: skip
    click.echo(RENDERERS[fmt](SelectResult(["name", "title", "parameters"], rows)), nl=False)


@main.command()
@click.argument("name")
@_store_option
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="Bind a query parameter (repeatable).",
)
@_format_option
def query(name: str, store_path: str, params: tuple[str, ...], fmt: str) -> None:
    """Run a catalogue query NAME or a FILE.rq."""
    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        values[key] = value
    store = _open(store_path)
    progress = Progress(0)
    progress.live = progress.live and not sys.stdout.isatty()  # not over rows on the screen
    parts = query_parts(store, name, values, progress=progress.policies_done)
    try:
        result = next(parts)
    except PolicyGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    if isinstance(result, bool):
        click.echo("true" if result else "false")
    elif isinstance(result, SelectResult) and fmt in WRITERS:
        WRITERS[fmt](chain([result], parts), sys.stdout)
    elif isinstance(result, SelectResult):
        click.echo(RENDERERS[fmt](joined(result, parts)), nl=False)
    else:
        click.echo(result.serialize(format="turtle"), nl=False)
    progress.close()


@main.command()
@_store_option
@_format_option
def validate(store_path: str, fmt: str) -> None:
    """Check every policy graph against the integrity shapes (exit 1 on violations)."""
    from rdflib import Literal

    store = _open(store_path)
    report = validate_store(store)
    if report.findings:
        rows = [[Literal(f.graph), Literal(f.severity), Literal(f.focus), Literal(f.path),
                 Literal(f.message)] for f in report.findings]  # fmt: skip
        result = SelectResult(["graph", "severity", "focus", "path", "message"], rows)
        click.echo(RENDERERS[fmt](result), nl=False)
    verdict = "conforms" if report.conforms else "does not conform"
    click.echo(f"{report.checked} policy graphs checked: {verdict}", err=fmt != "table")
    if not report.conforms:
        sys.exit(1)


@main.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default=None,
    help="RDF format (default: from the file extension).",
)
@click.option("--graph", help="Named graph IRI for single-graph formats.")
def import_rdf(path: Path, store_path: str, fmt: str | None, graph: str | None) -> None:
    """Import RDF (N-Quads, TriG, Turtle, N-Triples, JSON-LD) into the store."""
    from rdflib import URIRef

    store = _open(store_path, must_exist=False)
    try:
        store.load(path, fmt, URIRef(graph) if graph else None)
    except PolicyGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    store.flush()
    click.echo(f"loaded {path}")


@main.command()
@click.argument("old")
@click.argument("new")
@_store_option
@_format_option
def diff(old: str, new: str, store_path: str, fmt: str) -> None:
    """Practices, recipients, rights and laws added or removed between two policies.

    OLD and NEW are policy IRIs or the source paths they were ingested from.
    """
    from rdflib import Literal

    from ..diff import diff_policies, resolve_policy

    store = _open(store_path)
    try:
        changes = diff_policies(store, resolve_policy(store, old), resolve_policy(store, new))
    except PolicyGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    rows = [[Literal(c.change), Literal(c.aspect), Literal(c.describe())] for c in changes]
    click.echo(RENDERERS[fmt](SelectResult(["change", "aspect", "statement"], rows)), nl=False)
