"""Policy metadata: its title, its effective or last-updated date, and the controller's name.

Values the user gave (Document.title, .company, .date) win; otherwise they are read from the
text with patterns that policies use ("Last Updated Dec 7th, 2023", `Acme ("Acme", "we")`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import PipelineError
from ..model import PolicyDoc
from ..pipeline import component
from ..text import LEGAL_FORMS, strip_legal_form

if TYPE_CHECKING:
    from ..lexicon import Lexicon

# ---------------------------------------------------------------- dates

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<{}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{}>\d{{1,2}})(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>(?:19|20)\d\d)"
_DATE = "|".join(
    (
        # December 7th, 2023 / Dec 7 2023
        _MONTH.format("m1") + r"\s+" + _DAY.format("d1") + r",?\s+" + _YEAR.format("y1"),
        # 31 January 2024 / 1st of March, 2024
        _DAY.format("d2") + r"(?:\s+of)?\s+" + _MONTH.format("m2") + r",?\s+" + _YEAR.format("y2"),
        # 2024-01-31 / 2024/01/31
        _YEAR.format("y3") + r"[-/.](?P<m3>\d{1,2})[-/.](?P<d3>\d{1,2})",
        # 05/17/2018 (US order unless day_first), 17.05.2018 (always day first)
        r"(?P<a4>\d{1,2})(?P<sep4>[-/.])(?P<b4>\d{1,2})(?P=sep4)(?P<y4>(?:19|20)?\d\d)",
        # March 2024
        _MONTH.format("m5") + r",?\s+" + _YEAR.format("y5"),
    )
)
_KEYWORD = (
    r"(?:last\s+(?:updated|modified|revised|amended|changed|reviewed)|effective(?:\s+date)?"
    r"|(?:date\s+of\s+)?(?:last\s+)?revision(?:\s+date)?|updated|revised|modified|version\s+date"
    r"|in\s+effect\s+(?:from|as\s+of)|dated)"
)
# keyword, up to a few linking words ("on", "as of", "date:"), then the date
_DATED = re.compile(
    rf"\b{_KEYWORD}\b(?:[\s:,\-–—(]|\b(?:on|as\s+of|from|since|date|is|was|at|of|the)\b)*?"
    rf"\b(?:{_DATE})\b",
    re.IGNORECASE,
)
_LONE_DATE = re.compile(rf"^\W*(?:{_DATE})\W*$", re.IGNORECASE | re.MULTILINE)
_TOP = 2000  # characters in which a bare date line counts as the policy's date


def find_date(text: str, day_first: bool = False) -> date | None:
    """The effective or last-updated date a policy states; the first stated one wins."""
    for m in _DATED.finditer(text):
        found = _to_date(m, day_first)
        if found:
            return found
    for m in _LONE_DATE.finditer(text[:_TOP]):
        found = _to_date(m, day_first)
        if found:
            return found
    return None


def _to_date(m: re.Match[str], day_first: bool) -> date | None:
    g = m.groupdict()
    try:
        if g["y1"]:
            return date(int(g["y1"]), _MONTHS[g["m1"].lower()], int(g["d1"]))
        if g["y2"]:
            return date(int(g["y2"]), _MONTHS[g["m2"].lower()], int(g["d2"]))
        if g["y3"]:
            return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        if g["y4"]:
            a, b, year = int(g["a4"]), int(g["b4"]), int(g["y4"])
            year += 2000 if year < 100 else 0
            # a dotted date is European; a first number above 12 can only be a day
            if day_first or g["sep4"] == "." or a > 12:
                a, b = b, a
            return date(year, a, b)
        if g["y5"]:
            return date(int(g["y5"]), _MONTHS[g["m5"].lower()], 1)
    except ValueError:  # 31 February and the like
        return None
    return None


# ---------------------------------------------------------------- title

_TITLE = re.compile(
    r"^\W*(?:[\w&'’-]+\s+){0,6}?(?:privacy|cookie|data\s+protection)\s+"
    r"(?:policy|notice|statement)"
    r"(?:\s*[-–—:|(].{0,40}|\s+(?:for|of)\s+[\w .,&'’-]{1,40})?\W*$",
    re.IGNORECASE,
)
_TITLE_LINES = 20


def find_title(doc: PolicyDoc) -> str | None:
    """The document's own title, else the first line near the top that names a policy."""
    if doc.document.title:
        return doc.document.title
    seen = 0
    for line in doc.document.text.splitlines():
        line = line.strip().lstrip("#").strip().strip("*_").strip()
        if not line:
            continue
        if _TITLE.match(line) and len(line.split()) <= 12:
            return line
        seen += 1
        if seen >= _TITLE_LINES:
            break
    return doc.sections[0].heading if doc.sections and doc.sections[0].heading else None


