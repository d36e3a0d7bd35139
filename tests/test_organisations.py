"""The organisation registry (ontology/organisations.ttl): shape, uniqueness and matching."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.namespace import SKOS

from policygraph.lexicon import Lexicon
from policygraph.text import fold, slug, tokenize

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = ROOT / "ontology" / "organisations.ttl"
SEEDS = ROOT.parent / "shared" / "seeds"

PG = Namespace("https://w3id.org/policygraph/ns#")
PGO = Namespace("https://w3id.org/policygraph/id/org/")
DPV = Namespace("https://w3id.org/dpv#")
LOC = "https://w3id.org/dpv/loc#"

CATEGORIES = {
    PG[name]
    for name in [
        "PaymentServices", "CustomerSupportServices", "AnalyticsServices", "EmailServices",
        "HostingServices", "MonitoringServices", "AdvertisingServices", "SocialLoginServices",
        "CRMServices", "MarketingServices", "CommunicationServices", "SecurityServices",
        "ConsentManagementServices", "VideoServices", "MapServices", "SocialMedia",
        "ProductivityServices", "FormsServices", "SchedulingServices", "IdentityServices",
        "StorageServices", "ECommerceServices", "FeedbackServices", "TagManagementServices",
        "SearchServices", "AIServices", "OtherServices",
    ]
}  # fmt: skip


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    g.parse(REGISTRY, format="turtle")
    return g


@pytest.fixture(scope="module")
def orgs(graph: Graph) -> list[URIRef]:
    return sorted(graph.subjects(RDF.type, PG.KnownOrganisation))


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.from_files([REGISTRY])


def keys(lex: Lexicon, text: str) -> list[str]:
    return [m.curie for m in lex.find(text, "organisation")]


# --- shape ------------------------------------------------------------------------------------


def test_at_least_200_organisations(orgs):
    assert len(orgs) >= 200


def test_every_organisation_is_complete(graph, orgs):
    for org in orgs:
        local = str(org)[len(str(PGO)) :]
        assert str(org).startswith(str(PGO)), org
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", local), org
        assert (org, RDF.type, DPV.Organisation) in graph, org
        assert (org, SKOS.inScheme, PG.OrganisationScheme) in graph, org
        assert len(list(graph.objects(org, SKOS.prefLabel))) == 1, org
        countries = list(graph.objects(org, PG.country))
        assert len(countries) == 1, org
        assert re.fullmatch(re.escape(LOC) + r"[A-Z]{2}", str(countries[0])), org
        categories = list(graph.objects(org, PG.serviceCategory))
        assert len(categories) == 1 and categories[0] in CATEGORIES, (org, categories)
        assert len(list(graph.objects(org, PG.legalName))) <= 1, org


def test_literals_are_plain(graph):
    for _, _, o in graph:
        if hasattr(o, "language"):
            assert o.language is None, o


def test_every_organisation_is_in_the_scheme(graph, orgs):
    assert set(graph.subjects(SKOS.inScheme, PG.OrganisationScheme)) == set(orgs)


def test_provided_by_targets_exist(graph, orgs):
    known = set(orgs)
    for product, parent in graph.subject_objects(PG.providedBy):
        assert parent in known, (product, parent)
        assert parent != product


def test_provided_by_has_no_cycles(graph, orgs):
    for org in orgs:
        seen = {org}
        node = graph.value(org, PG.providedBy)
        while node is not None:
            assert node not in seen, org
            seen.add(node)
            node = graph.value(node, PG.providedBy)


def test_keys_are_slugs_of_a_name(graph, orgs):
    """A key is the slug of one of its names, so extracted slugs and registry keys can meet."""
    for org in orgs:
        local = str(org)[len(str(PGO)) :]
        names = [
            *graph.objects(org, SKOS.prefLabel),
            *graph.objects(org, SKOS.altLabel),
            *graph.objects(org, PG.legalName),
            *graph.objects(org, PG.caseSensitiveLabel),
        ]
        assert local in {slug(str(n)) for n in names} | {
            # products and renamed brands keyed by their best-known name
            "bing-ads", "facebook-pixel", "hellosign", "adobe-sign", "adobe-launch",
            "sign-in-with-linkedin", "microsoft-entra-id", "azure-openai", "google-gemini",
        }, (org, names)  # fmt: skip


LABEL_PREDICATES = (
    SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, PG.legalName, PG.caseSensitiveLabel,
)  # fmt: skip


def _form(text: str) -> tuple[str, ...]:
    return tuple(fold(t) for t, _, _ in tokenize(text))


def test_no_two_organisations_share_a_label_form(graph, orgs):
    owners: dict[tuple[str, ...], set[URIRef]] = defaultdict(set)
    for org in orgs:
        for pred in LABEL_PREDICATES:
            for label in graph.objects(org, pred):
                form = _form(str(label))
                assert form, (org, label)
                owners[form].add(org)
    shared = {form: sorted(o) for form, o in owners.items() if len(o) > 1}
    assert not shared, shared


# Names that are also ordinary words or phrases: never a case-insensitive form of any organisation.
COMMON_WORDS = [
    "Box", "Square", "Segment", "Heap", "Drift", "Crisp", "Adjust", "Branch", "Zoom", "Slack",
    "Apple", "Canny", "Delighted", "Meta", "Alphabet", "Stripe", "Paddle", "Intercom", "Amplitude",
    "Plausible", "Braze", "Notion", "Asana", "Loom", "Unity", "Snap", "Sift", "Piano", "Elastic",
    "Affirm", "Plaid", "Drip", "Discord", "Twitch", "Oracle", "Telegram", "Postmark", "Pusher",
    "Constant Contact", "Full Story", "Functional Software", "Cash App", "App Store",
    "HERE Technologies", "Automatic Data Processing", "AT Internet",
]  # fmt: skip
NEVER_LABELS = ["X", "Bird", "Here", "Teams", "Clarity", "Front", "Wise"]


def test_common_words_are_case_sensitive_only(graph, orgs):
    common = {_form(w) for w in COMMON_WORDS}
    never = {_form(w) for w in NEVER_LABELS}
    for org in orgs:
        exact = {_form(str(c)) for c in graph.objects(org, PG.caseSensitiveLabel)}
        for pred in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, PG.legalName):
            for label in graph.objects(org, pred):
                form = _form(str(label))
                assert form not in never, (org, label)
                # a folded form equal to a declared case-sensitive form is dropped by the lexicon
                assert form not in common or form in exact, (org, label)
        assert not exact & never, org


# --- lexicon matching -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Payments are handled by Stripe, Inc. and support requests by ZenDesk.",
         ["pgo:stripe", "pgo:zendesk"]),
        ("Our parent, Alphabet Inc., receives aggregate statistics.", ["pgo:google"]),
        ("Errors are reported to Functional Software Inc. for triage.", ["pgo:sentry"]),
        ("Transactional mail goes out through Wildbit LLC.", ["pgo:postmark"]),
        ("We send newsletters with Mailchimp and receipts with Twilio SendGrid.",
         ["pgo:mailchimp", "pgo:sendgrid"]),
        ("Visits are measured with Google Analytics and conversions with Google AdWords.",
         ["pgo:google-analytics", "pgo:google-ads"]),
        ("Campaigns run on Bing Ads and on Microsoft Advertising.",
         ["pgo:bing-ads", "pgo:bing-ads"]),
        ("Session replays are captured by Full Story and by FULLSTORY.",
         ["pgo:fullstory", "pgo:fullstory"]),
        ("Our servers run on AWS, backups sit in Amazon S3 and the CDN is Cloudflare.",
         ["pgo:amazon-web-services", "pgo:amazon-s3", "pgo:cloudflare"]),
        ("Card data goes to Razorpay Software Private Limited.", ["pgo:razorpay"]),
        ("Realtime updates use Pusher Ltd; spam is filtered by Akismet from Automattic.",
         ["pgo:pusher", "pgo:akismet", "pgo:automattic"]),
        ("Metrics: NewRelic and New Relic, Inc. both mean the same company.",
         ["pgo:new-relic", "pgo:new-relic"]),
        ("Revenue dashboards come from Profitwell.", ["pgo:profitwell"]),
        ("You can sign in with Facebook Connect or Sign in with Apple.",
         ["pgo:facebook-login", "pgo:sign-in-with-apple"]),
        ("Meta Platforms Ireland Limited runs Instagram.", ["pgo:meta", "pgo:instagram"]),
        ("The social network formerly known as Twitter is run by X Corp.",
         ["pgo:twitter", "pgo:twitter"]),
        ("Files stored in Box are shared through Slack and Zoom.",
         ["pgo:box", "pgo:slack", "pgo:zoom"]),
        ("Feedback boards are hosted by Canny Inc. and surveys by Delighted.",
         ["pgo:canny", "pgo:delighted"]),
        ("Events are routed by Segment and stored in Heap.", ["pgo:segment", "pgo:heap"]),
        ("We also use Constant Contact for announcements.", ["pgo:constant-contact"]),
    ],
)  # fmt: skip
def test_names_resolve_to_registry_keys(lex, text, expected):
    assert keys(lex, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "we keep it in a box",
        "a square meter of office space",
        "the customer segment you belong to",
        "a heap of paper records",
        "we adjust the settings and branch out",
        "we may zoom in on a slack period",
        "an apple a day",
        "data is a crisp summary and the drift of the argument",
        "we stay in constant contact with you",
        "to get the full story, read on",
        "a canny reader will be delighted",
        "the magnetic stripe on your card",
        "click here. Technologies such as cookies",
        "the meta description of the page",
        "the latin alphabet",
        "functional software is our goal",
    ],
)
def test_common_words_match_nothing(lex, text):
    assert keys(lex, text) == []


def test_case_sensitive_names_still_match_as_written(lex):
    assert keys(lex, "files stored in Box") == ["pgo:box"]
    assert keys(lex, "payments taken with Square") == ["pgo:square"]
    assert keys(lex, "Box Inc. and Square, Inc. are processors") == ["pgo:box", "pgo:square"]
    assert keys(lex, "HERE Technologies supplies the maps") == ["pgo:here-technologies"]


def test_organisation_entries(lex):
    google = lex.organisations["pgo:google"]
    assert (google.name, google.legal_name, google.country) == ("Google", "Google LLC", "loc:US")
    ga = lex.organisations["pgo:google-analytics"]
    assert ga.provided_by == "google" and ga.category == "pg:AnalyticsServices"
    assert lex.organisations["pgo:sentry"].legal_name == "Functional Software, Inc."
    assert lex.organisations["pgo:postmark"].legal_name == "Wildbit, LLC"


# --- the seed policies ------------------------------------------------------------------------

SEED_KEYS = [
    "google", "amazon-web-services", "automattic|akismet", "profitwell", "pusher", "canny",
    "sentry", "new-relic", "postmark", "stripe", "zendesk", "mixpanel", "messagebird",
    "constant-contact", "razorpay", "google-analytics", "google-ads", "bing-ads", "fullstory",
]  # fmt: skip


@pytest.fixture(scope="module")
def seed_keys(lex) -> set[str]:
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip("seed policies not available")
    found: set[str] = set()
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            found.update(m.curie.split(":", 1)[1] for m in lex.find(line, "organisation"))
    return found


@pytest.mark.parametrize("key", SEED_KEYS)
def test_seed_policies_name_registry_organisations(seed_keys, key):
    assert seed_keys & set(key.split("|")), key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Write to acme.help@gmail.com with any question.", set()),
        ("Opt out at https://tools.google.com/dlpage/gaoptout today.", set()),
        ("We use Google Analytics (see https://tools.google.com/dlpage/gaoptout).",
         {"google-analytics"}),
        ("Payments are handled by Stripe, Inc.", {"stripe"}),
        ("Write to P.O. Box 1423, Springfield.", set()),
        ("We collect your Google Advertising ID and device model.", set()),
        ("This privacy policy was created using Termly.", set()),
        ("THE FOREGOING DOES NOT AFFECT WARRANTIES WHICH CANNOT BE EXCLUDED OR LIMITED.", set()),
        ("Hosting is by Brightmoor Systems Limited.", {"brightmoor-systems"}),
        ("Polka Dots & Pinstripes Ltd. runs this shop.", {"polka-dots-pinstripes"}),
        ("EXCEPT AS PROHIBITED BY LAW, YOU WILL HOLD US HARMLESS.", set()),
        ("YOU AGREE TO ALL TERMS AND CONDITIONS INCORPORATED BY REFERENCE.", set()),
        ("We collect your Apple ID for Advertising and your Apple ID.", set()),
        ("The app uses the com.google.android.gms.permission.AD_ID permission.", set()),
    ],
)  # fmt: skip
def test_organisations_in_addresses_are_not_named(text, expected):
    from policygraph.extract.organisations import find_organisations
    from policygraph.lexicon import default_lexicon

    assert {org.key for org, _, _ in find_organisations(default_lexicon(), text)} == expected


def test_organisations_a_heading_that_is_a_name_is_a_mention():
    from policygraph.extract.organisations import make_organisations
    from policygraph.lexicon import default_lexicon
    from policygraph.model import Document, PolicyDoc
    from policygraph.segment import segment

    text = (
        "## AdMob\n\nWe show ads in the app.\n\n## How we share data with Stripe and partners"
        "\n\nWe care.\n\n## Stripe's Privacy Policy\n\nWe care.\n"
    )
    sections, sentences = segment(text)
    doc = PolicyDoc(Document(text, "t.md", "0" * 64, "text/markdown"), sections, sentences)
    make_organisations(default_lexicon())(doc)
    assert [(org.key, ev.quote) for org, ev in doc.facts.organisations] == [
        ("google-admob", "AdMob"),
        ("stripe", "Stripe's Privacy Policy"),  # a link beside the processor it names
    ]
    ev = doc.facts.organisations[0][1]
    assert text[ev.start : ev.end] == "AdMob"
