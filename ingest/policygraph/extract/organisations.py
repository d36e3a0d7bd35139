"""Organisations named in a policy: registry names and aliases, plus unknown legal entities.

A name in the registry (ontology/organisations.ttl) resolves to its key, so "Alphabet Inc.",
"Google LLC" and "Google" are one node. A capitalised name ending in a legal form ("Atomical
Creative Inc.") that the registry does not know becomes an organisation of its own, keyed by slug.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Evidence, Organisation, PolicyDoc
from ..pipeline import component
from ..text import LEGAL_FORMS, slug, strip_legal_form

if TYPE_CHECKING:
    from ..lexicon import Lexicon

# "company" and "co" end too many ordinary phrases ("the Company") to mark a legal entity.
_FORMS = "|".join(
    sorted(
        (f.replace(" ", r"\.?\s?") for f in LEGAL_FORMS if f not in {"company", "co"}),
        key=len,
        reverse=True,
    )
)
_NAME_WORD = r"[A-Z][A-Za-z0-9&'’.-]*"
_LEGAL_ENTITY = re.compile(
    rf"\b((?:{_NAME_WORD}\s+(?:&\s+)?){{0,4}}{_NAME_WORD}),?\s+(?=[A-Z])(?i:{_FORMS})\b\.?"
)
# Capitalised words that start sentences or headings rather than names.
_NOT_NAMES = {
    "the", "our", "we", "this", "these", "your", "a", "an", "any", "all", "such", "each",
    "company", "companies", "and", "or", "of", "with", "by", "for", "to", "in", "on",
}  # fmt: skip


# E-mail, web and post-box addresses: "gmail" in "acme@gmail.com", "google" in
# "tools.google.com/dlpage" or "Box" in "P.O. Box 1423" name a mailbox or a page (and "google"
# in an app permission a piece of code), not an organisation the policy discloses.
_ADDRESS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b(?:https?://|www\.)[^\s<>\"')\]]+|\bBox\s+\d+"
    # an Android package or permission: "com.google.android.gms.permission.AD_ID"
    r"|\b(?:com|org|net|android|io)(?:\.\w+){2,}",
    re.I,
)


# A registry name that is part of a data term ("your Google Advertising ID"), or the tool that
# wrote the policy ("This privacy policy was created using Termly"): no party to the data.
_NAME_OF_DATA = re.compile(
    r"\s+(?:advertising\s+(?:id|identifier)s?|ad\s?ids?|ids?(?:\s+for\s+advertising)?)\b", re.I
)
_POLICY_TOOL = re.compile(
    r"\b(?:polic(?:y|ies)|page|notice|template)\b[^.]{0,40}\b(?:created|generated|made|written)"
    r"\s+(?:using|with|by|at)\s+(?:the\s+)?$",
    re.I,
)
# Words of a clause, not of a name: "WHICH CANNOT BE EXCLUDED OR LIMITED" ends in a legal form.
_CLAUSE_WORDS = {
    "which", "or", "be", "cannot", "not", "is", "are", "may", "will", "shall", "under", "that",
    "been", "if", "any",
}  # fmt: skip


def find_organisations(
    lexicon: Lexicon, text: str, offset: int = 0
) -> list[tuple[Organisation, int, int]]:
    """Organisations named in `text`, with character offsets shifted by `offset`."""
    found: list[tuple[Organisation, int, int]] = []
    taken: list[tuple[int, int]] = []
    addresses = [a.span() for a in _ADDRESS.finditer(text)]
    for m in lexicon.find(text, "organisation"):
        if any(s <= m.start and m.end <= e for s, e in addresses):
            continue
        if _NAME_OF_DATA.match(text, m.end) or _POLICY_TOOL.search(
            text[max(0, m.start - 120) : m.start]
        ):
            continue
        key = m.curie.split(":", 1)[1]
        found.append((Organisation(key, m.text, known=True), offset + m.start, offset + m.end))
        taken.append((m.start, m.end))
    entities = list(_LEGAL_ENTITY.finditer(text))
    if entities and _shouted(text):
        entities = []  # every word of "EXCEPT AS PROHIBITED BY LAW" looks like a name
    for m in entities:
        start, end = m.start(1), m.end()
        words = m.group(1).split()
        while words and words[0].lower() in _NOT_NAMES:
            start += text[start:].index(words[0]) + len(words[0])
            start += len(text[start:]) - len(text[start:].lstrip())
            words = words[1:]
        if not words or any(s < end and start < e for s, e in taken):
            continue
        if any(w.lower() in _CLAUSE_WORDS for w in words):
            continue
        name = text[start:end].rstrip(" ,")
        if not strip_legal_form(name) or strip_legal_form(name).lower() in _NOT_NAMES:
            continue
        found.append((Organisation(slug(name), name, known=False), offset + start, offset + end))
    return sorted(found, key=lambda f: f[1])


_UPPER = re.compile(r"[A-Z]")
_LETTER = re.compile(r"[A-Za-z]")


def _shouted(text: str) -> bool:
    """Text written in capitals ("TERMS AND CONDITIONS INCORPORATED BY REFERENCE"), where "AS"
    and "INCORPORATED" only look like legal forms."""
    return len(_UPPER.findall(text)) > 0.6 * len(_LETTER.findall(text))


_ITS_POLICY = re.compile(
    r"(?:['’]s)?\s+(?:privacy|cookie|data\s+protection)\s+(?:policy|policies|notice|statement)\W*$",
    re.IGNORECASE,
)


@component("organisations.v1", requires=["doc.sentences"], assigns=["fact.organisations"])
def make_organisations(lexicon: Lexicon):
    def organisations(doc: PolicyDoc) -> None:
        for sentence in doc.sentences:
            for org, _, _ in find_organisations(lexicon, sentence.text):
                doc.facts.organisations.append((org, Evidence.of(sentence)))
        # a heading that is a name ("AdMob", "Google Analytics") heads what that provider does
        for section in doc.sections:
            heading = section.heading.strip()
            if section.heading_start < 0 or not heading:
                continue
            for org, start, end in find_organisations(lexicon, heading):
                # "Stripe's Privacy Policy", a link beside the processor it names, counts too
                if 2 * (end - start) >= len(heading) or _ITS_POLICY.match(heading, end):
                    at = section.heading_start
                    evidence = Evidence(at, at + len(section.heading), section.heading, heading)
                    doc.facts.organisations.append((org, evidence))

    return organisations
