"""mentions.v1: the laws, rights, locations, security measures, legal bases, audiences and user
choices named.

Each is a `Mention` of one concept with the sentence as evidence. The lexicon finds the concepts;
the rules here decide whether a match counts:

- laws and audiences count wherever they are named;
- rights count only in sentences that grant or describe rights ("you have the right to",
  "you may request", a list under a "Your Rights" heading), where plain wording ("access, correct
  or delete your personal information") maps to the GDPR articles, or to the CCPA rights when
  the sentence or its section is about California;
- locations need a verb that says what happens there: stored/hosted in (storage), processed in
  (processing), transferred to (transfer), incorporated/based/headquartered in (establishment);
- measures count in security contexts, legal bases in sentences that state a basis;
- choices (opt-out links, browser or account settings, industry opt-outs) count in sentences
  that offer the reader the choice ("you can", "to unsubscribe, click", "if you do not wish").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Evidence, Mention, PolicyDoc, Section, Sentence
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
    r"|\b(you|users?|subscribers?|customers?|consumers?|individuals?|residents?"
    r"|data subjects?|they)"
    r"\s+(also\s+|may\s+also\s+|can\s+also\s+)?"
    r"(may|can|could|are entitled to|have the (ability|option|opportunity) to|will have)\s+"
    r"(request|ask|access|obtain|receive|exercise|correct|update|amend|delete|erase|object"
    r"|withdraw|opt|lodge|restrict|review|rectify|modify|limit|know|port|see|view|edit)"
    r"|\b(request|ask us) (to )?(access|that we|that your|removal"
    r"|the (deletion|correction|erasure))"
    r"|\benables? you to request\b|\bexercise (your|any|these|their|the|such) rights?\b"
    # "If you'd like us to delete the data you provided, contact us": the request, offered
    r"|\bif you(?: would|'d|’d)? (?:like|want|wish) (?:(?:us|them) )?to:? (?:access|delete|erase"
    r"|remove|correct|update|rectify|amend|receive|obtain|restrict|object|port|modify|change"
    r"|review|edit|see|view|have)"
    # "you can make changes to your account information", "can be updated or corrected simply by
    # calling Customer Service", "to have your personal information changed"
    r"|\b(?:you|users?) (?:may|can|could) make changes to (?:your|their)\b"
    r"|\bcan be (?:updated|corrected|changed|modified|deleted)\b(?:\s+or\s+\w+)?\s+(?:simply\s+)?"
    r"by (?:calling|contacting|emailing|e-mailing|writing|logging|visiting|going)\b"
    r"|\bhave (?:your|their) [\w\s]{0,40}(?:changed|corrected|updated|deleted|removed|amended)\b",
    _I,
)
# "We reserve the right to ...", "protect our rights": the company's rights, not the user's.
_NOT_USER_RIGHT = re.compile(
    r"(?<!you )\breserves?\s+the\s+right|\b(our|its|their) (legal )?rights\b"
    r"|\bright of privacy violations?\b",
    _I,
)
# "you grant Company … a perpetual right to use (including copy, modify …) Feedback": a licence
# the person gives, not a right they have
_LICENCE_GRANTED = re.compile(r"\byou\s+(?:hereby\s+)?grant\b[^.;]{0,200}\bright\b", _I)
# "request access or permission to your camera": an app asking for device access, no right
_DEVICE_ACCESS = re.compile(r"\s+(?:or|and)\s+permissions?\b", _I)
_CALIFORNIA = re.compile(r"\bcalifornia|\bccpa\b|\bcpra\b|\bconsumer privacy act\b", _I)

# Plain wording -> (GDPR right, CCPA right or None).
# "see, edit, or delete their personal information": the person's own data follows the verb
_OWN_DATA = (
    r"[\w\s,]{0,25}\b(their|your|any|all) (personal |account |profile )?"
    r"(data|information|details)\b"
)
_PLAIN_RIGHTS: list[tuple[re.Pattern[str], str, str | None]] = [
    (re.compile(r"\bright to know\b", _I), "eu-gdpr:A15", "pg:CCPA-RightToKnow"),
    (
        re.compile(
            # not access to the service itself, nor an app's device permissions
            r"(?<!permission to )(?<!permissions to )\baccess(ing)?\b"
            r"(?! (control|level|credential|(or|and) permissions?|(to )?(our|the|this) "
            r"(services?|web ?site|site|app|application|platform|home ?page)"
            r"|(and \w+ )?(your |the )?(\w+ )?settings))"
            r"|\b(receive|obtain|request|get) a copy\b|\bknow (what|how|which|whether)\b"
            r"|\b(see|view|review)(?=" + _OWN_DATA + ")",
            _I,
        ),
        "eu-gdpr:A15",
        "pg:CCPA-RightToKnow",
    ),
    (
        # "correct" as a verb, not the adjective ("true, correct and complete", "is correct")
        re.compile(
            r"\b(rectif\w*|correct(ion|ed|ing)|update|amend|modify)\b|\bedit(?=" + _OWN_DATA + ")"
            r"|\bmake changes to\b|\b(?:have|get) (?:your|their) [\w\s]{0,40}\bchanged\b"
            r"|(?<!true, )(?<!true and )(?<!accurate, )(?<!accurate and )(?<!is )(?<!are )"
            r"(?<!be )\bcorrect\b(?! and complete)",
            _I,
        ),
        "eu-gdpr:A16",
        "pg:CCPA-RightToCorrect",
    ),
    (
        re.compile(
            r"\b(eras\w*|delet(e|ed|ion|ing)|be forgotten)\b"
            r"|\bremov(e|al of) (your|the|all) (personal )?(data|information)\b",
            _I,
        ),
        "eu-gdpr:A17",
        "pg:CCPA-RightToDelete",
    ),
    (
        re.compile(r"\blimit\w*\b[\w\s,]{0,30}\bsensitive\b", _I),
        "",
        "pg:CCPA-RightToLimitSensitive",
    ),
    (
        re.compile(r"\brestrict(ion|ed|ing)?\b|\blimit(ing)?\b[\w\s,]{0,20}\bprocessing\b", _I),
        "eu-gdpr:A18",
        None,
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
    r"\b(withdraw\w*|revok\w*)\b[^.;]{0,30}?\bconsent\b"
    r"|\bconsent\b[^.;]{0,60}?\b(?:be\s+)?(withdrawn|revoked)\b"
    # "If you have consented to ..., you can change your mind at any time"
    r"|\bconsent\w*\b[^.;]{0,120}?\b(?:change|vary|alter)\s+your\s+mind\b"
    # "If you have agreed to receive marketing, you may always opt out": consent, then its end
    r"|\b(?:agreed|consented|opted[- ]in)\b[^.;]{0,80}?\b(?:opt[- ]out|unsubscribe|withdraw)\b"
    # "Where processing is based on consent, you can withdraw it at any time"
    r"|\bconsent\b[^.;]{0,80}?\b(?:withdraw|revoke)\s+(?:it|this|that)\b"
    # "Information provided … may be withdrawn at any time"
    r"|\b(?:information|data)\b[^.;]{0,60}?\bmay\s+be\s+withdrawn\b",
    _I,
)
_COMPLAINT = re.compile(
    r"\b(complain\w*|complaint)\b[^.;]{0,150}\b(supervisory|data protection authorit\w*|regulator"
    r"|(?:competent|relevant|local|national|public|government\w*|privacy|protection) authorit\w*"
    r"|commissioner|ombuds\w*)"
    # "you may contact the relevant data protection authority": the right, without the word
    r"|\b(?:contact|lodge|file|refer|escalate|write to|report to)\b[^.;]{0,40}\b(?:supervisory"
    r"|data protection) authorit\w*"
    # "you can contact the Federal Data Protection and Information Commissioner / the Lesotho
    # communications authority": a regulator offered to the reader
    r"|\byou (?:may|can|could)(?: also)? contact (?:the |your )?[^.;]{0,60}?\b(?:commissioner\w*"
    r"|(?:supervisory|protection|privacy|communications?|regulatory|competent|relevant) "
    r"authorit\w*)",
    _I,
)
_OPT_OUT_SALE = re.compile(r"\bopt[- ]?out of (the )?(sale|selling)\b", _I)

# --- choices ------------------------------------------------------------------------------

_CHOICE_CUE = re.compile(
    r"\b(?:you|users?|visitors?|customers?|subscribers?|members?|account holders?|parents?|"
    r"consumers?|recipients?|individuals?|anyone|those)\b[^.;]{0,40}?"
    r"\b(?:can|may|might|could|will be able|are able|"
    r"have the (?:ability|option|opportunity|choice)|"
    r"are (?:given|offered|provided)|should|must|need to|wish|want|prefer|choose|elect|decide|"
    r"do not (?:wish|want)|no longer (?:wish|want))\b"
    r"|\b(?:allows?|enables?|lets?|permits?|gives?|offers?|provides?)\s+(?:you|users?|visitors?|"
    r"customers?|subscribers?|members?|consumers?)\b"
    r"|^(?:to|if|please|simply|just|click|visit|go to|contact|email|e-mail|write|call|follow|"
    r"select|use|adjust|change|update|manage|disable|delete|set|opt|unsubscribe|you)\b"
    r"|\b(?:please|simply)\s+\w+|\bby (?:clicking|visiting|following|selecting|changing|"
    r"adjusting|updating|logging|contacting|emailing|e-mailing|writing|calling|replying|sending|"
    r"going|setting|using|activating|disabling)\b|\bclick(?:ing)? (?:on |here|the )"
    r"|\b(?:opt(?:-|\s)?out|unsubscribe|opt(?:-|\s)?in) (?:options?|choices?|links?|at any time|"
    r"instructions?|mechanisms?|requests?|procedures?|page)\b|\bat any time\b"
    r"|\bif you (?:do not|don'?t|would prefer|prefer|wish|want|would like|no longer)\b"
)
# "we may opt you in", "we will remove inactive accounts": the company's own choice.
_COMPANY_CHOICE = re.compile(
    r"^(?:we|our company|the company)\b[^.;]{0,30}\b(?:reserve|decide|may choose)\b"
)
_CHOICE_HEADING = re.compile(
    r"\bchoices?\b|\bopt(?:-|\s)?(?:out|in)\b|\bunsubscrib|\bcontrol|\bpreferences\b|"
    r"\bmanag\w* (?:your )?(?:cookies|information|data)|\bhow to\b"
)

# --- locations ----------------------------------------------------------------------------

# Words before a location that say what happens there; the cue nearest the location wins.
_CUE_WORDS = {
    **dict.fromkeys(
        ("store", "stored", "storing", "stores", "storage", "hosted", "hosting", "hosts", "kept",
         "keep", "keeps", "housed"), "storage"),
    **dict.fromkeys(("server", "servers", "datacenter", "datacenters", "datacentre"), "server"),
    **dict.fromkeys(("process", "processed", "processes", "processing"), "processing"),
    **dict.fromkeys(
        ("transfer", "transfers", "transferred", "transferring", "transmitted", "sent",
         "exported"), "transfer"),
    **dict.fromkeys(
        ("incorporated", "formed", "organized", "organised", "registered", "established",
         "headquartered", "headquarters", "based", "domiciled"), "establishment"),
    **dict.fromkeys(("address", "offices", "office"), "address"),
    "located": "located",
    "center": "center", "centers": "center", "centre": "center", "centres": "center",
}  # fmt: skip
_SERVER_GAP = {"are", "is", "also", "located", "based", "situated", "hosted", "in", "at", "the"}
_WORD = re.compile(r"[A-Za-z]+")
# Words right before a location naming the origin or where people live, not a destination.
_PEOPLE = {
    "residents", "resident", "citizens", "individuals", "people", "persons", "users", "visitors",
    "consumers", "subscribers", "customers", "those", "anyone", "reside", "live", "living",
}  # fmt: skip


def _not_destination(words: list[str]) -> bool:
    """ "outside (of) the", "residents of", "you are located in", "the laws of" before a place."""
    w = [x for x in words[-5:] if x != "the"]
    if not w:
        return False
    if w[-1] == "outside" or (len(w) > 1 and w[-2:] == ["outside", "of"]):
        return True
    if w[-1] in ("of", "in", "from") and len(w) > 1:
        if w[-2] in _PEOPLE or w[-2] == "applicable":
            return True
        if (
            w[-2] in ("law", "laws")
            and w[-4:-2] != ["formed", "under"]
            and (len(w) < 3 or w[-3] != "under")
        ):
            return True
        if w[-2] in ("located", "based", "live", "living") and "you" in w[-5:-2]:
            return True
    return False


_NEGATION = re.compile(r"\b(not|never|no|nor|n't)\b", _I)
_COMPANY_SUBJECT = re.compile(r"\b(we|we're|our|us|is|are)\b", _I)
_STORAGE_SUBJECT = re.compile(
    r"\b(servers?|data ?cent(er|re)s?|datacent\w*|data|information|hosting)\b", _I
)
# Those the data go to, located somewhere: "our service providers may be located outside your
# country" says the data go there.
_RECIPIENT_SUBJECT = re.compile(
    r"\b(employees|contractors|organi[sz]ations|(service )?providers|processors|vendors|partners"
    r"|affiliates|subsidiaries|group companies|third parties|recipients|suppliers|institutions)\b"
    r"[^.;]{0,40}$",
    _I,
)

# --- measures and legal bases -------------------------------------------------------------

_SECURITY = re.compile(
    r"\bsecur\w*|\bprotect\w*|\bsafeguard\w*|\bencrypt\w*|\bconfidential\w*|\bunauthori[sz]ed"
    r"|\bbreach\w*|\bintegrity\b|\bmeasures\b",
    _I,
)
# "to protect our legal rights" is a purpose, not the reader's rights
LEGITIMATE_INTERESTS = {"eu-gdpr:A6-1-f", "dpv:LegitimateInterest"}
_OWN_RIGHTS = re.compile(r"\b(?:our|its|their)\s+(?:legal\s+)?rights\b|\blegal rights\b", _I)
_BASIS_CUE = re.compile(
    r"\blegal (basis|bases|ground)|\blawful (basis|bases|ground)|\brel(y|ies|ying) (up)?on\b"
    r"|\bbased on (your|our)\b|\bon the basis of\b|\bgrounds? for (the )?processing\b"
    r"|\bwe process\b[^.]{0,60}\b(where|when|because|if)\b"
    # Art. 6(1)'s own wording: "processing is necessary for compliance with a legal obligation"
    r"|\bprocessing is necessary (for|to|in order)\b|\bif one of the following applies\b"
    # consent claimed for the processing itself: "by using the app you consent to the
    # collection and use of your information", "you hereby consent to our Privacy Policy"
    r"|\byou (are )?(hereby )?consent(ing)? to (the|our|this) (collection|processing|use of your"
    r"|privacy (policy|notice|statement))\b",
    _I,
)

# --- data sources and the necessity of providing data (GDPR Art. 14(2)(f), 13(2)(e)) ---------

# A source is named in a sentence about obtaining data, not about sharing it.
_SOURCE_CUE = re.compile(
    r"\b(?:receiv|obtain|collect|gather|acquir|combin|sourc|suppl[ey]ment|get|gets|got)\w*\b"
    r"|\bcomes? from\b|\b(?:provided|given|shared|disclosed) (?:to|with) us\b",
    _I,
)
_FROM = re.compile(
    r"\bfrom\s+(?:(?:our|other|certain|various|the|these|trusted|selected|select|third[- ]party)"
    r"\s+)*$",
    _I,
)
# "The source of the profile data is you": the source of each category, stated outright.
_SOURCE_IS = re.compile(
    r"\bthe\s+sources?\s+of\s+(?:the\s+|this\s+|that\s+|such\s+|your\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:data|information)\s+(?:is|are)\s+(?P<who>you\b)?",
    _I,
)
# Necessity is stated about people providing their data.
# (not "service providers" or "suppliers": those name companies)
_PROVIDE_CUE = re.compile(
    r"\b(?:provid|giv|enter|submit|suppl|furnish|disclos)(?!ers?\b|iers?\b)\w*\b[^.]{0,80}"
    r"\b(?:information|data|details)\b"
    r"|\b(?:provid|giv|enter|submit|suppl|furnish|equip)\w*\s+(?:us\s+with\s+)?(?:your|certain"
    r"|some|such|any|personal|this|that|it|the\s+following)\b"
    r"|\b(?:information|data|details)\b[^.]{0,80}\b(?:provid|giv|enter|submit|suppl|furnish)"
    r"(?!ers?\b|iers?\b)\w*"
    r"|\bif you (?:do not|don't|choose not to|decline to|refuse to|fail to) "
    r"(?:provide|give|share|enter|supply)\b",
    _I,
)

# ... by the person ("you must provide"), not the company ("we are required by law to disclose").
_PERSON = re.compile(r"\b(?:you|your|users?|visitors?|customers?)\b", _I)
# "we may require you to provide …" says data may be asked for, not that providing them is required
_MAY = re.compile(r"\b(?:may|might|can|could)\s+$", _I)
_BY_LAW = re.compile(r"\brequired (?:to do so )?by (?:law|a court)|\brequired notices\b", _I)
# "we may be required to provide", "a business must provide": the company provides, not the person
_COMPANY_MUST = re.compile(
    r"\b(?:we|business|businesses|company|companies|controller|operator)\s+"
    r"(?:(?:may|might|will|shall|can|could|is|are)\s+)*(?:be\s+)?$",
    _I,
)


def _binds_no_person(text: str, start: int, end: int) -> bool:
    """A "required" at text[start:end] that puts no duty on the person providing data."""
    if _MAY.search(text, max(0, start - 12), start):
        return True  # "we may require you to provide": data may be asked for
    # "a business may be required to provide", but not "we require you to provide"
    return " you" not in text[start:end].lower() and bool(
        _COMPANY_MUST.search(text, max(0, start - 40), start)
    )


_PLAIN_KEYS = (
    "access", "copy", "know", "see", "view", "rectif", "correct", "updat", "amend", "modif",
    "chang", "edit", "eras", "delet", "remov", "forgotten", "restrict", "limit", "portab",
    "machine", "controller", "object", "automated", "discriminat",
)  # fmt: skip


def _has_plain_key(low: str) -> bool:
    return any(key in low for key in _PLAIN_KEYS)


_SECURITY_KEYS = (
    "secur", "protect", "safeguard", "encrypt", "confidential", "unauthori", "breach",
    "integrity", "measures",
)  # fmt: skip
# GDPR article <-> CCPA right, for rights named in the other law's context.
_TO_CCPA = {
    "eu-gdpr:A15": "pg:CCPA-RightToKnow",
    "eu-gdpr:A16": "pg:CCPA-RightToCorrect",
    "eu-gdpr:A17": "pg:CCPA-RightToDelete",
}
_TO_GDPR = {v: k for k, v in _TO_CCPA.items()}
_RIGHT_SPAN = re.compile(r"\brights? (to|of)\b", _I)
# "the right to access … and to ask that your information be corrected, updated, or deleted"
_AND_TO_ASK = re.compile(r"\band\s+(?:to\s+)?(?:ask|request|have|demand|require)\b", _I)


def _right_span(text: str, start: int) -> str:
    """The words after "right to" that name the right, and a request joined to them."""
    span = text[start : start + 60]
    if more := _AND_TO_ASK.search(text, start, start + 120):
        span += " " + text[more.end() : more.end() + 80]
    return span


class _Context:
    """Per-document caches: whether a section's heading sets a rights or California context."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.headings: dict[str, tuple[bool, bool, bool]] = {}
        # Rights other rights are narrower than ("data subject rights"): umbrellas, not rights.
        self.generic = {b for c in lexicon.in_scheme("right") for b in c.broader}
        self.legitimate = {
            c.curie
            for c in lexicon.in_scheme("legal-basis")
            if ({c.curie} | lexicon.ancestors(c.curie)) & LEGITIMATE_INTERESTS
        }

    def heading(self, heading: str) -> tuple[bool, bool, bool]:
        """(rights heading, California heading, security heading)."""
        cached = self.headings.get(heading)
        if cached is None:
            low = heading.lower()
            cached = (
                bool(heading and _RIGHTS_HEADING.search(heading)),
                bool(heading and _CALIFORNIA.search(heading)),
                any(k in low for k in _SECURITY_KEYS),
            )
            self.headings[heading] = cached
        return cached


