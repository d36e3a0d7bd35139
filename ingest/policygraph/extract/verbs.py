"""Action verbs in a clause: which practice each states, who acts, its negation and hedges.

Rule based. Each action verb is found by its word forms (pg:verbForm in
ontology/processing.ttl, inflections written out), then kept only when something we know acts: a
subject before it ("we", the company, a third party), a passive auxiliary ("is sold"), an
infinitive governed by "need to"/"reserve the right to" (or by "we allow third parties to", "we
use cookies to", whose negation it takes), or a verb it is coordinated with ("collect, use and
share"). Setting a tracker ("place cookies", "cookies set by advertisers") is a collection.
Negation is a cue ("do not", "never", "will not be", "no … is", "neither … nor") directly before
the verb or before the verb group it heads; it never crosses a clause boundary. Whether the words
after the verb make it handle data at all ("provide links", "keep you informed") is `frames.py`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import LEGAL_FORMS
from .clauses import TOKEN, Clause, has_verb, lower, split_clauses, token_spans, verb_forms
from .frames import PLACE_VERBS, stated_action

# Words that make a following verb form a noun ("your use of", "upon request", "our records").
_DETERMINERS = {
    "the", "a", "an", "your", "our", "their", "its", "his", "her", "any", "such", "this",
    "these", "those", "each", "every", "of", "for", "in", "on", "upon", "at", "by",
    "continued", "further", "secure", "international", "data", "online", "web", "app",
    "cross-border", "onward", "free", "fair", "intended", "permitted", "primary", "personal",
    "domestic", "business", "authorized", "legitimate", "whose", "my", "no", "without",
}  # fmt: skip
_NOUNISH = {"use", "uses", "record", "records", "request", "requests", "trade", "store", "stores",
            "transfer", "transfers", "share", "shares", "host", "hosts", "process", "processing",
            "release", "rent", "sale", "export", "keep", "using", "save", "make", "pass",
            "collecting", "sharing", "storing", "selling", "trading", "disclosing", "receiving",
            "hosting", "saving", "transferring", "analysing", "analyzing", "retaining",
            "maintaining", "obtaining", "gathering", "recording", "capturing", "releasing",
            "transmitting", "exporting", "renting", "providing", "making", "passing",
            "keeping", "utilizing", "utilising", "revealing", "granting", "giving", "sending",
            "requesting", "asking", "log", "logs", "logging"}  # fmt: skip
_ADVERBS = {
    "also", "only", "ever", "currently", "otherwise", "directly", "actively", "generally",
    "knowingly", "intentionally", "deliberately", "routinely", "voluntarily", "willingly",
    "purposely", "further", "automatically", "securely", "typically", "usually", "normally",
    "regularly", "then", "still", "anonymously", "additionally", "solely", "primarily", "just",
    "jointly", "subsequently", "sometimes", "occasionally", "possibly", "periodically",
    "physically", "electronically", "lawfully", "therefore", "thus", "both", "either",
}  # fmt: skip
_AUX = {"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "am"}
_MODALS = {"may", "might", "could", "can", "will", "shall", "would", "should", "must", "do",
           "does", "did"}  # fmt: skip
_NEGATORS = {"not", "never", "nor", "neither", "cannot", "don't", "doesn't", "didn't", "won't",
             "can't", "isn't", "aren't", "wasn't", "weren't", "shan't", "wouldn't", "shouldn't",
             "don’t", "doesn’t", "didn’t", "won’t", "can’t", "isn’t", "aren’t", "wasn’t",
             "weren’t", "wouldn’t", "shouldn’t", "no"}  # fmt: skip
_SKIP = _ADVERBS | {"not", "never"}
_NEG_FILLER = _ADVERBS | _AUX | _MODALS | {"have", "has", "had", "and", "or", "nor", "to", ","}
_GOVERNORS = {
    "us", "need", "needs", "needed", "required", "require", "requires", "obliged", "obligated",
    "compelled", "right", "able", "want", "wants", "intend", "intends", "have", "has", "had",
    "going", "choose", "chooses", "decide", "decides", "plan", "plans", "continue",
    "continues", "consent", "agree", "agrees", "expect", "expects", "used", "seek",
}  # fmt: skip
_HEDGES = {"may", "might", "could", "occasionally", "sometimes", "possibly"}
_ASKED = {"asked", "required", "requested", "prompted", "invited"}
_ASKING = {"ask", "asks", "require", "requires", "request", "requests", "prompt", "invite"}
_ASKED_PEOPLE = {
    "you", "users", "visitors", "customers", "members", "subscribers", "individuals", "people",
    "participants", "applicants", "parents",
}  # fmt: skip


def _asks_someone(core: list[str]) -> bool:
    """ "we require you to", "we ask visitors who sign up for a blog to": the asker and whom it
    asks, a few words before the final "to"."""
    start = max(0, len(core) - 12)
    return any(
        core[k] in _ASKING and core[k + 1] in _ASKED_PEOPLE for k in range(start, len(core) - 2)
    )


def _contracted(*pronouns: str) -> set[str]:
    """ "we'll", "we’ve", "you're": the pronoun with its auxiliary, written as one word."""
    return {p + q + tail for p in pronouns for q in "'’" for tail in ("ll", "ve", "re", "d")}


# "[I/We] collect …": the unfilled placeholder of a policy template is the company too
_FIRST = {"we", "us", "i", "i/we", "we/i", *_contracted("we", "i")}
_USER = {"you", "user", "users", "visitor", "visitors", "customer", "customers", "subscriber",
         "subscribers", *_contracted("you")}  # fmt: skip
_POSSESSIVES = {"your", "their", "his", "her", "my", "its"}
_QUOTES = ('"', "“", "”", "'", "‘", "’")
# What people must give that is no data about them: consent, a form of words, a proof of a request
_NOT_DATA_GIVEN = re.compile(
    r" (?:us )?(?:with )?(?:the |a |an |your |such )?(?:relevant |explicit |prior |written )?"
    r"(?:consent|permission|statement|request|proof|documentation|notice|authori[sz]ation)\b"
)
_MUST = re.compile(r"\b(?:must|need\s+to|have\s+to|will\s+need\s+to)\s+(?:first\s+)?$")
# what a third party does to hand data to the company: we collect it
_TO_US_VERBS = ("shar", "disclos", "transmit", "transfer", "send", "sent", "provid", "pass", "giv")
# "vendors that provide us with technology", "they provide us with the e-commerce platform"
_GIVES_US_NO_DATA = re.compile(
    r" (?:us )?(?:with )?(?:an? |the |our |certain )?(?:[\w-]+ ){0,3}?(?:platforms?|technology"
    r"|tools?|services?|reports?|summar\w*|products?|support|assistance|content|software)\b"
)
# the people a policy is about, as the subject of "who …"
_PEOPLE = _USER | {"residents", "consumers", "individuals", "people", "persons", "members",
                   "parents", "guardians", "children", "minors", "patients", "employees",
                   "applicants", "candidates", "clients"}  # fmt: skip
_THIRD = {
    "they", "third-party", "third-parties", "parties", "partner", "partners", "provider",
    "providers", "vendor", "vendors", "processor", "processors", "companies", "advertiser",
    "advertisers", "networks", "cookies", "technologies", "tools", "sdk", "sdks", "plugins",
    "widgets", "applications", "apps", "platforms", "affiliates", "developer",
    "developers", "agency", "agencies", "authorities", "who", "pixels", "beacons", "network",
    "insurers", "brokers", "lenders", "banks", "researchers", "sponsors", "merchants",
}  # fmt: skip
# Tools are the subject of many sentences; they collect for the site unless a third party owns
# them ("third-party cookies", "their pixels", "advertisers' beacons").
_TECH = {"cookies", "technologies", "tools", "pixels", "beacons", "sdk", "sdks", "plugins",
         "widgets"}  # fmt: skip
_THIRD_OWNER = {"third-party", "third", "their", "its", "advertising", "advertisers",
                "partners", "partner", "analytics", "ad", "vendors", "providers", "external",
                "other"}  # fmt: skip
_RELATIVE = {"which", "that", "it"}
# "when you visit our site or use …": the product is what the person visits, not a subject
_VISITS = {"visit", "visits", "visiting", "access", "accesses", "accessing", "browse",
           "browsing", "download", "downloading", "install", "installing", "open",
           "opening"}  # fmt: skip
# "provided by your mobile device", "sent by your browser": the person's own equipment
_DEVICES = {"device", "devices", "browser", "browsers", "computer", "phone", "smartphone"}
_OWN_PRODUCT = {"app", "application", "website", "site", "service", "services", "platform",
                "websites", "sites", "server", "servers", "company", "apps",
                "applications"}  # fmt: skip
_PREPOSITIONS = {"on", "in", "to", "from", "via", "through", "with", "at", "of", "by", "using",
                 "visiting", "within", "across", "into"}  # fmt: skip
_YOU_GIVE = ("provid", "giv", "sen", "shar", "submit", "upload", "suppl", "enter")
_COORD_STOP = {"your", "our", "the", "a", "an", "their", "its", "this", "that", "these", "those",
               "any", "all", "personal", "information", "data", "we", "you", "they", "it", "them",
               "with", "from", "about", "such", "as", "for", "in", "on", "by", "who", "which",
               "if", "when", "where", "because", "but", "to", "(", ")", '"', "“", "”"}  # fmt: skip
_SELL_ACTIVE = {"sell", "sells", "selling", "rent", "rents", "renting", "trade", "trades",
                "trading"}  # fmt: skip
_SELL_OBJECT = re.compile(
    r" (?:(?:any|all|of|your|our|the|such|this|these|customer|customers'|user|users'|visitor|"
    r"subscriber|personally|identifiable|personal|or|to|and|data|contact|email|mailing|aggregated?"
    r"|de-?identified|anonymous|anonymi[sz]ed|pseudonymi[sz]ed|non-personal|hashed|certain|some"
    r"|limited|demographic|usage|location|consumer|member|statistical),?\s+)*"
    r"(?:information|data|details|it|them|lists?|email|names?|addresses)\b|,| or\b| and\b|$"
)
# Words after which a noun-like verb form ("use", "records", "transfer") is still a verb.
_VERB_LEFT = (
    _FIRST | _USER | _THIRD | _MODALS | _AUX | _ADVERBS | _NEGATORS
    | {"to", "and", "or", "nor", ",", "who", "which", "that", "it", "they", "company", "he",
       "she", "have", "has", "had", "also", "(", ";", ":", "&", "and/or", "then", "otherwise", "/"}
)  # fmt: skip
# "employees are kept up-to-date on our practices": kept informed, not kept as data
# "keep you informed", "keep you signed in": a person kept in a state, no data kept
_KEPT_INFORMED = re.compile(
    r"(?: (?:you|users?|visitors?|them|customers?|members?))? (?:up[- ]to[- ]date|informed"
    r"|apprised|abreast|updated|signed[- ]in|logged[- ]in|connected)\b"
)
# Things a site hosts that are no one's data: "social media features are hosted by a third party"
_HOSTED_THING = re.compile(
    r"\b(?:features?|widgets?|buttons?|plug-?ins?|tools?|videos?)\s+(?:are|is)\b",
    re.IGNORECASE,
)
# What a company receives that is no one's data: "legal process received by JibJab"
_NOT_DATA_RECEIVED = {"process", "processes", "request", "requests", "order", "orders",
                      "subpoena", "subpoenas", "warrant", "warrants", "notice", "notices",
                      "payment", "payments", "goods", "products"}  # fmt: skip
# A passive before "and": its auxiliary governs the participle after it too
_PASSIVE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been)\s+(?:[\w-]+\s+){0,2}?[\w-]+(?:ed|en)\b[^,;.]{0,30}?"
    r"\b(?:and|or)\s+$",
    re.IGNORECASE,
)
_GAP_OK = _ADVERBS | _MODALS | {"not", "never", "which", "who", "that", "then", ","}
# "the Facebook SDK (, which) may collect …": the organisation's tool acts for it
_ITS_TOOLS = _TECH | {"sdk", "pixel", "pixels", "tag", "tags", "api", "apis", "plugin", "widget",
                      "library", "libraries", "button", "buttons", "script", "scripts"}  # fmt: skip
_PAST_SUBJECTS = {
    "we", "they", "i", "it", "has", "have", "had",
    *(w for w in _contracted("we", "i") if w.endswith("ve")),  # "we've collected"
}  # fmt: skip
_COORD_WORDS = {"and", "or", "nor", "and/or", "&", ",", "/"}


_TRACKER = (
    r"(?:cookies?|(?:web )?beacons?|pixels?|(?:pixel )?tags|tracking technolog\w+"
    r"|similar technolog\w+|tracking tools|local storage objects)"
)
_PLACES_TRACKER = re.compile(rf" (?!out\b|forth\b)(?:[\w-]+,? ){{0,3}}{_TRACKER}\b")
_TRACKER_PLACED = re.compile(rf"\b{_TRACKER}\s+(?:[\w-]+\s+){{0,3}}$")
_USES = {"use", "uses", "employ", "employs"}
# "we (do not) allow / require third parties to …": the third party acts, on our leave or terms
_LETS = {"allow", "allows", "permit", "permits", "enable", "enables", "authorize", "authorizes",
         "authorise", "authorises", "require", "requires", "instruct", "instructs", "oblige",
         "obliges", "obligate", "obligates", "direct", "directs"}  # fmt: skip


# "We require your email address", "information required by the app": a collection. Not one:
# an obligation ("required to", "required by law"), or a demand on someone else.
_NOT_REQUIRED_DATA = re.compile(
    r" (?:(?:also|only|further|the|an?|each)\s+)?(?:to|that|so|or|under|in|for|of|them|it|us|such"
    r"|our|their|all|any|you|consent|permission|approval|verification|validation|third|service"
    r"|vendors?|partners?|companies|entities|merchants|parents?|agents?|contractors?|log-?in"
    r"|logging|registration|sign|transfer|use|disclosure|processing|access|sharing)\b"
    r"|(?: \w+){0,2} by (?:applicable |the |any |relevant )?(?:laws?|regulations?|legal|statute)"
    r"|\s*[,.)]|\W*$",
)


@dataclass(frozen=True)
class VerbHit:
    """An action verb in a clause that states a practice."""

    action: str
    start: int  # offsets into the sentence text
    end: int
    text: str
    negated: bool
    hedged: bool
    agent: str  # first | user | third
    clause: Clause
    passive: bool = False


FIRST, USER, THIRD = "first", "user", "third"


def find_verbs(
    text: str,
    clauses: list[Clause] | None = None,
    agents: list[tuple[int, int]] | tuple = (),
    us: frozenset[str] = frozenset(),
) -> list[VerbHit]:
    """Every action verb in `text` that states a practice, with its polarity and agent.

    `agents` are spans of named third parties ("Google Analytics collects …"); `us` are the
    lower-case words naming the company itself ("umso"), which act as "we".
    """
    if not has_verb(text):
        return []
    words, starts = token_spans(text)
    low = lower(text)
    forms = verb_forms()
    hits: list[VerbHit] = []
    for clause in clauses if clauses is not None else split_clauses(text):
        previous: VerbHit | None = None
        body = low[clause.start : clause.end]
        hedge_all = "from time to time" in body or " at times" in body
        lo = clause.first  # the first token after a leading "unless …," part
        while lo < clause.last and starts[lo] < clause.start + clause.condition_end:
            lo += 1
        for i in range(lo, clause.last):
            action = forms.get(words[i])
            if action is None:
                continue
            start = starts[i]
            end = start + len(words[i])
            before_words = _without_asides(_without_legal_form(words[max(lo, i - 30) : i], us))
            before = low[max(starts[lo], start - 160) : start]
            after = low[end : end + 120]
            if before.endswith(_QUOTES) and after.startswith(_QUOTES) and text[start].islower():
                # 'we have "sold" or "shared" identifiers', as CCPA notices quote their terms (not
                # a feature's name: 'the "Share" button')
                before_words = [w for w in before_words if w not in _QUOTES]
                before, after = before.rstrip("".join(_QUOTES)), after[1:]
            hit = _read_verb(text, action, words[i], before_words, before, after, clause,
                             start, end, previous, us)  # fmt: skip
            if agents and (hit is None or (hit.agent == FIRST and not hit.passive)):
                # "…, except Google Analytics collects it": the named organisation right before
                # the verb is its subject, not the "we" further back (unless "we and Google")
                named = _third_party_subject(text, action, words[i], start, end, clause,
                                             before_words, agents)  # fmt: skip
                if named is not None and (hit is None or not _co_subject(text, agents, start)):
                    hit = named
            if hit is None:
                continue
            if hedge_all and not hit.hedged:
                hit = VerbHit(**{**hit.__dict__, "hedged": True})
            hits.append(hit)
            previous = hit
    return hits


_ASIDE_OPEN = {"if", "unless", "where", "when", "whenever", "once", "provided"}


def _without_asides(words: list[str]) -> list[str]:
    """ "We may, if you do not object, share …": a condition between commas is neither the
    subject nor the negation of the verb after it."""
    for k in range(len(words) - 2, 0, -1):
        if words[k] in _ASIDE_OPEN and words[k - 1] == ",":
            close = next((j for j in range(k + 1, len(words)) if words[j] == ","), None)
            if close is not None:
                return words[: k - 1] + words[close + 1 :]
    return words


# Adverbs no list names: "cannot reasonably be used", "is not commercially sold"; but not verbs
# and adjectives in -ly, nor the adverbs of what is true in general ("cookies are commonly used
# as identifiers", "information that is legally publicly disclosed")
_LY_ADVERB = re.compile(r"[a-z]{3,}ly$")
_LY_KEPT = {"apply", "supply", "reply", "rely", "comply", "imply", "multiply", "family", "daily",
            "weekly", "monthly", "yearly", "early", "friendly", "commonly", "widely", "legally",
            "publicly"}  # fmt: skip


def _adverb(word: str) -> bool:
    return word in _ADVERBS or (bool(_LY_ADVERB.match(word)) and word not in _LY_KEPT)


def _strip(words: list[str], skip: set[str]) -> list[str]:
    i = len(words)
    while i and words[i - 1] in skip:
        i -= 1
    return words[:i]


def _subject(words: list[str], us: frozenset[str] = frozenset()) -> str | None:
    """The kind of the nearest subject-like word in `words` (read backwards), or None."""
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w in _FIRST or (_is_us(w, us) and not (i and words[i - 1] in _POSSESSIVES)):
            return FIRST  # but "your health records" is not Tidewave Health recording
        if w in _USER:
            return USER
        if _own_product(words, i):
            if _product_as_object(words, i):
                continue  # "when you visit our site or use …"
            return FIRST  # "the Application collects", "our website collects": the company's own
        if w == "party" and i and words[i - 1] == "third":
            return THIRD  # "third party services may collect", written without a hyphen
        if w == "who" and i and words[i - 1] in _PEOPLE:
            return USER  # "users who are minors (may) obtain …", "residents who provide …"
        if w == "they" and _tools_before(words[:i]):
            return FIRST  # "these technologies … in that they are used to store …"
        if w in _THIRD or w.startswith("third-part"):
            if w == "parties" and (i == 0 or words[i - 1] != "third"):
                continue
            window = words[max(0, i - 6) : i]
            if w in _TECH and not _THIRD_OWNER.intersection(words[max(0, i - 4) : i]):
                return FIRST  # "we use cookies to …", "cookies store …": the site's own tools
            if "we" in window and ("and" in window or "&" in window or "or" in window):
                return FIRST
            return THIRD
        if w in _RELATIVE:
            if w in ("which", "that"):
                inner = _subject(words[max(0, i - 4) : i])
                return THIRD if inner == THIRD else None
            return FIRST
    return None


def _tools_before(words: list[str]) -> bool:
    """Whether "they" refers back to the site's own tools: the nearest earlier noun it could
    stand for is a cookie-like tool that no third party owns."""
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w in _TECH:
            # "They use these technologies, with information they collect": the tools are
            # theirs when a third party comes first
            theirs = any(x in _THIRD and x not in _TECH for x in words[:i])
            return not theirs and not _THIRD_OWNER.intersection(words[max(0, i - 4) : i])
        if w in _THIRD or w in _FIRST or w in _USER or w.startswith("third-part"):
            return False
    return False


_LEGAL_FORMS = frozenset(f for f in LEGAL_FORMS if " " not in f and f not in ("company", "private"))


def _without_legal_form(words: list[str], us: frozenset[str]) -> list[str]:
    """ "RedOrbit, Inc. stores": the company's name without its legal form is the subject."""
    i = len(words)
    if i and words[i - 1] == ".":
        i -= 1
    if not (i and words[i - 1] in _LEGAL_FORMS):
        return words
    i -= 1
    if i and words[i - 1] == ",":
        i -= 1
    return words[:i] if i and _is_us(words[i - 1], us) else words