# ---------------------------------------------------------------- company

_FORMS = "|".join(
    sorted((f.replace(" ", r"\.?\s?") for f in LEGAL_FORMS if len(f) > 1), key=len, reverse=True)
)
_CAP = r"[A-Z][\w&'’.-]*"  # a capitalised word, "Acme", "SmarterTools", "B.V."
# A name stays on one line: a heading above "Acme Ltd is committed to" is not part of it.
_NAME = rf"{_CAP}(?:[ \t]+(?:&[ \t]+)?{_CAP}){{0,4}}(?:,?[ \t]+(?i:{_FORMS})\b\.?)?"
_FORM_TAIL = re.compile(rf"\b(?:{_FORMS})\.$", re.IGNORECASE)
_SELF = {"we", "us", "our", "ours", "ourselves"}
# Words that a pattern may capture but that never name a company.
_NOT_NAMES = {
    "we", "us", "our", "you", "your", "this", "the", "that", "these", "company", "the company",
    "privacy policy", "policy", "privacy", "services", "service", "website", "site", "platform",
    "application", "app", "user", "users", "personal information", "personal data", "terms",
    "it", "its", "they", "he", "she", "all", "any", "if", "in", "by", "as", "at", "welcome",
    "current", "what", "updated", "revised", "new",
}  # fmt: skip
_QUOTED = re.compile(r"[\"“”'‘’]{1,2}\s*([^\"“”‘’]{1,60}?)[\s,.;]*[\"“”'’]{1,2}")
_PARENS = re.compile(r"\(([^()]{2,200})\)")
_REFER = re.compile(
    r"(?i:[\"“]?(?:we|us|our)[\"”]?(?:\s*,?\s*(?:and|or)?\s*[\"“]?(?:we|us|our)[\"”]?)*\s*,?"
    rf"\s+(?:all\s+|each\s+)?(?:refers?|means?)\s+to)\s+(?P<name>{_NAME})",
)
_ACTS = re.compile(
    rf"(?P<name>{_NAME})\s+(?:is\s+committed\s+to|respects|values|cares|takes\s+your\s+privacy"
    rf"|is\s+(?:located|based|headquartered)\s+(?:at|in)\b|\(\s*(?:hereinafter|the\s+[\"“]))"
    # "At Acme, accessible from acme.example, one of our main priorities is ...": a template,
    # which a brand written in lower case ("At metriik, …") fills in too
    rf"|(?:^|\n)[ \t]*At[ \t]+(?P<at>{_NAME}|[a-z][\w&'’.-]*),[ \t]+"
    rf"(?:accessible|we\b|one\s+of\s+our|your\s+privacy)"
    # "Family Educational Services Foundation (FESF) is a charitable organization committed to"
    rf"|(?P<org>{_NAME})(?:[ \t]+\([A-Z]{{2,8}}\))?[ \t]+is[ \t]+an?[ \t]+(?:[\w-]+[ \t]+){{0,3}}"
    rf"(?:organi[sz]ation|company|charity|business|foundation|firm|start-?up|corporation"
    rf"|non-?profit|institution|agency)\b",
)
_DESCRIBES = re.compile(
    rf"(?:describes|explains|sets\s+out)\s+how\s+(?P<name>{_NAME})\s+(?:\(|collects|uses|processes"
    rf"|handles|treats)",
)
# The developer or company behind an app, named as such: strong evidence, like a definition.
_MAKER = re.compile(
    rf"(?P<name>(?:\d+[ \t]+)?{_NAME})[ \t]+built\s+the\s+[^.\n]{{1,60}}?\s+"
    rf"(?i:app|application|website)\b"
    rf"|(?i:app|application|website|service|game)\b[^.\n]{{0,60}}?(?i:created|developed|built"
    rf"|published|operated|owned)\s+by\s+(?P<by>{_NAME})"
    rf"|\b(?:The|This|Our)\s+(?i:service|app|application|website)\s+is\s+provided\s+by\s+"
    rf"(?P<provider>{_NAME})"
    rf"|(?P<role>{_NAME})\s*\(\s*(?i:hereinafter\s+)?[\"“](?i:developer|company"
    rf"|service\s+provider|provider|operator|controller|owner|publisher)[\"”]"
    rf"|\b(?i:company|we)\s*\([^()]{{0,200}}\)\s*(?i:refers\s+to)\s+(?:the\s+[^,.\n]{{1,40}},\s*)?"
    rf"(?P<refers>{_NAME})"
)
_COVERS = re.compile(rf"(?:Policy|Notice)\s+(?:covers|applies\s+to)\s+(?P<name>{_NAME})")
_WELCOME = re.compile(rf"\bWelcome\s+to\s+(?P<name>{_NAME})")
# A site's address standing for its owner: "Welcome to www.acme.example ("us", "we")", "Our
# website address is: https://acme.example." (a WordPress template)
_SITE = r"(?:https?://)?(?:www\.)?(?P<site>[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,})"
_WELCOME_SITE = re.compile(rf"\bWelcome\s+to\s+{_SITE}\s*\(")
_SITE_ADDRESS = re.compile(rf"(?i:\bour\s+website\s+address\s+is):?\s+{_SITE}")
_TITLE_NAME = re.compile(
    rf"^\W*(?P<name>{_NAME}?)(?:['’]s)?\s+(?:Privacy|Cookie)\s+(?:Policy|Notice|Statement)"
    # a title in capitals: "ZLGAME PRIVACY POLICY", the whole line
    r"|^\W*(?P<caps>[A-Z0-9][A-Z0-9&'’.-]*(?:[ \t]+[A-Z0-9&'’.-]+){0,3}?)(?:['’]S)?[ \t]+"
    r"(?:PRIVACY|COOKIE)[ \t]+(?:POLICY|NOTICE|STATEMENT)\W*$"
    # "Privacy Policy for Flashlight Pro", "Privacy Policy of Acme Inc." as the whole line
    rf"|^\W*(?:Privacy|Cookie)\s+(?:Policy|Notice|Statement)\s+(?:for|of)\s+(?:the\s+)?"
    rf"(?P<after>{_NAME})\W*$",
)
# Capitalised words too common to stand alone as a brand ("American" of "American Express").
_COMMON_WORDS = {
    "american", "national", "united", "general", "global", "international", "first", "new",
    "the", "data", "digital", "software", "systems", "group", "services", "technologies",
}  # fmt: skip


