"""segment.py: headings, sentences, list items with their lead, table rows, exact offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygraph.errors import PipelineError
from policygraph.model import Document, PolicyDoc, Section, Sentence
from policygraph.pipeline import REGISTRY
from policygraph.segment import segment, split_sentences

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def headings(text: str) -> list[tuple[str, int]]:
    return [(s.heading, s.level) for s in segment(text)[0] if s.heading]


def texts(text: str) -> list[str]:
    return [s.text for s in segment(text)[1]]


def check_offsets(text: str, sections: list[Section], sentences: list[Sentence]) -> None:
    for i, sentence in enumerate(sentences):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert sentence.index == i
        assert sentence.section in sections
        assert sentence.section.start <= sentence.start < sentence.section.end
    for section in sections:
        if section.heading:
            start = section.heading_start
            assert text[start : start + len(section.heading)] == section.heading


# ---------------------------------------------------------------- headings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Title\n\nText here.\n\n## Sub\n\nMore text.", [("Title", 1), ("Sub", 2)]),
        ("### Deep ###\nText here.", [("Deep", 3)]),
        ("1. Our Commitment to Privacy\nWe care.", [("Our Commitment to Privacy", 1)]),
        ("2.3 Cookies\nWe use cookies.", [("Cookies", 2)]),
        ("2.3.1. Analytics cookies\nWe count visits.", [("Analytics cookies", 3)]),
        ("IV. Your Rights\nYou may ask.", [("Your Rights", 1)]),
        ("Section 5 – Retention\nWe keep data.", [("Retention", 1)]),
        ("Article 2.1: Scope\nThis applies.", [("Scope", 2)]),
        ("What We Collect\nWe collect your name.", [("What We Collect", 1)]),
        ("Which Data Do We Share?\nWe share little.", [("Which Data Do We Share?", 1)]),
        ("YOUR CALIFORNIA RIGHTS\nYou may opt out.", [("YOUR CALIFORNIA RIGHTS", 1)]),
        ("**Data Retention**\n\nWe keep data.", [("Data Retention", 1)]),
        ("Contact us\n=========\n\nWrite to us.", [("Contact us", 1)]),
        ("Contact us\n----------\n\nWrite to us.", [("Contact us", 2)]),
        ("We care.\n\nRight to object\n\nYou may object.", [("Right to object", 1)]),
    ],
)
def test_segment_detects_headings(text: str, expected: list[tuple[str, int]]) -> None:
    assert headings(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We collect the following data:\nName\nEmail Address\nPhone Number\n",
        "We collect:\n1. Name\n2. Email",
        "Our Practices:\nWe collect data.",
        "We collect your name.\nThis is a sentence.",
        "Last Updated May 17, 2018\nWe collect data.",
        "https://acme.example/privacy\nWe collect data.",
        "- Cookies\n- Web Beacons\n",
        "We collect information from you when you visit our site and\nFill In Forms on it.",
        "Privacy Policy",
    ],
)
def test_segment_no_false_headings(text: str) -> None:
    assert headings(text) == []


def test_segment_unnumbered_subheadings_sit_below_numbered() -> None:
    text = "1. Cookies\nWe use cookies.\n\nAnalytics Cookies\nThey count visits.\n\n2. Rights\nAsk."
    assert headings(text) == [("Cookies", 1), ("Analytics Cookies", 2), ("Rights", 1)]


def test_segment_sections_tile_the_text() -> None:
    text = "Intro text.\n# One\nFirst.\n## Two\nSecond."
    sections, sentences = segment(text)
    assert [(s.heading, s.start, s.end) for s in sections] == [
        ("", 0, 12),
        ("One", 12, 25),
        ("Two", 25, len(text)),
    ]
    assert [s.section.heading for s in sentences] == ["", "One", "Two"]
    assert sections[1].heading_start == text.index("One")


def test_segment_no_preamble_section_when_text_starts_with_heading() -> None:
    sections, _ = segment("# Policy\nWe collect data.")
    assert [s.heading for s in sections] == ["Policy"]


def test_segment_headings_are_not_sentences() -> None:
    assert texts("# Privacy Policy\n\nWe collect data.") == ["We collect data."]


# ---------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We collect data. We share it.", ["We collect data.", "We share it."]),
        ("Do we sell? No! We never do.", ["Do we sell?", "No!", "We never do."]),
        (
            "We use tools, e.g. Google Analytics. We ask.",
            ["We use tools, e.g. Google Analytics.", "We ask."],
        ),
        (
            "We use tools, i.e. analytics. We also ask.",
            ["We use tools, i.e. analytics.", "We also ask."],
        ),
        ("We use tools (e.g. Google Analytics) to count.", None),
        (
            "We collect names, emails, etc. We also log IPs.",
            ["We collect names, emails, etc.", "We also log IPs."],
        ),
        (
            "Acme Inc. is based in Canada. It has staff.",
            ["Acme Inc. is based in Canada.", "It has staff."],
        ),
        ("We contract with Acme Inc. We pay them.", ["We contract with Acme Inc.", "We pay them."]),
        ("Data is stored in the U.S. and the U.K. by us.", None),
        (
            "It costs approx. 5 dollars. Mr. Smith agrees.",
            ["It costs approx. 5 dollars.", "Mr. Smith agrees."],
        ),
        ("See Dr. Jones at 5 St. Mary Rd. for help.", None),
        ("Our office is No. 5 on Main St. Visit us.", None),
        ("We keep 99.5 percent of logs. Fine.", ["We keep 99.5 percent of logs.", "Fine."]),
        (
            "Visit https://acme.example/privacy.html today. Thanks.",
            ["Visit https://acme.example/privacy.html today.", "Thanks."],
        ),
        (
            "Write to privacy@acme.example. We answer.",
            ["Write to privacy@acme.example.", "We answer."],
        ),
        ("We share data (see Section 3. It lists partners.) with partners.", None),
        ("He wrote “We sell. We share.” in a memo.", None),
        ("Signed by J. Smith on behalf of Acme.", None),
        (
            "We act on Jan. 28 each year. Then we stop.",
            ["We act on Jan. 28 each year.", "Then we stop."],
        ),
        ("version 2.0 applies. it is lower case.", None),
    ],
)
def test_segment_splits_sentences(text: str, expected: list[str] | None) -> None:
    assert texts(text) == (expected or [text])


def test_split_sentences_offsets_within_range() -> None:
    text = "IGNORED. We collect data.  We share it.  IGNORED."
    start, end = 9, text.index("IGNORED", 9)
    spans = split_sentences(text, start, end)
    assert [text[a:b] for a, b in spans] == ["We collect data.", "We share it."]


def test_segment_joins_hard_wrapped_lines() -> None:
    text = "We may collect your IP address, browser\ntype and the pages you view when\nyou visit."
    assert texts(text) == [text]


def test_segment_short_line_above_capitalised_line_stands_alone() -> None:
    text = "Informetric Privacy Policy\nLast Updated May 17, 2018\nWe are committed to privacy."
    assert texts(text)[-2:] == ["Last Updated May 17, 2018", "We are committed to privacy."]


# ---------------------------------------------------------------- lists and tables


def test_segment_list_items_inherit_lead() -> None:
    text = "We collect:\n- your name;\n- your email address.\n\nWe never sell it."
    _, sentences = segment(text)
    lead, name, email, last = sentences
    assert [s.text for s in sentences] == [
        "We collect:",
        "your name;",
        "your email address.",
        "We never sell it.",
    ]
    assert not lead.is_list_item and lead.lead is None
    assert name.is_list_item and name.lead is lead
    assert email.is_list_item and email.lead is lead
    assert not last.is_list_item and last.lead is None


@pytest.mark.parametrize(
    ("item", "text"),
    [
        ("- name", "name"),
        ("* name", "name"),
        ("• name", "name"),
        ("  ◦ name", "name"),
        ("◦\u200b name", "name"),  # a zero-width space after the bullet (copied from HTML)
        ("1) name", "name"),
        ("1. name", "name"),
        ("(a) name", "name"),
        ("(iv) name", "name"),
        ("a. name", "name"),
        ("b) name", "name"),
        ("o name", "name"),  # the sub-bullet of a word processor
        ("\uf0b7 name", "name"),  # Word's Symbol-font bullet, copied from a PDF
        ("➤ name", "name"),
    ],
)
def test_segment_list_markers(item: str, text: str) -> None:
    _, sentences = segment(f"We collect:\n{item}\n")
    assert sentences[1].text == text
    assert sentences[1].is_list_item
    assert sentences[1].lead is sentences[0]


def test_segment_list_lead_is_last_sentence_of_preceding_paragraph() -> None:
    text = "We care. We collect the following data\n- name\n- email"
    _, sentences = segment(text)
    assert [s.lead.text for s in sentences if s.is_list_item] == [
        "We collect the following data",
        "We collect the following data",
    ]


def test_segment_nested_lists_find_their_own_lead() -> None:
    text = "We use data:\n1. to run the service, namely:\n   - billing\n   - support\n2. to market."
    _, sentences = segment(text)
    by_text = {s.text: s for s in sentences}
    outer = by_text["We use data:"]
    inner = by_text["to run the service, namely:"]
    assert inner.lead is outer
    assert by_text["billing"].lead is inner
    assert by_text["support"].lead is inner
    assert by_text["to market."].lead is outer


def test_segment_multi_sentence_item_shares_lead() -> None:
    _, sentences = segment("We share data with:\n- Stripe. It processes payments.")
    assert [(s.text, s.is_list_item, s.lead is sentences[0]) for s in sentences[1:]] == [
        ("Stripe.", True, True),
        ("It processes payments.", True, True),
    ]


def test_segment_unmarked_list_after_colon() -> None:
    text = "Your rights are:\nthe right to access;\nthe right to erasure.\nWe answer in a month."
    _, sentences = segment(text)
    assert [(s.text, s.is_list_item) for s in sentences] == [
        ("Your rights are:", False),
        ("the right to access;", True),
        ("the right to erasure.", True),
        ("We answer in a month.", False),
    ]
    assert sentences[1].lead is sentences[0] and sentences[2].lead is sentences[0]


def test_segment_letter_i_after_h_is_no_roman_numeral() -> None:
    text = "We collect:\n\n(g) Name;\n\n(h) Email;\n\n(i) IP address; and\n\n(j) Passwords."
    _, sentences = segment(text)
    assert [s.lead is sentences[0] for s in sentences[1:]] == [True, True, True, True]


def test_segment_parenthesised_marker_with_a_dot() -> None:
    _, sentences = segment("We collect:\n\n(i). Contact data.\n\n(ii). Usage data.")
    assert [(s.text, s.is_list_item) for s in sentences[1:]] == [
        ("Contact data.", True),
        ("Usage data.", True),
    ]
    assert all(s.lead is sentences[0] for s in sentences[1:])


def test_segment_one_paragraph_per_item_after_colon() -> None:
    text = "Data may include:\n\nEmail address\n\nFirst name\n\nPhone number\n\nUsage\n\nWe log."
    _, sentences = segment(text)
    assert [(s.text, s.is_list_item) for s in sentences] == [
        ("Data may include:", False),
        ("Email address", True),
        ("First name", True),
        ("Phone number", True),
        ("We log.", False),
    ]
    assert all(s.lead is sentences[0] for s in sentences[1:4])


def test_segment_paragraph_fragments_after_colon_are_items() -> None:
    text = (
        "We collect these categories:\n\nRegistration information you give when you open an "
        "account, including your name and email address\n\nOrder information, including your "
        "postal address\n\nWe keep it safe."
    )
    _, sentences = segment(text)
    assert [s.is_list_item for s in sentences] == [False, True, True, False]
    assert sentences[1].lead is sentences[0] and sentences[2].lead is sentences[0]


def test_segment_fragments_after_such_as_are_items() -> None:
    text = (
        "The app collects information when you use it. This information may include such as\n\n"
        "Your device's IP address\n\nThe time spent on the Application\n\n"
        "The operating system you use on your mobile device\n\nWe do not track you."
    )
    _, sentences = segment(text)
    assert [(s.text, s.is_list_item) for s in sentences[1:]] == [
        ("This information may include such as", False),
        ("Your device's IP address", True),
        ("The time spent on the Application", True),  # heading-like, but the list goes on
        ("The operating system you use on your mobile device", True),
        ("We do not track you.", False),
    ]


def test_segment_numbered_line_in_capitals_is_a_heading_among_numbered_paragraphs() -> None:
    text = (
        "7. PROTECTION OF INFORMATION\n\n7.1 We encrypt data.\n\n7.2 We train staff.\n\n"
        "8. OPTION TO OPT OUT\n\nYou may withdraw at any time."
    )
    _, sentences = segment(text)
    assert sentences[-1].section.heading == "OPTION TO OPT OUT"
    assert "OPTION TO OPT OUT" not in [s.text for s in sentences]


@pytest.mark.parametrize(
    "text",
    [
        # after "1.1 …" items, "2. Sub-processors" numbers the headings again
        "1. Data we process\n\n1.1 Account data: name, email.\n\n1.2 Usage data: clicks.\n\n"
        "2. Sub-processors\n\nWe engage the following sub-processors.",
        # after a bulleted list too
        "1. Data we process\n\nWe process:\n- name\n- email\n\n2. Sub-processors\n\n"
        "We engage the following sub-processors.",
    ],
)
def test_segment_numbered_headings_go_on_after_a_list(text: str) -> None:
    _, sentences = segment(text)
    assert sentences[-1].section.heading == "Sub-processors"
    assert "Sub-processors" not in [s.text for s in sentences]


def test_segment_numbered_paragraphs_stay_items_after_a_numbered_heading() -> None:
    text = "1. Our Policy\n\n1. We collect your name.\n\n2. We share it with Stripe."
    _, sentences = segment(text)
    assert [s.is_list_item for s in sentences[-2:]] == [True, True]


def test_segment_one_short_line_after_a_lead_in_is_an_item() -> None:
    text = (
        "The app uses third party services.\n\n"
        "Link to privacy policy of third party service providers used by the app\n\n"
        "Google Play Services\n\nLog Data\n\nWe collect log data."
    )
    _, sentences = segment(text)
    assert [s.text for s in sentences if s.is_list_item] == ["Google Play Services"]
    assert sentences[-1].section.heading == "Log Data"


def test_segment_one_short_line_after_a_sentence_is_a_heading() -> None:
    _, sentences = segment("We care.\n\nYour rights\n\nAccess\n\nYou may ask for a copy.")
    assert not any(s.is_list_item for s in sentences)


def test_segment_full_stop_closes_a_list_of_semicolon_items() -> None:
    text = (
        "We may employ third-party companies due to the following reasons:\n\n"
        "To facilitate our Service;\n\nTo perform Service-related services; or\n\n"
        "To assist us in analyzing how our Service is used.\n\n"
        "We want to inform users of this Service that these third parties have access."
    )
    _, sentences = segment(text)
    assert [s.is_list_item for s in sentences] == [False, True, True, True, False]
    assert sentences[3].lead is sentences[0]


def test_segment_numbered_paragraph_opens_a_list_of_fragments() -> None:
    text = (
        "2.1.1 To create an account we require the following data:\n\nEmail address\n\n"
        "Year of birth\n\nDevice ID, manufacturer, device type\n\nLanguage, country, time zone."
        "\n\n2.1.2 We keep it safe."
    )
    _, sentences = segment(text)
    items = [s.text for s in sentences if s.is_list_item and s.lead is sentences[0]]
    assert items == [
        "Email address",
        "Year of birth",
        "Device ID, manufacturer, device type",
        "Language, country, time zone.",  # a few nouns close the list
    ]


def test_segment_labelled_lists_of_nouns_after_colon_are_items() -> None:
    text = (
        "Other information we collect includes:\n\nMedical Data\n\n"
        "Weight, blood glucose target range, pump basal settings, correction factors, carbs / "
        "insulin ratio, insulin action duration, target glucose, alert settings, pregnancy "
        "status.\n\nUsage Data\n\nPump serial number, app command-flow trail, support queries."
        "\n\nWe keep it safe."
    )
    _, sentences = segment(text)
    items = [s.text for s in sentences if s.is_list_item and s.lead is sentences[0]]
    assert [item[:14] for item in items] == [
        "Medical Data",
        "Weight, blood ",
        "Usage Data",
        "Pump serial nu",
    ]
    assert not sentences[-1].is_list_item


def test_segment_full_stop_after_plain_fragments_is_prose() -> None:
    text = "We collect:\n\nyour name\n\nyour email address\n\nThat is all we collect."
    _, sentences = segment(text)
    assert [s.text for s in sentences if s.is_list_item] == ["your name", "your email address"]


def test_segment_purpose_paragraphs_after_colon_are_items() -> None:
    text = (
        "We may use Personal Data for the following purposes:\n\n"
        "To provide and maintain our Service, including to monitor the usage of our Service.\n\n"
        "To manage Your Account: to manage Your registration. It gives You access.\n\n"
        "We keep it safe."
    )
    _, sentences = segment(text)
    assert [(s.is_list_item, s.lead is sentences[0]) for s in sentences] == [
        (False, False),
        (True, True),
        (True, True),
        (False, False),  # "It gives You access.": the item is its first sentence
        (False, False),
    ]


def test_segment_wrapped_list_item_continues() -> None:
    text = "We collect:\n- your name, your postal address and\n  your phone number\n- email"
    assert texts(text)[1:] == ["your name, your postal address and\n  your phone number", "email"]


def test_segment_list_lead_resets_at_heading() -> None:
    _, sentences = segment("We collect:\n\n## Sharing\n- partners")
    assert sentences[-1].is_list_item and sentences[-1].lead is None


APP_TEMPLATE = (
    "Information Collection\n\nThe app uses third party services.\n\n"
    "Link to privacy policy of third party service providers used by the app\n\n"
    "Google Play Services\n\nAdMob\n\nFirebase Analytics\n\nLog Data\n\nWe collect log data."
)


def test_segment_short_lines_after_a_paragraph_are_a_list() -> None:
    sections, sentences = segment(APP_TEMPLATE)
    items = [(s.text, s.lead.text[:7]) for s in sentences if s.is_list_item and s.lead]
    assert items == [
        ("Google Play Services", "Link to"),
        ("AdMob", "Link to"),
        ("Firebase Analytics", "Link to"),
    ]
    assert [s.heading for s in sections] == ["Information Collection", "Log Data"]


@pytest.mark.parametrize(
    "text",
    [
        # one short line after a paragraph, then a heading: both are headings
        "We care.\n\nYour Rights\n\nRight to Access\n\nYou may ask.",
        # short lines after a heading, not after text: a title and headings
        "Privacy Policy\n\nAcme Cloud\n\nIntroduction\n\nWe care.",
    ],
)
def test_segment_short_lines_stay_headings(text: str) -> None:
    _, sentences = segment(text)
    assert not any(s.is_list_item for s in sentences)


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("Name | Purpose\n_ga | Analytics", ["Name | Purpose", "_ga | Analytics"]),
        (
            "| Name | Purpose |\n|---|---|\n| _ga | Analytics |",
            ["Name | Purpose", "_ga | Analytics"],
        ),
        ("Name\tPurpose\n_ga\tAnalytics", ["Name\tPurpose", "_ga\tAnalytics"]),
    ],
)
def test_segment_table_rows(text: str, rows: list[str]) -> None:
    _, sentences = segment(text)
    assert [s.text for s in sentences] == rows
    assert all(s.is_table_row and not s.is_list_item for s in sentences)
    assert sentences[0].lead is None and sentences[1].lead is sentences[0]


# ---------------------------------------------------------------- offsets, speed, component

FIXTURE = """Acme Privacy Policy
Effective date: 2024-01-31