_CAPITALISED_BEFORE = re.compile(r"(?:[A-Z][\w&'’.-]*\s+){1,4}$")


def _named_us(text: str, start: int, us: frozenset[str]) -> bool:
    """ "Saskatoon Media Group uses": the company's name, in capitals, right before the verb (in
    lower case: "Privacy Policy Request" is a name)."""
    if not text[start].islower():
        return False
    run = _CAPITALISED_BEFORE.search(text, max(0, start - 80), start)
    if run is None:
        return False
    names = run.group().lower().split()
    # "the Acme Sites share a common platform": the sites, not the company, share
    return names[-1] not in _OWN_PRODUCT and any(_is_us(w, us) for w in names)


def _is_us(word: str, us: frozenset[str]) -> bool:
    """A word of the company's names, its hyphenated name or its web address ("sci-news.com")."""
    if word in us:
        return True
    if "." in word:
        return any(part in us for part in word.split("."))
    return "-" in word and all(part in us for part in word.split("-"))  # "ifsa-butler"


def _own_product(words: list[str], i: int) -> bool:
    """ "the app", "our website", "this application", "our website and app" at `i`: the
    company's own product."""
    if i <= 0 or words[i] not in _OWN_PRODUCT:
        return False
    if words[i - 1] in ("the", "our", "this"):
        return True
    return words[i - 1] in ("and", "or", "&") and _own_product(words, i - 2)


