"""What each line of a policy is: heading, list item, table row or text (the first pass)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MD_HEADING = re.compile(r"[ ]{0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_SETEXT = re.compile(r"[ ]{0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)+\|?[ \t]*$")
_FENCE = re.compile(r"[ ]{0,3}(```|~~~)")
_BOLD_LINE = re.compile(r"[ \t]*(\*\*|__)(?P<text>[^*_].*?)\1[ \t]*$")
_ROMAN = r"(?:[ivx]{1,5}|[IVX]{1,5})"
_MARKER = re.compile(
    rf"""(?P<indent>[ \t]*)(?P<marker>
        (?P<bullet>[-*+•·▪◦‣–—●○■□➢►✓\uf0b7\uf0a7➤▶▸◆❖⁃∙✔]|o(?=[ \t\u00a0]))  # "o", "\uf0b7": Word
      | \((?P<paren>\d{{1,3}}|{_ROMAN}|[A-Za-z])\)\.?
      | (?P<num>\d{{1,3}}(?:\.\d{{1,3}})*)(?P<num_end>[.)])
      | (?P<deep>\d{{1,3}}(?:\.\d{{1,3}})+)
      | (?P<letter>{_ROMAN}|[A-Za-z])(?P<letter_end>[.)])
      | (?P<section>(?:Section|Article|Part|Chapter)[ \t]+\d{{1,3}}(?:\.\d{{1,3}})*\.?
            (?:[ \t]*[-–—:.])?)
    )[ \t\u00a0\u200b]+(?P<rest>\S.*?)[ \t]*$""",
    re.VERBOSE,
)
_URLISH = re.compile(r"://|www\.|@\S+\.\w|\b(?:19|20)\d\d\b")
_INNER_STOP = re.compile(r"[.!?;:]\s")  # "We care. We collect" is two sentences, not a heading
# Words a Title Case heading may leave in lower case.
_SMALL = {
    "a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "on", "for", "with", "by",
    "at", "from", "as", "is", "are", "be", "via", "per", "vs", "into", "about", "under", "over",
    "our", "your", "its", "we", "us", "you", "do", "does", "how", "what", "why", "when", "where",
    "which", "who", "this", "that", "these", "those", "not", "if", "may", "can", "use", "it",
    "their", "up", "out", "&", "-", "–", "—", "/",
}  # fmt: skip
_CLOSERS = "\"'”’)]"
_SHORT_HEADING_WORDS = 10
_NUMBERED_HEADING_WORDS = 14
BARE_HEADING_WORDS = 8  # sentence-case lines such as "Right to object"
BARE = "bare"  # style of a heading found by its shape alone, and of items made from such lines
_BARE_RUN = 2  # fewer short lines after a paragraph are headings ("Your rights", "Access")


@dataclass
class Line:
    start: int  # offset of the line's first character
    end: int  # offset just past its last character (newline excluded)
    kind: str = "text"  # blank | skip | heading | item | row | text
    level: int = 0
    body_start: int = 0  # where the heading text, item text or row text starts
    body_end: int = 0
    style: str = ""  # list marker style, so that nested lists find their own lead
    indent: int = 0
    listy: bool = False  # a text line in an unmarked list ("We collect:\nName\nEmail")
    marker: str = ""  # the letter or numeral of a list item's marker, "h" of "(h)"


def classify_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw)))
        pos += len(raw) + 1
    in_fence = False
    content_end = len(text.rstrip())
    explicit_level = 0  # level of the last '#' or numbered heading, for unnumbered subheadings
    for i, line in enumerate(lines):
        s = text[line.start : line.end]
        if _FENCE.match(s):
            in_fence = not in_fence
            line.kind = "skip"
            continue
        if in_fence:
            line.kind = "skip"
            continue
        if not s.strip():
            line.kind = "blank"
            continue
        line.indent = len(s) - len(s.lstrip())
        if m := _MD_HEADING.match(s):
            level = len(m.group(1))
            _heading(line, line.start + m.start(2), line.start + m.end(2), level)
            explicit_level = level
            continue
        if (m := _SETEXT.match(s)) and _setext_target(text, lines, i):
            target = lines[i - 1]
            level = 1 if m.group(1)[0] == "=" else 2
            body = text[target.start : target.end]
            lead = len(body) - len(body.lstrip())
            _heading(target, target.start + lead, target.start + len(body.rstrip()), level)
            line.kind = "skip"
            explicit_level = level
            continue
        if _RULE.match(s) or _TABLE_RULE.match(s):
            line.kind = "skip"
            continue
        if _is_row(s):
            line.kind = "row"
            body = s.strip().strip("|").strip()
            line.body_start = line.start + s.index(body)
            line.body_end = line.body_start + len(body)
            continue
        if m := _MARKER.match(s):
            explicit_level = _marker_line(text, lines, i, m, explicit_level)
            continue
        if m := _BOLD_LINE.match(s):
            body = m.group("text").strip()
            if body and not body.endswith(":"):
                level = min(explicit_level + 1, 6) if explicit_level else 1
                start = line.start + m.start("text")
                start += len(m.group("text")) - len(m.group("text").lstrip())
                _heading(line, start, start + len(body), level)
                continue
        if _is_bare_heading(text, lines, i, s, content_end):
            level = min(explicit_level + 1, 6) if explicit_level else 1
            _heading(line, line.start + line.indent, line.start + len(s.rstrip()), level)
            line.style = BARE
            continue
        line.kind = "text"
        line.listy = (_after_colon(text, lines, i) or _open_list(text, lines, i)) and item_like(s)
    _fragment_runs_to_items(text, lines)
    _purpose_runs_to_items(text, lines)
    _bare_runs_to_items(text, lines)
    return lines


def _fragment_runs_to_items(text: str, lines: list[Line]) -> None:
    """One-line paragraphs without a final stop after a paragraph ending with ':' (or "… may
    include information such as") are its list ("We collect:\n\nRegistration information you
    provide when you register, including your name\n\nTransaction information …"), however
    long: prose ends its sentences. A short line among them that looked like a heading is an
    item too when the run goes on after it."""
    content = [line for line in lines if line.kind not in ("blank", "skip")]

    def alone(j: int) -> str | None:
        """The line's text when it is a paragraph of one line."""
        item, before = content[j], content[j - 1]
        after = content[j + 1].start if j + 1 < len(content) else len(text) + 2
        body = text[item.start : item.end].rstrip()
        return body if before.end < item.start - 1 and item.end < after - 1 else None

    for i, line in enumerate(content):
        if line.kind not in ("text", "item") or not _OPENS_LIST.search(
            text[line.start : line.end].rstrip()
        ):
            continue
        run: list[Line] = []
        closed = False
        for j in range(i + 1, len(content)):
            item = content[j]
            heading = item.kind == "heading" and item.style == BARE
            body = alone(j) if item.kind == "text" or heading else None
            if body is None:
                break
            if body.endswith(".") and _nouns_only(body):
                # "Language, country, time zone.", or "Weight, blood glucose target range, …,
                # estimated due date." under a label line ("Medical Master Data"): nouns are an
                # item however they end, and the list may go on
                run.append(item)
                closed = True
                continue
            closed = False
            if body.endswith((".", "!", "?", ":")):
                # the full stop that ends items ending in ";" ("To facilitate our Service;\n\n
                # … or\n\nTo assist us in analyzing how our Service is used.") closes the list
                last = text[run[-1].start : run[-1].end].rstrip() if run else ""
                closed = bool(run) and body.endswith(".") and bool(_SEMICOLON_END.search(last))
                if closed:
                    run.append(item)
                break
            run.append(item)
        while run and run[-1].kind == "heading" and not closed:
            run.pop()  # the run's last short lines head what follows
        for item in run:
            body = text[item.start : item.end].rstrip()
            item.kind, item.style = "item", BARE
            item.body_start, item.body_end = item.start + item.indent, item.start + len(body)


_CLAUSE_WORDS = {
    "we", "you", "they", "it", "is", "are", "was", "were", "will", "may", "can", "our", "your",
    "us", "this", "these", "that", "there",
}  # fmt: skip


def _nouns_only(body: str) -> bool:
    """ "Language, country, time zone.": words and commas, no clause."""
    words = re.findall(r"[\w'’-]+", body.lower())
    return "," in body and not _CLAUSE_WORDS.intersection(words)


# An item ending in ";", "; and", "; or": one of a list the next full stop closes
_SEMICOLON_END = re.compile(r";(?:\s*(?:and|or))?$", re.IGNORECASE)
# A paragraph that opens a list: "We collect:", "This information may include information such as"
_OPENS_LIST = re.compile(r":$|\b(?:such as|including|includes?|the following)$", re.IGNORECASE)


# "For the performance of a contract: …", "To contact You: …": a paragraph that is one purpose
_PURPOSE_ITEM = re.compile(r"(?:To|For|In order to)\s|[A-Z][^.:;]{0,40}?(?: [-–—] |: )")


def _purpose_runs_to_items(text: str, lines: list[Line]) -> None:
    """Paragraphs after "… for the following purposes:" that each open with a purpose ("To
    provide and maintain our Service, including …", "To manage Your Account: …") are its list,
    however long and however many sentences each has."""
    content = [line for line in lines if line.kind not in ("blank", "skip")]
    for i, line in enumerate(content):
        if line.kind != "text" or not text[line.start : line.end].rstrip().endswith(":"):
            continue
        run = []
        for item in content[i + 1 :]:
            body = text[item.start : item.end].strip()
            if item.kind != "text" or not _PURPOSE_ITEM.match(body):
                break
            run.append(item)
        if len(run) >= 2:
            for item in run:
                item.kind, item.style = "item", BARE
                item.body_start = item.start + item.indent
                item.body_end = item.start + len(text[item.start : item.end].rstrip())


def _bare_runs_to_items(text: str, lines: list[Line]) -> None:
    """Short lines one per paragraph after a paragraph ("providers used by the app\n\nAdMob
    \n\nFirebase Analytics\n\nLog Data\n\nWe collect ...") are a list, not headings of empty
    sections: two or more such lines in a row, after text, become items; the last line of the
    run, which heads text, stays a heading."""
    content = [line for line in lines if line.kind not in ("blank", "skip")]
    i = 0
    while i < len(content):
        j = i
        while j < len(content) and content[j].kind == "heading" and content[j].style == BARE:
            j += 1
        empty = content[i : j - 1] if j < len(content) else content[i:j]
        previous = content[i - 1] if i > 0 else None
        # after text, or after an item of a list of paragraphs ("may include:\n\nEmail address")
        after_text = previous is not None and (
            previous.kind == "text" or (previous.kind == "item" and previous.style == BARE)
        )
        # one short line is an item too after a lead-in that has no full stop ("Link to privacy
        # policy of third party service providers used by the app\n\nGoogle Play Services")
        lead_in = (
            previous is not None
            and previous.kind == "text"
            and not text[previous.start : previous.end].rstrip().endswith((".", "!", "?"))
        )
        if after_text and (len(empty) >= _BARE_RUN or (empty and lead_in)):
            for line in empty:
                line.kind, line.style = "item", BARE
        i = max(j, i + 1)


def _heading(line: Line, start: int, end: int, level: int) -> None:
    line.kind = "heading"
    line.level = level
    line.body_start, line.body_end = start, end


def _setext_target(text: str, lines: list[Line], i: int) -> bool:
    """An underline makes the line above a heading when that line is a one-line paragraph."""
    if i == 0 or lines[i - 1].kind not in ("text", "heading"):
        return False
    if text[lines[i - 1].start : lines[i - 1].end].lstrip().startswith("#"):
        return False
    return i == 1 or lines[i - 2].kind in ("blank", "heading", "skip")


def _is_row(s: str) -> bool:
    stripped = s.strip()
    if " | " in stripped or (stripped.startswith("|") and stripped.count("|") >= 2):
        return True
    return "\t" in stripped and len([c for c in stripped.split("\t") if c.strip()]) >= 2


def _marker_line(text: str, lines: list[Line], i: int, m: re.Match[str], explicit: int) -> int:
    """A numbered line is a heading ("2.3 Cookies") unless it sits in a list; else a list item."""
    line = lines[i]
    rest = m.group("rest")
    rest_start = line.start + m.start("rest")
    level = _heading_level(m)
    # "8. OPTION TO OPT OUT AND WITHDRAWAL OF INFORMATION" in capitals heads a section even
    # among numbered paragraphs
    capitals = rest.isupper() and len(rest.split()) >= 2
    style = _style(m)
    if (
        level
        and _looks_like_numbered_heading(rest)
        and (capitals or not _in_list(text, lines, i) or _numbers_headings(lines, i, style))
    ):
        _heading(line, rest_start, rest_start + len(rest), level)
        line.style = style
        return level
    line.kind = "item"
    line.style = style
    line.marker = m.group("paren") or m.group("letter") or ""
    if line.style.startswith(("(roman", "roman")) and len(line.marker) == 1:
        # "(h) … (i) …": the letter after h, not the roman numeral one
        before = next((x for x in reversed(lines[:i]) if x.kind not in ("blank", "skip")), None)
        if (
            before is not None
            and before.kind == "item"
            and before.marker == chr(ord(line.marker) - 1)
        ):
            line.style = before.style
    line.body_start, line.body_end = rest_start, rest_start + len(rest)
    return explicit


def _heading_level(m: re.Match[str]) -> int:
    """Numbering depth for marker forms that can number a heading; 0 for list-only forms."""
    if m.group("section"):
        return m.group("section").count(".", 0, len(m.group("section").rstrip(".:-–— \t"))) + 1
    if m.group("deep"):
        return m.group("deep").count(".") + 1
    if m.group("num") and m.group("num_end") == ".":
        return m.group("num").count(".") + 1
    letter = m.group("letter")
    if letter and m.group("letter_end") == "." and letter.isupper():
        return 1
    return 0


def _looks_like_numbered_heading(rest: str) -> bool:
    words = rest.split()
    return (
        len(words) <= _NUMBERED_HEADING_WORDS
        and (rest[0].isupper() or rest[0] in "\"“'‘(")
        and not re.search(r"[.:;,]$", rest)
    )


def _numbers_headings(lines: list[Line], i: int, style: str) -> bool:
    """ "2. Sub-processors" after "1. Data we process" and its "1.1 …" items: the numbering of
    the headings goes on after a list numbered (or marked) another way."""
    heading = next((x for x in reversed(lines[:i]) if x.kind == "heading" and x.style), None)
    before = next((x for x in reversed(lines[:i]) if x.kind not in ("blank", "skip")), None)
    return (
        heading is not None
        and heading.style == style
        and before is not None
        and before.kind == "item"
        and before.style != style
    )


def _in_list(text: str, lines: list[Line], i: int) -> bool:
    """True after a line ending with ':' or after another list item (no heading in between)."""
    for j in range(i - 1, -1, -1):
        prev = lines[j]
        if prev.kind in ("blank", "skip"):
            continue
        if prev.kind == "item":
            return True
        return prev.kind == "text" and text[prev.start : prev.end].rstrip().endswith(":")
    return False


def _style(m: re.Match[str]) -> str:
    indent = len(m.group("indent").expandtabs(4))
    if m.group("bullet"):
        kind = "bullet" + m.group("bullet")
    elif m.group("paren"):
        kind = "(" + _numbering_kind(m.group("paren"))
    elif m.group("num"):
        # "7.1." and "7.2" are one list; "1)" and "1." are two
        kind = "num" + str(m.group("num").count(".")) + m.group("num_end").replace(".", "")
    elif m.group("deep"):
        kind = "num" + str(m.group("deep").count("."))
    elif m.group("letter"):
        kind = _numbering_kind(m.group("letter")) + m.group("letter_end")
    else:
        kind = "section"
    return f"{kind}@{indent // 2}"


def _numbering_kind(token: str) -> str:
    if token.isdigit():
        return "digit"
    if re.fullmatch(_ROMAN, token) and (len(token) > 1 or token in "ivxIVX"):
        return "roman-lower" if token.islower() else "roman-upper"
    return "letter-lower" if token.islower() else "letter-upper"


def _is_bare_heading(text: str, lines: list[Line], i: int, s: str, content_end: int) -> bool:
    """A short unnumbered line that stands alone: Title Case, ALL CAPS, or a short phrase."""
    body = s.strip()
    if len(body) > 120 or not body[0].isupper() or body[-1] in ".!;,:":
        return False
    words = body.split()
    if len(words) > _SHORT_HEADING_WORDS or body.count(",") > 1 or _INNER_STOP.search(body):
        return False
    if _URLISH.search(body):
        return False
    if lines[i].end >= content_end:
        return False  # a heading must head something
    prev = lines[i - 1] if i else None
    if prev is not None and prev.kind == "text":
        prev_text = text[prev.start : prev.end]
        if _open_list(text, lines, i) or (
            len(prev_text.split()) > BARE_HEADING_WORDS and not ends_sentence(prev_text)
        ):
            return False  # an item of an unmarked list, or the middle of a wrapped paragraph
    if _after_colon(text, lines, i):
        return False
    following = text[lines[i + 1].start : lines[i + 1].end].lstrip() if i + 1 < len(lines) else ""
    if following[:1].islower():
        return False
    if _is_title_case(words):
        return True
    # "Right to restriction of processing" standing above its text
    nxt = NEXT_CHAR.match(text, lines[i].end)
    return (
        len(words) <= BARE_HEADING_WORDS
        and not body.endswith("?")
        and "," not in body
        and not any(c.isdigit() for c in body)
        and any(w.lower() not in _SMALL for w in words)
        and nxt is not None
        and (nxt.group(1).isupper() or nxt.group(1) == "(")
    )


def _open_list(text: str, lines: list[Line], i: int) -> bool:
    """True when line i follows an unmarked list item and that list has not ended with '.'."""
    if i == 0 or not lines[i - 1].listy:
        return False
    return not text[lines[i - 1].start : lines[i - 1].end].rstrip().endswith(".")


def _after_colon(text: str, lines: list[Line], i: int) -> bool:
    """True when the last non-blank line before line i ends with ':' (it introduces a list)."""
    for j in range(i - 1, -1, -1):
        if lines[j].kind != "blank":
            return text[lines[j].start : lines[j].end].rstrip().endswith(":")
    return False


def _is_title_case(words: list[str]) -> bool:
    letters = [c for c in "".join(words) if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    for word in words:
        core = word.strip("\"'“”‘’()[]?")
        if not core or core.lower() in _SMALL:
            continue
        if not (core[0].isupper() or core[0].isdigit()):
            return False
    return True


def ends_sentence(line: str) -> bool:
    """True when a line ends with sentence punctuation, perhaps followed by closing quotes."""
    end = line.rstrip().rstrip(_CLOSERS)
    return end[-1:] in (".", "!", "?", ":", ";") and end != ""


NEXT_CHAR = re.compile(r"\s*(\S)")
_LABEL = re.compile(r"[A-Z][^.:;]{0,40}?(?: [-–—] |: )")


def item_like(line: str) -> bool:
    """An unnumbered line that reads as a list item: short, ';'-ended, or "Label - text"."""
    line = line.strip()
    return (
        len(line.split()) <= 12
        or line.endswith((";", "; and", "; or", ", and", ", or"))
        or bool(_LABEL.match(line))
    )
