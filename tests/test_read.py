"""read.py: documents from text, Markdown and HTML files, and one-line refusals of bad input."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import pytest

from policygraph.errors import InputError
from policygraph.read import MAX_BYTES, html_to_text, iter_policy_paths, read_document

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_read_plain_text(tmp_path: Path) -> None:
    path = write(tmp_path, "acme.txt", "Privacy Policy\n\nWe collect your name.\n")
    doc = read_document(path)
    assert doc.text == "Privacy Policy\n\nWe collect your name.\n"
    assert doc.source == str(path)
    assert doc.media_type == "text/plain"
    assert doc.title is None
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("a.txt", "text/plain"),
        ("a.TXT", "text/plain"),
        ("a.md", "text/markdown"),
        ("a.markdown", "text/markdown"),
        ("a.html", "text/html"),
        ("a.htm", "text/html"),
        ("policy", "text/plain"),
    ],
)
def test_read_media_type_from_suffix(tmp_path: Path, name: str, media_type: str) -> None:
    path = write(tmp_path, name, "<p>We keep your data safe.</p>")
    assert read_document(path).media_type == media_type


def test_read_markdown_kept_as_written(tmp_path: Path) -> None:
    text = "# Acme Privacy Policy\n\n**We** collect [your email](https://acme.example).\n"
    assert read_document(write(tmp_path, "p.md", text)).text == text


def test_read_normalises_line_endings(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "p.txt", b"One line.\r\nTwo lines.\rThree.\r\n"))
    assert doc.text == "One line.\nTwo lines.\nThree.\n"


def test_read_accepts_utf8_bom(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "p.txt", codecs.BOM_UTF8 + "Café policy.".encode()))
    assert doc.text == "Café policy."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_read_accepts_utf16_with_bom(tmp_path: Path, encoding: str) -> None:
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    path = write(tmp_path, "p.txt", bom + "We sell nothing — ever.".encode(encoding))
    assert read_document(path).text == "We sell nothing — ever."


def test_read_sha256_is_of_raw_bytes(tmp_path: Path) -> None:
    raw = codecs.BOM_UTF8 + b"Text.\r\n"
    doc = read_document(write(tmp_path, "p.txt", raw))
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "file is empty (0 bytes)"),
        ("blank.txt", b"  \n\t\n  ", "file contains only whitespace"),
        ("nul.txt", b"We collect\x00\x00 data", "binary file, not text"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
        ("controls.txt", bytes(range(1, 9)) * 20, "binary file, not text"),
        ("latin1.txt", b"Caf\xe9 policy", "not UTF-8 text (invalid byte 0xe9 at offset 3)"),
        (
            "policy.txt",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
            "a PDF, not text; convert it first (pdftotext FILE.pdf FILE.txt)",
        ),
        ("bad.md", b"Hello \xff world", "not UTF-8 text (invalid byte 0xff at offset 6)"),
        ("bom.txt", codecs.BOM_UTF8 + b"ab\xc3", "not UTF-8 text (invalid byte 0xc3 at offset 5)"),
        (
            "empty.html",
            b"<html><body><script>x()</script></body></html>",
            "HTML page has no readable text",
        ),
        ("nav.html", b"<body><nav>Home | About</nav></body>", "HTML page has no readable text"),
    ],
)
def test_read_rejects_bad_files(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.reason == reason
    assert info.value.path == str(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ('<meta charset="windows-1252">', "cp1252"),
        # browsers read a page labelled Latin-1 as windows-1252: 0x93/0x94 are quotes
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
        ('<meta charset="shift_jis">', "shift_jis"),
    ],
)
def test_read_html_in_the_encoding_it_declares(tmp_path: Path, head: str, encoding: str) -> None:
    body = "We collect your email address \u201cas needed\u201d. Caf\u00e9."
    if encoding == "shift_jis":
        body = "We collect your email address. \u500b\u4eba\u60c5\u5831."
    f = tmp_path / "p.html"
    f.write_bytes(f"<html><head>{head}</head><body><p>{body}</p></body></html>".encode(encoding))
    assert read_document(f).text.strip() == body


def test_read_html_without_a_declared_encoding_must_be_utf8(tmp_path: Path) -> None:
    f = tmp_path / "p.html"
    f.write_bytes(b"<html><body><p>Caf\xe9 policy</p></body></html>")
    with pytest.raises(InputError, match="not UTF-8 text"):
        read_document(f)


def test_read_html_nested_deeper_than_python_recurses(tmp_path: Path) -> None:
    # old pages leave tags open by the hundred; the text is still read, without structure
    f = tmp_path / "p.html"
    f.write_text("<body>" + "<div>" * 5000 + "We collect your email address." + "</div>" * 5000)
    assert read_document(f).text.strip() == "We collect your email address."


def test_read_rejects_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "absent.txt")


def test_read_rejects_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


def test_read_rejects_large_file_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.reason == "file is 50.0 MB; the limit is 10 MB"


def test_read_accepts_file_at_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", b"We collect data. " * (MAX_BYTES // 17))
    assert read_document(path).text.startswith("We collect data.")


# ---------------------------------------------------------------- HTML

PAGE = """<!doctype html>
<html><head><title>Acme  Privacy
  Policy</title><style>p { color: red }</style><script>track()</script></head>