def _product_as_object(words: list[str], i: int) -> bool:
    """ "on our website", "when you visit our site and app": the product at `i` is what
    something happens on or what people visit, not the subject."""
    j = i
    while j > 0 and (
        words[j] in _OWN_PRODUCT or words[j] in ("the", "our", "this", "and", "or", "&")
    ):
        j -= 1
    return words[j] in _PREPOSITIONS or words[j] in _VISITS


def _negated(words: list[str], before: str) -> bool:
    """True when a negation cue governs the verb that follows `words`."""
    if _NEVER_PHRASE.search(" ".join(words[-12:])):
        return True  # "At no time do we collect …", "under no circumstances will we sell …"
    if " no " in f" {before}" or "none of" in before:
        # "no personal information is sold"
        rest = _strip(words, _ADVERBS)
        if rest and rest[-1] in _AUX and _NO_SUBJECT.search(before[-100:]):
            return True
    if words[-2:] in (["or", "otherwise"], ["nor", "otherwise"]):
        # "we do not send email to non-customers or otherwise use it": "otherwise" joins the verb
        # to the negated verb group before it, whatever verb heads that group
        cues = [j for j, w in enumerate(words[:-2]) if w in _NEGATORS and w != "no"]
        if cues and "," not in words[cues[-1] : -2]:
            return True
    i = len(words)
    listed = 0  # other verbs in the negated list: "won't review, share, or sell"
    while True:
        while i and (words[i - 1] in _NEG_FILLER or _adverb(words[i - 1])):
            i -= 1
            if words[i] in ("not", "nor"):
                return True
        if i > 0 and words[i - 1] in _NEGATORS and words[i - 1] != "no":
            return True
        if (
            listed < 3
            and i > 1
            and words[i - 1].isalpha()
            and words[i - 1] not in _COORD_STOP
            and (words[i - 2] in _NEGATORS or words[i - 2] in (",", "or", "and", "to"))
            and i < len(words)
            and words[i] in (",", "or", "and", "nor")
        ):
            i -= 1
            listed += 1
            continue
        return False


