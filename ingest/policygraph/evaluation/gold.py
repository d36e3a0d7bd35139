"""Reading the gold files: OPP-115 and GDPR Transparency 200 records as one `GoldPolicy` type."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from .scoring import Span

OPP115 = "opp115"
GDPR = "gdpr-t200"
REQUIREMENTS_KEY = "requirements"  # the one gold key of a GDPR-T200 policy

# A discontinuous gold span is written "collection [...] of data" or "collection PLACEHOLDER of
# data" (GDPR-T200 uses both); its parts must be this close.
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\bPLACEHOLDER\b)\s*")
_MAX_GAP = 400


@dataclass
class GoldPolicy:
    id: str
    corpus: str  # OPP115 | GDPR
    text: str
    # key ("data_types", "purposes", …, or REQUIREMENTS_KEY) -> label -> evidence spans
    gold: dict[str, dict[str, list[Span]]] = field(default_factory=dict)

    def labels(self, key: str) -> dict[str, list[Span]]:
        return self.gold.get(key, {})


def load_gold(path: Path) -> list[GoldPolicy]:
    """Every record of a JSON Lines gold file; the corpus is detected per record."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (invalid byte at offset {exc.start})") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror or exc})") from exc
    policies = []
    for number, line in enumerate(text.split("\n"), 1):  # not splitlines: JSON keeps U+2028
        if line.strip():
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"line {number}: not JSON ({exc.msg})") from exc
            policies.append(_record(record, path, number))
    return policies


def detect_corpus(record: dict) -> str | None:
    source = str(record.get("source", "")).lower()
    if "opp" in source or "gold_by_category" in record or "segments" in record:
        return OPP115
    if "gdpr" in source or "passages" in record:
        return GDPR
    return None


def _record(record: dict, path: Path, number: int) -> GoldPolicy:
    corpus = detect_corpus(record)
    if corpus is None or "text" not in record:
        raise InputError(str(path), f"line {number}: neither an OPP-115 nor a GDPR-T200 record")
    text = record["text"]
    if corpus == OPP115:
        gold = {key: _labels(text, values) for key, values in record.get("gold", {}).items()}
    else:
        gold = {REQUIREMENTS_KEY: _labels(text, record.get("gold", {}))}
    return GoldPolicy(str(record.get("id", f"line-{number}")), corpus, text, gold)


def _labels(text: str, values) -> dict[str, list[Span]]:
    # OPP-115 keys such as named_third_party_mentions are free text, not label -> spans.
    if not isinstance(values, dict):
        return {}
    return {
        label: [_span(text, s) for s in spans if isinstance(s, dict)]
        for label, spans in values.items()
        if isinstance(spans, list)
    }


def _span(text: str, item: dict) -> Span:
    quote = str(item.get("text", ""))
    if item.get("start") is not None and item.get("end") is not None:
        return Span(int(item["start"]), int(item["end"]), quote)
    start, end = locate(text, quote)
    return Span(start, end, quote)


def locate(text: str, quote: str) -> tuple[int | None, int | None]:
    """Place a gold span given only as text: its parts in order (split at the gap markers), each
    found after the previous one, ignoring case, runs of whitespace, curly versus straight quotes
    and the backslashes of escaped quotes. (None, None) when it cannot be placed.

    This uses the gold text only to find the gold span's own position, never to score."""
    parts = [_normalise(p)[0] for p in _ELLIPSIS.split(quote.strip())]
    parts = [p for p in parts if p.strip()]
    if not parts:
        return None, None
    flat, origin = _normalised_text(text)
    first = flat.find(parts[0])
    while first >= 0:
        end = _rest(flat, parts[1:], first + len(parts[0]))
        if end is not None:
            return origin[first], origin[end - 1] + 1
        first = flat.find(parts[0], first + 1)
    return None, None


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\\": None})


def _normalise(text: str) -> tuple[str, list[int]]:
    """The text lower-cased with quotes straightened, backslashes dropped and whitespace runs
    made one space, and for each of its characters the index it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        for out in char.translate(_QUOTES).lower():
            chars.append(out)
            origin.append(index)
    return "".join(chars), origin


# every span of a policy is placed in the same text: normalise it once
_normalised_text = lru_cache(maxsize=2)(_normalise)


def _rest(flat: str, parts: list[str], position: int) -> int | None:
    for part in parts:
        found = flat.find(part, position)
        if found < 0 or found - position > _MAX_GAP:
            return None
        position = found + len(part)
    return position