<body class="page nav-open">
<a class="screen-reader-text" href="#main">Skip to content</a>
<header><nav><ul><li>Home</li><li>Pricing</li></ul></nav></header>
<div id="cookie-banner">We use cookies. <button>Accept all</button></div>
<main id="main">
  <div class="breadcrumbs">Home &gt; Legal</div>
  <h1>Privacy   Policy</h1>
  <p>Last updated: <b>31 January 2024</b></p>
  <h2>1. What we collect</h2>
  <p>We collect:</p>
  <ul><li>your <em>name</em>;</li><li>your email
      address<ul><li>work email</li></ul></li></ul>
  <table><tr><th>Cookie</th><th>Purpose</th></tr><tr><td>_ga</td><td>Analytics</td></tr></table>
  <p>Write to us at<br>1 Example Road</p>
  <section id="cookies"><h3>Cookies</h3><p>We use cookies&nbsp;to   remember you.</p></section>
  <section id="social-media"><h3>Social media</h3><p>Our pages link to networks.</p></section>
  <div class="social-share-buttons"><a>Share on X</a></div>
  <!-- a comment that is not text -->
  <noscript>Enable JavaScript</noscript>
</main>
<aside>Related posts</aside>
<footer>Copyright Acme</footer>
</body></html>
"""

EXPECTED = """# Privacy Policy

Last updated: 31 January 2024

## 1. What we collect

We collect:

- your name;
- your email address
  - work email

Cookie | Purpose
_ga | Analytics

Write to us at
1 Example Road

### Cookies

We use cookies to remember you.

### Social media

Our pages link to networks.
"""


def test_html_to_text_structure() -> None:
    text, title = html_to_text(PAGE)
    assert text == EXPECTED
    assert title == "Acme Privacy Policy"


def test_read_html_document(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "acme.html", PAGE))
    assert doc.text == EXPECTED
    assert doc.title == "Acme Privacy Policy"
    assert doc.media_type == "text/html"


@pytest.mark.parametrize(
    "noise",
    [
        '<div role="navigation">Menu entries</div>',
        '<div aria-label="Breadcrumb">Home / Legal</div>',
        '<div class="cookieConsent">Accept our cookies</div>',
        '<div id="gdpr-banner">Accept our cookies</div>',
        '<ul class="main-menu"><li>Products</li></ul>',
        '<div class="share-bar">Share this page</div>',
        '<form><label>Email</label><input name="e"></form>',
        "<iframe>Embedded</iframe>",
        "<svg><text>Logo</text></svg>",
        "<template>Hidden template</template>",
    ],
)
def test_html_drops_noise(noise: str) -> None:
    text, _ = html_to_text(f"<body><p>We collect your name.</p>{noise}</body>")
    assert text == "We collect your name.\n"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<body><article><p>Inside.</p></article><p>Outside.</p></body>", "Inside.\n"),
        ('<body><div role="main"><p>Inside.</p></div><p>Outside.</p></body>', "Inside.\n"),
        ("<body><main><p>Main.</p></main><article><p>Article.</p></article></body>", "Main.\n"),
        ("<body><p>Body only.</p></body>", "Body only.\n"),
    ],
)
def test_html_prefers_main_then_article(html: str, expected: str) -> None:
    assert html_to_text(html)[0] == expected


def test_html_keeps_wrapper_with_noisy_class() -> None:
    # a layout class such as "has-sidebar" must not throw away the policy it wraps
    html = '<body><div class="content has-sidebar"><p>' + "We collect data. " * 40 + "</p></div>"
    assert html_to_text(html + "</body>")[0].startswith("We collect data.")


@pytest.mark.parametrize(
    ("html", "title"),
    [
        ("<title>Acme Policy</title><h1>Other</h1><p>x</p>", "Acme Policy"),
        ("<h1>Privacy <em>Notice</em></h1><p>x</p>", "Privacy Notice"),
        ("<p>No title here.</p>", None),
    ],
)
def test_html_title(html: str, title: str | None) -> None:
    assert html_to_text(html)[1] == title


def test_html_headings_levels_and_rows() -> None:
    html = "<h4>Deep</h4><p>a</p><table><tr><td>x</td><td></td><td>z</td></tr></table>"
    assert html_to_text(html)[0] == "#### Deep\n\na\n\nx |  | z\n"


# ---------------------------------------------------------------- paths


def test_iter_policy_paths_walks_folders_sorted(tmp_path: Path) -> None:
    names = ["b.txt", "a.md", "sub/c.html", "sub/d.HTM", "x.pdf", ".git/x.txt", "e.py", "README.md"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_policy_paths([tmp_path])]
    assert found == ["a.md", "b.txt", "sub/c.html", "sub/d.HTM"]


def test_iter_policy_paths_keeps_files_as_given(tmp_path: Path) -> None:
    first, second = write(tmp_path, "z.pdf", "x"), write(tmp_path, "a.txt", "x")
    assert list(iter_policy_paths([first, second])) == [first, second]


def test_iter_policy_paths_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        list(iter_policy_paths([tmp_path / "nowhere"]))
    assert info.value.path == str(tmp_path / "nowhere")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_read_seeds() -> None:
    paths = list(iter_policy_paths([SEEDS]))
    assert len(paths) == 5
    for path in paths:
        doc = read_document(path)
        assert doc.media_type == "text/plain" and len(doc.text) > 1000