_NEVER_PHRASE = re.compile(
    r"\b(?:at no time|under no circumstances?|in no (?:event|case)|on no account|by no means)\b"
)
# "no personal information is sold"; not "(data) no longer needed for the purposes for which it
# was collected", where "no" is an adverb of another word
_NO_SUBJECT = re.compile(
    r"\b(?:no(?!\s+(?:later|sooner|more|less|matter|doubt|cost|charge)\b"
    r"|\s+longer\s+(?:than|needed|necessary|required|relevant|used|in\s+use)\b)|none of)\b"
    r"[^,;:]{0,80}$"
)


def _third_party_subject(
    text: str,
    action: str,
    word: str,
    start: int,
    end: int,
    clause: Clause,
    words: list[str],
    agents,
) -> VerbHit | None:
    """A named organisation right before the verb is its subject: "Google collects …"."""
    spans = [a for a in agents if clause.start <= a[0] and a[1] <= start and start - a[1] < 30]
    if not spans:
        return None
    gap = TOKEN.findall(lower(text[max(s[1] for s in spans) : start]))
    if any(w not in _GAP_OK and w not in _ITS_TOOLS for w in gap):
        return None
    if not gap and text[start].isupper():
        return None  # "the Microsoft Store": the verb's form is part of a name
    core = _strip(words, _SKIP)
    passive = bool(core) and core[-1] in _AUX
    if word.endswith("ing") or (word.endswith(("ed", "sold", "kept")) and not passive):
        return None
    if action == "share" and not word.startswith("shar"):
        return None
    hedged = bool(_HEDGES & set(words))
    return VerbHit(action, start, end, text[start:end], _negated(words, ""), hedged, THIRD,
                   clause)  # fmt: skip


