"""How long data is kept: durations normalised to xsd:duration, or the condition as written.

"billing information is retained for a period of 2 years" -> Retention("P2Y", None, "2 years");
"for as long as your account is active" -> Retention(None, "for as long as your account is
active"). A sentence counts only when it speaks of keeping or deleting data (or sits in a section
about retention), so response times ("within one month") and ages ("13 years old") are left out.
Cookie table rows belong to the cookies component; `parse_duration` is shared with it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Evidence, PolicyDoc, Practice, Retention, Sentence
from ..pipeline import component
from .clauses import PRONOUN_DATA, lower, token_spans, tokens
from .common import PERSONAL_DATA, curies, referred_data
from .frames import KEEPS_A_QUALITY

if TYPE_CHECKING:
    from ..lexicon import Lexicon

_UNITS = {
    "second": ("T", "S"), "sec": ("T", "S"), "minute": ("T", "M"), "min": ("T", "M"),
    "hour": ("T", "H"), "hr": ("T", "H"), "day": ("", "D"), "week": ("", "W"),
    "month": ("", "M"), "year": ("", "Y"), "yr": ("", "Y"),
}  # fmt: skip
_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1, "single": 1,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ONES_WORDS = "|".join(sorted((w for w in _ONES if len(w) > 2), key=len, reverse=True))
_NUMBER = (
    rf"(?:\d+(?:[.,]\d+)?|(?:{'|'.join(_TENS)})(?:[\s-]+(?:{_ONES_WORDS}))?|{_ONES_WORDS}|an?)"
)
_UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?)"
DURATION = re.compile(
    rf"\b(?P<number>{_NUMBER})(?:\s*\(\s*(?P<digits>\d+)\s*\))?[\s-]*(?:calendar\s+|full\s+)?"
    rf"(?P<unit>{_UNIT})\b",
    re.IGNORECASE,
)
_LIMIT = re.compile(
    r"\b(?P<limit>up\s+to|a\s+maximum\s+of|maximum\s+of|at\s+most|no\s+(?:more|longer)\s+than|"
    r"not\s+(?:more|longer)\s+than|at\s+least|a\s+minimum\s+of|minimum\s+of|within|"
    r"approximately|about|around|over|more\s+than|less\s+than)\s+(?:a\s+period\s+of\s+|"
    r"the\s+period\s+of\s+)?$",
    re.IGNORECASE,
)
# Durations that are not storage periods: ages, look-back windows, trials, notice periods
# ("13 years of age", "a 30-day trial", "30 days' notice").
_NOT_RETENTION_AFTER = re.compile(
    r"^['’]?(?:\s+|-)(?:of\s+age|old|or\s+(?:older|younger)|-?old|trial|free"
    r"|(?:advance\s+|prior\s+|written\s+)?notice)\b",
    re.IGNORECASE,
)
_NOT_RETENTION_BEFORE = re.compile(
    r"\b(?:past|last|preceding|previous|prior|under|over\s+the\s+age\s+of|aged?|every|"
    r"once\s+(?:a|every)|per)\s+$",
    re.IGNORECASE,
)
# "Server logs are purged every 30 days": deleted on a schedule, kept at most that long
_PURGED_EVERY = re.compile(
    r"\b(?:delet|eras|purg|remov|destroy|overwrit)\w*\s+(?:\w+\s+){0,3}?every\s+$", re.IGNORECASE
)
_CUE = re.compile(
    r"\b(?:retain(?:s|ed|ing)?|retention|keep(?:s|ing)?|kept|stor(?:e|es|ed|ing|age)|"
    r"hold(?:s|ing)?|held|delet(?:e|es|ed|ing|ion)|eras(?:e|es|ed|ing|ure)|purg(?:e|es|ed|ing)|"
    r"remov(?:e|es|ed|ing)|destroy(?:s|ed)?|anonymi[sz](?:e|ed|es)|archiv(?:e|ed)|"
    r"preserv(?:e|ed)|maintain(?:s|ed)?|expire(?:s|d)?|persist)\b",
    re.IGNORECASE,
)
_CUE_WORDS = frozenset(
    [
        "retain", "retains", "retained", "retaining", "retention", "keep", "keeps",
        "keeping", "kept", "store", "stores", "stored", "storing", "storage", "hold",
        "holds", "holding", "held", "delete", "deletes", "deleted", "deleting", "deletion",
        "erase", "erases", "erased", "erasing", "erasure", "purge", "purges", "purged",
        "purging", "remove", "removes", "removed", "removing", "destroy", "destroys",
        "destroyed", "anonymise", "anonymised", "anonymize", "anonymized", "archive",
        "archived", "preserve", "preserved", "maintain", "maintains", "maintained",
        "expire", "expires", "expired", "persist", "destruction", "overwrite", "overwritten"
    ]
)  # fmt: skip
_UNIT_WORDS = frozenset(
    [
        "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour",
        "hours", "hr", "hrs", "day", "days", "week", "weeks", "month", "months", "year",
        "years", "yr", "yrs"
    ]
)  # fmt: skip
_DIGIT = re.compile(r"\d")
_CONDITION_HINTS = ("as long as", "so long as", "necessary", "needed", "required", "until",
                    "while", "indefinite", "longer than", "account", "duration of", "once",
                    "as soon as", "reasonable", "regular", "routine", "periodic")  # fmt: skip
# Deleted, or no longer kept, when something happens: "we promptly delete the child's email
# address once we have responded", "we will not keep your card number once a transaction is
# completed" (not "we store it once you register")
_DELETED_WHEN = re.compile(
    r"(?:\b(?:delet|eras|purg|destroy|remov)|\bnot\s+(?:keep|kept|stor|retain|hold))\w*\b[^.;]{0,80}?"
    r"\b(?P<cond>(?:once|as\s+soon\s+as|"
    r"after)\s+(?!we\s+(?:can|are\s+able)\b)(?:we|you|the|a|an|your|it|they|such|this|our)\b"
    r"[^.;]*)",
    re.IGNORECASE,
)


_CUE_NOUNS = frozenset(("retention", "storage", "deletion", "erasure", "destruction"))
# Deleted on a schedule, no period given: "logs are scheduled for regular destruction", "backups
# are routinely overwritten"
_ON_A_SCHEDULE = re.compile(
    r"\b(?P<cond>(?:scheduled\s+for\s+)?(?:regular|routine|periodic|scheduled)\s+"
    r"(?:destruction|deletion|purging|erasure)\b[^.;]*"
    r"|(?:regularly|periodically|routinely)\s+(?:deleted|destroyed|purged|erased|overwritten)\b"
    r"[^.;]*)",
    re.IGNORECASE,
)


def _first_verb_cue(text: str) -> int:
    """Offset of the first keeping/deleting verb ("retain", "kept", "stored"), or -1."""
    words, starts = token_spans(text)
    for word, start in zip(words, starts, strict=True):
        if word in _CUE_WORDS and word not in _CUE_NOUNS:
            if KEEPS_A_QUALITY.match(text, start + len(word)):
                continue  # "we make every effort to preserve user privacy" keeps no data
            return start
    return -1


def _has_cue(text: str) -> bool:
    return not _CUE_WORDS.isdisjoint(tokens(text))


def _might_state(text: str) -> bool:
    """Cheap test: a unit word, or a condition phrase, occurs in `text`."""
    if not _UNIT_WORDS.isdisjoint(tokens(text)) or _DIGIT.search(text):
        return True
    low = lower(text)
    return any(h in low for h in _CONDITION_HINTS)


_SECTION_CUE = re.compile(r"\bretention\b|\bretain|\bhow\s+long\b|\bstorage\s+period", re.I)
_CONDITION = re.compile(
    r"(?P<cond>(?:\b(?:only\s+)?for\s+)?(?:as|so)\s+long\s+as\b[^.;]*|"
    r"\b(?:only\s+)?(?:for\s+)?(?:the\s+)?(?:period|time)\s+(?:necessary|needed|required)\b[^.;]*|"
    r"\bnot\s+(?:be\s+)?(?:kept|retained|stored|held)\s+(?:for\s+)?(?:any\s+)?longer\s+than\b"
    r"[^.;]*|"
    r"\b(?:for\s+)?(?:no\s+)?longer\s+than\s+(?:is\s+)?(?:necessary|needed|required)\b[^.;]*|"
    r"\b(?:the\s+)?(?:minimum|shortest)\s+(?:period|time)\s+(?:necessary|needed|required)\b[^.;]*|"
    r"\b(?:when|once|after)\s+(?:it|they|(?:the|such|your|this)\s+(?:\w+\s+){0,2}?(?:data|information))"
    r"\s+(?:is|are)\s+no\s+longer\s+(?:necessary|needed|required)\b[^.;]*|"
    r"\b(?:when|once|after)\s+(?:you\s+(?:close|delete|terminate|cancel)\s+your\s+account"
    r"|(?:the|your)\s+(?:\w+\s+)?account\s+(?:is|has\s+been)\s+(?:closed|deleted|removed|terminated"
    r"|cancell?ed|deactivated))\b[^.;]*|"
    r"\bfor\s+the\s+duration\s+of\s+(?:the|our|your)\s+(?:contract|contractual\s+relationship"
    r"|relationship|subscription|account)\b[^.;]*|"
    r"\buntil\s+(?:you|your|the|such|we|it|they)\b[^.;]*|"
    r"\bwhile\s+(?:you|your)\b[^.;]*|"
    r"\bindefinitely\b|"
    # "for a reasonable period of time", "for a commercially reasonable time"
    r"\bfor\s+a\s+(?:commercially\s+)?reasonable\s+(?:period|time|amount\s+of\s+time)\b[^.;]*|"
    r"\b(?:as|where|when)\s+(?:required|permitted|necessary)\s+(?:by|under)\s+"
    r"(?:applicable\s+)?(?:law|legislation)\b)",
    re.IGNORECASE,
)


def _number(text: str) -> int | None:
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    if words[0][0].isdigit():
        try:
            return int(float(words[0].replace(",", "")))
        except ValueError:
            return None
    total = 0
    for w in words:
        if w in _TENS:
            total += _TENS[w]
        elif w in _ONES:
            total += _ONES[w]
        else:
            return None
    return total


def _format(value: int, unit: str) -> str:
    key = unit.lower().rstrip("s") or unit.lower()
    time_part, letter = _UNITS[key]
    if letter == "W":
        return f"P{value * 7}D"
    return f"P{time_part}{value}{letter}"


def parse_duration(text: str) -> str | None:
    """The xsd:duration of the first duration in `text`: "two years" -> "P2Y", "session" -> None."""
    m = DURATION.search(text)
    if m is None:
        return None
    value = int(m.group("digits")) if m.group("digits") else _number(m.group("number"))
    if value is None:
        return None
    return _format(value, m.group("unit"))


def find_retention(text: str, *, in_retention_section: bool = False) -> list[Retention]:
    """The retention periods and conditions stated in one sentence ([] when it states none)."""
    if not (in_retention_section or _has_cue(text)) or not _might_state(text):
        return []
    found: list[Retention] = []
    for m in DURATION.finditer(text):
        before = text[: m.start()]
        if _NOT_RETENTION_AFTER.match(text[m.end() :]) or (
            _NOT_RETENTION_BEFORE.search(before) and not _PURGED_EVERY.search(before)
        ):
            continue
        if re.match(r"\s*(?:after|before|of|from|prior)\b", text[m.end() :]) and not _CUE.search(
            text[max(0, m.start() - 60) : m.start()]
        ):
            continue  # "within 30 days of your request" without a storage verb near it
        duration = parse_duration(m.group())
        if duration is None:
            continue
        limit = _LIMIT.search(text[max(0, m.start() - 40) : m.start()])
        condition = limit.group("limit").lower() if limit else None
        if condition == "within" and not _has_cue(text):
            continue
        found.append(Retention(duration, _squash(condition), _squash(m.group())))
    if not found and (c := _ON_A_SCHEDULE.search(text)) and (phrase := _trim(c.group("cond"))):
        found.append(Retention(None, phrase, phrase))
    if not found:
        verb_at = _first_verb_cue(text)
        if verb_at < 0 and not in_retention_section:
            return found
        verb_at = max(verb_at, 0)  # under a retention heading: "We process it for the minimum ..."
        negation = lower(text).rfind("not ", max(0, verb_at - 12), verb_at)
        c = _CONDITION.search(text, negation if negation >= 0 else verb_at)
        if c is None:
            c = _DELETED_WHEN.search(text, negation if negation >= 0 else verb_at)
        if c is None and in_retention_section:
            # "We process your data for the minimum period necessary …, unless … to keep it
            # longer": under a retention heading the condition may come before the verb
            c = _CONDITION.search(text)
        if c is not None and (phrase := _trim(c.group("cond"))):
            found.append(Retention(None, phrase, phrase))
    return found


def _squash(text: str | None) -> str | None:
    return re.sub(r"\s+", " ", text).strip() if text else text


def _trim(text: str) -> str:
    return _squash(text.strip(" ,:;.()")) or ""


@component("retention.v1", requires=["doc.sentences"], assigns=["fact.practices"])
def make_retention(lexicon: Lexicon, **config):
    """Append one `retain` practice per retention period or condition a sentence states."""

    def data_of(sentence: Sentence, sentences: list[Sentence]) -> list[str]:
        data = curies(lexicon.find(sentence.text, "personal-data"))
        if not data and sentence.lead is not None:
            data = curies(lexicon.find(sentence.lead.text, "personal-data"))
        if not data and PRONOUN_DATA.search(lower(sentence.text)):
            # "We collect transaction data. We store this information for six years."
            data = referred_data(
                sentences, sentence, lambda last: curies(lexicon.find(last.text, "personal-data"))
            )
        specific = [d for d in data if d != PERSONAL_DATA]
        return specific or [PERSONAL_DATA]

    def retention(doc: PolicyDoc) -> None:
        sections: dict[int, bool] = {}
        for sentence in doc.sentences:
            if sentence.is_table_row or not _might_state(sentence.text):
                continue
            heading = sentence.section.heading
            section = sections.get(id(sentence.section))
            if section is None:
                section = sections[id(sentence.section)] = bool(_SECTION_CUE.search(heading))
            text = sentence.text
            cue = _has_cue(text)
            if sentence.is_list_item and sentence.lead is not None and not cue:
                section = section or _has_cue(sentence.lead.text)
            if not (section or cue):
                continue
            statements = find_retention(text, in_retention_section=section)
            if not statements:
                continue
            evidence = Evidence.of(sentence)
            hedged = bool(re.search(r"\b(?:may|might|could)\b", text, re.I))
            data = data_of(sentence, doc.sentences)
            # "kept for 30 days for security purposes": what it is kept for
            purposes = curies(lexicon.find(text, "purpose"))
            for statement in statements:
                doc.facts.practices.append(
                    Practice(
                        "retain",
                        evidence,
                        hedged=hedged,
                        data=list(data),
                        purposes=list(purposes),
                        retention=statement,
                    )
                )

    return retention
