"""What the practice readers (`practices.py`, `implicit.py`, `recipients.py`) share: the
reading of a text, the generic personal-data concept, the cue of a business transfer, and helpers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..lexicon import Match
from ..model import Organisation
from .clauses import Clause, VerbHit

PERSONAL_DATA = "dpv:PersonalData"
# a purpose stated in words no concept of the purpose vocabulary names
SOME_PURPOSE = "dpv:Purpose"
MERGER = re.compile(
    r"\b(?:merger|merged|acquisition|acquired|acquirer|reorgani[sz]ation|bankruptcy|insolvency|"
    r"divestiture|(?:sale|transfer|purchase)\s+of\s+(?:all|some|substantially|part|our|its|the)\b"
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


def curies(matches: Iterable[Match]) -> list[str]:
    return unique(m.curie for m in matches)


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
