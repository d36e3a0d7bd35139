"""cookies.v1: cookies a policy names, from cookie tables and from prose.

Three sources:

- table rows from HTML (`is_table_row`, cells joined with " | "), whose columns (name, provider,
  purpose, duration, category) come from the header row;
- plain-text tables whose cells were glued together when copied from a web page
  ("_gidUsed to distinguish users24 hoursAnalytical"): a leading cookie-name token, then an
  optional provider (a legal name, often with its address in parentheses), the purpose, a
  duration and a trailing category word. A row may run over several lines or sentences;
- names in prose: "the _ga cookie", "cookies named _gid and _gat".

A row without its own provider takes the provider of the row above in the same table (tables
list several cookies under one provider); a first-party table (no provider column) has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..model import Cookie, Evidence, Organisation, PolicyDoc, Sentence
from ..pipeline import component
from ..text import slug, strip_legal_form
from .organisations import find_organisations
from .retention import parse_duration

if TYPE_CHECKING:
    from ..lexicon import Lexicon

_I = re.IGNORECASE

# --- durations (converted by retention.parse_duration; found here in glued cells) ---------

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "eighteen": 18, "twenty": 20,
    "twenty-four": 24, "thirty": 30, "sixty": 60, "ninety": 90,
}  # fmt: skip
_UNIT_RE = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?)"
_NUM_RE = r"(?:\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_DURATION = re.compile(rf"\b({_NUM_RE})[\s-]*(?:\(\d+\)\s*)?({_UNIT_RE})", _I)
_NO_DURATION = re.compile(
    r"\b(session|end of (the )?(browser |browsing )?session|indefinite(ly)?|persistent|permanent"
    r"|never|forever|until (deleted|cleared|removed))\b",
    _I,
)


def _duration(text: str) -> tuple[str | None, str | None]:
    """(xsd duration, the text it came from) for a duration cell or phrase."""
    m = _DURATION.search(text)
    if m:
        return parse_duration(m.group()), m.group()
    m = _NO_DURATION.search(text)
    if m:
        return None, m.group()
    return None, None


# --- names --------------------------------------------------------------------------------

_KNOWN_NAMES = {
    "_ga", "_gid", "_gat", "_gcl_au", "_fbp", "_fbc", "__utma", "__utmb", "__utmc", "__utmt",
    "__utmz", "__utmv", "nid", "ide", "dsid", "__cf_bm", "_hjid", "__hstc", "hubspotutk",
    "__hssc", "__hssrc", "ajs_user_id", "ajs_anonymous_id", "mp_mixpanel", "intercom-id",
    "__stripe_mid", "__stripe_sid", "phpsessid", "jsessionid", "asp.net_sessionid",
    "aspsessionid", "_uetsid", "_uetvid", "muid", "anid", "1p_jar", "consent", "optanonconsent",
}  # fmt: skip
_IDENT = re.compile(r"^[A-Za-z0-9_.$-]{2,48}$")
_HYPHEN_WORD = re.compile(r"^[a-z]+(-[a-z]+)+$")  # "opt-in", "third-party"


def is_cookie_name(token: str) -> bool:
    """Identifier-like: has _ or digits, camelCase, or an upper-case hyphenated form; or known."""
    if token.lower() in _KNOWN_NAMES:
        return True
    if not _IDENT.match(token) or not re.search(r"[A-Za-z]", token):
        return False
    if "_" in token or "$" in token:
        return True
    if re.search(r"\d", token) and re.search(r"[A-Za-z]{2}", token):
        return not re.match(r"\d+([a-z]{1,3}$|(st|nd|rd|th)-)", token)  # "24h", "3rd-party"
    if re.search(r"[a-z][A-Z]", token):
        return True
    return "-" in token and not _HYPHEN_WORD.match(token)


# Where a glued cell starts: a capitalised word after an identifier character ("_gidUsed").
_GLUE = re.compile(
    r"(?<=[a-z0-9_$.])(?=[A-Z][a-z]+(?:[\s,.;:()]|$))|(?<=[A-Z])(?=[A-Z][a-z]+(?:[\s,.;:()]|$))"
)
_PURPOSE_START = (
    "used", "use", "to", "stores", "store", "contains", "tracks", "track", "sets", "set",
    "remembers", "identifies", "helps", "enables", "allows", "registers", "collects",
    "determines", "saves", "records", "the", "this", "for",
)  # fmt: skip
_COMMON_WORDS = {
    "the", "this", "these", "we", "our", "you", "your", "a", "an", "if", "in", "to", "for", "and",
    "cookie", "cookies", "name", "purpose", "duration", "type", "category", "provider",
}  # fmt: skip


def _split_name(row: str) -> tuple[str, str] | None:
    """ "_gidUsed to distinguish users" -> ("_gid", "Used to distinguish users")."""
    row = row.strip()
    first = row.split(None, 1)[0] if row else ""
    glue = [m.start() for m in _GLUE.finditer(first)]
    if glue and glue[0] >= 2:
        name, rest = first[: glue[0]], row[glue[0] :]
    elif is_cookie_name(first.rstrip(",.;:")):
        name = first.rstrip(",.;:")
        lowered = name.lower()
        for word in _PURPOSE_START:
            if (
                lowered.endswith(word)
                and len(name) - len(word) >= 2
                and name.lower() not in _KNOWN_NAMES
                and re.match(r"\s+[a-z]", row[len(first) :])
                and name[-len(word) - 1] not in "_-"
            ):
                name = name[: -len(word)]
                break
        rest = row[len(name) :]
    else:
        glue = [m.start() for m in _GLUE.finditer(row[:50])]
        if not glue:
            return None
        name, rest = row[: glue[0]], row[glue[0] :]
        if len(name.split()) > 3:
            return None
    name = name.strip(" \"'“”‘’")
    if len(name) < 2 or name.lower() in _COMMON_WORDS:
        return None
    return name, rest.strip()


# --- glued rows ---------------------------------------------------------------------------

_TAIL = re.compile(
    rf"(?P<dur>(?:\b|(?<=[a-z]))\d+[\s-]*{_UNIT_RE}|\b(?:session|indefinite|persistent|permanent|never)"
    rf"|(?<=[a-z])(?:session|indefinite|persistent|permanent))"
    r"\s*(?P<cat>[A-Za-z][A-Za-z &/-]{2,30})\s*\.?$",
    _I,
)
_PAREN_ADDRESS = re.compile(r"^\s*\(([^()]*\d[^()]*)\)\s*")
_NAMED_PROVIDER = re.compile(
    r"^([A-Z][\w&.,'’-]*(?:\s+[A-Z0-9][\w&.,'’-]*){0,4})\s*\(([^()]*\d[^()]*)\)"
)


@dataclass
class _Row:
    name: str
    provider: Organisation | None
    purpose: str | None
    duration: str | None
    duration_text: str | None
    category: str | None


def _category(lexicon: Lexicon, text: str) -> str | None:
    text = text.strip(" .")
    if not text:
        return None
    for form in (text, f"{text} cookies"):
        matches = lexicon.find(form, "cookie-category")
        if matches:
            return matches[0].curie
    return None


def _tail(lexicon: Lexicon, row: str) -> tuple[int, str | None, str | None, str | None] | None:
    """Split a glued row's end into (start of duration, duration, duration text, category)."""
    best = None
    candidates = []
    m = _TAIL.search(row)
    if m is None:
        return None
    dur_text, cat_text = m.group("dur"), m.group("cat")
    candidates.append((m.start("dur"), dur_text, cat_text))
    # "daysecurity": the greedy unit took the category's first letter back; try the other split.
    if dur_text.lower().endswith("s"):
        candidates.append((m.start("dur"), dur_text[:-1], dur_text[-1] + cat_text))
    elif re.search(_UNIT_RE + "$", dur_text + cat_text[:1], _I) and cat_text[:1].lower() == "s":
        candidates.append((m.start("dur"), dur_text + cat_text[0], cat_text[1:]))
    for start, dur, cat in candidates:
        category = _category(lexicon, cat)
        if category is not None:
            best = (start, dur, cat, category)
            break
    if best is None:
        start, dur, cat = candidates[0]
        if len(cat.split()) > 2:
            return None
        best = (start, dur, cat, None)
    start, dur, _, category = best
    duration, duration_text = _duration(dur)
    return start, duration, duration_text or dur.strip(), category


