"""Clauses: a policy sentence cut at ";", ":", "but", "however", sentence stops and ", and we";
a clause opened by "unless"/"if"/"except" keeps its condition apart (verbs in it state no
practice). Also the sentence filters (definitions, rights clauses), the cached tokens and the
purpose and pronoun patterns the practice readers share. The action verbs in each clause are
read in `verbs.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import default_lexicon


# --- verb forms (the verbs themselves are read in verbs.py) ------------------------------------
def verb_forms() -> dict[str, str]:
    """Every inflected form of every action verb -> the action, as pg:verbForm lists them in
    ontology/processing.ttl: a dictionary lookup per word is what keeps the component at a few
    milliseconds per policy."""
    return default_lexicon().verb_forms


@lru_cache(maxsize=8192)
def has_verb(text: str) -> bool:
    """Cheap test: could `text` state a practice at all?"""
    return not verb_forms().keys().isdisjoint(token_spans(text)[0])


# --- clause structure ---------------------------------------------------------------------------
# A web address is one word: its dots and colon end no clause ("at http://blog.example.com to").
TOKEN = re.compile(
    r"(?:https?://|www\.)[^\s,;()\"“”]*[^\s,;()\"“”.]"
    r"|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|co|gov|edu|info|app)\b(?:/[^\s,;()\"“”]*)?"
    r"|[a-z0-9'’/&-]+|[,;:.!?()\"“”]"
)
_BREAK_WORDS = {"but", "however", "whereas", "although"}
_SUBJECT_START = {"we", "you", "they", "us", "it", "this", "these", "such"}
_CONDITION_OPEN = {"unless", "except", "if"}
_TRIGGERS = {";", ":", ".", "!", "?", ",", "and", "or", *_BREAK_WORDS}


@lru_cache(maxsize=8192)
def lower(text: str) -> str:
    """`text` lower-cased with no-break spaces made plain (same length, offsets kept)."""
    return text.replace("\xa0", " ").lower()


@lru_cache(maxsize=8192)
def token_spans(text: str) -> tuple[list[str], list[int]]:
    """Lower-case words and punctuation of `text` with their start offsets (cached)."""
    low = lower(text)
    words = TOKEN.findall(low)
    if "/" in low:
        words = [part for word in words for part in _slashed_verbs(word)]
    starts = []
    pos = 0
    find = low.find
    for w in words:
        pos = find(w, pos)
        starts.append(pos)
        pos += len(w)
    return words, starts


def _slashed_verbs(word: str) -> list[str]:
    """ "receive/store" is two verbs joined by "/", read as "receive and store"."""
    parts = word.split("/")
    if len(parts) < 2 or not all(part in verb_forms() for part in parts):
        return [word]
    return [token for part in parts for token in ("/", part)][1:]


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str
    condition_end: int = 0  # offset (in clause text) where a leading "unless …," part ends
    first: int = 0  # token range [first, last) in the sentence
    last: int = 0


def split_clauses(text: str) -> list[Clause]:
    """Cut a sentence into clauses; a leading conditional part is marked, not dropped."""
    words, starts = token_spans(text)
    n = len(words)
    clauses: list[Clause] = []
    after_semicolon: list[bool] = []  # whether the cut after each clause was a ";"
    first = 0
    # "We do, however, collect …": "however" between commas interrupts, it does not cut
    asides = {
        j for j in range(1, n - 1) if words[j] == "however" and words[j - 1] == words[j + 1] == ","
    }
    for i in [i for i, w in enumerate(words) if w in _TRIGGERS]:
        w = words[i]
        nxt = words[i + 1] if i + 1 < n else ""
        cut = not (i in asides or i + 1 in asides) and (
            w in (";", ":")
            or (
                w in _BREAK_WORDS
                and words[i + 1 : i + 3] not in (["not", "limited"], ["are", "not"])
            )
            or (w in ".!?" and bool(nxt) and text[starts[i + 1]].isupper())
            or (w in ("and", "or") and nxt in _SUBJECT_START)
            or (w == "," and nxt in ("we", "but", "however"))
        )
        if cut:
            if i > first:
                clauses.append(_clause(text, words, starts, first, i))
                after_semicolon.append(w == ";")
            first = i + 1
    if first < n:
        clauses.append(_clause(text, words, starts, first, n))
    return _verbless_joined(text, clauses, after_semicolon)


def _verbless_joined(text: str, clauses: list[Clause], semicolons: list[bool]) -> list[Clause]:
    """ "… your name, address and phone numbers; credit card information; and financial
    information": a part after a semicolon with no verb goes on the list before it."""
    joined: list[Clause] = []
    for k, clause in enumerate(clauses):
        if joined and semicolons[k - 1] and not has_verb(clause.text):
            head = joined[-1]
            joined[-1] = Clause(head.start, clause.end, text[head.start : clause.end],
                                head.condition_end, head.first, clause.last)  # fmt: skip
        else:
            joined.append(clause)
    return joined