1. Who We Are
Acme Widgets Inc. ("Acme", "we") makes widgets. Write to privacy@acme.example.

2. What We Collect
We collect:
  • your name (e.g. "Jo");
  • your email address.

| Cookie | Duration |
|---|---|
| _ga | 2 years |

IV. Your Rights
You may ask us (at any time) to delete data. We answer within approx. 30 days.
"""


def test_segment_offsets_are_exact() -> None:
    sections, sentences = segment(FIXTURE)
    check_offsets(FIXTURE, sections, sentences)
    assert len(sentences) == 10


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
@pytest.mark.parametrize(
    "name", sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
)
def test_segment_seed_offsets(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    sections, sentences = segment(text)
    check_offsets(text, sections, sentences)
    assert len(sections) >= 8 and len(sentences) >= 50


def test_segment_component_fills_doc() -> None:
    make = REGISTRY["segment.v1"].factory
    doc = PolicyDoc(Document(FIXTURE, "acme.txt", "0" * 64, "text/plain"))
    make(None)(doc)
    assert doc.sections and doc.sentences
    assert doc.sentences[0].text == "Effective date: 2024-01-31"


def test_segment_component_rejects_settings() -> None:
    with pytest.raises(PipelineError):
        REGISTRY["segment.v1"].factory(None, bogus=1)