def _user_right_cue(text: str, low: str) -> bool:
    if not (
        "right" in low or "request" in low or " may " in low or " can " in low
        or "entitled" in low or "ask" in low or "exercise" in low or "will have" in low
        or "like" in low or "want" in low or "wish" in low
    ):  # fmt: skip
        return False
    if not _RIGHTS_CUE.search(text):
        return False
    return not (_company_right(text, low) and not re.search(r"\byou\b|\bconsumers?\b", text, _I))


def _company_right(text: str, low: str) -> bool:
    return ("reserve" in low or "rights" in low or "right of" in low) and bool(
        _NOT_USER_RIGHT.search(text)
    )


def _rights(
    lexicon: Lexicon, sentence: Sentence, low: str, named: list[str], ctx: _Context
) -> list[str]:
    text = sentence.text
    found: list[str] = []
    withdraw = ("withdraw" in low or "revok" in low or "mind" in low or "opt" in low
                or "unsubscribe" in low) and _WITHDRAW.search(text)  # fmt: skip
    if withdraw and not re.search(r"\bwe\s+(may\s+)?withdraw", text, _I):
        found.append("eu-gdpr:A7-3")
    if ("complain" in low or "authorit" in low or "commissioner" in low) and _COMPLAINT.search(
        text
    ):
        found.append("eu-gdpr:A77")
    if "opt" in low and _OPT_OUT_SALE.search(text):
        found.append("pg:CCPA-RightToOptOutOfSale")
    plain = _has_plain_key(low)
    if (not named and not plain) or _LICENCE_GRANTED.search(text):
        return found
    rights_heading, california_heading, _ = ctx.heading(sentence.section.heading)
    lead = sentence.lead
    context = (
        _user_right_cue(text, low)
        or (lead is not None and _user_right_cue(lead.text, lead.text.lower()))
        or (rights_heading and not _company_right(text, low))
    )
    if not context:
        return found
    california = (
        california_heading
        or bool(_CALIFORNIA.search(text))
        or (lead is not None and bool(_CALIFORNIA.search(lead.text)))
    )
    rights = list(named)
    if plain:
        # "the right to request restriction of processing ... instead of erasure": when the
        # sentence names its right, read the plain wording only right after "right to".
        spans = [_right_span(text, m.end()) for m in _RIGHT_SPAN.finditer(text)] if named else []
        spans = spans or [text]
        for span in spans:
            for pattern, gdpr, ccpa in _PLAIN_RIGHTS:
                if pattern.search(span):
                    right = ccpa if california and ccpa else gdpr
                    if right:
                        rights.append(right)
    for right in rights:
        if right in ctx.generic:
            continue  # "data subject rights": the scheme's umbrella, not a right
        if california:
            right = _TO_CCPA.get(right, right)
        elif right in _TO_GDPR:
            right = _TO_GDPR[right]
        found.append(right)
    return found


