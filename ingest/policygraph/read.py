"""Read policy files (plain text, Markdown, HTML) into `Document`s, refusing what is not a policy.

Every refusal is an `InputError` whose reason fits on one line. HTML is reduced to Markdown-like
text (headings as '#' lines, list items as '- ' lines) so that the segmenter treats every format
alike; plain text and Markdown are kept as written, apart from line endings.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, Tag

from .errors import InputError
from .model import Document

MB = 1024 * 1024
MAX_BYTES = 10 * MB
MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}
_NOT_POLICIES = {"readme", "changelog", "license", "contributing"}
_SNIFF = 8192  # bytes looked at when deciding whether a file is binary


def iter_policy_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; folders walked recursively, in sorted order, for policy file types."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in _files_in(path) if p.suffix.lower() in MEDIA_TYPES)
        elif path.exists():
            yield path
        else:
            raise InputError(path, "no such file or directory")


def survey(paths: Iterable[Path]) -> tuple[int, list[Path]]:
    """How many policy files `paths` name or hold (for a progress count), and the files in their
    folders that `iter_policy_paths` leaves out by type (a .pdf, a .docx: for saying what a run
    did not read), in one walk. A missing path counts nothing: the ingest reports it."""
    count, others = 0, []
    for path in map(Path, paths):
        if path.is_dir():
            for p in _files_in(path):
                if p.suffix.lower() in MEDIA_TYPES:
                    count += 1
                else:
                    others.append(p)
        elif path.exists():
            count += 1
    return count, sorted(others)


def _files_in(folder: Path) -> Iterator[Path]:
    for p in folder.rglob("*"):
        # hidden folders (.git, .venv) never hold policies, nor a folder's README
        if (
            p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)
            and p.stem.lower() not in _NOT_POLICIES
        ):
            yield p


def read_document(path: Path) -> Document:
    path = Path(path)
    raw = _read_bytes(path)
    media_type = MEDIA_TYPES.get(path.suffix.lower(), "text/plain")
    text = _decode(path, raw, html=media_type == "text/html")
    title = None
    if media_type == "text/html":
        text, title = html_to_text(text)
        if not text.strip():
            raise InputError(path, "HTML page has no readable text")
    return Document(
        text=text,
        source=str(path),
        sha256=hashlib.sha256(raw).hexdigest(),
        media_type=media_type,
        title=title,
    )


_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*(?P<meta>[\w.:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["'](?P<xml>[\w.:-]+)""",
    re.IGNORECASE,
)
# As browsers read them (WHATWG Encoding): pages labelled Latin-1 or ASCII are windows-1252
_BROWSER_CHARSETS = {"iso8859-1": "cp1252", "ascii": "cp1252"}


def _declared_charset(raw: bytes) -> str | None:
    """The encoding an HTML page declares in its head, as a Python codec name."""
    m = _CHARSET.search(raw[:4096])
    if m is None:
        return None
    try:
        name = codecs.lookup((m.group("meta") or m.group("xml")).decode("ascii")).name
    except LookupError:
        return None
    return _BROWSER_CHARSETS.get(name, name)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        size = path.stat().st_size
        # checked before reading, so a huge file is never loaded
        if size > MAX_BYTES:
            raise InputError(path, f"file is {size / MB:.1f} MB; the limit is {MAX_BYTES // MB} MB")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from exc