def _co_subject(text: str, agents, start: int) -> bool:
    """ "We and Google collect …": the organisation acts with us, joined by "and"."""
    at = max((a[0] for a in agents if a[1] <= start), default=-1)
    return at >= 0 and bool(
        re.search(r"\b(?:and|&|or|with)\s*$", lower(text[max(0, at - 12) : at]))
    )


def _not_a_practice(
    text: str,
    action: str,
    base: str,
    words: list[str],
    before: str,
    after: str,
    start: int,
    us: frozenset[str],
) -> bool:
    """True when the verb form, read with the words around it, states no practice: a noun
    ("data transfers"), an idiom ("log in", "released from liability"), business rather than
    data ("partners who sell products")."""
    last = words[-1] if words else ""
    # "the app uses", "our website records", "Acme App stores": the product is the subject, not
    # a modifier
    own_product = _own_product(words, len(words) - 1) or (
        len(words) > 1 and last in _OWN_PRODUCT and _is_us(words[-2], us)
    )
    if base in _NOUNISH and last in _DETERMINERS and not own_product:
        return True
    if base in _NOUNISH and after.startswith(" of ") and last not in _FIRST | _MODALS | {"they"}:
        return True  # "website use of", "the transfer of" are nouns
    if (
        base in _NOUNISH
        and words
        and last not in _VERB_LEFT
        and not _is_us(last, us)
        and not own_product
        and not _named_us(text, start, us)
    ):
        return True  # "health records", "data transfers": a noun after a noun
    if base in _NOUNISH and after.startswith(" by "):
        return True  # "a request by law enforcement" is a noun
    if base == "requests" and after.startswith(" from "):
        return True  # "litigation and/or requests from public authorities" are nouns
    if action == "store" and base.startswith(("keep", "kept")) and _KEPT_INFORMED.match(after):
        return True  # "employees are kept up-to-date on our practices"
    if base.startswith("solicit") and not re.match(
        r"[^;.]{0,60}?\b(?:information|data|details|input|feedback|permission|it|them)\b", after
    ):
        return True  # "partners that solicit subscriptions" ask for business, not data
    if base.startswith("releas") and after.startswith(" from "):
        return True  # "released from any liability" discloses nothing
    if base in PLACE_VERBS and not (
        _PLACES_TRACKER.match(after)
        or (_TRACKER_PLACED.search(before) and re.match(r"[^,;.]{0,40}?\bby\b", after))
    ):
        return True  # "third parties place cookies", "cookies set by advertisers" collect
    if base.startswith("log") and (
        re.match(r" (?:in|into|on|out|off)\b", after) or last in {",", "and", "or", "&", "("}
    ):
        return True  # "when you log in" signs in; "Cookies, Gifs, Logs" names a record
    if base in _SELL_ACTIVE and not (_SELL_OBJECT.match(after) or _negated(words, before)):
        return True  # "partners who sell products" is no sale of data
    if base == "sale" and not re.match(
        r" of (?:your |our users' |user |customer )?(?:personal|"
        r"data|information)",
        after,
    ):
        return True
    if base.startswith("ask") and not re.match(
        r" (?:you )?(?:for\b|to (?:provide|enter|give|submit|supply|share|fill)\b)", after
    ):
        return True
    if base.startswith("requir") and _NOT_REQUIRED_DATA.match(after):
        return True  # "we are required to disclose", "we require our processors to …"
    if base.startswith("retain") and re.match(
        r"(?: by \w+)? to (?:perform|provide|help|assist|carry|process|act|conduct|support)\b",
        after,
    ):
        return True  # "service providers we have retained to perform …" are engaged, not kept
    # "give access", "give us": "we give a discount" hands over no data
    return base.startswith(("giv", "gave", "grant")) and not re.match(
        r" (?:[a-z]+ ){0,3}access\b| us\b| it to us\b", after
    )