def find_company(
    text: str, title: str | None = None, known: Callable[[str], bool] | None = None
) -> str | None:
    """The controller's name: a defined name ("Acme", "we") first, then weaker patterns, then
    the proper name the text repeats most (not one `known` recognises as something else)."""
    head = text[:20000]  # the controller introduces itself early
    for finder in (_defined_name, _referred_name, _maker_name, _trading_name):
        name = finder(head)
        if name:
            return _brand(name, text)
    candidates = []
    for pattern in (_DESCRIBES, _ACTS, _COVERS, _WELCOME, _WELCOME_SITE, _SITE_ADDRESS):
        for m in pattern.finditer(head):
            lower_ok = bool(m.groupdict().get("at") or m.groupdict().get("site"))
            name = _clean_name(next(g for g in m.groups() if g), lower_ok=lower_ok)
            if name:
                candidates.append((m.start(), name))
                break
    # "Acme Privacy Policy" as the title, or as a heading among the first lines under it
    for line in [title or "", *text[:600].splitlines()[:6]]:
        if (m := _TITLE_NAME.match(line.strip())) and (
            name := _clean_name(m.group("name") or m.group("caps") or m.group("after"))
        ):
            # "Privacy Policy for Mtaabizz Pos" names a product, which a company named in the
            # text ("Pwejar Hub Limited is committed to …") goes before
            if not (m.group("after") and candidates):
                candidates.append((-1, name))
            break
    if not candidates:
        return _addressee(text) or _frequent_name(text, known)
    return _brand(min(candidates)[1], text)