def _relation(prefix: str, sentence: Sentence) -> str | None:
    """The relation a location has to the data, from the words before it in its clause."""
    words = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(prefix)]
    if _not_destination([w for w, _, _ in words[-6:]]):
        return None
    cue = None
    for i in range(len(words) - 1, max(-1, len(words) - 25), -1):
        word, start, end = words[i]
        relation = _CUE_WORDS.get(word)
        if relation is None:
            continue
        previous = words[i - 1][0] if i else ""
        after = {w for w, _, _ in words[i + 1 :]}
        if relation in ("server", "center"):
            if (relation == "center" and previous != "data") or not after <= _SERVER_GAP:
                continue
            relation = "storage"
        elif relation == "address":
            if previous not in ("delivery", "registered", "mailing", "postal", "business", "our"):
                continue
            relation = "establishment"
        cue = (start, end, relation)
        break
    if cue is None:
        return None
    start, end, relation = cue
    between = prefix[end:]
    if len(between) > 120 or ";" in between:
        return None
    before = prefix[:start]
    clause = re.split(r"[.;:]\s|\band\b(?=\s+(the|our|we)\b)", before)[-1]
    if relation in ("storage", "processing", "transfer"):
        if _NEGATION.search(clause[-60:]):
            return None
        if sentence.is_list_item and relation != "storage":
            return None
    if relation == "located":
        if _RECIPIENT_SUBJECT.search(clause[-80:]):
            return "transfer"
        if _STORAGE_SUBJECT.search(clause[-80:]) and not re.search(
            r"\b(we|our offices?)\b", clause[-40:], _I
        ):
            return "storage"
        relation = "establishment"
    # "Pusher Limited, a company formed in England": a vendor's seat, not the company's.
    if relation == "establishment" and (
        sentence.is_list_item or not _COMPANY_SUBJECT.search(clause[-80:])
    ):
        return None
    return relation