def _provider_in(lexicon: Lexicon, text: str) -> tuple[Organisation | None, str]:
    """An organisation at the start of `text` and the rest (the purpose), addresses dropped."""
    text = text.strip()
    orgs = [o for o in find_organisations(lexicon, text) if o[1] <= 2]
    if orgs:
        org, _, end = orgs[0]
        rest = _PAREN_ADDRESS.sub("", text[end:].lstrip(" .,"))
        return org, rest.strip(" ,;-")
    m = _NAMED_PROVIDER.match(text)
    if m and len(m.group(1)) <= 60:
        name = m.group(1).rstrip(" ,")
        org = Organisation(slug(name), strip_legal_form(name), known=False)
        return org, text[m.end() :].strip(" ,;-")
    return None, text


_DIGIT = re.compile(r"\d")
_TAIL_WORDS = ("session", "indefinite", "persistent", "permanent", "never")
_UNIT_WORDS = ("sec", "min", "hour", "hr", "day", "week", "month", "year", "yr")


def _may_have_tail(row: str) -> bool:
    zone = row[-70:].lower()
    if _DIGIT.search(zone) and any(u in zone for u in _UNIT_WORDS):
        return True
    return any(w in zone for w in _TAIL_WORDS)


def parse_glued_row(lexicon: Lexicon, row: str) -> _Row | None:
    if len(row) > 400 or not _may_have_tail(row):
        return None
    row = " ".join(row.split())
    tail = _tail(lexicon, row)
    if tail is None:
        return None
    start, duration, duration_text, category = tail
    split = _split_name(row[:start])
    if split is None:
        return None
    name, middle = split
    provider, purpose = _provider_in(lexicon, middle)
    return _Row(name, provider, purpose or None, duration, duration_text, category)


