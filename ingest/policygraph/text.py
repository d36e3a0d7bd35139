"""Pure text helpers shared by the lexicon and the extractors (no RDF here)."""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"[A-Za-z0-9]+")
LEGAL_FORMS = (
    "inc", "incorporated", "llc", "l l c", "ltd", "limited", "gmbh", "ag", "sa", "s a", "sas",
    "sarl", "bv", "b v", "nv", "plc", "corp", "corporation", "co", "company", "pty", "srl", "spa",
    "oy", "ab", "as", "aps", "kk", "lp", "llp", "pte", "pvt", "private", "se", "ug", "kg",
)  # fmt: skip
_LEGAL_TAIL = re.compile(
    r"(?:[\s,]+(?:" + "|".join(f.replace(" ", r"\.?\s*") for f in LEGAL_FORMS) + r")\.?)+\s*$",
    re.IGNORECASE,
)


# "improving our Service" = "improving the Service"; "your" stays apart ("your name").
_DETERMINERS = {"our": "the", "this": "the", "these": "the", "its": "the"}


def fold(token: str) -> str:
    """Lower-case, fold English plurals so that singular and plural forms meet, and fold the
    company's determiners ("our", "this") into "the"."""
    t = token.lower()
    if t in _DETERMINERS:
        return _DETERMINERS[t]
    if len(t) > 4 and t.endswith("ies"):
        return t[:-3] + "y"
    if t.endswith("ie"):
        return t[:-2] + "y"
    if len(t) > 4 and t.endswith("sses"):
        return t[:-2]
    if len(t) > 3 and t.endswith("s") and not t.endswith(("ss", "us", "is")):
        return t[:-1]
    return t


def tokenize(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


_CAMEL_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")


def split_camel(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Split tokens at case changes: ("pusherTransportTLS", 0, 18) -> pusher, Transport, TLS."""
    out = []
    for token, start, _ in tokens:
        for part in _CAMEL_PART.finditer(token):
            out.append((part.group(), start + part.start(), start + part.end()))
    return out


def strip_legal_form(name: str) -> str:
    """ "Atomical Creative Inc." -> "Atomical Creative"; "Stripe, Inc." -> "Stripe"."""
    stripped = _LEGAL_TAIL.sub("", name.strip()).strip(" ,.")
    return stripped or name.strip()


def slug(name: str) -> str:
    """A stable IRI-safe key for a name: "Atomical Creative Inc." -> atomical-creative."""
    ascii_name = unicodedata.normalize("NFKD", strip_legal_form(name))
    ascii_name = ascii_name.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "unnamed"