_LIST_GAP = re.compile(r"[\s,]*((and|or|in)\s+)?([A-Z][\w.-]*\s*,?\s*){0,3}(and\s+)?(the\s+)?")


def _locations(matches: list, sentence: Sentence) -> list[tuple[str, str]]:
    text = sentence.text
    found: list[tuple[str, str]] = []
    previous: tuple[int, str] | None = None  # end offset and relation of the last location
    for m in matches:
        prefix = text[max(0, m.start - 160) : m.start]
        if m.text.lower().startswith("located "):  # the label holds its own cue
            prefix += "located "
        relation = _relation(prefix, sentence)
        if relation is None and previous is not None:
            # "stored in Toronto, Canada, Mumbai, India, and Frankfurt, Germany": the list goes on.
            gap = text[previous[0] : m.start]
            if len(gap) < 40 and _LIST_GAP.fullmatch(gap):
                relation = previous[1]
        if relation is not None:
            found.append((m.curie, relation))
            previous = (m.end, relation)
        else:
            previous = None
    return found


def _mentions(
    lexicon: Lexicon, sentence: Sentence, ctx: _Context
) -> list[tuple[str, str, str | None]]:
    text = sentence.text
    matches = lexicon.match(text)
    low = text.lower()
    if not matches and not (
        "withdraw" in low or "revok" in low or "mind" in low or "complain" in low or "opt" in low
        or "authorit" in low or "commissioner" in low or "source of" in low or _has_plain_key(low)
    ):  # fmt: skip
        return []
    by_scheme: dict[str, list] = {}
    for m in matches:
        by_scheme.setdefault(m.scheme, []).append(m)
    out: list[tuple[str, str, str | None]] = []
    out += [("law", m.curie, None) for m in by_scheme.get("law", ())]
    named = [m.curie for m in by_scheme.get("right", ()) if not _DEVICE_ACCESS.match(text, m.end)]
    out += [("right", c, None) for c in _rights(lexicon, sentence, low, named, ctx)]
    if "location" in by_scheme:
        out += [("location", c, r) for c, r in _locations(by_scheme["location"], sentence)]
    if "measure" in by_scheme:
        lead = sentence.lead.text.lower() if sentence.lead is not None else ""
        if ctx.heading(sentence.section.heading)[2] or any(
            k in low or k in lead for k in _SECURITY_KEYS
        ):
            out += [("measure", m.curie, None) for m in by_scheme["measure"]]
    if (
        "legal-basis" in by_scheme
        and (_BASIS_CUE.search(text) or _BASIS_CUE.search(sentence.section.heading))
        and not ("right" in low and _RIGHTS_CUE.search(_OWN_RIGHTS.sub("", text)))
    ):
        out += [("legal-basis", m.curie, None) for m in by_scheme["legal-basis"]]
    out += [("audience", m.curie, None) for m in by_scheme.get("audience", ())]
    if "choice" in by_scheme and _offers_choice(sentence, low):
        out += [("choice", m.curie, None) for m in by_scheme["choice"]]
    out += [("decision", m.curie, None) for m in by_scheme.get("decision", ())]
    if "source" in by_scheme and _SOURCE_CUE.search(text):
        out += [("source", m.curie, None) for m in by_scheme["source"]]
    elif "source" in low and (stated := _SOURCE_IS.search(text)):
        subject = stated.group("who") is not None
        out.append(("source", "dpv:DataSubjectDataSource" if subject else "dpv:DataSource", None))
    elif (
        " from " in low
        and any(
            _FROM.search(text, max(0, m.start - 40), m.start)
            for m in by_scheme.get("recipient-category", ())
        )
        and _SOURCE_CUE.search(text)
    ):  # "we receive information from our advertising partners": any kind of recipient
        out.append(("source", "dpv:ThirdPartyDataSource", None))
    if (
        "necessity" in by_scheme
        and _PROVIDE_CUE.search(text)
        and _PERSON.search(text)
        and not _BY_LAW.search(text)
    ):
        out += [
            ("necessity", m.curie, None)
            for m in by_scheme["necessity"]
            if not (m.curie == "dpv:Required" and _binds_no_person(text, m.start, m.end))
        ]
    return out