def _clause(text: str, words: list[str], starts: list[int], first: int, last: int) -> Clause:
    start = starts[first]
    end = starts[last - 1] + len(words[last - 1])
    condition_end = 0
    if words[first] in _CONDITION_OPEN or words[first : first + 3] == ["in", "the", "event"]:
        comma = next((j for j in range(first, last) if words[j] == ","), None)
        condition_end = (starts[comma] + 1 - start) if comma is not None else end - start
    return Clause(start, end, text[start:end], condition_end, first, last)


# --- sentence filters ---------------------------------------------------------------------------
_DEFINITION = re.compile(
    r"^\W*(?:the\s+terms?\s+)?[\"“”']?[\w\s’'/-]{1,50}[\"“”']?\s*(?:\([^)]*\)\s*)?"
    r"(?:means|refers\s+to|shall\s+mean|is\s+defined\s+as|are\s+defined\s+as|has\s+the\s+meaning)"
    r"\b|[\"”’]\s*(?:means|refers\s+to|is|are|shall\s+mean)\b|"
    r"^\W*(?:a|an)\s+[\w\s-]{1,30}?\s+is\s+(?:a|an)\s",
    re.IGNORECASE,
)
_RIGHTS = re.compile(
    r"\byou\s+(?:also\s+)?(?:have|has|may\s+have)\s+(?:the|a|certain)\s+rights?\b|"
    r"\bhave\s+the\s+right\s+to\b|\bright\s+(?:of|to)\s+(?:access|request|know|delet|object|"
    r"rectif|erasure|restrict|port|withdraw|opt|lodge|complain|be\s+informed|correct|obtain|"
    r"receive|data)|"
    r"\byou\s+(?:can|may|could|might)\s+(?:also\s+)?(?:request|ask|opt|object|withdraw|exercise|"
    r"access|delete|review|update|correct|unsubscribe|choose|refuse|decline|disable|block|turn|"
    r"manage|change|contact|revoke|learn)\b|\bopt(?:-|\s)?out\b|"
    # "please contact us to …" asks the reader to act; "please note that we may share …" does not
    r"\bplease\b(?!\s+(?:also\s+)?(?:note|be\s+aware|be\s+advised|remember|keep\s+in\s+mind"
    r"|bear\s+in\s+mind|understand|read|know|consider)\b)|"
    r"\bif\s+you\s+(?:wish|would\s+like|want)\b"
)


def is_definition(text: str) -> bool:
    head = lower(text[:160])
    if not (
        "mean" in head
        or "refer" in head
        or "defined" in head
        or "”" in head
        or '"' in head
        or head.startswith(("a ", "an "))
    ):
        return False
    return bool(_DEFINITION.search(text[:160]))


def is_rights_clause(text: str) -> bool:
    low = lower(text)
    if not ("you" in low or "right" in low or "opt" in low or "please" in low):
        return False
    return bool(_RIGHTS.search(low))


def tokens(text: str) -> list[str]:
    """The lower-case words and punctuation marks of `text` (cached)."""
    return token_spans(text)[0]


# --- purposes -----------------------------------------------------------------------------------
# Verbs that open a purpose clause: "to provide …", "for improving …"
PURPOSE_VERBS = (
    "provide|improve|ensure|confirm|enhance|facilitate|offer|verify|estimate|recogni[sz]e|create"
    "|see|maintain|support|operate|deliver|send|contact|protect|prevent|detect|comply|respond"
    "|personali[sz]e|understand|analy[sz]e|measure|monitor|show|display|serve|help|enable|allow"
    "|manage|administer|fulfil+|identify|authenticate|communicate|notify|inform|bill|charge"
    "|conduct|perform|carry|determine|develop|test|troubleshoot|fix|optimi[sz]e|customi[sz]e"
    "|tailor|remember|track|target|market|promote|advertise|evaluate|assess|investigate"
    "|enforce|defend|establish|exercise|resolve|answer|handle|process|give|let|learn|make"
    "|keep|run|complete|validate|secure|safeguard|study|research|calculate|match|link|sync"
    "|synchroni[sz]e|back|restore|present|recommend|suggest|invite|reply|assist|update|remind"
    "|alert|ship|save|load|count|know|import|distinguish|combat|fight|block|filter|moderate"
    "|review|audit|tell|address|build"
)
PURPOSE_PHRASE = re.compile(
    r"\b(?:in\s+order\s+to|so\s+(?:as\s+)?to|so\s+that|for\s+the\s+purposes?\s+of|"
    r"for\s+purposes\s+of|for\s+\w+ing|to\s+\w+|for)\b"
)
PRONOUN_DATA = re.compile(
    r"\b(?:this|such|that|these|those|the\s+(?:above|same))\s+(?:personal\s+)?"
    r"(?:information|data|details)\b|\b(?:it|them)\b"
)
PERSONAL_WORDS = re.compile(
    r"\bpersonal(?:ly\s+identifiable)?\s+(?:information|data)\b|\bpersonal\s+details\b|"
    r"\byour\s+(?:data|information|details)\b|"
    # "the information (that) we request / you provide": what the policy is about
    r"\b(?:the|any|all|such)\s+(?:data|information)\s+(?:that\s+|which\s+)?(?:we|you)\b"
)
