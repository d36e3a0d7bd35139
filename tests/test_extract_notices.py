"""contacts.v1, children.v1, do_not_track.v1 on hand-written sentences and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygraph.extract.notices import find_children, find_contacts, find_do_not_track
from policygraph.model import Section, Sentence
from policygraph.segment import segment as _segment

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def sentences(text: str, heading: str = "") -> list[Sentence]:
    """One sentence a line, all in one section."""
    section = Section(heading, 1, 0, len(text))
    out: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if line.strip():
            out.append(Sentence(line, start, start + len(line), len(out), section))
    return out


# --- contacts --------------------------------------------------------------------------------


def test_notices_dpo_email():
    found = find_contacts(
        sentences("You can reach our Data Protection Officer at dpo@acme.example.")
    )
    assert [(c.role, c.email) for c in found] == [("dpo", "dpo@acme.example")]


def test_notices_dpo_from_section_heading():
    found = find_contacts(
        sentences("Write to legal@acme.example.", heading="Data Protection Officer")
    )
    assert [c.role for c in found] == ["dpo"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Questions? Email privacy@acme.example.", "privacy"),
        ("Our Privacy Officer reads mail sent to help@acme.example.", "privacy"),
        ("For anything else, contact hello@acme.example.", "controller"),
    ],
)
def test_notices_email_roles(text, role):
    assert [c.role for c in find_contacts(sentences(text))] == [role]


def test_notices_email_deduplicated_but_also_the_dpos():
    text = (
        "Send questions to team@acme.example.\n"
        "Our data protection officer can be reached at team@acme.example.\n"
        "Or write to TEAM@acme.example again.\n"
    )
    found = find_contacts(sentences(text))
    assert [(c.role, c.email) for c in found] == [
        ("controller", "team@acme.example"),
        ("dpo", "team@acme.example"),
    ]
    assert "data protection officer" in found[1].evidence.quote


def test_notices_email_evidence_where_people_are_told_to_write():
    text = (
        "The developer, dev@acme.example, may ask you for some information.\n"
        "If you have questions, contact us at dev@acme.example.\n"
    )
    (contact,) = find_contacts(sentences(text))
    assert contact.evidence.quote.startswith("If you have questions")


def test_notices_postal_address_after_cue():
    text = "Our mailing address is 42 Lantern Street, Halifax, NS B3H 1A1."
    found = find_contacts(sentences(text))
    assert [(c.role, c.email, c.address) for c in found] == [
        ("controller", None, "42 Lantern Street, Halifax, NS B3H 1A1")
    ]


def test_notices_postal_address_with_email():
    text = (
        "Contact us at office@acme.example or by post to Acme Ltd., 7 Quarry Road, Leeds LS1 4AB."
    )
    found = find_contacts(sentences(text))
    assert len(found) == 1
    assert found[0].email == "office@acme.example"
    assert found[0].address == "Acme Ltd., 7 Quarry Road, Leeds LS1 4AB"


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # the number after the street, and the controller named with its seat
        ("Ardent Labs B.V., Keizersgracht 1, 1015 CJ Amsterdam, the Netherlands, is the"
         " controller.", "Keizersgracht 1, 1015 CJ Amsterdam, the Netherlands"),
        ("Write to us at Acme GmbH, Hauptstraße 12a, 10115 Berlin.",
         "Acme GmbH, Hauptstraße 12a, 10115 Berlin"),
        ("Contact us by post: Acme S.r.l., Via Roma 10, 00100 Roma.",
         "Acme S.r.l., Via Roma 10, 00100 Roma"),
    ],
)  # fmt: skip
def test_notices_european_postal_addresses(text, address):
    (found,) = find_contacts(sentences(text))
    assert (found.role, found.address) == ("controller", address)


def test_notices_postal_address_as_an_item_after_a_cue():
    _, found_sentences = _segment(
        "Acme Media is located at:\n\nAcme Media\n\n366 3rd Ave, S.\n\n3062449175\n\nWe care."
    )
    found = find_contacts(found_sentences)
    assert [(c.role, c.address) for c in found] == [("controller", "366 3rd Ave, S")]


def test_notices_no_contact_without_email_or_address():
    assert find_contacts(sentences("Please contact us with any questions.")) == []


# --- children --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("We do not knowingly collect personal data from children under 13.", 13),
        ("The service is not intended for anyone under the age of 16.", 16),
        ("You must be at least 18 years old to register.", 18),
        ("We never collect data from kids younger than 14.", 14),
    ],
)
def test_notices_children_minimum_age(text, age):
    found = find_children(sentences(text))
    assert [(c.minimum_age, c.collects_knowingly) for c in found] == [(age, False)]


def test_notices_children_denial_without_age():
    found = find_children(sentences("We do not knowingly collect information from children."))
    assert [(c.minimum_age, c.collects_knowingly) for c in found] == [(None, False)]


def test_notices_children_collected_with_parental_consent():
    text = "We collect limited details from children with verifiable parental consent."
    assert [c.collects_knowingly for c in find_children(sentences(text))] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "Residents of Ohio aged 18 or older may request removal of posted content.",
        "We keep invoices for 10 years.",
        "If your child emailed us, please get in touch.",
    ],
)
def test_notices_children_ignores_other_ages(text):
    assert find_children(sentences(text)) == []


# --- do not track ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "honoured"),
    [
        ("We do not respond to Do Not Track signals.", False),
        ("Our site does not currently recognize DNT requests from browsers.", False),
        ("There is no industry standard for Do Not Track, so we do not act on it.", False),
        ("We honor Do Not Track signals sent by your browser.", True),
        ("When your browser sends a DNT signal, we respect it and stop tracking.", True),
    ],
)
def test_notices_do_not_track(text, honoured):
    assert [d.honoured for d in find_do_not_track(sentences(text))] == [honoured]


def test_notices_do_not_track_definition_alone_is_no_statement():
    text = "Do Not Track is a setting in some browsers."
    assert find_do_not_track(sentences(text)) == []


def test_notices_do_not_track_heading_context():
    found = find_do_not_track(sentences("We do not react to such signals.", heading="Do Not Track"))
    assert [d.honoured for d in found] == [False]


# --- seeds --------------------------------------------------------------------------------------


def seed_sentences(prefix: str) -> list[Sentence]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"seed {prefix} is absent")
    return _segment(paths[0].read_text(encoding="utf-8"))[1]


def test_notices_seed_retainuser():
    found = seed_sentences("003")
    contacts = find_contacts(found)
    children = find_children(found)
    dnt = find_do_not_track(found)
    assert {c.email for c in contacts if c.email} == {"info@retainuser.com"}
    assert {c.minimum_age for c in children} == {13}
    assert not any(c.collects_knowingly for c in children)
    assert [d.honoured for d in dnt] == [False]


def test_notices_seed_umso():
    found = seed_sentences("001")
    contacts = find_contacts(found)
    assert [(c.role, c.email) for c in contacts if c.email] == [("privacy", "privacy@umso.com")]
    assert any(c.address and "Willingdon Avenue" in c.address for c in contacts)
    assert find_children(found) == []  # "California residents under 18" is not a children notice
    assert find_do_not_track(found) == []


@pytest.mark.parametrize(
    ("prefix", "emails"),
    [("000", set()), ("002", {"sales@informetric.com"}), ("004", set())],
)
def test_notices_seed_other_contacts(prefix, emails):
    assert {c.email for c in find_contacts(seed_sentences(prefix)) if c.email} == emails