_HEADER_WORDS = re.compile(
    r"(cookie\s*name|name|other\s*service\s*provider|service\s*provider|third[\s-]*party|provider"
    r"|service|vendor|company|host|domain|purpose|description|function|duration|expiry"
    r"|expiration|expires|retention|lifespan|lifetime|cookie\s*type|type|category|categories)",
    _I,
)


def _glued_header(text: str) -> dict[str, bool] | None:
    """ "Cookie NameOther Service ProviderPurposeDurationCookie Type" -> its columns, else None."""
    if "ame" not in text and "AME" not in text:
        return None
    line = text.strip().rstrip(":")
    if not line or len(line) > 120 or "name" not in line.lower() or " | " in line:
        return None
    pos, words = 0, []
    while pos < len(line):
        m = _HEADER_WORDS.match(line, pos)
        if m is None:
            return None
        words.append(m.group().lower())
        pos = m.end()
        while pos < len(line) and line[pos] in " \t/&,":
            pos += 1
    joined = " ".join(words)
    if "name" not in joined or len(words) < 3:
        return None
    if not re.search(r"duration|expir|retention|lifespan|lifetime|purpose|description", joined):
        return None
    return {
        "provider": bool(re.search(r"provider|third|vendor|company|host|domain|service", joined))
    }


# --- HTML table rows ----------------------------------------------------------------------

_COLUMNS = [
    ("name", re.compile(r"^(cookie\s*)?(name|cookie|identifier|key)s?$|^cookie name", _I)),
    (
        "provider",
        re.compile(
            r"provider|third[\s-]*party|vendor|company|host|domain|set by|source|service|owner", _I
        ),
    ),
    ("purpose", re.compile(r"purpose|description|function|used for|what it does|usage", _I)),
    (
        "duration",
        re.compile(
            r"duration|expir|retention|lifespan|lifetime|storage period|max.?age|validity", _I
        ),
    ),
    ("category", re.compile(r"type|categor|class", _I)),
]


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        cell = cell.strip()
        if not cell or len(cell) > 40:
            continue
        for key, pattern in _COLUMNS:
            if key not in columns and pattern.search(cell):
                columns[key] = i
                break
    if "name" in columns and len(columns) >= 2:
        return columns
    return None


def _table_row(lexicon: Lexicon, cells: list[str], columns: dict[str, int]) -> _Row | None:
    def cell(key: str) -> str:
        i = columns.get(key)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    name = cell("name").strip(" \"'“”‘’`")
    if not name or len(name) > 60 or len(name.split()) > 4:
        return None
    provider = None
    if cell("provider"):
        orgs = find_organisations(lexicon, cell("provider"))
        if orgs:
            provider = orgs[0][0]
        elif re.search(r"[A-Za-z]", cell("provider")):
            text = cell("provider")
            text = _NAMED_PROVIDER.match(text).group(1) if _NAMED_PROVIDER.match(text) else text
            provider = Organisation(slug(text), strip_legal_form(text), known=False)
    duration, duration_text = _duration(cell("duration")) if cell("duration") else (None, None)
    if cell("duration") and duration_text is None:
        duration_text = cell("duration")
    category = _category(lexicon, cell("category")) if cell("category") else None
    return _Row(name, provider, cell("purpose") or None, duration, duration_text, category)