def _offers_choice(sentence: Sentence, low: str) -> bool:
    """The sentence offers the reader a choice ("you can opt out", "to unsubscribe, click",
    "if you do not wish to receive", "please visit"), not one the company makes for itself."""
    if _COMPANY_CHOICE.search(low) and not _CHOICE_CUE.search(low):
        return False
    if _CHOICE_CUE.search(low):
        return True
    lead = sentence.lead.text.lower() if sentence.lead is not None else ""
    heading = sentence.section.heading.lower()
    return bool(
        (lead and _CHOICE_CUE.search(lead)) or (heading and _CHOICE_HEADING.search(heading))
    )


def _headings_as_sentences(sections: list[Section]) -> list[Sentence]:
    """Headings that name a right ("Right to data portability") state that right."""
    out = []
    for section in sections:
        if section.heading and section.heading_start >= 0 and "right" in section.heading.lower():
            start = section.heading_start
            out.append(Sentence(section.heading, start, start + len(section.heading), -1, section))
    return out


def find_mentions(
    lexicon: Lexicon, sentences: list[Sentence], sections: list[Section] = ()
) -> list[Mention]:
    mentions: list[Mention] = []
    seen: set[tuple[str, str, str | None, int, int]] = set()
    ctx = _Context(lexicon)
    starts = {s.start for s in sentences}
    extra = [h for h in _headings_as_sentences(list(sections)) if h.start not in starts]
    for sentence in sorted([*sentences, *extra], key=lambda s: s.start) if extra else sentences:
        if sentence.is_table_row:
            continue
        found = _mentions(lexicon, sentence, ctx)
        if sentence.index < 0:
            found = [f for f in found if f[0] == "right"]
        evidence: Evidence | None = None
        for kind, concept, relation in found:
            key = (kind, concept, relation, sentence.start, sentence.end)
            if key in seen or concept not in lexicon.concepts:
                continue
            seen.add(key)
            evidence = evidence or Evidence.of(sentence)
            purposes = _interests(lexicon, sentence) if concept in ctx.legitimate else ()
            mentions.append(Mention(kind, concept, evidence, relation, purposes))
    return mentions


def _interests(lexicon: Lexicon, sentence: Sentence) -> tuple[str, ...]:
    """The purposes named with a legitimate-interests basis: the interests pursued (Art. 13(1)(d):
    "our legitimate interest, such as research and development and marketing our Services")."""
    return tuple(dict.fromkeys(m.curie for m in lexicon.find(sentence.text, "purpose")))


@component("mentions.v1", requires=["doc.sentences"], assigns=["fact.mentions"])
def make(lexicon: Lexicon, **config):
    def run(doc: PolicyDoc) -> None:
        doc.facts.mentions.extend(find_mentions(lexicon, doc.sentences, doc.sections))

    return run