def _read_verb(
    text: str,
    action: str,
    word: str,
    words: list[str],
    before: str,
    after: str,
    clause: Clause,
    start: int,
    end: int,
    previous: VerbHit | None,
    us: frozenset[str] = frozenset(),
) -> VerbHit | None:
    """The practice a verb of an action states, with its agent, negation and hedge; None when
    the word is no such verb here (a noun, an idiom, a question to the reader, ...)."""
    base = word
    if _not_a_practice(text, action, base, words, before, after, start, us):
        return None
    core = _strip(words, _SKIP)
    while core and _adverb(core[-1]):
        core = _strip(core[:-1], _SKIP)  # "is not commercially sold"
    if (
        len(core) > 2
        and core[-1] == "to"
        and ((core[-2] in _ASKED and "you" in core[-6:]) or _asks_someone(core))
        and base.startswith(_YOU_GIVE)
    ):
        # "you are required to provide your name", "we may require you to provide us with …":
        # the company collects what it asks for
        asker = core[:-2] if core[-2] in _ASKED else core[:-3]
        denied = _negated(asker, before)
        if denied and (core[-2] == "required" or core[-3].startswith("requir")):
            return None  # "you are not required to provide it" makes it optional, not denied
        return VerbHit("collect", start, end, text[start:end], denied,
                       bool(_HEDGES & set(words)), FIRST, clause)  # fmt: skip
    if (
        base.startswith(_YOU_GIVE)
        and _MUST.search(before)
        and _subject(words, us) == USER
        and not _negated(words, before)
        and not _NOT_DATA_GIVEN.match(after)
    ):
        # "you must provide your name and date of birth": what the company requires, it collects
        return VerbHit("collect", start, end, text[start:end], False, False, FIRST, clause)
    if core[-2:] == ["no", "longer"] or core[-4:] == ["not", "be", "able", "to"]:
        return None
    stated = stated_action(action, base, after)
    if stated is None:
        return None
    action = stated

    ing = base.endswith("ing")
    # "you are using", "we are collecting": after an auxiliary a gerund is progressive, active
    progressive = ing and bool(core) and core[-1] in _AUX
    passive = (
        bool(core)
        and not progressive
        and (core[-1] in _AUX or core[-2:] in (["has", "been"], ["have", "been"]))
    )
    infinitive = bool(core) and core[-1] == "to"
    past = base.endswith(("ed", "sold", "kept", "made", "sent", "given"))

    if past and not passive and _reduced_relative(core, after):
        passive = True  # "Information collected automatically may include …": collected by us
    if (
        past
        and not passive
        and action in ("collect", "store", "retain")
        and not (core and core[-1] in _NOT_DATA_RECEIVED)
        and (by := re.match(r"\s+by\s+([\w'’.-]+)", after))
    ):
        # "The CIN gathered by MediaNews generally includes …": what the company collects or
        # keeps, named with the participle and its agent
        passive = by.group(1).lower() == "us" or _is_us(by.group(1).lower(), us)
    if past and not passive and core[-1:] in (["and"], ["or"]) and _PASSIVE_BEFORE.search(before):
        passive = True  # "your notes are encrypted end-to-end and stored on iCloud"

    # coordinated with the verb before it: "collect, use and share", "sold or rented"
    if previous is not None and previous.clause is clause:
        gap = [g for g in TOKEN.findall(lower(text[previous.end : start])) if g not in _QUOTES]
        if len(gap) > 1 and gap[0] in ("with", "to", "from", "by") and gap[1] in _COORD_WORDS:
            gap = gap[1:]  # "shared with, sold to, or rented to any third party"
        if (
            len(gap) <= 6
            and any(g in _COORD_WORDS for g in gap)
            and not any(g in _COORD_STOP for g in gap)
        ):
            negated = previous.negated or _negated(words, before)
            if _subject(words, us) == USER and _given_to_us(base, after, us):
                action = "collect"  # "information you upload or provide to us"
            return VerbHit(action, start, end, text[start:end], negated, previous.hedged,
                           previous.agent, clause, previous.passive or passive)  # fmt: skip

    # where the verb that governs ours sits: "we (do not) allow third parties to collect", "we
    # (do not) use cookies to collect"; its negation is ours
    head: int | None = None
    if infinitive:
        governor = core[:-1]
        governor = _strip(governor, _ADVERBS | {","})  # "authorize us, to share"
        gov = governor[-1] if governor else ""
        if gov == "us" and len(governor) > 1 and governor[-2].startswith("help"):
            return None
        use_x_to = action in ("collect", "store", "share", "transfer") and re.search(
            r"\b(?:use|uses|employ|employs)\b[^,;.]{0,50}\bto $", before[-70:]
        )
        head = _lets_a_third_party(governor, us)
        if use_x_to:
            head = max((i for i, w in enumerate(governor) if w in _USES), default=None)
        if gov not in _GOVERNORS and not use_x_to and head is None:
            return None
        if "you" in governor[-4:] and not {"authorize", "authorise", "allow", "permit", "ask",
                                            "enable"} & set(governor[-5:]):  # fmt: skip
            return None
    elif (
        # gerunds and participles state a practice only after "we"/"has": "we collected"
        not passive
        and not progressive
        and (ing or past)
        and (ing or not (core and (core[-1] in _PAST_SUBJECTS or _is_us(core[-1], us))))
    ):
        return None

    if passive:
        by = re.match(r"[^,;.]{0,30}?\bby (?P<who>[\w\s'’-]{1,40})", after)
        agent: str | None = FIRST
        if by:
            phrase = TOKEN.findall(by.group("who"))
            who = phrase[:3]
            # "by our staff": the company's own people, unless a third party follows ("by our
            # advertising management partners"); "by your browser": the person's device
            ours = "our" in who and not _THIRD.intersection(phrase[:6])
            if who and (who[0] in _FIRST or _is_us(who[0], us)):
                agent = FIRST  # "received by us for that healthcare provider"
            else:
                agent = _subject(who) or (
                    FIRST if ours else USER if _DEVICES.intersection(who) else THIRD
                )
    else:
        agent = _subject(words, us)
        if agent is None:
            return None
    if (
        passive
        and not ing
        and base.startswith(("provid", "giv"))
        and _passive_subject(core) in _USER
    ):
        return None  # "you will be provided (with) information about …" receive, not share
    if passive and base.startswith("host") and _HOSTED_THING.search(before[-80:]):
        return None  # "Social Media Features are hosted by a third party": no data hosted
    if passive and action == "use" and _product_used(core):
        return None  # "to understand how our app is used": the product is used, not data
    if passive and base.startswith("requir") and _passive_subject(core) in _FIRST:
        return None  # "we are required by law to verify your identity": bound, collects nothing
    if passive and base.startswith("acquir"):
        owner = _passive_subject(core)
        if owner in _FIRST | _OWN_PRODUCT or _is_us(owner, us):
            return None  # "Instagram was acquired by Facebook": a merger, not a collection
    if agent != USER and base.startswith(("submit", "suppl")):
        return None  # only what users submit or supply is data ("we supply products")
    if agent == USER:
        # "you provide us" is collection; anything else a user does is no practice, nor is
        # advice ("you should not provide us with other people's data")
        if {"should", "must"} & set(words[-4:]) and _negated(words, before):
            return None
        if _given_to_us(base, after, us):
            action, agent = "collect", FIRST
        else:
            return None
    if (
        agent == THIRD
        and base.startswith(_TO_US_VERBS)
        and _to_us(after, us)
        and not _GIVES_US_NO_DATA.match(after)
    ):
        action, agent = "collect", FIRST  # "a third party who shares the survey data with us"
    if (
        agent == THIRD
        and base.startswith(("receiv", "obtain"))
        and re.match(r"[^,;.]{0,60}?\bfrom (?:us|our (?:company|app|site|service))\b", after)
    ):
        action, agent = "share", FIRST  # "Insurers never receive your data from us": our share
    if (
        agent == FIRST
        and action == "share"
        and base.startswith(("provid", "pass"))
        and re.match(r" (?:you|users?|them with|our users)\b", after)
    ):
        return None  # "we provide you with …" states no sharing
    negated = _negated(words, before) or (head is not None and _negated(governor[:head], before))
    hedged = bool(_HEDGES & set(words)) or "at times" in before
    return VerbHit(action, start, end, text[start:end], negated, hedged, agent, clause, passive)