# "… or mailing us at:" + "Jaxe + Grace Boutique" + "16 S Main St …": a postal address opens
# with the name of whom it reaches
_ADDRESSED = re.compile(
    r"(?i:\b(?:mail(?:ing)?\s+us|write\s+(?:to\s+)?us|by\s+(?:post|mail)|postal\s+address"
    r"|mailing\s+address|letter\s+to)\b)[^\n]{0,40}?:?[ \t]*\n\s*"
    r"(?P<name>[^\n\d@]{2,60})\n\s*[^\n]{0,60}\d"
)


def _addressee(text: str) -> str | None:
    for m in _ADDRESSED.finditer(text):
        if name := _clean_name(m.group("name")):
            return name
    return None


# A proper name: capitalised ("Skedbooks", "Miwa Bora") or camel-cased ("iSolution", "NotifyMe").
_PROPER = re.compile(
    r"(?<![\w@./-])(?:[A-Z][\w&'’+]*(?:-\w+)*|[a-z]+[A-Z]\w*)"
    r"(?:[ \t]+(?:&[ \t]+)?[A-Z][\w&'’+]*(?:-\w+)*){0,2}"
)
# Capitalised words of any policy that never name its company on their own (nor do the words
# too common to stand alone as a brand).
_COMMON_CAPITALISED = frozenset(
    {
        "a", "about", "access", "account", "additional", "address", "after", "agreement",
        "agreements", "all", "also", "america", "an", "and", "android", "any", "api", "apis",
        "app", "application", "apps", "april", "as", "at", "august", "before", "both", "but",
        "by", "california", "can", "cart", "changes", "checkout", "child", "children", "choices",
        "communications", "companies", "company", "conditions", "contact", "content", "contents",
        "cookie", "cookies", "covered", "customer", "customers", "data", "date", "december",
        "definitions", "device", "disclosure", "do", "does", "during", "each", "eea", "effective",
        "email", "english", "eu", "european", "every", "family", "faq", "february", "flash",
        "for", "friday", "from", "gdpr", "general", "google", "government", "guest", "how", "i",
        "id", "if", "in", "inc", "including", "information", "internet", "interpretation",
        "introduction", "ios", "ip", "it", "its", "january", "july", "june", "last", "law",
        "library", "links", "llc", "log", "lso", "lsos", "ltd", "mac", "march", "may", "member",
        "members", "mobile", "monday", "more", "my", "nai", "network", "networks", "no", "non",
        "not", "note", "notice", "november", "october", "of", "on", "once", "online", "or",
        "other", "our", "overview", "personal", "platform", "platforms", "please", "policy",
        "privacy", "program", "programs", "protection", "provider", "providers", "purpose",
        "purposes", "questions", "rights", "sdk", "section", "security", "september", "service",
        "services", "shopping", "site", "sites", "sms", "some", "such", "terms", "that", "the",
        "their", "these", "third", "this", "those", "to", "uk", "updates", "url", "us", "usa",
        "usage", "use", "user", "users", "version", "we", "web", "website", "websites", "what",
        "when", "where", "which", "while", "who", "why", "will", "with", "you", "your"
    }
) | _COMMON_WORDS  # fmt: skip
_MIN_MENTIONS = 3


