"""Reading one text of a policy: what the lexicon, the organisation finder and the verb finder
see in it, each match checked against its context.

A data word is dropped where it names no one's data: an age limit ("under the age of 13"), a
URL ("web address"), a service ("email delivery"), something left out ("not including your
name"), a word of the company's own name ("Food Allergy Research & Education"), a place of
business ("the franchised location"). A legal basis is dropped where it is refused or withdrawn,
an app's device permission, or a contract with a provider. A purpose word inside a recipient
category ("marketing partners") or on the practice's own verb is no purpose. A place after
"outside the" is where data leave, so somewhere else (pg:OtherCountries); after "from outside" or
"you are located outside" it is where the person is, no place of the data.

The reader is told whose policy it reads (`start`): the company's names are the agent "we"
("Pravachaka Sabdam does not collect …") and not a third party. Readings are cached per text, as
the practice components read a sentence, its lead and its neighbours more than once.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..lexicon import Match
from ..model import Organisation, PolicyDoc
from ..text import slug
from .clauses import is_rights_clause, lower, split_clauses
from .common import MERGER, Reading
from .organisations import find_organisations
from .verbs import VerbHit, find_verbs

if TYPE_CHECKING:
    from ..lexicon import Lexicon

# "non-personal", "not personal", "anonymised", "aggregated" before a data word
_NON_PERSONAL = re.compile(r"\bnon[-\s]?$|\bnot\s+$|\banonymi[sz]ed\s+$|\baggregated?\s+$")
# Words that name data elsewhere but not here: an age limit ("under the age of 13", "18 years of
# age"), an interest in something ("your interest in how …").
_NOT_DATA = re.compile(
    r"(?i)age\s+of\s+(?:\d|majority|consent|[a-z]+teen\b|twenty|twenty-one)|age\b(?<=years of age)"
    r"|(?:your\s+)?interest\s+in\b"
    r"|belief\b(?<=faith belief)"  # "in the good faith belief that …" is the company's
    r"|address\b(?<=web address)|address\b(?<=site address)"  # a URL, not where someone lives
    # "the names and addresses of all third parties" we shared with: theirs, not the person's
    r"|(?:names?|addresses)(?:\s+(?:and|or|&)\s+(?:names?|addresses))?\s+of\s+"
    r"(?:(?:all|the|any|those|these|such|other)\s+)*(?:third|compan|recipient|business|entit"
    r"|partner|vendor|service\s+provider)"
)
# Cookies as the tool or the source ("collected by these cookies", "data from cookies"), not data.
_COOKIE_AS_TOOL = re.compile(r"\b(?:by|from|via)\s+(?:(?:these|those|the|such|our|its)\s+)?$")
_COOKIE_DATA = "pg:CookieIdentifier"
# A residence as the place something happens ("laws outside your country of residence",
# "transferred from your state of residence"), not data about the person.
_RESIDENCE_AS_PLACE = re.compile(
    r"\b(?:outside|within|in|from|to|than|beyond)\s+(?:of\s+)?(?:your|the|their)\s+$"
)
_RESIDENCE = "pd:Residency"
# A place, not where someone is: "forwarded to the franchised location", "companies in locations
# around the world" (but "the location of your device", "a location you share" are data)
_LOCATION_AS_PLACE = re.compile(
    r"\b(?:a|an|the|our|their|its|this|that|each|any|every|one|specific|franchised|retail|store"
    r"|business|other|multiple|various|different|several|many|all|in)\s+$"
)
_PERSON_AT_PLACE = re.compile(
    r"\s*(?:of|you|where|history|data|info|-|based|services?"
    r"|(?:is|are)\s+(?:derived|determined|inferred|estimated|collected|shared))\b",
    re.IGNORECASE,
)
# "to address your questions", "prevent or otherwise address fraud": the verb, not a postal address
_ADDRESS_AS_VERB = re.compile(
    r"\b(?:to|otherwise|help|helps|we|will|can|may|must|should|could|would|promptly)\s+$"
)
# Data named only to be left out: "(not including your name or email address)".
_EXCLUDED = re.compile(
    r"\b(?:not\s+including|excluding|(?:does|do|will)\s+not\s+include|other\s+than|"
    r"except(?:\s+for)?|with\s+the\s+exception\s+of)\b[^.;:()]*$"
)
# Data words naming a service, not data: "vendors processing credit card payments", "email
# delivery", "sending email".
_SERVICE_AFTER = re.compile(
    r"\s+(?:payments?|transactions?|processing|processors?|messaging|campaigns?|delivery"
    r"|fulfil+ment|services?\s+providers?|agenc(?:y|ies)|bureaus?)\b",
    re.IGNORECASE,
)
_SERVICE_BEFORE = re.compile(r"\b(?:sending|send|delivering|deliver)\s+(?:the\s+)?$")
_DEAL_WORD = re.compile(r"(?:transactions?|purchases?|sales?|assets?)")
_NOT_A_BASIS = re.compile(
    r"\b(?:without|withdraw|withdrawal\s+of|revoke|refuse|withhold)\s+"
    r"(?:(?:your|their|the|such|prior|express|written)\s+)*$"
)
# An app's device permission ("the AD_ID permission", "location permission", "does not request
# access or permission to …") is no consent.
_DEVICE_PERMISSION = re.compile(
    r"[._]$|(?:\S*[._]\S*|android|device|app|location|camera|storage|microphone|contacts"
    r"|bluetooth|notification|phone|access\s+or|request|requests)\s+$"
)
# Verbs sharing one object: "to provide, maintain and improve our Service".
# A contract between the company and its providers is no legal basis for processing the
# person's data ("if we have a contract with a service provider, they may have access …")
_CONTRACT_WITH_OTHERS = re.compile(
    r"\s+with\s+(?:(?:a|an|the|our|these|those|such|any|each|other)\s+)?(?:third|service|vendor"
    r"|processor|sub-?processor|partner|supplier|contractor|compan|provider|business|affiliate)",
    re.IGNORECASE,
)
# "outside (of) the EEA", and the acronym after its name: "outside the European Economic Area (EEA)"
_OUTSIDE = re.compile(
    r"(?P<origin>\bfrom\s+|\byou\s+(?:are\s+)?(?:located|based|reside|residing|live|living)\s+)?"
    r"\boutside\s+(?:of\s+)?(?:the\s+|your\s+)?"
    r"(?:(?:[\w.-]+\s+){0,4}[\w.-]+\s*\(\s*)?$",
    re.IGNORECASE,
)
_ELSEWHERE = "pg:OtherCountries"
_PERSON_IS = re.compile(r"\byou\s+(?:are\s+)?$", re.IGNORECASE)
_COORDINATED = re.compile(
    r"\b(?P<first>[a-z]+(?:\s*,\s*[a-z]+){0,3})\s*,?\s+(?:and|or|and/or|&)\s+(?P<last>[a-z]+)"
    r"(?P<object>\s+(?:the|our|your|its|their|this|these)\s+[\w-]+(?:\s+[\w-]+){0,2})",
    re.IGNORECASE,
)
# "… unless you opt out", "… without also providing you an opportunity to opt out": a condition
# on the practice, which the reader's opt-out does not turn into a statement about the reader
_OPT_OUT_CONDITION = re.compile(
    r"\b(?:unless|until|if|without|before)\b[^.;]{0,80}\bopt(?:-|\s)?(?:out|in)\b", re.IGNORECASE
)
_ROLE_ALIAS = re.compile(
    r"\((?:hereby\s+|hereinafter\s+)?(?:referred\s+to\s+as\s+|called\s+)?(?:the\s+)?[\"“]"
    r"(?:the\s+)?(?P<role>service\s+provider|provider|operator|developer|publisher)[\"”]\)",
    re.IGNORECASE,
)
# Words of company names that name no one: "Acme Apps Ltd" is "acme" acting, not "apps".
_GENERIC_NAME_WORDS = frozenset({
    "app", "apps", "application", "applications", "the", "and", "inc", "ltd", "llc", "limited",
    "company", "corp", "corporation", "group", "services", "service", "software", "technologies",
    "technology", "solutions", "studio", "studios", "games", "media", "labs", "digital",
    "online", "mobile", "web", "website", "privacy", "policy",
})  # fmt: skip


class TextReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._readings: dict[str, Reading] = {}
        self.alias: str | None = None  # a recipient-like role the policy names the company by
        self.us: frozenset[str] = frozenset()  # every distinctive word of the company's names
        self.company_keys: frozenset[str] = frozenset()  # the company's organisation keys
        self._names: re.Pattern[str] | None = None  # the company's names of several words

    def start(self, doc: PolicyDoc) -> set[str]:
        """Read `doc`'s texts from now on; returns the company's names."""
        self.company_keys = frozenset(doc.company_keys())
        company = _company_names(doc.company) | self.company_keys
        # "Pravachaka Sabdam does not collect": each distinctive word of a name is the company
        self.us = frozenset(
            w
            for name in company
            for w in re.split(r"[\s-]+", name)
            if len(w) > 2 and w not in _GENERIC_NAME_WORDS
        )
        long_names = sorted((n for n in company if " " in n.strip()), key=len, reverse=True)
        self._names = (
            re.compile("|".join(map(re.escape, long_names)), re.IGNORECASE) if long_names else None
        )
        # "created by APBros (hereby referred to as "Service Provider")": that role is the company
        self.alias = None
        if m := _ROLE_ALIAS.search(doc.document.text[:5000]):
            self.alias = m.group("role").lower()
            self.us |= {self.alias.split()[-1]}
        self._readings.clear()
        return company

    def __call__(
        self, text: str, orgs: list[tuple[Organisation, int, int]] | None = None
    ) -> Reading:
        """What `text` says: its data, purposes, bases, places, safeguards, audiences and
        recipient categories in context, its organisations (`orgs` when the organisation
        component has found them), clauses and practice verbs."""
        cached = self._readings.get(text)
        if cached is not None:
            return cached
        r = Reading(text)
        for m in self.lexicon.match(text):
            if m.scheme == "personal-data":
                if _names_data(m, text):
                    r.data.append(m)
            elif m.scheme == "purpose":
                r.purposes.append(m)
            elif m.scheme == "legal-basis":
                if _is_basis_here(m, text):
                    r.bases.append(m)
            elif m.scheme == "location":
                if (place := _abroad(m, text)) is not None:
                    r.locations.append(place)
            elif m.scheme == "safeguard":
                r.safeguards.append(m)
            elif m.scheme == "audience":
                r.audiences.append(m)
            elif m.scheme == "recipient-category" and m.text.lower() != self.alias:
                r.categories.append(m)
        r.purposes += self._coordinated_purposes(text, r.purposes)
        # "to process your transactions": the data word is part of a longer purpose phrase
        r.data = [m for m in r.data if not _inside(m, r.purposes, longer=True)]
        if r.data and MERGER.search(lower(text)):
            # "a corporate transaction", "purchase of assets": the deal, not the user's data
            r.data = [m for m in r.data if not _DEAL_WORD.fullmatch(lower(m.text))]
        if self._names is not None and r.data:
            # "Food Allergy Research & Education uses cookies": a data word in the company's name
            names = [(n.start(), n.end()) for n in self._names.finditer(text)]
            r.data = [m for m in r.data if not any(s <= m.start and m.end <= e for s, e in names)]
        found = orgs if orgs is not None else find_organisations(self.lexicon, text)
        r.orgs = [o for o in found if _plausible(o[0])]
        r.clauses = split_clauses(text)
        # named agents of a verb, but not the company's own names ("RedOrbit, Inc. stores …")
        spans = [(s, e) for o, s, e in r.orgs if o.key not in self.company_keys]
        r.verbs = [
            v for v in find_verbs(text, r.clauses, spans, self.us) if not _readers_choice(text, v)
        ]
        # a purpose word inside a recipient category ("marketing partners") is no purpose, nor
        # is the practice itself ("sell your data" is no purpose of the sale; "analyzing how
        # our Service is used" still is one)
        verb_starts = [v.start for v in r.verbs]
        r.purposes = [
            p
            for p in r.purposes
            if not _inside(p, r.categories + r.data)
            and not any(p.start <= at < p.start + _first_word_length(p.text) for at in verb_starts)
        ]
        self._readings[text] = r
        return r

    def _coordinated_purposes(self, text: str, found: list[Match]) -> list[Match]:
        """ "providing and improving the Service": each verb with the object they share."""
        known = {m.curie for m in found}
        extra: list[Match] = []
        for m in _COORDINATED.finditer(text):
            verbs = [m.group("last"), *re.split(r"\s*,\s*|\s+", m.group("first").strip(" ,"))]
            for verb in verbs:
                for hit in self.lexicon.find(f"{verb}{m.group('object')}", "purpose"):
                    if hit.start == 0 and hit.curie not in known:
                        known.add(hit.curie)
                        extra.append(Match(hit.curie, "purpose", m.start(), m.end(), m.group()))
        return extra


def _names_data(m: Match, text: str) -> bool:
    """Whether the data word `m` names someone's data where it stands in `text`."""
    before = lower(text[max(0, m.start - 24) : m.start])
    return not (
        _NON_PERSONAL.search(before[-14:])
        or _NOT_DATA.match(text, m.start)
        or (m.curie == _COOKIE_DATA and _COOKIE_AS_TOOL.search(before))
        or (m.curie == _RESIDENCE and _RESIDENCE_AS_PLACE.search(before))
        or (
            m.text.lower() in ("location", "locations")
            and _LOCATION_AS_PLACE.search(before)
            and not _PERSON_AT_PLACE.match(text, m.end)
        )
        or (m.text.lower() == "address" and _ADDRESS_AS_VERB.search(before))
        or _EXCLUDED.search(lower(text[max(0, m.start - 120) : m.start]))
        or _SERVICE_AFTER.match(text, m.end)
        or _SERVICE_BEFORE.search(before[-16:])
    )