def _product_used(core: list[str]) -> bool:
    """ "how our app is", "when the Services are": the company's product is the passive's
    subject, right after a word that opens an indirect question or a time clause."""
    i = len(core)
    while i and core[i - 1] in _AUX | _MODALS:
        i -= 1
    return (
        i >= 3
        and core[i - 1] in _OWN_PRODUCT
        and core[i - 2] in ("our", "the", "this", "its", "your")
        and core[i - 3] in ("how", "when", "where", "while", "whenever")
    )


def _passive_subject(core: list[str]) -> str:
    """The word before a passive's auxiliaries: "you" in "you will be provided"."""
    i = len(core)
    while i and core[i - 1] in _AUX | _MODALS | {"has", "have", "had"}:
        i -= 1
    return core[i - 1] if i else ""


def _lets_a_third_party(governor: list[str], us: frozenset[str]) -> int | None:
    """Where "allow" is in "we (do not) allow third parties (, such as …,) to", "require" in "we
    require our vendors not to": the third party acts, on our leave or terms (or without it)."""
    for i in range(len(governor) - 1, max(-1, len(governor) - 30), -1):
        if governor[i] in _LETS:
            acts = _subject(governor[:i], us) == FIRST and _subject(governor[i + 1 :]) == THIRD
            return i if acts else None
    return None