# --- prose --------------------------------------------------------------------------------

_NAME_TOKEN = r"[“\"'‘`]?[A-Za-z0-9_.$-]{2,48}[”\"'’`]?"
_NAME_LIST = rf"{_NAME_TOKEN}(?:\s*,\s*{_NAME_TOKEN})*(?:\s*,?\s*(?:and|or|&)\s+{_NAME_TOKEN})?"
_PROSE = [
    re.compile(
        r"\b(?:cookies?|identifiers?)\s+(?:named|called|such as|like|including|e\.g\.,?|\(|:)"
        rf"\s*({_NAME_LIST})",
        _I,
    ),
    re.compile(rf"(?<![\w-])({_NAME_LIST})\s+(?:and\s+\w+\s+)?cookies?\b", _I),
]
_PROSE_EXPIRY = re.compile(
    rf"\b(expires?|expiring|lasts?|persists?|retained|kept|stored|duration|lifespan)\b[^.;]{{0,40}}?"
    rf"\b(after|for|of|in|up to)?\s*((?:{_NUM_RE})[\s-]*{_UNIT_RE}"
    r"|the end of (?:the |your )?(?:browser |browsing )?session)",
    _I,
)


def _prose_cookies(lexicon: Lexicon, sentence: Sentence) -> list[Cookie]:
    text = sentence.text
    if "ookie" not in text and "OOKIE" not in text and "dentifier" not in text:
        return []
    names: list[str] = []
    for pattern in _PROSE:
        for m in pattern.finditer(text):
            for token in re.split(r"\s*,\s*|\s+(?:and|or|&)\s+", m.group(1)):
                token = token.strip(" \"'“”‘’`,.()")
                if token.lower() in ("and", "or", ""):
                    continue
                if is_cookie_name(token) and token not in names:
                    names.append(token)
    if not names:
        return []
    orgs = {o.key: o for o, _, _ in find_organisations(lexicon, text)}
    provider = next(iter(orgs.values())) if len(orgs) == 1 else None
    duration = duration_text = None
    if len(names) == 1:
        m = _PROSE_EXPIRY.search(text)
        if m:
            duration, duration_text = _duration(m.group(3))
    evidence = Evidence.of(sentence)
    return [
        Cookie(name, evidence, provider=provider, duration=duration, duration_text=duration_text)
        for name in names
    ]


# --- the component ------------------------------------------------------------------------


def _evidence(doc: PolicyDoc, pieces: list[tuple[int, int, Sentence]]) -> Evidence:
    start, end = pieces[0][0], pieces[-1][1]
    first = pieces[0][2]
    if len(pieces) == 1 and (start, end) == (first.start, first.end):
        return Evidence.of(first)
    quote = (
        doc.document.text[start:end]
        if doc.document.text[start:end]
        else " ".join(p[2].text[p[0] - p[2].start : p[1] - p[2].start] for p in pieces)
    )
    return Evidence(start, end, quote, first.section.heading)


def _lines(doc: PolicyDoc) -> list[tuple[int, int, Sentence]]:
    """Sentences and headings cut at their line breaks: (start, end, sentence), by offset.

    Headings count because a short glued row ("gaUsed to distinguish users730 daysAnalytical")
    or a table's header line can look like a heading to the segmenter.
    """
    units = [s for s in doc.sentences if not s.is_table_row]
    starts = {s.start for s in units}
    for section in doc.sections:
        if section.heading and section.heading_start >= 0 and section.heading_start not in starts:
            start = section.heading_start
            units.append(
                Sentence(section.heading, start, start + len(section.heading), -1, section)
            )
    units.sort(key=lambda s: s.start)
    out = []
    for s in units:
        pos = 0
        for part in s.text.split("\n"):
            stripped = part.strip()
            if stripped:
                lead = part.index(stripped[0])
                out.append((s.start + pos + lead, s.start + pos + lead + len(stripped), s))
            pos += len(part) + 1
    return out


