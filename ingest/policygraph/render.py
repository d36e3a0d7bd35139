"""Renderers for tabular results, keyed by format name: table, csv, json."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from rdflib import Literal
from rdflib.term import Node

from .store import SelectResult


def cell(term: Node | None) -> str | int | float | bool | None:
    """A plain Python value: IRIs as strings, typed literals as numbers/booleans where apt."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float):
            return value
        return str(term)
    return str(term)


def to_records(result: SelectResult) -> list[dict[str, object]]:
    return [dict(zip(result.columns, map(cell, row), strict=True)) for row in result.rows]


def render_csv(result: SelectResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(["" if c is None else _plain(c) for c in map(cell, row)])
    return out.getvalue()


def render_json(result: SelectResult) -> str:
    return json.dumps(to_records(result), indent=2, ensure_ascii=False) + "\n"


def render_table(result: SelectResult, width: int = 60) -> str:
    rows = [[_short(c, width) for c in map(cell, row)] for row in result.rows]
    widths = [max([len(col)] + [len(r[i]) for r in rows]) for i, col in enumerate(result.columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True))
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    footer = f"({len(rows)} row{'s' if len(rows) != 1 else ''})"
    return "\n".join([line, sep, *body, footer]) + "\n"


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _short(value: object, width: int) -> str:
    text = "" if value is None else _plain(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


RENDERERS: dict[str, Callable[[SelectResult], str]] = {
    "table": render_table,
    "csv": render_csv,
    "json": render_json,
}

__all__ = ["RENDERERS", "to_records"]
