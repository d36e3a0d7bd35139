"""metadata.v1: title, effective date and controller name, from hand-written text and the seeds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from policygraph.errors import PipelineError
from policygraph.extract.metadata import find_metadata
from policygraph.model import Document, PolicyDoc
from policygraph.pipeline import REGISTRY
from policygraph.segment import segment

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def make_doc(text: str, **given: object) -> PolicyDoc:
    doc = PolicyDoc(Document(text, "acme.txt", "0" * 64, "text/plain", **given))  # type: ignore[arg-type]
    doc.sections, doc.sentences = segment(text)
    return doc


def metadata(text: str, **given: object) -> PolicyDoc:
    doc = make_doc(text, **given)
    find_metadata(doc)
    return doc


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Last Updated Dec 7th, 2023\nWe care.", date(2023, 12, 7)),
        ("Effective from June 01, 2023", date(2023, 6, 1)),
        ("Effective date: 2024-01-31", date(2024, 1, 31)),
        ("Last modified: 31 January 2024", date(2024, 1, 31)),
        ("Updated on 05/17/2018", date(2018, 5, 17)),
        ("Updated on 17/05/2018", date(2018, 5, 17)),  # 17 cannot be a month
        ("Last revised: 17.05.2018", date(2018, 5, 17)),  # dots: day first
        ("This policy was last revised on March 3, 2022.", date(2022, 3, 3)),
        ("Last Updated on: Jan 28, 2022.", date(2022, 1, 28)),
        ("Effective as of the 1st of March, 2021", date(2021, 3, 1)),
        ("Last updated: Sept. 9, 2020", date(2020, 9, 9)),
        ("Date of last revision: 2019/11/02", date(2019, 11, 2)),
        ("Effective: March 2024", date(2024, 3, 1)),
        ("LAST UPDATED: FEBRUARY 29, 2024", date(2024, 2, 29)),
        ("Updated 1/2/24", date(2024, 1, 2)),
        ("Privacy Policy\nJanuary 5, 2021\n\nWe care about privacy.", date(2021, 1, 5)),
    ],
)
def test_metadata_reads_dates(text: str, expected: date) -> None:
    assert metadata(text).effective == expected


@pytest.mark.parametrize(
    "text",
    [
        "We will revise the effective date at the top of this policy.",
        'Check the "last updated" date on this page.',
        "Last updated February 30, 2024",  # no such day
        "We were founded in 2004 and have 20 staff.",
        "Our office moved on May 3, 2021, to a new city.",
    ],
)
def test_metadata_no_date(text: str) -> None:
    assert metadata(text).effective is None


def test_metadata_first_stated_date_wins() -> None:
    text = "Last updated: 2024-01-31\n\nWe care.\n\nPrevious version last updated 2020-01-01."
    assert metadata(text).effective == date(2024, 1, 31)


def test_metadata_date_at_the_end() -> None:
    text = "Privacy Policy\nWe care about privacy.\nLast updated May 25, 2018"
    assert metadata(text).effective == date(2018, 5, 25)


def test_metadata_day_first_setting() -> None:
    doc = make_doc("Updated on 05/06/2024")
    REGISTRY["metadata.v1"].factory(None, day_first=True)(doc)
    assert doc.effective == date(2024, 6, 5)


# ---------------------------------------------------------------- company


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ('Acme Widgets Inc. ("Acme", "we", "us") makes widgets.', "Acme"),
        ("Bolt Labs Ltd. (“Company”, “we”) runs Bolt. Bolt is great.", "Bolt"),
        ('Quill Paper GmbH ("Company", "we") sells paper.', "Quill Paper GmbH"),
        ("This Privacy Policy describes how Zephyr (“we”, “our”) collects data.", "Zephyr"),
        ("Nimbus is committed to protecting your privacy.", "Nimbus"),
        ("Welcome to Larkspur! We value privacy.", "Larkspur"),
        (
            'Welcome to www.larkspur-cafe.example ("us", "we"). We value privacy.',
            "larkspur-cafe.example",
        ),
        (
            "Who we are\n\nOur website address is: https://larkspur.example.\n\nComments",
            "larkspur.example",
        ),
        ('In this policy, "we", "us" and "our" refer to Orbit Inc.', "Orbit Inc."),
        ('In this policy, "we" and "our" refer to Orbit Inc. Orbit and Orbit apps.', "Orbit"),
        (
            "Tern Systems, Inc. is a company formed in Ohio (“Tern”, “Our”, and “We”).",
            "Tern",
        ),
        (
            "This Privacy Policy covers Kestrel Analytics Corp. and its sites.",
            "Kestrel Analytics Corp.",
        ),
        ("Privacy Policy\n\nRiver Apps\n\nMoss Labs built the River app for free.", "Moss Labs"),
        ("Privacy Policy\n\n24 Byte built the River app as a free app.", "24 Byte"),
        ('This app was created by Fjord Works (the "Provider") for phones.', "Fjord Works"),
        ("The service is provided by Pine Studio LLC (next: Owner).", "Pine Studio LLC"),
        ("Heath Media (“Developer”) cares about the data of its users.", "Heath Media"),
        (
            'Company (referred to as "the Company", "We" or "Us") refers to Cobalt LLC, Oslo.',
            "Cobalt LLC",
        ),
        ("At Quarry, accessible from quarry.example, one of our main priorities is you.", "Quarry"),
        ("At quarrly, accessible from quarrly.example, one of our priorities is you.", "quarrly"),
        (
            "Harbour Learning Foundation (HLF) is a charitable organization committed to reading.",
            "Harbour Learning Foundation",
        ),
        (
            "Privacy Policy\n\nSaltmarsh Media Group is located at:\n\n1 Main St",
            "Saltmarsh Media Group",
        ),
        (
            "Privacy Policy for Tide\nIntroduction\nHarbor Hub Limited is committed to privacy.",
            "Harbor Hub Limited",
        ),
        (
            "Privacy Policy\n\nPolka Dots & Pinstripes Ltd. T/A Ruby Rouge Privacy Policy\n\n"
            "This policy describes how we collect data.",
            "Ruby Rouge",
        ),
        ("Privacy Policy\n\nHeron Privacy Policy\n\nWe care about privacy.", "Heron"),
        # the legal form in capitals after a comma: "Chase Paymentech Solutions, LLC is …"
        (
            "Chase Paymentech Solutions, LLC Privacy Statement\n\nChase Paymentech Solutions, LLC"
            " is committed to safeguarding privacy.",
            "Chase Paymentech Solutions",
        ),
        # the product a title names, when the text names no company
        ("Privacy Policy for Flashlight Pro\n\nThis app collects no data.", "Flashlight Pro"),
        ("KITEGAME PRIVACY POLICY\n\nWe care about privacy.", "KITEGAME"),
        ("Heron Privacy Center\n\nWHAT THIS PRIVACY POLICY COVERS\n\nWe care.", None),
        ("Privacy Policy\n\nCurrent privacy policy describes how an app uses data.", None),
        (
            'This policy describes how Mobile Application Developer ("Mobile Application '
            'Developer", "we") collects data in the app (the "Mobile Application"). The Mobile '
            "Application is free. Mobile Application Developer cares.",
            "Mobile Application Developer",
        ),
        ("We care about privacy.", None),
        ("Welcome to 2D firm (“Company”, “we”, “our”, “us”)! Made with PolicyMaker.", "2D firm"),
        ("This Privacy Policy (“Policy”) explains our practices.", None),
        ("Analytics are provided by Google to measure use.", None),
    ],
)
def test_metadata_finds_company(text: str, company: str | None) -> None:
    assert metadata(text).company == company


def test_metadata_company_from_title() -> None:
    assert metadata("Heron Privacy Policy\nWe are committed to privacy.").company == "Heron"


def test_metadata_defined_name_beats_title() -> None:
    text = "Heron Privacy Policy\nHeron Labs LLC (“Heron Labs”, “we”) runs apps."
    assert metadata(text).company == "Heron Labs"


# ---------------------------------------------------------------- title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Privacy Policy\nWe care.", "Privacy Policy"),
        ("# Heron Privacy Notice\n\nWe care.", "Heron Privacy Notice"),
        ("https://heron.example/privacy-policy\nCookie Policy\nWe care.", "Cookie Policy"),
        ("**Data Protection Statement**\n\nWe care.", "Data Protection Statement"),
        ("# About Us\n\nWe care.", "About Us"),
        ("We care about privacy. This privacy policy explains how, in detail.", None),
    ],
)
def test_metadata_finds_title(text: str, title: str | None) -> None:
    assert metadata(text).title == title


def test_metadata_given_values_win() -> None:
    doc = metadata(
        "Heron Privacy Policy\nLast updated 2020-01-01",
        title="Heron Policy",
        company="Heron Holdings",
        date=date(2024, 2, 2),
    )
    assert (doc.title, doc.company, doc.effective) == (
        "Heron Policy",
        "Heron Holdings",
        date(2024, 2, 2),
    )


def test_metadata_component_registered() -> None:
    spec = REGISTRY["metadata.v1"]
    assert spec.requires == ("doc.sentences",)
    assert set(spec.assigns) == {"doc.company", "doc.legal_name", "doc.effective", "doc.title"}
    doc = make_doc("Nimbus Privacy Policy\nEffective date: 2024-01-31")
    spec.factory(None, **spec.default_config)(doc)
    assert (doc.title, doc.company, doc.effective) == (
        "Nimbus Privacy Policy",
        "Nimbus",
        date(2024, 1, 31),
    )


def test_metadata_component_rejects_unknown_settings() -> None:
    with pytest.raises(PipelineError, match="day_frist"):
        REGISTRY["metadata.v1"].factory(None, day_frist=True)


def test_metadata_never_imports_rdflib() -> None:
    import policygraph.extract.metadata as module

    assert "rdflib" not in Path(module.__file__).read_text(encoding="utf-8")


# ---------------------------------------------------------------- seeds

SEED_EXPECTED = {
    "000": ("Usermost", date(2023, 6, 1)),
    "001": ("Umso", date(2023, 12, 7)),
    "002": ("Informetric", date(2018, 5, 17)),
    "003": ("Retainuser", date(2022, 1, 28)),
    "004": ("SmarterTools", date(2018, 5, 25)),
}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTED))
def test_metadata_seeds(prefix: str) -> None:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    doc = metadata(path.read_text(encoding="utf-8"))
    assert (doc.company, doc.effective) == SEED_EXPECTED[prefix]
    assert doc.title is not None and "Privacy Policy" in doc.title


@pytest.mark.parametrize(
    ("text", "company", "legal"),
    [
        ("Umso Software Inc. is formed under the laws of British Columbia.", "Umso",
         "Umso Software Inc."),
        ("Artnado, LLC, dba Artmatcher, runs this app.", "Artmatcher", "Artnado, LLC"),
        ("Major League Soccer, L.L.C. (\u201cMLS\u201d) respects your privacy.", "MLS",
         "Major League Soccer, L.L.C."),
        ("CoredyTech Inc., its affiliates (\u201cwe\u201d, \u201cus\u201d) care.", "Coredy",
         "CoredyTech Inc."),
        ("We work with Stripe, Inc. and Google LLC.", "Acme", None),
        ("Acme collects data.", "Acme", None),
    ],
)  # fmt: skip
def test_metadata_legal_name(text, company, legal):
    from policygraph.extract.metadata import find_legal_name

    assert find_legal_name(text, company) == legal


def test_metadata_company_is_the_name_a_policy_repeats():
    from policygraph.extract.metadata import find_company

    text = (
        "Privacy Policy\n\nThis policy explains the practices that Skedbooks employs. "
        "Please read it. When you use Skedbooks, we collect your name. Google Analytics counts "
        "visits; Google Analytics sets cookies; Google Analytics is used by Skedbooks too. "
        "Personal Information is kept safe. Personal Information is never sold."
    )
    assert find_company(text) in ("Skedbooks", "Google Analytics")
    assert find_company(text, known=lambda name: name == "Google Analytics") == "Skedbooks"
    assert find_company("Please note this. Please read that. Please ask us.") is None


def test_metadata_company_is_whom_its_postal_address_reaches():
    from policygraph.extract.metadata import find_company

    text = (
        "Privacy Policy\n\nYou may withdraw consent by contacting us or mailing us at:\n\n"
        "Bramble + Fern Boutique\n\n12 High Street, Leeds LS1 4AB\n\nWe keep your data safe.\n"
    )
    assert find_company(text) == "Bramble + Fern Boutique"
    # the line after "write to us" is an address, not a name, when it has digits
    assert find_company("Write to us at:\n\n12 High Street\n\nLeeds LS1 4AB\n") is None
