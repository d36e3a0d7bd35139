"""mentions.v1: laws, rights, locations, security measures, legal bases and audiences a policy names.

Each is a `Mention` of one concept with the sentence as evidence. The lexicon finds the concepts;
the rules here decide whether a match counts:

- laws and audiences count wherever they are named;
- rights count only in sentences that grant or describe rights ("you have the right to",
  "you may request", a list under a "Your Rights" heading), where plain wording ("access, correct
  or delete your personal information") maps to the GDPR articles, or to the CCPA rights when
  the sentence or its section is about California;
- locations need a verb that says what happens there: stored/hosted in (storage), processed in
  (processing), transferred to (transfer), incorporated/based/headquartered in (establishment);
- measures count in security contexts, legal bases in sentences that state a basis.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Evidence, Mention, PolicyDoc, Sentence
from ..pipeline import component

if TYPE_CHECKING:
    from ..lexicon import Lexicon

_I = re.IGNORECASE

# --- rights -------------------------------------------------------------------------------

_RIGHTS_HEADING = re.compile(
    r"\bright|\bchoices\b|\bdata subject|\bcontrol over your|\baccess(ing)? (to )?your\b", _I
)
_RIGHTS_CUE = re.compile(
    r"\bright (to|of)\b|\brights\b"
    r"|\b(you|users?|subscribers?|customers?|consumers?|individuals?|residents?|data subjects?|they)"
    r"\s+(also\s+|may\s+also\s+|can\s+also\s+)?"
    r"(may|can|could|are entitled to|have the (ability|option|opportunity) to|will have)\s+"
    r"(request|ask|access|obtain|receive|exercise|correct|update|amend|delete|erase|object"
    r"|withdraw|opt|lodge|restrict|review|rectify|modify|limit|know|port)"
    r"|\b(request|ask us) (to )?(access|that we|that your|the (deletion|correction|erasure))"
    r"|\benables? you to request\b|\bexercise (your|any|these|their|the|such) rights?\b",
    _I,
)
# "We reserve the right to ...", "protect our rights": the company's rights, not the user's.
_NOT_USER_RIGHT = re.compile(
    r"\b(we|umso|the company)\s+(\w+\s+)?reserves?\s+the\s+right|\b(our|its|their) (legal )?rights\b"
    r"|\bright of privacy violations?\b",
    _I,
)
_CALIFORNIA = re.compile(r"\bcalifornia|\bccpa\b|\bcpra\b|\bconsumer privacy act\b", _I)

# Plain wording -> (GDPR right, CCPA right or None).
_PLAIN_RIGHTS: list[tuple[re.Pattern[str], str, str | None]] = [
    (re.compile(r"\bright to know\b", _I), "eu-gdpr:A15", "pg:CCPA-RightToKnow"),
    (
        re.compile(
            r"\baccess(ing)?\b(?! (control|level|credential|to (our|the) (services?|website|site)))"
            r"|\b(receive|obtain|request|get) a copy\b|\bknow (what|how|which|whether)\b",
            _I,
        ),
        "eu-gdpr:A15",
        "pg:CCPA-RightToKnow",
    ),
    (
        re.compile(r"\b(rectif\w*|correct(ion|ed|ing)?|update|amend|modify)\b", _I),
        "eu-gdpr:A16",
        "pg:CCPA-RightToCorrect",
    ),
    (
        re.compile(r"\b(eras\w*|delet(e|ed|ion|ing)|be forgotten)\b", _I),
        "eu-gdpr:A17",
        "pg:CCPA-RightToDelete",
    ),
    (
        re.compile(r"\brestrict(ion|ed|ing)?\b|\blimit(ing)?\b[\w\s,]{0,20}\bprocessing\b", _I),
        "eu-gdpr:A18",
        "pg:CCPA-RightToLimit",
    ),
    (
        re.compile(r"\bportab\w*|\bmachine[- ]readable\b|\bdirectly to another controller\b", _I),
        "eu-gdpr:A20",
        None,
    ),
    (re.compile(r"\bobject(ion)?\b(?! (code|storage))", _I), "eu-gdpr:A21", None),
    (
        re.compile(r"\bautomated (individual )?decision|\bsolely automated\b", _I),
        "eu-gdpr:A22",
        None,
    ),
    (
        re.compile(r"\bnon-?discriminat\w*|\bnot (be )?discriminat\w*", _I),
        "",
        "pg:CCPA-RightToNonDiscrimination",
    ),
]
# These hold outside rights contexts too: the wording itself grants the right.
_WITHDRAW = re.compile(
    r"\b(withdraw\w*|revok\w*)\s+(your\s+|their\s+|such\s+|this\s+|the\s+|any\s+)?consent\b", _I
)
_COMPLAINT = re.compile(
    r"\b(complain\w*|complaint)\b[^.;]{0,60}\b(supervisory|data protection authorit\w*|regulator)",
    _I,
)
_OPT_OUT_SALE = re.compile(r"\bopt[- ]?out of (the )?(sale|selling)\b", _I)

# --- locations ----------------------------------------------------------------------------

# (pattern ending just before a location, relation); the cue nearest the location wins.
_LOCATION_CUES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bprocess\w*\s*\((including|incl\.)[^)]*storage[^)]*\)", _I), "storage"),
    (re.compile(r"\b(stored?|storing|stores|hosted|hosting|hosts|kept|keeps?|housed|backed up)\b", _I), "storage"),
    (re.compile(r"\b(servers?|data ?cent(er|re)s?|datacent\w*)\b", _I), "storage"),
    (re.compile(r"\bprocess(ed|es|ing)?\b", _I), "processing"),
    (re.compile(r"\b(transfer\w*|transmit\w*|sent|exported)\b", _I), "transfer"),
    (
        re.compile(
            r"\b(incorporated|formed|organi[sz]ed|registered|established|headquartered"
            r"|headquarters|based|domiciled|(delivery|registered|mailing|postal|business) address"
            r"|our address|our offices?)\b",
            _I,
        ),
        "establishment",
    ),
    (re.compile(r"\blocated\b", _I), "located"),
]
# A location named as the origin or the people's residence, not a destination.
_NOT_DESTINATION = re.compile(
    r"(\boutside\s+(of\s+)?|\b(residents?|citizens?|individuals|people|persons|users|visitors"
    r"|consumers|subscribers|customers|those|anyone)\s+(of|in|from)\s+|\breside\s+in\s+"
    r"|\blive\s+in\s+|\byou\s+are\s+(located|based)\s+in\s+|\blaws?\s+(of|in)\s+"
    r"|\bapplicable\s+in\s+)(the\s+)?$",
    _I,
)
_LIST_GLUE = re.compile(r"^[\s,]*(and|or|as well as)?[\s,]*(the\s+)?$", _I)
_NEGATION = re.compile(r"\b(not|never|no|nor|n't)\b", _I)
_COMPANY_SUBJECT = re.compile(r"\b(we|we're|our|us|is|are)\b", _I)
_STORAGE_SUBJECT = re.compile(r"\b(servers?|data ?cent(er|re)s?|datacent\w*|data|information|hosting)\b", _I)

# --- measures and legal bases -------------------------------------------------------------

_SECURITY = re.compile(
    r"\bsecur\w*|\bprotect\w*|\bsafeguard\w*|\bencrypt\w*|\bconfidential\w*|\bunauthori[sz]ed"
    r"|\bbreach\w*|\bintegrity\b|\bmeasures\b",
    _I,
)
_BASIS_CUE = re.compile(
    r"\blegal (basis|bases|ground)|\blawful (basis|bases|ground)|\brel(y|ies|ying) (up)?on\b"
    r"|\bbased on (your|our)\b|\bon the basis of\b|\bgrounds? for (the )?processing\b"
    r"|\bwe process\b[^.]{0,60}\b(where|when|because|if)\b",
    _I,
)


def _contexts(sentence: Sentence) -> list[str]:
    texts = [sentence.text]
    if sentence.lead is not None:
        texts.append(sentence.lead.text)
    return texts


def _rights_context(sentence: Sentence) -> bool:
    def cue(text: str) -> bool:
        return bool(_RIGHTS_CUE.search(text)) and not (
            _NOT_USER_RIGHT.search(text) and not re.search(r"\byou\b|\bconsumers?\b", text, _I)
        )

    if cue(sentence.text):
        return True
    if sentence.lead is not None and cue(sentence.lead.text):
        return True
    heading = sentence.section.heading
    return bool(heading and _RIGHTS_HEADING.search(heading)) and not _NOT_USER_RIGHT.search(
        sentence.text
    )


def _is_california(sentence: Sentence) -> bool:
    return any(_CALIFORNIA.search(t) for t in (*_contexts(sentence), sentence.section.heading))


def _rights(lexicon: Lexicon, sentence: Sentence) -> list[str]:
    text = sentence.text
    found: list[str] = []
    if _WITHDRAW.search(text) and not re.search(r"\bwe\s+(may\s+)?withdraw", text, _I):
        found.append("eu-gdpr:A7-3")
    if _COMPLAINT.search(text):
        found.append("eu-gdpr:A77")
    if _OPT_OUT_SALE.search(text):
        found.append("pg:CCPA-RightToOptOutOfSale")
    if not _rights_context(sentence):
        return found
    found += [m.curie for m in lexicon.find(text, "right")]
    california = _is_california(sentence)
    for pattern, gdpr, ccpa in _PLAIN_RIGHTS:
        if pattern.search(text):
            right = ccpa if california and ccpa else gdpr
            if right:
                found.append(right)
    return found


def _relation(prefix: str, sentence: Sentence) -> str | None:
    """The relation a location has to the data, from the words before it in its clause."""
    if _NOT_DESTINATION.search(prefix):
        return None
    best: tuple[int, int, str] | None = None  # (end, start, relation)
    for pattern, relation in _LOCATION_CUES:
        for m in pattern.finditer(prefix):
            if best is None or m.end() > best[0]:
                best = (m.end(), m.start(), relation)
    if best is None:
        return None
    end, start, relation = best
    between = prefix[end:]
    if len(between) > 120 or ";" in between:
        return None
    before = prefix[:start]
    clause = re.split(r"[.;:]\s|\band\b(?=\s+(the|our|we)\b)", before)[-1]
    if relation in ("storage", "processing", "transfer") and _NEGATION.search(clause[-60:]):
        return None
    if relation == "located":
        if _STORAGE_SUBJECT.search(clause[-80:]) and not re.search(r"\b(we|our offices?)\b", clause[-40:], _I):
            return "storage"
        relation = "establishment"
    if relation == "establishment":
        # "Pusher Limited, a company formed in England": a vendor's seat, not the company's.
        if sentence.is_list_item or not _COMPANY_SUBJECT.search(clause[-80:]):
            return None
    return relation


def _locations(lexicon: Lexicon, sentence: Sentence) -> list[tuple[str, str]]:
    text = sentence.text
    found: list[tuple[str, str]] = []
    matches = lexicon.find(text, "location")
    previous: tuple[int, str] | None = None  # end offset and relation of the last location
    for m in matches:
        prefix = text[max(0, m.start - 200) : m.start]
        relation = _relation(prefix, sentence)
        if relation is None and previous is not None:
            # "stored in Toronto, Canada, Mumbai, India, and Frankfurt, Germany": the list goes on.
            gap = text[previous[0] : m.start]
            if len(gap) < 40 and re.fullmatch(r"[\s,]*((and|or|in)\s+)?([A-Z][\w.-]*\s*,?\s*)*(and\s+)?(the\s+)?", gap):
                relation = previous[1]
        if relation is not None:
            found.append((m.curie, relation))
            previous = (m.end, relation)
        else:
            previous = None
    return found


def _mentions(lexicon: Lexicon, sentence: Sentence) -> list[tuple[str, str, str | None]]:
    text = sentence.text
    out: list[tuple[str, str, str | None]] = []
    out += [("law", m.curie, None) for m in lexicon.find(text, "law")]
    out += [("right", c, None) for c in _rights(lexicon, sentence)]
    out += [("location", c, r) for c, r in _locations(lexicon, sentence)]
    security = any(_SECURITY.search(t) for t in (*_contexts(sentence), sentence.section.heading))
    if security:
        out += [("measure", m.curie, None) for m in lexicon.find(text, "measure")]
    if _BASIS_CUE.search(text) and not _RIGHTS_CUE.search(text):
        out += [("legal-basis", m.curie, None) for m in lexicon.find(text, "legal-basis")]
    out += [("audience", m.curie, None) for m in lexicon.find(text, "audience")]
    return out


def find_mentions(lexicon: Lexicon, sentences: list[Sentence]) -> list[Mention]:
    mentions: list[Mention] = []
    seen: set[tuple[str, str, str | None, int, int]] = set()
    for sentence in sentences:
        if sentence.is_table_row:
            continue
        evidence: Evidence | None = None
        for kind, concept, relation in _mentions(lexicon, sentence):
            key = (kind, concept, relation, sentence.start, sentence.end)
            if key in seen:
                continue
            seen.add(key)
            evidence = evidence or Evidence.of(sentence)
            mentions.append(Mention(kind, concept, evidence, relation))
    return mentions


@component("mentions.v1", requires=["doc.sentences"], assigns=["fact.mentions"])
def make(lexicon: Lexicon, **config):
    def run(doc: PolicyDoc) -> None:
        doc.facts.mentions.extend(find_mentions(lexicon, doc.sentences))

    return run