def _is_basis_here(m: Match, text: str) -> bool:
    """Whether the legal-basis words `m` state a legal basis where they stand in `text`."""
    before = lower(text[max(0, m.start - 40) : m.start])
    words = m.text.lower()
    return not (
        _NOT_A_BASIS.search(before)
        or (words.startswith("permission") and _DEVICE_PERMISSION.search(before))
        or (words.endswith(("contract", "contracts")) and _CONTRACT_WITH_OTHERS.match(text, m.end))
    )


def _abroad(m: Match, text: str) -> Match | None:
    """ "transferred outside the EEA": the place the data leave, so somewhere else; "visiting
    from outside the United States", "if you are located outside the EEA": where the person is,
    no place of the data at all."""
    if m.curie == _ELSEWHERE:
        # "located outside" named by the vocabulary itself, said of the person
        person = _PERSON_IS.search(text[max(0, m.start - 20) : m.start])
        return None if person and m.text.lower().startswith(("located", "outside")) else m
    outside = _OUTSIDE.search(text[max(0, m.start - 60) : m.start])
    if outside is None:
        return m
    return None if outside.group("origin") else replace(m, curie=_ELSEWHERE)


def _plausible(org: Organisation) -> bool:
    """Drop unknown "entities" whose legal form is lower-case ("Personal Information, as")."""
    if org.known:
        return True
    last = org.name.rstrip(" .,").split()[-1] if org.name.split() else ""
    return bool(last) and not last.islower()