def _decode(path: Path, raw: bytes, html: bool = False) -> str:
    if not raw:
        raise InputError(path, "file is empty (0 bytes)")
    if raw.startswith(b"%PDF-"):
        raise InputError(path, "a PDF, not text; convert it first (pdftotext FILE.pdf FILE.txt)")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"not UTF-16 text (bad data at offset {exc.start})") from exc
    else:
        if _looks_binary(raw[:_SNIFF]):
            raise InputError(path, "binary file, not text")
        bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
        try:
            text = raw[bom:].decode("utf-8")
        except UnicodeDecodeError as exc:
            # a saved web page may declare its own encoding ("windows-1252"); text has none
            charset = _declared_charset(raw) if html else None
            if charset is None:
                at = bom + exc.start
                raise InputError(
                    path, f"not UTF-8 text (invalid byte 0x{raw[at]:02x} at offset {at})"
                ) from exc
            text = raw.decode(charset, errors="replace")
    if "\x00" in text:
        raise InputError(path, "binary file, not text")
    if not text.strip():
        raise InputError(path, "file contains only whitespace")
    # one newline convention, so that offsets mean the same on every platform
    return text.replace("\r\n", "\n").replace("\r", "\n")


_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    return len(_CONTROL.findall(head)) > 0.1 * len(head)


# ---------------------------------------------------------------- HTML


_DROP_TAGS = [
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside",
    "form", "button", "iframe", "select", "canvas", "video", "audio", "object", "embed",
    "dialog", "menu",
]  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "blockquote", "address", "figure", "figcaption",
    "dl", "dt", "dd", "pre", "body", "center", "details", "summary", "fieldset", "ul", "ol",
    "table", "thead", "tbody", "tfoot", "caption", "hr", "html",
}  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_NOISE_TOKENS = {
    "nav", "navbar", "navigation", "menu", "menubar", "submenu", "breadcrumb", "breadcrumbs",
    "skip", "skiplink", "sidebar", "sharebar", "toolbar", "topbar", "masthead", "onetrust",
    "cookiebot", "cookiebanner", "cookiebar",
}  # fmt: skip
# "social" alone may be the policy's own section on social media; with "buttons" it is a share bar
_SHARE_TOKENS = {"share", "sharing", "social", "socials"}
_WIDGET_TOKENS = {"bar", "buttons", "button", "links", "icons", "widget", "toolbar", "follow"}
_COOKIE_TOKENS = {"cookie", "cookies", "gdpr", "cc"}
_BANNER_TOKENS = {
    "banner", "bar", "notice", "popup", "modal", "dialog", "overlay", "manager", "prompt",
    "window",
}  # fmt: skip
_NOISE_ROLES = {"navigation", "menu", "menubar", "banner", "dialog", "alertdialog", "search"}
_NOISE_LABEL = re.compile(r"navigation|menu|breadcrumb|cookie|consent|share|skip", re.I)
_SKIP_LINK = re.compile(r"^\s*skip to (the )?(main )?content\s*$", re.I)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPACES = re.compile(r"[ \t\f\v\xa0\u200b\u2000-\u200a\u202f\u3000]+")


def html_to_text(html: str) -> tuple[str, str | None]:
    """Readable text of an HTML page in Markdown-like form, and its title."""
    soup = BeautifulSoup(html, "lxml")
    title = _title(soup)
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    root = _content_root(soup)
    if root is None:
        return "", title
    total = len(root.get_text())
    for tag in root.find_all(_is_noise):
        if tag.decomposed:
            continue
        # a wrapper with a noisy class ("has-sidebar") may hold the policy itself; keep it
        if len(tag.get_text()) > total / 2:
            continue
        tag.decompose()
    writer = _Writer()
    try:
        writer.walk(root)
    except RecursionError:
        # tags left open by the hundred ("<font>" after "<font>") nest deeper than Python
        # recurses: keep the text, a block per line, without headings and lists
        lines = (_SPACES.sub(" ", line).strip() for line in root.get_text("\n").split("\n"))
        return "\n\n".join(line for line in lines if line), title
    return writer.result(), title


def _title(soup: BeautifulSoup) -> str | None:
    for tag in (soup.title, soup.find("h1")):
        if tag is not None:
            text = _one_line(tag.get_text(" "))
            if text:
                return text
    return None


def _content_root(soup: BeautifulSoup) -> Tag | None:
    main = soup.find("main")
    if main is not None:
        return main
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda a: len(a.get_text()))
    return soup.find(attrs={"role": "main"}) or soup.body or soup