def _frequent_name(text: str, known: Callable[[str], bool] | None) -> str | None:
    """The proper name a policy repeats most, when nothing names the company outright: a
    controller that never introduces itself still names itself ("practices that Skedbooks
    employs", "When you register with Miwa Bora"). Words every policy capitalises, and names
    `known` recognises (laws, places, well-known services), do not count."""
    counts: Counter[str] = Counter()
    inside: Counter[str] = Counter()  # mentions inside a sentence, where only names are capitalised
    for m in _PROPER.finditer(text):
        name = re.sub(r"['’]s$", "", m.group().strip(" .,'’"))
        words = name.lower().replace("-", " ").split()
        if not words or all(w.strip(".'’") in _COMMON_CAPITALISED for w in words):
            continue
        counts[name] += 1
        before = text[max(0, m.start() - 3) : m.start()].rstrip(" \t")
        if before and (before[-1].isalnum() or before[-1] in ",;(“\"'"):
            inside[name] += 1
    for name, count in counts.most_common(10):
        if count < _MIN_MENTIONS:
            return None
        if inside[name] < 2:
            continue
        if known is not None and known(name):
            continue
        if name.split()[0].lower() in _COMMON_CAPITALISED:
            continue
        return name
    return None


# "Welcome to 2D firm ("Company", "we")": a name in words that need not be capitalised
_WELCOMED = re.compile(r"\bWelcome\s+to\s+([A-Z0-9][\w&'’.+-]*(?:[ \t]+[\w&'’.+-]+){0,3})\s*$")


def _defined_name(text: str) -> str | None:
    """`Acme Inc. ("Acme", "we", "us")`: a proper name defined alongside we/us/our, or, when
    only we/us/our are defined, the name just before the parentheses."""
    for m in _PARENS.finditer(text):
        terms = [t.strip(" ,.;'\"").strip() for t in _QUOTED.findall(m.group(1))]
        if not any(t.lower() in _SELF for t in terms):
            continue
        for term in terms:
            name = _clean_name(term)
            if name and term[:1].isupper():
                return name
        preceding = text[max(0, m.start() - 120) : m.start()]
        before = re.search(rf"({_NAME})\s*,?\s*$", preceding) or _WELCOMED.search(preceding)
        if before and (name := _clean_name(before.group(1))):
            return name
    return None


def _referred_name(text: str) -> str | None:
    m = _REFER.search(text)
    return _clean_name(m.group("name")) if m else None


def _trading_name(text: str) -> str | None:
    """ "Polka Dots & Pinstripes Ltd. T/A Ruby Rouge": the brand a legal entity trades as."""
    for m in _FORMAL.finditer(text):
        after = text[m.end() : m.end() + 120]
        if (trade := _TRADING_AS.match(after)) and (brand := _BRAND.match(after, trade.end())):
            return _clean_name(_POLICY_WORDS.sub("", brand.group()))
    return None


def _maker_name(text: str) -> str | None:
    for m in _MAKER.finditer(text):
        found = next(g for g in m.groups() if g)
        if name := _clean_name(found):
            return name
    return None


def _clean_name(name: str, lower_ok: bool = False) -> str | None:
    """The name without sentence-initial words and quotes; None when nothing name-like is left
    (a brand written in lower case, "metriik", only counts where a pattern says it is one)."""
    name = name.strip(" ,;:'\"“”‘’")
    # a final period ends the sentence, unless it is the period of "Inc."
    if name.endswith(".") and not _FORM_TAIL.search(name):
        name = name[:-1]
    words = name.split()
    # sentence-initial words and determiners are not part of a name
    while words and words[0].lower() in _NOT_NAMES:
        words = words[1:]
    name = " ".join(words)
    # "24 Byte built the … app": a name may open with a number
    if (
        not name
        or name.lower() in _NOT_NAMES
        or not (name[0].isupper() or name[0].isdigit() or lower_ok)
    ):
        return None
    if strip_legal_form(name).lower() in _NOT_NAMES:
        return None
    return name


