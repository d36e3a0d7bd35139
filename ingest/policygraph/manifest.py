"""Corpus manifests for longitudinal studies: one row per policy version (CSV or JSON Lines).

Columns: `path` (relative to the manifest), `company` and `date` (ISO 8601); other columns are
ignored. Values given here win over what the extractor would find, and
each dated version becomes its own named graph because its text (and so its sha256) differs.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import InputError


@dataclass(frozen=True)
class ManifestEntry:
    path: Path
    company: str | None = None
    date: date | None = None


def read_manifest(path: Path) -> list[ManifestEntry]:
    if not path.is_file():
        raise InputError(path, "manifest not found")
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in {".jsonl", ".json", ".ndjson"}:
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        rows = list(csv.DictReader(text.splitlines()))
    return [_entry(path, number, row) for number, row in enumerate(rows, start=1)]


def _entry(manifest: Path, number: int, row: dict) -> ManifestEntry:
    where = f"row {number}"
    if not row.get("path"):
        raise InputError(manifest, f"{where} has no path")
    try:
        day = date.fromisoformat(row["date"]) if row.get("date") else None
    except ValueError:
        raise InputError(manifest, f"{where}: date {row['date']!r} is not YYYY-MM-DD") from None
    return ManifestEntry(
        path=(manifest.parent / row["path"]).resolve(),
        company=row.get("company") or None,
        date=day,
    )
