"""Sentence spans in a run of text: punctuation that ends a sentence, and lines that do."""

from __future__ import annotations

import re

from .lines import BARE_HEADING_WORDS, NEXT_CHAR, ends_sentence

# Abbreviations after which a period never ends a sentence.
_HARD_ABBREVIATIONS = {
    "e.g.", "i.e.", "eg.", "ie.", "mr.", "mrs.", "ms.", "dr.", "st.", "vs.", "approx.", "cf.",
    "fig.", "al.", "jr.", "sr.", "prof.", "viz.", "resp.", "ca.", "nos.", "art.", "sec.",
    "para.", "pp.", "vol.", "ch.", "incl.", "esp.", "dept.", "ave.", "blvd.", "rd.", "tel.",
}  # fmt: skip
# ... or only before a number ("No. 5", "Jan. 28")
_NUMBER_ABBREVIATIONS = {
    "no.", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.",
    "nov.", "dec.", "p.",
}  # fmt: skip
# ... or that end a sentence only when a typical sentence opening follows ("Acme Inc. We ...")
_SOFT_ABBREVIATIONS = {
    "inc.", "ltd.", "co.", "corp.", "llc.", "plc.", "u.s.", "u.k.", "e.u.", "u.s.a.", "s.a.",
    "b.v.", "n.v.", "gmbh.", "l.l.c.", "pty.", "bros.",
}  # fmt: skip
_STARTERS = {
    "we", "our", "you", "your", "this", "these", "the", "if", "in", "it", "its", "for", "to",
    "please", "they", "all", "any", "when", "where", "such", "some", "as", "at", "by", "with",
    "however", "also", "each", "note", "that", "those", "a", "an", "there", "here", "unless",
    "except", "after", "before", "since", "while", "although", "on", "from", "no", "not",
    "only", "both", "i", "my", "what", "how", "why", "who", "which", "personal", "information",
    "data", "questions", "contact", "further", "additionally", "moreover", "furthermore",
}  # fmt: skip
# (two simple patterns: one alternation scans several times slower)
_CANDIDATE = re.compile(r"""[.!?…][.!?…"'”’)\]]*(?=\s)""")
_LINE_END_COLON = re.compile(r"[:;](?=[ \t]*\n)")
_WHITESPACE = re.compile(r"\s+")
_ALNUM = re.compile(r"[^\W_]")
_PAIRS = re.compile(r"""[()“”"]""")
_OPENERS = "\"'“‘([{"
_PROTECT_LIMIT = 300  # brackets and quotes longer than this may hold whole sentences


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in text[start:end], trimmed of surrounding whitespace."""
    end = len(text) if end is None else end
    s = text[start:end]
    cuts = sorted({*_punctuation_cuts(s), *_line_cuts(s)})
    spans = []
    previous = 0
    for cut in [*cuts, len(s)]:
        a, b = _trim(s, previous, cut)
        if a < b and _ALNUM.search(s, a, b):
            spans.append((start + a, start + b))
        previous = cut
    return spans


def _trim(s: str, a: int, b: int) -> tuple[int, int]:
    piece = s[a:b]
    stripped = piece.lstrip()
    return a + len(piece) - len(stripped), a + len(piece.rstrip())


def _punctuation_cuts(s: str) -> list[int]:
    # a colon or semicolon ends a sentence only at a line end: "We collect:\nyour name;"
    cuts = [m.start() + 1 for m in _LINE_END_COLON.finditer(s)]
    protected: list[tuple[int, int]] | None = None
    for m in _CANDIDATE.finditer(s):
        p = m.end()
        ws = _WHITESPACE.match(s, p)
        q = ws.end() if ws else p
        if q >= len(s):
            continue
        nxt = s[q]
        if nxt.islower() or not (nxt.isalnum() or nxt in _OPENERS or nxt in "-•*"):
            continue
        if protected is None:
            protected = _protected(s)
        if any(a < p <= b for a, b in protected):
            continue
        if _abbreviation_holds(s, m.start(), nxt, s[q : q + 20]):
            continue
        cuts.append(p)
    return cuts


def _abbreviation_holds(s: str, dot: int, nxt: str, following: str) -> bool:
    """True when the period at `dot` belongs to an abbreviation rather than ending a sentence."""
    k = max(s.rfind(" ", 0, dot), s.rfind("\n", 0, dot), s.rfind("\t", 0, dot)) + 1
    token = s[k : dot + 1].lstrip(_OPENERS)
    if not token.endswith("."):
        return False
    low = token.lower()
    if low in _HARD_ABBREVIATIONS:
        return True
    if low in _NUMBER_ABBREVIATIONS:
        return nxt.isdigit()
    if low in _SOFT_ABBREVIATIONS:
        word = re.match(r"[\w']+", following)
        return not (word and word.group().lower() in _STARTERS)
    if low == "etc.":
        return False
    # initials ("J. Smith") and single letters ("point a. of")
    return len(token) == 2 and token[0].isalpha()


def _protected(s: str) -> list[tuple[int, int]]:
    """Spans inside balanced brackets and quotes, where we avoid splitting."""
    spans = []
    parens: list[int] = []
    curly: list[int] = []
    straight: int | None = None
    for m in _PAIRS.finditer(s):
        c, i = m.group(), m.start()
        if c == "(":
            parens.append(i)
        elif c == ")" and parens:
            spans.append((parens.pop(), i))
        elif c == "“":
            curly.append(i)
        elif c == "”" and curly:
            spans.append((curly.pop(), i))
        elif c == '"':
            if straight is None:
                straight = i
            else:
                spans.append((straight, i))
                straight = None
    return [(a, b) for a, b in spans if b - a <= _PROTECT_LIMIT]


def _line_cuts(s: str) -> list[int]:
    """Breaks at line ends that end nothing by punctuation but stand alone: a short line
    ("Last Updated May 17, 2018") followed by a capitalised line."""
    cuts = []
    line_start = 0
    nl = s.find("\n")
    while nl != -1:
        line = s[line_start:nl].strip()
        rest = NEXT_CHAR.match(s, nl + 1)
        if (
            line
            and rest
            and rest.group(1).isupper()
            and len(line.split()) <= BARE_HEADING_WORDS
            and not ends_sentence(line)
            and not line.endswith((",", "-", "–", "—", "&"))
        ):
            cuts.append(nl)
        line_start = nl + 1
        nl = s.find("\n", line_start)
    return cuts
