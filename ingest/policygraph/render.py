"""Renderers for tabular results, keyed by format name: table, csv, json."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from typing import IO

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
    write_csv([result], out)
    return out.getvalue()


def render_json(result: SelectResult) -> str:
    out = io.StringIO()
    write_json([result], out)
    return out.getvalue()


def write_csv(parts: Iterable[SelectResult], out: IO[str]) -> None:
    """The parts of one result (same columns), one after another, as one CSV table."""
    writer = csv.writer(out, lineterminator="\n")
    for number, part in enumerate(parts):
        if number == 0:
            writer.writerow(part.columns)
        for row in part.rows:
            writer.writerow(["" if c is None else _plain(c) for c in map(cell, row)])


def write_json(parts: Iterable[SelectResult], out: IO[str]) -> None:
    """The records of the parts as one JSON array (indented by 2), written a part at a time."""
    opened = False
    for part in parts:
        for record in to_records(part):
            text = json.dumps(record, indent=2, ensure_ascii=False).replace("\n", "\n  ")
            out.write((",\n  " if opened else "[\n  ") + text)
            opened = True
    out.write("\n]\n" if opened else "[]\n")


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


def shorten(text: str, width: int) -> str:
    """`text` on one line, cut to `width` characters with an ellipsis: a table cell."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _short(value: object, width: int) -> str:
    return shorten("" if value is None else _plain(value), width)


RENDERERS: dict[str, Callable[[SelectResult], str]] = {
    "table": render_table,
    "csv": render_csv,
    "json": render_json,
}
# formats written as the rows come, for results too large to hold (a table measures every row)
WRITERS: dict[str, Callable[[Iterable[SelectResult], IO[str]], None]] = {
    "csv": write_csv,
    "json": write_json,
}

__all__ = ["RENDERERS", "WRITERS", "to_records"]