def _given_to_us(base: str, after: str, us: frozenset[str]) -> bool:
    """ "(you) provide / submit / upload … to us": what the person gives, the company collects."""
    return base.startswith(_YOU_GIVE) and _to_us(after, us)


def _to_us(after: str, us: frozenset[str]) -> bool:
    """ "(provide) us with …", "(provide your name) to us", "(provide) to SimpliTime": the
    company receives what the user gives."""
    if re.match(r"(?: it)?(?: to| with)? us\b|[^,;.]{0,80}?\b(?:to|with) us\b", after):
        return True
    reach = re.match(r"[^,;.]{0,80}", after).group()
    return any(m.group(1).lower() in us for m in _TO_SOMEONE.finditer(reach))


_TO_SOMEONE = re.compile(r"\b(?:to|with) (?:the )?([\w'’-]+)")
_DATA_NOUNS = {"information", "data", "details"}
_STATES_CONTENT = re.compile(
    r"[^,;.:]{0,80}?\b(?:(?:may|might|will|can|could|would)\s+)?(?:also\s+)?"
    r"(?:include|includes|including|consist|consists|comprise|comprises|contain|contains)\b"
)


def _reduced_relative(core: list[str], after: str) -> bool:
    """A participle after a data noun whose content the clause goes on to list: "information
    collected from you may include …", "data we have gathered includes …" (not "data collected
    is kept safe", which says nothing of what is collected)."""
    return bool(core) and core[-1] in _DATA_NOUNS and bool(_STATES_CONTENT.match(after))
