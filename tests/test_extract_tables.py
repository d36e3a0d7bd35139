"""Practices in tables of personal-information categories (CCPA notices, GDPR purpose tables)."""

from __future__ import annotations

import pytest

from policygraph.corpus import extract
from policygraph.lexicon import default_lexicon
from policygraph.model import Document, Practice
from policygraph.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_config(default_lexicon())


def practices_of(
    pipeline: Pipeline, text: str, media_type: str = "text/markdown"
) -> list[Practice]:
    document = Document(text=text, source="t", sha256="0" * 64, media_type=media_type)
    return extract(document, pipeline).facts.practices


def rows(found: list[Practice]) -> list[tuple]:
    return [
        (
            p.action,
            p.negated,
            p.data,
            sorted(rc.organisation.key if rc.organisation else rc.category for rc in p.recipients),
        )
        for p in found
    ]


CCPA = """# Maplecrest Outfitters Privacy Policy

## Categories of personal information we collect

| Category | Examples | Disclosed for a business purpose to | Sold or shared |
|---|---|---|---|
| Identifiers | Email address | Service providers | Yes, to advertising partners |
| Geolocation data | Approximate location | None | No |
"""


def test_tables_ccpa_categories(pipeline):
    assert rows(practices_of(pipeline, CCPA)) == [
        ("collect", False, ["pd:Identifier", "pd:EmailAddress"], []),
        ("disclose", False, ["pd:Identifier", "pd:EmailAddress"], ["pg:ServiceProviders"]),
        ("sell", False, ["pd:Identifier", "pd:EmailAddress"], ["pg:Advertisers"]),
        ("share", False, ["pd:Identifier", "pd:EmailAddress"], ["pg:Advertisers"]),
        ("collect", False, ["pd:Location"], []),
        ("sell", True, ["pd:Location"], []),
        ("share", True, ["pd:Location"], []),
    ]


def test_tables_collected_column_says_yes_or_no(pipeline):
    text = (
        "# Acme Privacy Policy\n\n| Category | Collected |\n|---|---|\n"
        "| Email address | Yes |\n| Biometric information | No |\n"
    )
    assert rows(practices_of(pipeline, text)) == [
        ("collect", False, ["pd:EmailAddress"], []),
        ("collect", True, ["pd:Biometric"], []),
    ]


def test_tables_gdpr_purposes_and_legal_bases(pipeline):
    text = (
        "# Acme GmbH Privacy Policy\n\n## How we use your data\n\n"
        "| Data | Purpose | Legal basis |\n|---|---|---|\n"
        "| Name and email address | To manage your account | Performance of a contract |\n"
        "| Usage data | To improve the service | Our legitimate interests |\n"
    )
    found = practices_of(pipeline, text)
    assert [(p.action, p.data, p.purposes, p.legal_bases) for p in found] == [
        ("use", ["pd:Name", "pd:EmailAddress"], ["dpv:AccountManagement"], ["dpv:Contract"]),
        ("use", ["pd:ServiceConsumptionBehaviour"], ["dpv:ImproveExistingProductsAndServices"],
         ["dpv:LegitimateInterest"]),
    ]  # fmt: skip


def test_tables_of_purposes_and_bases_without_a_data_column(pipeline):
    text = (
        "# Acme GmbH Privacy Policy\n\n| What we do | Legal basis |\n|---|---|\n"
        "| Send you our newsletter | Consent (Article 6(1)(a)) |\n"
        "| Use health information you give us to keep you safe | Your explicit consent |\n"
    )
    found = practices_of(pipeline, text)
    assert [(p.action, p.data, p.purposes, p.legal_bases) for p in found] == [
        ("use", ["dpv:PersonalData"], ["dpv:DirectMarketing"], ["dpv:Consent", "eu-gdpr:A6-1-a"]),
        ("use", ["pd:MedicalHealth"], [], ["dpv:ExplicitlyExpressedConsent"]),
    ]


def test_tables_in_html(pipeline):
    html = (
        "<html><body><h1>Acme Privacy Policy</h1><h2>Information we collect</h2><table>"
        "<tr><th>Category</th><th>Sold</th></tr>"
        "<tr><td>Email address</td><td>No</td></tr></table></body></html>"
    )
    from policygraph.read import html_to_text

    text, _ = html_to_text(html)
    assert rows(practices_of(pipeline, text)) == [
        ("collect", False, ["pd:EmailAddress"], []),
        ("sell", True, ["pd:EmailAddress"], []),
    ]


def test_tables_of_cookies_state_no_such_practices(pipeline):
    text = (
        "# Acme Cookie Policy\n\n## Cookies we use\n\n| Cookie | Provider | Purpose | Expiry |\n"
        "|---|---|---|---|\n| _ga | Google Analytics | Statistics | 2 years |\n"
    )
    assert [p for p in practices_of(pipeline, text) if p.evidence.quote.startswith("_ga")] == []