def _company_names(company: str | None) -> set[str]:
    if not company:
        return set()
    names = {slug(company), company.lower().strip()}
    first = company.split()[0].lower().strip(",.")
    if first not in ("the", "a", "an", "our", "my", "company"):
        names.add(first)
        names.add(slug(first))
    return names


def _inside(m: Match, others: list[Match], *, longer: bool = False) -> bool:
    """`m` lies within one of `others` (with `longer`, within a strictly longer one)."""
    return any(
        o.start <= m.start
        and m.end <= o.end
        and o is not m
        and (not longer or o.end - o.start > m.end - m.start)
        for o in others
    )


# the company as the subject before the verb, and the reader's option in a clause after it
_WE_DO = re.compile(
    r"\bwe\b|\b(?:the|our)\s+(?:app|application|website|site|service|services|platform)\b",
    re.IGNORECASE,
)
_YOUR_OPTION = re.compile(r"[^.;]*?(?:,|;|\bbut\b|\band\b)\s*(?:which|but|and)?\s*you\b", re.I)


def _readers_choice(text: str, verb: VerbHit) -> bool:
    """The verb is about what the reader may do ("you can opt out of our sharing", "please
    contact us to delete"), not a practice."""
    clause = text[verb.clause.start : verb.clause.end]
    if not is_rights_clause(clause):
        return False
    rest = text[verb.end : verb.clause.end]
    if is_rights_clause(text[verb.clause.start : verb.end]):
        return True
    if _WE_DO.search(text[verb.clause.start : verb.start]) and _YOUR_OPTION.match(rest):
        return False  # "We collect usage statistics, which you can turn off in Settings"
    return not (_OPT_OUT_CONDITION.search(rest) and "please" not in rest.lower())


def _first_word_length(text: str) -> int:
    return len(text.split(maxsplit=1)[0]) if text.strip() else 0
