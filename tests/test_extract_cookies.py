"""cookies.v1: cookie tables (HTML rows and glued plain text) and cookie names in prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygraph import lexicon as lexicon_module
from policygraph.extract.cookies import find_cookies, is_cookie_name, parse_duration
from policygraph.model import Document, PolicyDoc, Section, Sentence
from policygraph.segment import segment as _segment

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _load_lexicon():
    return lexicon_module.default_lexicon()


@pytest.fixture(scope="module")
def lexicon():
    return _load_lexicon()


def need(lexicon, *curies: str) -> None:
    missing = [c for c in curies if c not in lexicon.concepts]
    if missing:
        pytest.skip(f"vocabulary lacks {missing}")


def need_org(lexicon, *keys: str) -> None:
    missing = [k for k in keys if f"pgo:{k}" not in lexicon.concepts]
    if missing:
        pytest.skip(f"organisation registry lacks {missing}")


def by_hand(text: str) -> tuple[list[Section], list[Sentence]]:
    """One sentence a line; lines with " | " are table rows (as read.py writes HTML tables)."""
    section = Section("Cookies", 1, 0, len(text))
    sentences: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if line.strip():
            sentences.append(
                Sentence(line, start, start + len(line), len(sentences), section,
                         is_table_row=" | " in line)
            )  # fmt: skip
    return [section], sentences


def cookies(lexicon, text: str, *, real_segmenter: bool = False):
    doc = PolicyDoc(Document(text, "test.txt", "0", "text/plain"))
    doc.sections, doc.sentences = _segment(text) if real_segmenter else by_hand(text)
    return find_cookies(lexicon, doc)


def one(found, name: str):
    matches = [c for c in found if c.name == name]
    assert len(matches) == 1, [c.name for c in found]
    return matches[0]


# --- durations and names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("730 days", "P730D"),
        ("1 year", "P1Y"),
        ("2 years", "P2Y"),
        ("24 hours", "PT24H"),
        ("30 minutes", "PT30M"),
        ("1 minute", "PT1M"),
        ("13 months", "P13M"),
        ("two weeks", "P14D"),
        ("session", None),
        ("Indefinite", None),
    ],
)
def test_cookies_parse_duration(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("_ga", True),
        ("__stripe_mid", True),
        ("ZD-suid", True),
        ("pusherTransportTLS", True),
        ("sess42id", True),
        ("third-party", False),
        ("opt-in", False),
        ("Analytics", False),
        ("24h", False),
    ],
)
def test_cookies_name_shape(token, expected):
    assert is_cookie_name(token) is expected


# --- glued plain-text tables -----------------------------------------------------------------


def test_cookies_glued_row(lexicon):
    need(lexicon, "pg:AnalyticsCookies")
    text = "Cookie NamePurposeDurationCookie Type\n_abcUsed to count visits400 daysAnalytical\n"
    cookie = one(cookies(lexicon, text), "_abc")
    assert (cookie.duration, cookie.duration_text) == ("P400D", "400 days")
    assert cookie.purpose == "Used to count visits"
    assert cookie.category == "pg:AnalyticsCookies"
    assert cookie.provider is None  # no provider column: a first-party table


def test_cookies_glued_row_lowercase_purpose(lexicon):
    need(lexicon, "pg:EssentialCookies")
    text = "NamePurposeDurationType\nshop_basket_keyused to hold your basket12 hoursessential\n"
    cookie = one(cookies(lexicon, text), "shop_basket_key")
    assert cookie.duration == "PT12H"
    assert cookie.category == "pg:EssentialCookies"


def test_cookies_glued_camel_case_name(lexicon):
    text = (
        "Cookie NamePurposeDurationCookie Type\n"
        "chatWidgetStateQueueKeeps chat open1 yearEssential\n"
    )
    cookie = one(cookies(lexicon, text), "chatWidgetStateQueue")
    assert cookie.purpose == "Keeps chat open"


def test_cookies_glued_provider_with_address_and_inherited(lexicon):
    need_org(lexicon, "stripe")
    text = (
        "Cookie NameProviderPurposeDurationCookie Type\n"
        "__stripe_zzStripe, Inc. (1 Example Way, Springfield, USA)"
        "Stops card fraud45 minutesEssential\n"
        "__stripe_yyStops card fraud2 yearsEssential\n"
    )
    found = cookies(lexicon, text)
    first, second = one(found, "__stripe_zz"), one(found, "__stripe_yy")
    assert first.provider is not None and first.provider.key == "stripe"
    assert first.purpose == "Stops card fraud"
    assert first.duration == "PT45M"
    assert second.provider == first.provider  # the row below inherits the provider
    assert second.duration == "P2Y"


def test_cookies_glued_unknown_provider_with_address(lexicon):
    text = (
        "Cookie NameProviderPurposeDurationCookie Type\n"
        "wsKeepAliveNorthwind Relay (12 Harbour Road, Oslo) Socket keep-aliveIndefiniteEssential\n"
    )
    cookie = one(cookies(lexicon, text), "wsKeepAlive")
    assert cookie.provider is not None and cookie.provider.key == "northwind-relay"
    assert cookie.duration is None and cookie.duration_text == "Indefinite"


def test_cookies_glued_row_over_several_lines(lexicon):
    need_org(lexicon, "google")
    text = (
        "Cookie NameOther Service ProviderPurposeDurationCookie Type\n"
        "_xy Google LLC\n"
        "(1 Example Avenue, Somewhere, CA, USA)\n"
        "Tells visitors apart400 daysAnalytical\n"
    )
    cookie = one(cookies(lexicon, text), "_xy")
    assert cookie.provider is not None and cookie.provider.key == "google"
    assert cookie.purpose == "Tells visitors apart"
    assert cookie.duration == "P400D"
    assert cookie.evidence.quote.startswith("_xy Google LLC")


def test_cookies_glued_table_ignores_prose(lexicon):
    text = (
        "Cookie NamePurposeDurationCookie Type\n"
        "sidKeeps you signed in1 dayEssential\n"
        "We review this table every year and update it when things change.\n"
    )
    assert [c.name for c in cookies(lexicon, text)] == ["sid"]


# --- HTML tables ---------------------------------------------------------------------------------


def test_cookies_html_table_rows(lexicon):
    need(lexicon, "pg:AnalyticsCookies")
    need_org(lexicon, "google")
    text = (
        "Name | Provider | Purpose | Expiry | Category\n"
        "_hit | Google | Counts page views | 2 years | Analytical\n"
        "_hit2 |  | Throttles requests | 1 minute | Analytical\n"
    )
    found = cookies(lexicon, text)
    hit, hit2 = one(found, "_hit"), one(found, "_hit2")
    assert hit.provider is not None and hit.provider.key == "google"
    assert (hit.duration, hit.purpose, hit.category) == (
        "P2Y",
        "Counts page views",
        "pg:AnalyticsCookies",
    )
    assert hit2.provider == hit.provider
    assert hit2.duration == "PT1M"


def test_cookies_html_table_session_duration(lexicon):
    text = "Cookie | Purpose | Duration\nSESSID | Keeps the cart | Session\n"
    cookie = one(cookies(lexicon, text), "SESSID")
    assert cookie.duration is None
    assert cookie.duration_text == "Session"


# --- prose ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("We set the _ga cookie to count visitors.", ["_ga"]),
        ("Our site uses cookies named _gid and _gat for statistics.", ["_gid", "_gat"]),
        (
            "The _xyz_token and __pref_lang cookies remember settings.",
            ["_xyz_token", "__pref_lang"],
        ),
        ("We use third-party cookies and session cookies.", []),
        ("Essential cookies keep the site working.", []),
    ],
)
def test_cookies_prose_names(lexicon, text, names):
    assert [c.name for c in cookies(lexicon, text)] == names


def test_cookies_prose_expiry(lexicon):
    cookie = one(cookies(lexicon, "The _ga cookie expires after 2 years."), "_ga")
    assert cookie.duration == "P2Y"


# --- seed ----------------------------------------------------------------------------------------


def seed_doc(prefix: str) -> PolicyDoc:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"seed {prefix} is absent")
    text = paths[0].read_text(encoding="utf-8")
    doc = PolicyDoc(Document(text, str(paths[0]), "0", "text/plain"))
    doc.sections, doc.sentences = _segment(text)
    return doc


def test_cookies_seed_umso_table(lexicon):
    need(lexicon, "pg:AnalyticsCookies", "pg:EssentialCookies", "pg:FunctionalCookies")
    need_org(lexicon, "google", "stripe", "zendesk")
    doc = seed_doc("001")
    found = find_cookies(lexicon, doc)
    assert len(found) == 21
    ga = one(found, "_ga")
    assert (ga.provider.key, ga.duration, ga.category) == ("google", "P730D", "pg:AnalyticsCookies")
    assert one(found, "_gid").provider.key == "google"
    assert one(found, "_gat").duration == "PT1M"
    sid = one(found, "__stripe_sid")
    assert (sid.provider.key, sid.duration, sid.category) == (
        "stripe",
        "PT30M",
        "pg:EssentialCookies",
    )
    assert one(found, "__stripe_mid").provider.key == "stripe"
    suid = one(found, "ZD-suid")
    assert (suid.provider.key, suid.duration) == ("zendesk", "PT20M")
    store = one(found, "ZD-store")
    assert (store.duration, store.duration_text, store.category) == (
        None, "Indefinite", "pg:FunctionalCookies",
    )  # fmt: skip
    assert one(found, "ZD-rateLimitingQueues").provider.key == "zendesk"
    assert one(found, "pusherTransportTLS").provider is not None
    # first-party tables have no provider
    assert one(found, "landen_user_auth").provider is None
    assert one(found, "landen_user_auth").duration == "P365D"
    assert one(found, "Tracking Preferences").provider is None
    assert one(found, "c_r_id_").duration == "PT24H"


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_cookies_seed_without_tables_finds_none(lexicon, prefix):
    assert find_cookies(lexicon, seed_doc(prefix)) == []


@pytest.mark.parametrize("provider", ["fernhollow.example", "www.fernhollow.co.uk", "First party"])
def test_cookies_provided_by_the_site_are_the_company_s(provider):
    from policygraph.corpus import extract
    from policygraph.lexicon import default_lexicon
    from policygraph.pipeline import Pipeline

    text = (
        "# Fernhollow Travel Cookie Policy\n\n| Cookie | Provider | Purpose | Expiry |\n"
        f"|---|---|---|---|\n| session_id | {provider} | Keeps you signed in | Session |\n"
        "| _ga | Google Analytics | Statistics | 2 years |\n"
    )
    document = Document(text=text, source="t.md", sha256="0" * 64, media_type="text/markdown")
    doc = extract(document, Pipeline.from_config(default_lexicon()))
    assert [(c.name, c.provider.key) for c in doc.facts.cookies] == [
        ("session_id", "fernhollow-travel"),
        ("_ga", "google-analytics"),
    ]