def _brand(name: str, text: str) -> str:
    """Prefer the short brand a policy uses on its own: "Umso Software Inc." -> "Umso"."""
    words = strip_legal_form(name).split()
    for n in range(1, len(words) + 1):
        prefix = " ".join(words[:n])
        if n == 1 and prefix.lower() in _COMMON_WORDS:
            continue
        if all(w.lower() in _COMMON_CAPITALISED for w in words[:n]):
            continue  # "Mobile Application" of "Mobile Application Developer" is the app
        rest = words[n] if n < len(words) else None
        pattern = re.escape(prefix) + (rf"\b(?!\s+{re.escape(rest)})" if rest else r"\b")
        standalone = re.findall(rf"(?<![\w-]){pattern}(?!\s*,?\s+(?:{_FORMS})\b)", text)
        if len(standalone) >= 2:
            return prefix
    return name


# ---------------------------------------------------------------- legal name

# A name ending in a legal form: "Umso Software Inc.", "Major League Soccer, L.L.C.".
_FORMAL = re.compile(rf"{_CAP}(?:[ \t]+(?:&[ \t]+)?{_CAP}){{0,5}},?[ \t]+(?i:{_FORMS})\b\.?")
_FORMAL_END = re.compile(rf"(?:{_FORMS})\.?$", re.IGNORECASE)
_TRADING_AS = re.compile(
    r"\s*[,(]?\s*(?:d/b/a|dba|t/a|trading\s+as|doing\s+business\s+as)\s+", re.IGNORECASE
)
_BRAND = re.compile(_NAME)
_POLICY_WORDS = re.compile(r"\s+(?:Privacy|Cookie)\s+(?:Policy|Notice|Statement)\b.*$")


def find_legal_name(text: str, company: str | None) -> str | None:
    """The company's legal entity: a name with a legal form that starts with the company's
    name ("Umso Software Inc." for Umso), trades as it ("Artnado, LLC, dba Artmatcher"), or
    defines it or "we" in parentheses ("Major League Soccer, L.L.C. ("MLS")")."""
    if not company:
        return None
    head = text[:20000]
    brand = strip_legal_form(company).lower()
    first = brand.split()[0] if brand.split() else ""
    for m in _FORMAL.finditer(head):
        name = _clean_name(m.group())
        if not name or not _FORMAL_END.search(name):
            continue
        if len(first) >= 3 and strip_legal_form(name).lower().startswith(first):
            return name
        after = head[m.end() : m.end() + 200]
        if (trade := _TRADING_AS.match(after)) and after[trade.end() :].lower().startswith(brand):
            return name
        if defined := re.match(r"\s*\(([^()]{2,200})\)", after):
            terms = {t.strip(" ,.;'\"").strip().lower() for t in _QUOTED.findall(defined.group(1))}
            if brand in terms or terms & _SELF:
                return name
    return None


# ---------------------------------------------------------------- component


def find_metadata(
    doc: PolicyDoc, day_first: bool = False, known: Callable[[str], bool] | None = None
) -> None:
    """Set doc.title, doc.effective, doc.company and doc.legal_name, keeping values given."""
    document = doc.document
    doc.title = doc.title or find_title(doc)
    doc.effective = doc.effective or document.date or find_date(document.text, day_first)
    doc.company = doc.company or document.company or find_company(document.text, doc.title, known)
    doc.legal_name = doc.legal_name or find_legal_name(document.text, doc.company)


@component(
    "metadata.v1",
    requires=["doc.sentences"],
    assigns=["doc.company", "doc.legal_name", "doc.effective", "doc.title"],
    default_config={"day_first": False},
)
def make_metadata(lexicon: Lexicon, **config: Any):
    """`day_first = true` reads 05/06/2024 as 5 June rather than May 6."""
    unknown = set(config) - {"day_first"}
    if unknown:
        raise PipelineError(f"metadata.v1 has no settings {sorted(unknown)}; known: day_first")
    day_first = bool(config.get("day_first", False))

    def known(name: str) -> bool:
        """A name the vocabulary reads whole: a law, a place, a registry organisation ..."""
        return lexicon is not None and any(
            m.start == 0 and m.end == len(name) for m in lexicon.match(name)
        )

    def run(doc: PolicyDoc) -> None:
        find_metadata(doc, day_first, known)

    return run