def _tokens(tag: Tag) -> set[str]:
    values = tag.get("class") or []
    if isinstance(values, str):
        values = values.split()
    words = [*values, tag.get("id") or ""]
    tokens: set[str] = set()
    for word in words:
        tokens.update(t for t in re.split(r"[\s_-]+", _CAMEL.sub("-", str(word)).lower()) if t)
        tokens.add(str(word).lower())
    return tokens


def _is_noise(tag: Tag) -> bool:
    if tag.name in ("html", "body", "main", "article"):
        return False
    role = str(tag.get("role") or "").lower()
    if role in _NOISE_ROLES:
        return True
    if _NOISE_LABEL.search(str(tag.get("aria-label") or "")):
        return True
    tokens = _tokens(tag)
    if tokens & _NOISE_TOKENS or (tokens & _SHARE_TOKENS and tokens & _WIDGET_TOKENS):
        return True
    # "cookie" alone may name the policy's own cookie section; with "banner" or "consent" it
    # is the consent prompt
    cookie, consent = bool(tokens & _COOKIE_TOKENS), "consent" in tokens
    if ((cookie or consent) and tokens & _BANNER_TOKENS) or (cookie and consent):
        return True
    return tag.name == "a" and bool(_SKIP_LINK.match(tag.get_text()))


class _Writer:
    """Collects blocks: ('p', text), ('h', '## text'), ('li', '- text'), ('tr', 'a | b')."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, str]] = []
        self.inline: list[str] = []

    def walk(self, node: PageElement, depth: int = 0) -> None:
        for child in list(getattr(node, "children", [])):
            self.visit(child, depth)

    def visit(self, node: PageElement, depth: int) -> None:
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:  # not a comment, doctype or CDATA
                self.inline.append(_WHITESPACE.sub(" ", str(node)))
            return
        if not isinstance(node, Tag):
            return
        name = node.name
        if name == "br":
            self.inline.append("\n")
        elif name in _HEADINGS:
            self.flush()
            text = _one_line(node.get_text(" "))
            if text:
                self.blocks.append(("h", "#" * _HEADINGS[name] + " " + text))
        elif name == "li":
            self.flush()
            self.item(node, depth)
        elif name == "tr":
            self.flush()
            cells = [_one_line(c.get_text(" ")) for c in node.find_all(["td", "th"])]
            if any(cells):
                self.blocks.append(("tr", " | ".join(cells)))
        elif name in _BLOCK_TAGS:
            self.flush()
            self.walk(node, depth + (name in ("ul", "ol")))
            self.flush()
        else:
            self.walk(node, depth)

    def item(self, item: Tag, depth: int) -> None:
        """A list item: its own text on one line; nested lists follow as indented items."""
        own = _Writer()
        nested = []
        for child in item.children:
            if isinstance(child, Tag) and child.name in ("ul", "ol"):
                nested.append(child)
            else:
                own.visit(child, depth)
        own.flush()
        text = " ".join(t.lstrip("#- ") if k != "p" else t for k, t in own.blocks)
        text = _one_line(text)
        if text:
            self.blocks.append(("li", "  " * max(depth - 1, 0) + "- " + text))
        for child in nested:
            self.walk(child, depth + 1)

    def flush(self) -> None:
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(self.inline).split("\n"))
        self.inline = []
        text = "\n".join(line for line in lines if line)
        if text:
            self.blocks.append(("p", text))

    def result(self) -> str:
        self.flush()
        out: list[str] = []
        previous = ""
        for kind, text in self.blocks:
            if out:
                # consecutive list items and table rows stay on adjacent lines
                out.append("\n" if kind == previous and kind in ("li", "tr") else "\n\n")
            out.append(text)
            previous = kind
        return "".join(out) + ("\n" if out else "")


_WHITESPACE = re.compile(r"\s+")


def _one_line(text: str) -> str:
    return " ".join(text.split())