def _piece_text(piece: tuple[int, int, Sentence]) -> str:
    start, end, s = piece
    return s.text[start - s.start : end - s.start]


def find_cookies(lexicon: Lexicon, doc: PolicyDoc) -> list[Cookie]:
    cookies: list[Cookie] = []
    text = doc.document.text

    def joined(pieces: list[tuple[int, int, Sentence]]) -> str:
        start, end = pieces[0][0], pieces[-1][1]
        if text[start:end].strip():
            return text[start:end]
        return " ".join(_piece_text(p) for p in pieces)

    def add(row: _Row, evidence: Evidence) -> None:
        cookies.append(
            Cookie(
                name=row.name, evidence=evidence, provider=row.provider,
                duration=row.duration, duration_text=row.duration_text,
                purpose=row.purpose, category=row.category,
            )
        )  # fmt: skip

    # 1. HTML table rows, " | " separated, columns from the header row.
    columns: dict[str, int] | None = None
    previous_provider: Organisation | None = None
    last_index = -2
    for s in doc.sentences:
        if not s.is_table_row:
            continue
        if s.index != last_index + 1:
            columns, previous_provider = None, None
        last_index = s.index
        cells = [c.strip() for c in s.text.split(" | ")]
        header = _header_columns(cells)
        if header is not None and not any(_DURATION.search(c) for c in cells):
            columns, previous_provider = header, None
            continue
        if columns is None:
            continue
        row = _table_row(lexicon, cells, columns)
        if row is None:
            continue
        if row.provider is None and "provider" in columns:
            row.provider = previous_provider
        previous_provider = row.provider
        add(row, Evidence.of(s))

    # 2. Glued plain-text tables.
    lines = _lines(doc)
    i = 0
    table: dict[str, bool] | None = None
    previous_provider = None
    while i < len(lines):
        header = _glued_header(_piece_text(lines[i]))
        if header is not None:
            table, previous_provider = header, None
            i += 1
            continue
        parsed = None
        for n in range(1, 5 if table is not None else 2):
            pieces = lines[i : i + n]
            if len(pieces) < n:
                break
            row_text = joined(pieces)
            if len(row_text) > 400:
                break
            parsed = parse_glued_row(lexicon, row_text)
            if parsed is not None:
                break
            if _glued_header(_piece_text(pieces[-1])) is not None:
                break
        if parsed is None:
            table = None
            i += 1
            continue
        if table is None and not is_cookie_name(parsed.name):
            i += 1  # without a header, only an identifier-like name makes a row
            continue
        if parsed.provider is None and table is not None and table["provider"]:
            parsed.provider = previous_provider
        previous_provider = parsed.provider
        add(parsed, _evidence(doc, pieces))
        i += len(pieces)

    # 3. Names in prose.
    named = {c.name.lower() for c in cookies}
    for s in doc.sentences:
        if s.is_table_row:
            continue
        for cookie in _prose_cookies(lexicon, s):
            if cookie.name.lower() not in named:
                named.add(cookie.name.lower())
                cookies.append(cookie)
    return cookies


# A provider cell that names the site itself, not another company
_FIRST_PARTY = {"first party", "first-party", "1st party", "us", "we", "our website",
                "this website", "this site", "our site", "own", "internal"}  # fmt: skip


def _own_cookies(cookies: list[Cookie], doc: PolicyDoc) -> list[Cookie]:
    """A provider that is the company ("fernhollow.example" or "First party" in a table of
    Fernhollow Travel's cookies) becomes the company, so its cookies are not third-party ones."""
    if not doc.company:
        return cookies
    keys = doc.company_keys()
    words = {w for key in keys for w in key.split("-") if len(w) > 3}
    company = Organisation(slug(doc.company), doc.company, known=False)

    def own(provider: Organisation | None) -> bool:
        if provider is None or slug(provider.key) in keys:
            return False
        name = provider.name.lower().strip(" .")
        labels = [x for x in name.split(".") if x not in ("www", "")]
        return name in _FIRST_PARTY or ("." in name and bool(labels) and labels[0] in words)

    return [replace(c, provider=company) if own(c.provider) else c for c in cookies]


@component("cookies.v1", requires=["doc.sentences"], assigns=["fact.cookies"])
def make(lexicon: Lexicon, **config):
    def run(doc: PolicyDoc) -> None:
        doc.facts.cookies.extend(_own_cookies(find_cookies(lexicon, doc), doc))

    return run
