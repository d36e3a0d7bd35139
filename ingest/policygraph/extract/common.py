"""What the practice readers (`practices.py`, `implicit.py`, `recipients.py`) share: the
reading of a text, the generic personal-data concept, the cue of a business transfer, the words
of a purpose no concept names, and helpers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..lexicon import Match
from ..model import Organisation, Sentence
from .clauses import PRONOUN_DATA, PURPOSE_VERBS, Clause, lower
from .verbs import VerbHit

PERSONAL_DATA = "dpv:PersonalData"
# a purpose stated in words no concept of the purpose vocabulary names
SOME_PURPOSE = "dpv:Purpose"
# Data a business deal names that are no one's data: "in such transactions", "the transaction"
_DEAL_DATA = "pd:Transaction"
MERGER = re.compile(
    r"\b(?:merger|merged|acquisition|acquired|acquirer|reorgani[sz]ation|bankruptcy|insolvency|"
    r"divestiture|(?:sale|transfer|purchase)\s+of\s+(?:all|some|substantially|part|our|its|the|an?)\b"
    r"[^.;]{0,40}\b(?:assets|business|company|stock|shares)"
    r"|(?:buy|sell|purchase)\s+(?:or\s+sell\s+)?(?:(?:some|all|part|substantially|various|certain"
    r"|or|of|our|its|the)\s+)*assets"
    # "if our Sites are sold", "we sell or transfer all or a part of our business", "a change of
    # control"
    r"|\b(?:business(?:es)?|company|site|sites|assets|division|divisions|we|it)\s+(?:is|are|was|were"
    r"|(?:will|may|might|should|could)\s+(?:ever\s+)?be)\s+(?:sold|acquired)\b"
    r"|(?:sell|sold|transfer|transferred)\s+(?:(?:all|some|part|a|portion|or|of)\s+)*"
    r"(?:our|its|the|their)\s+(?:business|company|assets|stock)\b(?!\s+(?:partners?|contacts?))"
    r"|change\s+(?:of|in)\s+(?:control|ownership)"
    # "we may sell, buy, merge or partner with other companies"
    r"|merge\s+(?:or\s+\w+\s+)?with\s+(?:an)?other\s+(?:compan|business|entit))",
)


@dataclass
class Reading:
    """What the lexicon and the organisation finder see in one text."""

    text: str
    data: list[Match] = field(default_factory=list)
    purposes: list[Match] = field(default_factory=list)
    bases: list[Match] = field(default_factory=list)
    locations: list[Match] = field(default_factory=list)
    safeguards: list[Match] = field(default_factory=list)
    categories: list[Match] = field(default_factory=list)
    audiences: list[Match] = field(default_factory=list)
    orgs: list[tuple[Organisation, int, int]] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    verbs: list[VerbHit] = field(default_factory=list)


def within(clause: Clause) -> Callable[[int, int], bool]:
    return lambda start, end: clause.start <= start and end <= clause.end


def referred_data(
    sentences: list[Sentence], sentence: Sentence, data_in: Callable[[Sentence], list[str]]
) -> list[str]:
    """What "this information" in `sentence` refers to: the data (`data_in`) of the sentence
    before in its section; when that one only refers back too ("We store this information for
    six years."), of the one before it, up to three back."""
    for last in reversed(sentences[max(0, sentence.index - 3) : sentence.index]):
        if last.section is not sentence.section:
            break
        if named := data_in(last):
            return named
        if not PRONOUN_DATA.search(lower(last.text)):
            break
    return []


def curies(matches: Iterable[Match]) -> list[str]:
    return unique(m.curie for m in matches)


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# "… to ensure that you log in securely": a purpose the vocabularies do not name
_PURPOSE_CLAUSE = re.compile(
    rf"\b(?:in\s+order\s+to|so\s+as\s+to|to|so\s+that\s+(?:we|they|it)\s+(?:can|could|may))\s+"
    rf"(?:(?:better|help|be\s+able\s+to|further|also)\s+)?(?P<verb>{PURPOSE_VERBS})\b"
)


# "for the purpose of sending the messages", "solely used for making payment"
_PURPOSE_GERUND = re.compile(
    r"\bfor\s+(?:the\s+)?(?:(?:sole|only|specific|limited)\s+)?(?:purposes?\s+of\s+)?"
    r"(?P<verb>[a-z]+)ing\b"
)
_PURPOSE_VERB = re.compile(f"(?:{PURPOSE_VERBS})")


def unnamed_purpose(r: Reading, start: int, end: int) -> str | None:
    """The words of the first purpose clause between `start` and `end` whose verb is no practice
    of its own ("we may ask you to provide us with …" asks for data; it gives no purpose)."""
    practice_verbs = {v.start for v in r.verbs}
    text = lower(r.text[start:end])
    clauses = [
        m for m in _PURPOSE_CLAUSE.finditer(text) if not _GOVERNED_TO.search(text, 0, m.start())
    ]
    clauses += [
        m
        for m in _PURPOSE_GERUND.finditer(text)
        if _is_purpose_gerund(m.group("verb")) and not _GOVERNED_FOR.search(text, 0, m.start())
    ]
    for m in sorted(clauses, key=lambda m: m.start()):
        if start + m.start("verb") in practice_verbs:
            continue
        words = r.text[start + m.start() : end]
        # "to show nearby stores, not to track you": the purpose ends where a denied one starts
        words = _DENIED_AFTER.split(words, maxsplit=1)[0].strip(" ,;:.")
        return words if len(words) <= 200 else words[:200].rsplit(" ", 1)[0] + " …"
    return None


_DENIED_AFTER = re.compile(
    r"[,;]?\s+(?:(?:and|but)\s+)?(?:not|never)\s+(?:to|for)\s", re.IGNORECASE
)


def _is_purpose_gerund(stem: str) -> bool:
    """ "send" of sending, "provide" of providing, "ship" of shipping."""
    doubled = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem
    # "transferred for processing in the United States" names no purpose
    return stem != "process" and any(
        _PURPOSE_VERB.fullmatch(v) for v in (stem, stem + "e", doubled)
    )


# "we are not responsible for ensuring …", "thank you for using": no purpose of the data
_GOVERNED_FOR = re.compile(
    r"\b(?:responsible|liable|accountable|thank\s+you|thanks|grateful|credit|blame)\s+$"
)


# "… providers that have agreed to protect it", "we need to", "you may wish to": what someone
# is bound, able or keen to do, not what the data is for
_GOVERNED_TO = re.compile(
    r"\b(?:agreed?|agrees|obliged|obligated|required|committed|bound|undertaken?|undertakes|need"
    r"|needs|want|wants|wish|able|unable|like|try|tries|trying|seek|seeks|choose|chooses|have"
    r"|has|had|going|expected|request|requests|right|rights)\s+$"
)


def without_deal_data(data: list[str]) -> list[str]:
    """The data a practice in a sale of the business hands over: "the transaction" there is the
    deal, not the person's purchases; personal data when nothing else is named."""
    return [d for d in data if d != _DEAL_DATA] or [PERSONAL_DATA]
