"""retention.v1: storage periods as xsd:duration, conditions as written (hand-written inputs)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from policygraph.extract.retention import find_retention, make_retention, parse_duration
from policygraph.lexicon import default_lexicon
from policygraph.model import Document, PolicyDoc, Practice, Retention, Section, Sentence
from policygraph.segment import segment

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def lexicon():
    return default_lexicon()


def retained(lexicon, text: str, heading: str = "") -> list[Practice]:
    if heading:
        text = f"## {heading}\n\n{text}"
    sections, sentences = segment(text)
    doc = PolicyDoc(Document(text, "t.md", "0" * 64, "text/markdown"), sections, sentences)
    make_retention(lexicon)(doc)
    return doc.facts.practices


# --- parse_duration -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("2 months", "P2M"),
        ("two years", "P2Y"),
        ("24 months", "P24M"),
        ("30 days", "P30D"),
        ("seven (7) years", "P7Y"),
        ("one year", "P1Y"),
        ("24 hours", "PT24H"),
        ("20 minutes", "PT20M"),
        ("a week", "P7D"),
        ("1 week", "P7D"),
        ("up to 3 years", "P3Y"),
        ("730 days", "P730D"),
        ("1 year", "P1Y"),
        ("twenty-four months", "P24M"),
        ("ninety-nine days", "P99D"),
        ("thirteen weeks", "P91D"),
        ("a year", "P1Y"),
        ("90 calendar days", "P90D"),
        ("1 minute", "PT1M"),
        ("45 seconds", "PT45S"),
    ],
)
def test_retention_parse_duration(text, duration):
    assert parse_duration(text) == duration


@pytest.mark.parametrize("text", ["session", "indefinitely", "until you log out", ""])
def test_retention_parse_duration_none(text):
    assert parse_duration(text) is None


# --- sentences ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("We keep support tickets for 2 months.", "P2M"),
        ("Invoices are retained for seven (7) years.", "P7Y"),
        ("Server logs are deleted after 30 days.", "P30D"),
        ("We store backups for a week.", "P7D"),
        ("Chat transcripts are held for twenty-four months.", "P24M"),
        ("We retain your email address for one year after you close your account.", "P1Y"),
        ("Verification codes are stored for 20 minutes.", "PT20M"),
        ("Raw analytics events are purged within 24 hours.", "PT24H"),
    ],
)
def test_retention_normalises_durations(lexicon, text, duration):
    found = retained(lexicon, text)
    assert [p.retention.duration for p in found] == [duration]
    assert all(p.action == "retain" and not p.negated for p in found)


def test_retention_normalises_months(lexicon):
    (practice,) = retained(lexicon, "Account records are kept for 24 months.")
    assert practice.retention == Retention("P24M", None, "24 months")


def test_retention_up_to_is_a_condition(lexicon):
    (practice,) = retained(lexicon, "We keep cookie data for up to 3 years.")
    assert practice.retention == Retention("P3Y", "up to", "3 years")


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        (
            "We retain your data for as long as your account is active.",
            "for as long as your account is active",
        ),
        (
            "We keep personal data as long as necessary to provide the service.",
            "as long as necessary to provide the service",
        ),
        ("We store your files until you delete your account.", "until you delete your account"),
        ("Public posts are kept indefinitely.", "indefinitely"),
        ("Tax records are retained as required by law.", "as required by law"),
        (
            "Personal data shall not be kept for longer than necessary for that purpose.",
            "not be kept for longer than necessary for that purpose",
        ),
        (
            "Personal data will be deleted when it is no longer needed for those purposes.",
            "when it is no longer needed for those purposes",
        ),
        (
            "User data will be deleted when the customer account is removed.",
            "when the customer account is removed",
        ),
        (
            "Acme stores your data for the duration of the contract.",
            "for the duration of the contract",
        ),
        (
            "We promptly delete the child's email address once we have responded.",
            "once we have responded",
        ),
        (
            "We will not keep your card number in our database once a transaction is completed.",
            "once a transaction is completed",
        ),
    ],
)
def test_retention_conditions_as_written(lexicon, text, condition):
    (practice,) = retained(lexicon, text)
    assert practice.retention.duration is None
    assert practice.retention.condition == condition


@pytest.mark.parametrize(
    "text",
    [
        "We will answer your request within one month.",
        "Our service is for people who are at least 13 years old.",
        "Users under 18 years of age may ask us to remove content.",
        "In the past 12 months we have not sold personal data.",
        "Start your free 14-day trial today.",
        "We will give you 30 days’ notice before we delete your account.",
        "We may update this policy as required by law.",
        "We store your files on encrypted disks.",
        "We store your email address once you register.",
        "We will remove your name from our lists as soon as we can.",
    ],
)
def test_retention_ignores_other_periods(lexicon, text):
    assert retained(lexicon, text) == []


def test_retention_section_heading_without_a_storage_verb(lexicon):
    text = "# Retention Period\n\nWe process your data for the minimum period necessary."
    (practice,) = retained(lexicon, text)
    assert practice.retention.condition == "the minimum period necessary"


def test_retention_section_condition_before_the_storage_verb(lexicon):
    text = (
        "# Retention Period\n\nWe process your data for the minimum period necessary for these "
        "purposes, unless the law requires us to keep the data for longer."
    )
    (practice,) = retained(lexicon, text)
    assert practice.retention.condition.startswith("the minimum period necessary")


def test_retention_section_heading_is_a_cue(lexicon):
    found = retained(lexicon, "Support tickets: 18 months.", heading="Data Retention")
    assert [p.retention.duration for p in found] == ["P18M"]


def test_retention_list_items_take_the_lead(lexicon):
    text = "We retain data as follows:\n\n- backups: 30 days\n- invoices: 10 years\n"
    found = retained(lexicon, text)
    assert [p.retention.duration for p in found] == ["P30D", "P10Y"]
    assert [p.evidence.quote for p in found] == ["backups: 30 days", "invoices: 10 years"]


def test_retention_data_of_the_sentence(lexicon):
    (practice,) = retained(lexicon, "Your email address is retained for 2 years.")
    assert practice.data == ["pd:EmailAddress"]


def test_retention_data_defaults_to_personal_data(lexicon):
    (practice,) = retained(lexicon, "Backups are kept for 2 months.")
    assert practice.data == ["dpv:PersonalData"]


def test_retention_skips_table_rows(lexicon):
    section = Section("Cookies", 1, 0, 40)
    row = Sentence("_ga | stored for 730 days", 0, 25, 0, section, is_table_row=True)
    doc = PolicyDoc(Document("x" * 40, "t", "0" * 64, "text/plain"), [section], [row])
    make_retention(lexicon)(doc)
    assert doc.facts.practices == []


def test_retention_find_retention_helper():
    assert find_retention("Logs are kept for 90 days.") == [Retention("P90D", None, "90 days")]
    assert find_retention("Logs are useful for 90 days.") == []


# --- seeds ----------------------------------------------------------------------------------


def seed_retention(prefix: str, lexicon) -> list[Practice]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    sections, sentences = segment(text)
    doc = PolicyDoc(Document(text, str(path), "0" * 64, "text/plain"), sections, sentences)
    make_retention(lexicon)(doc)
    return doc.facts.practices


@pytest.mark.parametrize(
    ("prefix", "durations"),
    [
        ("001", {"P2Y"}),  # information from cookies: up to two years
        ("003", {"P2M", "P2Y"}),  # closed accounts, backups; billing and legal records
    ],
)
def test_retention_seed_durations(lexicon, prefix, durations):
    found = {p.retention.duration for p in seed_retention(prefix, lexicon)} - {None}
    assert found == durations


@pytest.mark.parametrize("prefix", ["000", "001", "003", "004"])
def test_retention_seed_conditions(lexicon, prefix):
    conditions = [p.retention.condition for p in seed_retention(prefix, lexicon)]
    assert any(c and ("long" in c or "necessary" in c) for c in conditions), conditions


def test_retention_seed_without_periods(lexicon):
    assert seed_retention("002", lexicon) == []


def test_retention_seed_speed(lexicon):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    run = make_retention(lexicon)
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sections, sentences = segment(text)
        doc = PolicyDoc(Document(text, str(path), "0" * 64, "text/plain"), sections, sentences)
        started = time.perf_counter()
        run(doc)
        assert time.perf_counter() - started < 0.1 * max(1, len(sentences) / 100)


def test_retention_preserving_privacy_is_no_retention():
    text = "Though we try to preserve user privacy, we may disclose it when required by law."
    assert find_retention(text) == []
    assert find_retention("We preserve your data as long as required by law.") != []


@pytest.mark.parametrize(
    "text, condition",
    [
        ("We may retain your account information for a reasonable period of time.",
         "for a reasonable period of time"),
    ],
)  # fmt: skip
def test_retention_a_reasonable_period(text, condition):
    assert [r.condition for r in find_retention(text)] == [condition]


def test_retention_keeps_what_it_is_kept_for(lexicon):
    found = retained(lexicon, "We keep your IP address for 30 days for security purposes.")
    assert [(p.retention.duration, p.purposes) for p in found] == [
        ("P30D", ["dpv:EnforceSecurity"])
    ]


def test_retention_deleted_every_period_is_kept_at_most_that_long():
    found = find_retention("Server logs are automatically purged every 30 days.")
    assert [r.duration for r in found] == ["P30D"]
    # a schedule that deletes nothing is no retention period
    assert find_retention("We back up your data every 24 hours.") == []


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        (
            "Raw data logs are scheduled for regular destruction in accordance with NARA rules.",
            "scheduled for regular destruction in accordance with NARA rules",
        ),
        ("Backup tapes are routinely overwritten.", "routinely overwritten"),
    ],
)
def test_retention_deleted_on_a_schedule_without_a_period(text, condition):
    assert [(r.duration, r.condition) for r in find_retention(text)] == [(None, condition)]
    assert find_retention("We review our security measures on a regular schedule.") == []


def test_retention_of_this_information_takes_the_data_named_before():
    from policygraph.corpus import extract
    from policygraph.lexicon import default_lexicon
    from policygraph.model import Document
    from policygraph.pipeline import Pipeline

    text = "We collect transaction data. We store this information for six years.\n"
    document = Document(text=text, source="t.txt", sha256="0" * 64, media_type="text/plain")
    doc = extract(document, Pipeline.from_config(default_lexicon()))
    retained = [p for p in doc.facts.practices if p.action == "retain"]
    assert [(p.data, p.retention.duration) for p in retained] == [(["pd:Transaction"], "P6Y")]
