"""practices.v1: actions, negation scope, hedges, data, purposes, recipients (hand-written inputs).

Unit tests run on a small hand-written vocabulary (below), so that they state the rules and do not
move when ontology/ grows; the seed tests at the end use the real vocabulary and ../shared/seeds.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rdflib import Graph

from policygraph.extract.clauses import split_clauses
from policygraph.extract.practices import make_practices
from policygraph.extract.verbs import find_verbs
from policygraph.lexicon import Lexicon, default_lexicon
from policygraph.model import Document, PolicyDoc, Practice, Section, Sentence
from policygraph.segment import segment

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

VOCABULARY = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dpv: <https://w3id.org/dpv#> .
@prefix pd: <https://w3id.org/dpv/pd#> .
@prefix pg: <https://w3id.org/policygraph/ns#> .
@prefix pgo: <https://w3id.org/policygraph/id/org/> .
@prefix loc: <https://w3id.org/dpv/loc#> .
@prefix eu-gdpr: <https://w3id.org/dpv/legal/eu/gdpr#> .

dpv:PersonalData skos:inScheme pg:PersonalDataScheme ; skos:prefLabel "personal data" ;
    skos:altLabel "personal information" .
pd:EmailAddress skos:inScheme pg:PersonalDataScheme ; skos:prefLabel "email address" .
pd:Name skos:inScheme pg:PersonalDataScheme ; skos:prefLabel "name" ; skos:altLabel "full name" .
pd:TelephoneNumber skos:inScheme pg:PersonalDataScheme ; skos:prefLabel "phone number" .
pd:IPAddress skos:inScheme pg:PersonalDataScheme ; skos:prefLabel "IP address" .
pg:PaymentInformation skos:inScheme pg:PersonalDataScheme ; skos:prefLabel "billing details" .
dpv:SpecialCategoryPersonalData skos:inScheme pg:PersonalDataScheme ;
    skos:prefLabel "special category personal data" ;
    skos:altLabel "special categories of personal data", "sensitive data" .
pd:Health skos:inScheme pg:PersonalDataScheme ; skos:prefLabel "health records" ;
    skos:broader dpv:SpecialCategoryPersonalData .
pd:Location skos:inScheme pg:PersonalDataScheme ; skos:prefLabel "precise location" .

dpv:Marketing skos:inScheme pg:PurposeScheme ; skos:prefLabel "marketing" .
dpv:ServiceProvision skos:inScheme pg:PurposeScheme ; skos:prefLabel "service provision" ;
    skos:altLabel "run the service" .
dpv:CustomerCare skos:inScheme pg:PurposeScheme ; skos:prefLabel "customer support" .
dpv:PaymentManagement skos:inScheme pg:PurposeScheme ; skos:prefLabel "payment management" ;
    skos:altLabel "handle payments" .
dpv:FraudPreventionAndDetection skos:inScheme pg:PurposeScheme ;
    skos:prefLabel "fraud prevention" .

dpv:Consent skos:inScheme pg:LegalBasisScheme ; skos:prefLabel "consent" .
dpv:Contract skos:inScheme pg:LegalBasisScheme ; skos:prefLabel "performance of a contract" .

loc:US skos:inScheme pg:LocationScheme ; skos:prefLabel "United States" .
loc:US-OR skos:inScheme pg:LocationScheme ; skos:prefLabel "Oregon" .
loc:EU skos:inScheme pg:LocationScheme ; skos:prefLabel "European Union" .
eu-gdpr:A46-2-c skos:inScheme pg:SafeguardScheme ; skos:prefLabel "standard contractual clauses" .

pg:ServiceProviders skos:inScheme pg:RecipientCategoryScheme ; skos:prefLabel "service providers" .
pg:Affiliates skos:inScheme pg:RecipientCategoryScheme ; skos:prefLabel "affiliates" .
pg:ThirdParties skos:inScheme pg:RecipientCategoryScheme ; skos:prefLabel "third parties" .
pg:Advertisers skos:inScheme pg:RecipientCategoryScheme ; skos:prefLabel "advertisers" .
pg:LawEnforcement skos:inScheme pg:RecipientCategoryScheme ; skos:prefLabel "law enforcement" .
pg:Acquirers skos:inScheme pg:RecipientCategoryScheme ; skos:prefLabel "acquirers" ;
    skos:altLabel "buyer" .

pgo:stripe skos:inScheme pg:OrganisationScheme ; skos:prefLabel "Stripe" .
pgo:zendesk skos:inScheme pg:OrganisationScheme ; skos:prefLabel "Zendesk" .
pgo:google-analytics skos:inScheme pg:OrganisationScheme ; skos:prefLabel "Google Analytics" .
pgo:acme skos:inScheme pg:OrganisationScheme ; skos:prefLabel "Acme" .
"""


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    graph = Graph()
    graph.parse(data=VOCABULARY, format="turtle")
    return Lexicon(graph)


def doc_of(text: str, company: str | None = "Acme") -> PolicyDoc:
    document = Document(text, "test.md", "0" * 64, "text/markdown")
    sections, sentences = segment(text)
    return PolicyDoc(document, sections=sections, sentences=sentences, company=company)


def practices(lexicon: Lexicon, text: str, company: str | None = "Acme") -> list[Practice]:
    doc = doc_of(text, company)
    make_practices(lexicon)(doc)
    return doc.facts.practices


def actions(lexicon: Lexicon, text: str) -> set[tuple[str, bool]]:
    return {(p.action, p.negated) for p in practices(lexicon, text)}


def only(found: list[Practice], action: str) -> Practice:
    matching = [p for p in found if p.action == action]
    assert len(matching) == 1, found
    return matching[0]


def recipients(p: Practice) -> set[tuple[str, str]]:
    return {
        (r.role, r.organisation.key if r.organisation else r.category or "") for r in p.recipients
    }


# --- action verbs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subjects"),
    [
        ("We do not knowingly collect personal information from children under 13.",
         ["pg:Children"]),
        ("We do not sell the personal information of California residents.",
         ["pg:CaliforniaResidents"]),
        ("We do not sell personal information. Children under 13 may not use the site.", []),
    ],
)  # fmt: skip
def test_practices_name_the_people_they_are_about(full_lexicon, text, subjects):
    (denial,) = [p for p in practices(full_lexicon, text) if p.negated]
    assert denial.data_subjects == subjects


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We give you access to your email address.", set()),
        ("On request Acme will provide to the visitor a copy of the email address.", set()),
        ("We use your email address to provide you with customer support.", {"use"}),
        ("We provide your email address to advertisers.", {"share"}),
        ("We may share user information with affiliates.", {"share"}),
        ("You authorize us, to share your email address with affiliates.", {"share"}),
        (
            "On these pages you will be provided information about the collection of your data"
            " and will be able to give your consent.",
            set(),
        ),
        # what a site provides that is no one's data: links, safeguards, features
        ("Our website may provide links to third-party websites.", set()),
        ("Acme provides various security strategies to ensure data security.", set()),
        ("Log entries help us provide consumers with content of interest to them.", set()),
        ("We provide social media features that enable you to share your name.", set()),
        # "you are providing": progressive, the person gives and the company collects
        ("You are providing your email address to Acme and to its partners.", {"collect"}),
    ],
)
def test_practices_giving_the_person_something_is_no_share(lexicon, text, expected):
    assert {p.action for p in practices(lexicon, text)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We collect your email address.", {("collect", False)}),
        ("Acme gathered your phone number when you called.", {("collect", False)}),
        ("We obtain your name from public sources.", {("collect", False)}),
        ("We may ask you for your phone number.", {("collect", False)}),
        ("We may require you to provide us with your email address.", {("collect", False)}),
        ("We do not require you to provide your email address.", set()),  # optional, not denied
        ("You may give us your email address when you sign up.", {("collect", False)}),
        ("When you order, you provide us with billing details.", {("collect", False)}),
        ("We analyse your IP address.", {("use", False)}),
        ("Your email address is processed by us.", {("use", False)}),
        ("We may share your name with affiliates.", {("share", False)}),
        ("We make your email address available to advertisers.", {("share", False)}),
        ("We disclose your name to law enforcement.", {("disclose", False)}),
        ("We rent your email address to advertisers.", {("sell", False)}),
        ("We store your billing details on our servers.", {("store", False)}),
        ("Your IP address is hosted in Oregon.", {("store", False)}),
        ("We transmit your name to the European Union.", {("transfer", False)}),
        ("We collect and use your email address.", {("collect", False), ("use", False)}),
        ("We’ll collect your email address.", {("collect", False)}),
        ("[I/We] collect your email address.", {("collect", False)}),  # an unfilled template
        ("We've stored your email address.", {("store", False)}),
        ("Acme also logs your IP address.", {("collect", False)}),
        ("Please note that we may share your name with affiliates.", {("share", False)}),
        (
            "Please be aware that we may disclose your name to law enforcement.",
            {("disclose", False)},
        ),
        ("Please send us your email address to unsubscribe.", set()),
        ("We share your name with advertisers unless you opt out.", {("share", False)}),
        (
            "We ask visitors who sign up at https://blog.acme.example to provide their name.",
            {("collect", False)},
        ),
        ("Acme.com collects your email address.", {("collect", False)}),
        ("We do, however, collect your IP address.", {("collect", False)}),
        ("We collect your name, however, we do not sell it.", {("collect", False), ("sell", True)}),
        ("You may opt out of our sharing your name with advertisers.", set()),
        ("For more on how advertisers collect your name, please see their policies.", set()),
        ("Your IP address is logged by our servers.", {("collect", False)}),
        ("When you log in, you see your email address.", set()),
        ("Cookies, Gifs, Logs: your IP address.", set()),
        (
            "We collect, use, store and share your full name.",
            {("collect", False), ("use", False), ("store", False), ("share", False)},
        ),
    ],
)
def test_practices_action_verbs(lexicon, text, expected):
    assert actions(lexicon, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Our partners sell products and services on our behalf.",
        "If Acme merges or is part of a sale of assets, this policy continues to apply.",
        "You can use the service without an account.",
        "Your use of the site is subject to our terms.",
        "We provide you with a monthly newsletter.",
        "We maintain a records policy for our offices.",
        "We have not obtained such consent from you.",
        "We use commercially reasonable efforts to remove your email address.",
        "We employ industry-standard security measures to protect your email address.",
        "We use administrative, technical, and physical security measures to protect your data.",
        "Acme may comply with a court order or request by law enforcement for your email address.",
        "Acme is released from any liability arising out of your email address.",
        "Processors must maintain the confidentiality and security of your email address.",
        "We maintain physical and electronic safeguards to protect your email address.",
        "We use SSL encryption to protect your email address in transit.",
        "We may not provide notice prior to disclosure of your email address.",
        "Acme provides processing services to its affiliates for your email address.",
        "You are not required to share your email address and may choose item by item.",
        "In 2012 we announced that Acme had been acquired by Example Corp, with its email list.",
        "All employees are kept up-to-date on our security practices.",
    ],
)
def test_practices_ignores_non_practices(lexicon, text):
    assert practices(lexicon, text) == []


@pytest.mark.parametrize(
    "text",
    [
        '"Personal information" means any information about an identified person, such as a name.',
        "A cookie is a small file that is stored on your device.",
        "You have the right to request that we delete your email address.",
        "You can ask us to stop sharing your phone number.",
        "Please contact us if you want us to share your name.",
        "Which information do we collect from you?",
        # question headings that lost their "?"
        "Who We Share Your Email Address With",
        "WITH WHOM DO WE SHARE THE EMAIL ADDRESSES THAT WE GATHER-",
        # indirect questions
        "Review their policies to understand how they collect, use and share your email address.",
        "We have no control over what information is collected by advertisers.",
        "If you have questions about how we use your email address, write to us.",
        "We have no control over what data Google collects from your email address.",
        "This policy describes how your personal information is collected, used, and shared.",
        "Below are answers to questions about how we collect, use and share your information:",
        # the policy's own scope
        "This privacy notice does not cover email addresses that advertisers may have collected.",
    ],
)
def test_practices_skips_definitions_rights_and_questions(lexicon, text):
    assert practices(lexicon, text) == []


def test_practices_infinitive_is_a_purpose_not_a_practice(lexicon):
    found = practices(lexicon, "We collect your name to run the service and to share updates.")
    assert {p.action for p in found} == {"collect"}
    assert "dpv:ServiceProvision" in found[0].purposes


def test_practices_governed_infinitive_is_a_practice(lexicon):
    found = practices(lexicon, "We may need to disclose your name to law enforcement.")
    assert only(found, "disclose").negated is False


def test_practices_coordinated_verbs_share_their_object(lexicon):
    found = practices(lexicon, "We use the email address to run and improve the service.")
    assert "dpv:ServiceProvision" in only(found, "use").purposes


def test_practices_elaboration_inherits_the_practice_before(lexicon):
    text = (
        "We collect personal information when you visit. "
        "This information may include your IP address and your email address."
    )
    found = [p for p in practices(lexicon, text) if "IP address" in p.evidence.quote]
    assert [(p.action, set(p.data)) for p in found] == [
        ("collect", {"pd:IPAddress", "pd:EmailAddress"})
    ]


def test_practices_policy_describing_itself_is_no_practice(lexicon):
    text = "This page is used to inform visitors about the collection and use of personal data."
    assert practices(lexicon, text) == []


# --- negation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We do not sell your personal information.",
        "We don't sell your email address.",
        "We never sell your personal information to anyone.",
        "We will not sell your phone number.",
        "We won't sell your personal information.",
        "We shall not sell your name.",
        "Your personal information is not sold or rented to third parties.",
        "No personal information is sold to advertisers.",
        "We neither sell nor rent your email address.",
        "Acme does not sell personal information of its users.",
        "Acme does not and will not sell your personal information.",
        "We will not sell, lease, license or trade your personal information.",
    ],
)
def test_practices_negated_sell(lexicon, text):
    found = practices(lexicon, text)
    sells = [p for p in found if p.action == "sell"]
    assert sells and all(p.negated for p in sells), found
    assert not any(p.action == "sell" and not p.negated for p in found)


def test_practices_negated_rented_is_a_sale(lexicon):
    found = practices(lexicon, "Your email address will never be rented.")
    assert only(found, "sell").negated


def test_practices_negation_scope_stops_at_but(lexicon):
    found = practices(
        lexicon, "We do not sell your personal information, but we share it with service providers."
    )
    assert {(p.action, p.negated) for p in found} == {("sell", True), ("share", False)}


def test_practices_negation_scope_stops_at_semicolon(lexicon):
    found = practices(lexicon, "We never rent your name; we store it in Oregon.")
    assert {(p.action, p.negated) for p in found} == {("sell", True), ("store", False)}


def test_practices_negation_covers_coordinated_verbs(lexicon):
    found = practices(lexicon, "We will never disclose, share or sell your personal information.")
    assert {(p.action, p.negated) for p in found} == {
        ("disclose", True), ("share", True), ("sell", True)
    }  # fmt: skip


def test_practices_negation_covers_a_list_of_other_verbs(lexicon):
    found = practices(lexicon, "Acme won't review, share, or rent your personal information.")
    assert {(p.action, p.negated) for p in found} == {("share", True), ("sell", True)}


def test_practices_negated_knowingly_collect_from_children(lexicon):
    found = practices(lexicon, "We do not knowingly collect personal information from children.")
    assert only(found, "collect").negated


def test_practices_negated_special_categories(lexicon):
    found = practices(
        lexicon, "We do not collect special categories of personal data, such as health records."
    )
    practice = only(found, "collect")
    assert practice.negated
    assert "dpv:SpecialCategoryPersonalData" in practice.data
    assert "pd:Health" in practice.data


@pytest.mark.parametrize(
    ("text", "allowed"),
    [
        (
            "We do not share your email address with advertisers unless you give us consent.",
            ("share", True, [], ["dpv:Consent"]),
        ),
        (
            "We do not sell or share your email address except as required by law.",
            ("share", True, ["dpv:LegalCompliance"], []),
        ),
        (
            "We do not use your email address for any reason other than to send you receipts.",
            ("use", True, ["dpv:Purpose"], []),
        ),
    ],
)
def test_practices_a_denials_exception_is_a_hedged_practice_of_its_own(full_lexicon, text, allowed):
    """The denial keeps neither the exception's purpose nor its legal basis."""
    found = practices(full_lexicon, text)
    denials = [p for p in found if p.negated]
    assert denials and all(not (p.purposes or p.legal_bases or p.purpose_text) for p in denials)
    action, hedged, purposes, bases = allowed
    exceptions = [p for p in found if not p.negated]
    assert [(p.action, p.hedged) for p in exceptions] == [(action, hedged)]
    assert set(purposes) <= set(exceptions[0].purposes) and set(bases) <= set(
        exceptions[0].legal_bases
    )


def test_practices_an_exception_with_its_own_actor_is_not_the_denials(full_lexicon):
    text = "We do not collect your email address, except Google Analytics collects it for bugs."
    found = [p for p in practices(full_lexicon, text) if p.action == "collect"]
    assert any(p.negated for p in found)
    assert all(p.by_third_party for p in found if not p.negated)


def test_practices_item_whose_only_verb_is_in_an_indirect_question_takes_the_lead(lexicon):
    text = (
        "We use your email address:\n\n"
        "- To provide customer support and see how people are using the site.\n"
    )
    item = [p for p in practices(lexicon, text) if p.evidence.quote.startswith("To provide")]
    assert [(p.action, p.purposes) for p in item] == [("use", ["dpv:CustomerCare"])]


def test_practices_unless_keeps_main_polarity(lexicon):
    found = practices(
        lexicon, "We will not share your email address with third parties unless you consent."
    )
    assert [p.negated for p in found if p.action == "share" and not p.legal_bases] == [True]


def test_practices_leading_condition_states_nothing(lexicon):
    found = practices(
        lexicon,
        "Unless you allow us to release your name, we will not sell it to third parties.",
    )
    assert {(p.action, p.negated) for p in found} == {("sell", True)}


def test_practices_user_negation_is_not_ours(lexicon):
    found = practices(lexicon, "If you do not want to receive emails, we still collect your name.")
    assert {(p.action, p.negated) for p in found} == {("collect", False)}


# --- hedges ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("We may share your name with affiliates.", True),
        ("We might share your name with affiliates.", True),
        ("We could share your name with affiliates.", True),
        ("From time to time we share your name with affiliates.", True),
        ("We share your name with affiliates.", False),
    ],
)
def test_practices_hedged(lexicon, text, hedged):
    assert only(practices(lexicon, text), "share").hedged is hedged


# --- data, purposes -------------------------------------------------------------------------


def test_practices_data_from_the_clause(lexicon):
    found = practices(lexicon, "We collect your email address and your IP address.")
    assert only(found, "collect").data == ["pd:EmailAddress", "pd:IPAddress"]


def test_practices_generic_personal_information(lexicon):
    assert only(practices(lexicon, "We share personal information."), "share").data == [
        "dpv:PersonalData"
    ]


def test_practices_share_without_data_term_defaults_to_personal_data(lexicon):
    found = practices(lexicon, "We share it with affiliates.")
    assert only(found, "share").data == ["dpv:PersonalData"]


def test_practices_pronoun_inherits_previous_data(lexicon):
    text = "We collect your phone number.\n\nWe use this information for customer support."
    use = only(practices(lexicon, text), "use")
    assert use.data == ["pd:TelephoneNumber"]
    assert use.purposes == ["dpv:CustomerCare"]


@pytest.mark.parametrize(
    "text",
    [
        "We use your email address for marketing.",
        "We use your email address in order to send marketing.",
        "We use your email address for the purposes of marketing.",
        "We use your email address so that our marketing reaches you.",
    ],
)
def test_practices_purpose_phrases(lexicon, text):
    assert only(practices(lexicon, text), "use").purposes == ["dpv:Marketing"]


def test_practices_legal_basis_location_and_safeguard(lexicon):
    text = (
        "We transfer your name to the United States on the basis of standard contractual "
        "clauses and your consent."
    )
    practice = only(practices(lexicon, text), "transfer")
    assert practice.locations == ["loc:US"]
    assert practice.safeguards == ["eu-gdpr:A46-2-c"]
    assert practice.legal_bases == ["dpv:Consent"]


def test_practices_storage_location(lexicon):
    practice = only(practices(lexicon, "Your email address is stored in Oregon."), "store")
    assert practice.locations == ["loc:US-OR"]


@pytest.mark.parametrize(
    "text",
    [
        "We may use your name without your consent.",
        "We may use your name in our app without the prior written consent of Acme.",
        "Our app does not request access or permission to use your name.",
    ],
)
def test_practices_without_consent_is_no_legal_basis(text):
    assert all(p.legal_bases == [] for p in practices(default_lexicon(), text))


# --- recipients -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We share your name with service providers.", ("processor", "pg:ServiceProviders")),
        ("We share your name with our affiliates.", ("affiliate", "pg:Affiliates")),
        ("We disclose your name to law enforcement.", ("authority", "pg:LawEnforcement")),
        ("We share your name with advertisers.", ("third-party", "pg:Advertisers")),
        ("We share your name with Zendesk.", ("third-party", "zendesk")),
        ("We share your name with Zendesk, our service provider.", ("processor", "zendesk")),
    ],
)
def test_practices_recipients(lexicon, text, expected):
    found = [p for p in practices(lexicon, text) if p.action in ("share", "disclose")]
    assert expected in recipients(found[0])


def test_practices_we_use_named_service_is_a_share(lexicon):
    practice = only(practices(lexicon, "We use Stripe to handle payments."), "share")
    assert recipients(practice) == {("processor", "stripe")}
    assert practice.data == ["dpv:PersonalData"]
    assert practice.purposes == ["dpv:PaymentManagement"]


def test_practices_service_provider_list(lexicon):
    text = "We use:\n\n- Stripe, a payment processor;\n- Zendesk, for customer support.\n"
    shares = [p for p in practices(lexicon, text) if p.action == "share"]
    assert [recipients(p) for p in shares] == [
        {("processor", "stripe")}, {("processor", "zendesk")}
    ]  # fmt: skip
    assert not any(p.action == "use" for p in practices(lexicon, text))


@pytest.mark.parametrize(
    "text",
    [
        "Your email address will be processed and stored in the Stripe platform.",
        "On the Stripe infrastructure we store your email address.",
    ],
)
def test_practices_storing_with_a_named_host_makes_it_a_processor(lexicon, text):
    practice = only(practices(lexicon, text), "store")
    assert recipients(practice) == {("processor", "stripe")}


@pytest.mark.parametrize(
    "text",
    [
        "Payments are processed by Stripe.",
        "We accept payments through the Stripe platform.",
        "Payment processing is provided by Stripe.",
    ],
)
def test_practices_payments_handled_by_a_named_organisation_are_a_share(lexicon, text):
    assert recipients(only(practices(lexicon, text), "share")) == {("processor", "stripe")}


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Our service providers have access to your email address.", False),
        ("Advertisers do not have access to your email address.", True),
    ],
)
def test_practices_those_with_access_have_had_data_disclosed(lexicon, text, negated):
    practice = only(practices(lexicon, text), "disclose")
    assert (practice.negated, practice.data) == (negated, ["pd:EmailAddress"])
    assert recipients(practice) <= {
        ("processor", "pg:ServiceProviders"),
        ("third-party", "pg:Advertisers"),
    }


def test_practices_we_or_you_having_access_discloses_nothing(lexicon):
    text = "You have access to the email address we share with advertisers."
    assert "disclose" not in {p.action for p in practices(lexicon, text)}


def test_practices_legitimate_interests_include_gives_the_purposes_before(full_lexicon):
    text = (
        "We process your email address where necessary for our legitimate interests. "
        "Legitimate interests include customer support and fraud prevention."
    )
    found = [p for p in practices(full_lexicon, text) if p.evidence.quote.startswith("Legit")]
    assert found and all(p.action == "use" and p.purposes for p in found)


def test_practices_the_reason_is_gives_the_purpose_of_the_practice_before(lexicon):
    text = "We share your email address with advertisers. The reason is to perform their tasks."
    found = [p for p in practices(lexicon, text) if p.evidence.quote.startswith("The reason")]
    assert [(p.action, p.purpose_text) for p in found] == [("share", "to perform their tasks")]


def test_practices_company_is_not_its_own_recipient(lexicon):
    found = practices(lexicon, "We share your name with Acme and Zendesk.", company="Acme")
    assert recipients(only(found, "share")) == {("third-party", "zendesk")}


def test_practices_merger_is_a_share_to_acquirers(lexicon):
    text = "If we are involved in a merger, we may share your personal information with a buyer."
    assert ("third-party", "pg:Acquirers") in recipients(only(practices(lexicon, text), "share"))


@pytest.mark.parametrize(
    "text",
    [
        "In the event of a merger or acquisition, we may transfer your personal information.",
        "We may transfer your personal information in connection with the sale of a business.",
    ],
)
def test_practices_merger_without_buyer_word_still_names_acquirers(lexicon, text):
    assert ("third-party", "pg:Acquirers") in recipients(only(practices(lexicon, text), "transfer"))


@pytest.mark.parametrize("verb", ["use", "employ", "retain"])
def test_practices_engaging_service_providers_is_a_share(lexicon, verb):
    text = f"We {verb} service providers to handle payments."
    practice = only(practices(lexicon, text), "share")
    assert ("processor", "pg:ServiceProviders") in recipients(practice)
    assert practice.purposes == ["dpv:PaymentManagement"]


def test_practices_service_providers_receive_is_a_share(lexicon):
    text = "Our service providers receive your email address to provide customer support."
    practice = only(practices(lexicon, text), "share")
    assert ("processor", "pg:ServiceProviders") in recipients(practice)


# --- by third parties -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Third parties may collect your IP address through cookies.",
        "Google Analytics collects your IP address.",
        "Advertisers collect your precise location.",
        "Third party services may collect your IP address.",
        "The app uses third party services that may collect your IP address.",
    ],
)
def test_practices_by_third_party(lexicon, text):
    practice = only(practices(lexicon, text), "collect")
    assert practice.by_third_party


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Advertisers may place cookies on your device to show you ads.", False),
        ("These cookies may be set through our site by advertisers.", False),
        ("We allow third parties to collect your IP address.", False),
        ("We allow advertisers, such as those who provide other services, to set cookies.", False),
        ("We will not allow third parties to collect your IP address.", True),
        ("Advertisers never use cookies to collect your IP address.", True),
    ],
)
def test_practices_third_party_with_our_leave_or_its_own_trackers(lexicon, text, negated):
    practice = only(practices(lexicon, text), "collect")
    assert (practice.by_third_party, practice.negated) == (True, negated)


@pytest.mark.parametrize(
    "text",
    [
        "We use your email address for the purposes set out below.",
        "You can set your browser to tell you when a cookie is set.",
    ],
)
def test_practices_set_is_a_collection_only_for_trackers(lexicon, text):
    assert "collect" not in {p.action for p in practices(lexicon, text)}


def test_practices_company_named_by_its_role_is_first_party(lexicon):
    text = (
        'This app was created by Acme (hereby referred to as "Service Provider").\n\n'
        "The Service Provider may use your email address to contact you."
    )
    found = practices(lexicon, text)
    assert [(p.action, p.by_third_party, p.recipients) for p in found] == [("use", False, [])]


def test_practices_we_and_partners_is_first_party(lexicon):
    found = practices(lexicon, "We and our service providers collect your IP address.")
    assert only(found, "collect").by_third_party is False


def test_practices_own_cookies_are_first_party(lexicon):
    found = practices(lexicon, "Our cookies store your language preference.")
    assert all(not p.by_third_party for p in found)
    found = practices(lexicon, "Third-party cookies collect your IP address.")
    assert only(found, "collect").by_third_party


def test_practices_the_company_s_named_app_is_first_party(lexicon):
    found = practices(lexicon, "Acme App uses your email address to send you receipts.")
    assert [(p.action, p.by_third_party) for p in found] == [("use", False)]


@pytest.fixture(scope="module")
def full_lexicon() -> Lexicon:
    return default_lexicon()


def test_practices_public_is_its_own_recipient(full_lexicon):
    found = practices(full_lexicon, "We may share your email address with the general public.")
    assert ("third-party", "pg:Public") in recipients(only(found, "share"))
    found = practices(full_lexicon, "We may share your email address with other users.")
    assert ("third-party", "pg:OtherUsers") in recipients(only(found, "share"))


def test_practices_hyphenated_company_name_is_the_company(lexicon):
    found = practices(
        lexicon, "Ifsa-Butler uses cookies to remember your email address.", "Ifsa-Butler"
    )
    assert only(found, "use").by_third_party is False


def test_practices_data_words_in_the_company_name_are_not_data(full_lexicon):
    text = "Food Allergy Research & Education uses cookies to collect demographic data."
    found = practices(full_lexicon, text, company="Food Allergy Research & Education")
    assert set(only(found, "collect").data) == {"pg:CookieIdentifier", "pd:Demographic"}


def test_practices_names_of_third_parties_are_not_the_persons_data(full_lexicon):
    text = (
        "We will tell you the names and addresses of all third parties we shared your email with."
    )
    assert "pd:Name" not in {d for p in practices(full_lexicon, text) for d in p.data}


def test_practices_excluded_data_is_not_data(lexicon):
    text = "We may share usage data (not including your email address) with advertisers."
    found = practices(lexicon, text)
    assert found and all("pd:EmailAddress" not in p.data for p in found)


def test_practices_transfer_to_the_users_device_is_no_transfer(lexicon):
    text = "Cookies are small files that we transfer to your computer's hard drive."
    assert not [p for p in practices(lexicon, text) if p.action == "transfer"]


@pytest.mark.parametrize(
    "text",
    [
        "We may transfer your data to a buyer in a merger or another corporate transaction.",
        "If Acme is merged, we may disclose your data in connection with such transaction.",
    ],
)
def test_practices_merger_deal_is_not_transaction_data(full_lexicon, text):
    found = practices(full_lexicon, text)
    assert found and all("pd:Transaction" not in p.data for p in found)
    found = practices(full_lexicon, "We share transaction history with our payment processor.")
    assert any("pd:Transaction" in p.data for p in found)


@pytest.mark.parametrize(
    "text",
    [
        "If we sell some or all of our assets, your email address may be transferred.",
        "If Acme is acquired, information about our users may be among the transferred assets.",
        "If one of our Sites is sold to another company, your email address will be transferred.",
        "If we sell or transfer all or a part of our business, we may transfer your email address.",
        "If we sell the whole of Acme to another organization (e.g., in a merger), your email "
        "address may be among the items sold or transferred.",
        # the sale in the sentence before
        "We may buy or sell various assets. In such transactions, customer information is one "
        "of the transferred business assets.",
        "We may sell, buy, merge or partner with other companies. In such transactions, we may "
        "include your information among the transferred assets.",
    ],
)
def test_practices_business_transfer_goes_to_acquirers_for_that_purpose(full_lexicon, text):
    found = practices(full_lexicon, text)
    assert [(p.action, p.purposes) for p in found] == [("transfer", ["pg:MergersAndAcquisitions"])]
    assert [r.category for r in found[0].recipients] == ["pg:Acquirers"]


def test_practices_ccpa_category_table_one_cell_per_paragraph(lexicon):
    text = (
        "We have collected the following categories of personal information in the past "
        "twelve (12) months:\n\nCollected\n\nA. Identifiers\n\nContact details, such as "
        "email address\n\nYES\n\nB. Names\n\nFull name\n\nNO\n\nWe keep it safe.\n"
    )
    found = practices(lexicon, text)
    rows = [(p.action, p.negated, p.data) for p in found if p.evidence.quote[1:3] == ". "]
    assert rows == [
        ("collect", False, ["pd:EmailAddress"]),
        ("collect", True, ["pd:Name"]),
    ]


# --- lists and headings ---------------------------------------------------------------------


def test_practices_list_items_take_the_lead_verb(lexicon):
    text = "We collect the following information:\n\n- your full name\n- your phone number\n"
    found = practices(lexicon, text)
    assert [(p.action, p.data) for p in found] == [
        ("collect", ["pd:Name"]), ("collect", ["pd:TelephoneNumber"])
    ]  # fmt: skip
    assert found[0].evidence.quote == "your full name"


def test_practices_list_items_take_the_lead_negation(lexicon):
    text = "We do not collect:\n\n- your precise location\n- your health records\n"
    found = practices(lexicon, text)
    assert [(p.action, p.negated) for p in found] == [("collect", True), ("collect", True)]


def test_practices_purpose_list_items(lexicon):
    text = (
        "We use your personal information to:\n\n- run the service;\n- support fraud prevention.\n"
    )
    found = [p for p in practices(lexicon, text) if p.evidence.quote != found_lead(text)]
    assert [p.purposes for p in found] == [
        ["dpv:ServiceProvision"], ["dpv:FraudPreventionAndDetection"]
    ]  # fmt: skip
    assert all(p.data == ["dpv:PersonalData"] for p in found)


def found_lead(text: str) -> str:
    return text.split("\n", 1)[0]


def test_practices_heading_supplies_the_verb(lexicon):
    text = "## Information We Collect\n\n- Your email address\n- Your IP address\n"
    found = practices(lexicon, text)
    assert [(p.action, p.data) for p in found] == [
        ("collect", ["pd:EmailAddress"]), ("collect", ["pd:IPAddress"])
    ]  # fmt: skip


@pytest.mark.parametrize(
    "heading", ["Information We Collect", "Information collected not directly from you"]
)
def test_practices_heading_supplies_the_verb_of_a_labelled_paragraph(lexicon, heading):
    text = (
        f"## {heading}\n\nContact details Such as your email address and IP address.\n\n"
        "Please see our cookie page, including your IP address.\n\n"
        "Your cookies, such as session cookies.\n"
    )
    found = practices(lexicon, text)
    assert [(p.action, p.data) for p in found] == [("collect", ["pd:EmailAddress", "pd:IPAddress"])]


@pytest.mark.parametrize(
    ("second", "purposes"),
    [
        ("This enables us to handle payments.", ["dpv:PaymentManagement"]),
        ("We do this for fraud prevention.", ["dpv:FraudPreventionAndDetection"]),
        ("This is how we handle payments.", ["dpv:PaymentManagement"]),
        ("That way we can run the service.", ["dpv:ServiceProvision"]),
        ("Their use helps us handle payments.", ["dpv:PaymentManagement"]),
        ("This policy explains how to handle payments.", None),
    ],
)
def test_practices_purpose_of_the_practice_before(lexicon, second, purposes):
    found = practices(lexicon, f"We collect your email address. {second}")
    stated = [p for p in found if p.evidence.quote == second]
    assert [(p.action, p.data, p.purposes) for p in stated] == (
        [("collect", ["pd:EmailAddress"], purposes)] if purposes else []
    )


def test_practices_items_of_an_elaboration_ending_such_as(lexicon):
    text = (
        "The Application collects information when you use it. This information may include "
        "information such as\n\nThe email address you gave us when you signed up\n\n"
        "The full name shown on your public profile page in the app\n\nContact us with questions."
    )
    found = practices(lexicon, text)
    assert [(p.action, p.data) for p in found] == [
        ("collect", ["pd:EmailAddress"]),
        ("collect", ["pd:Name"]),
    ]


def test_practices_definition_lists_the_data_collected(lexicon):
    text = (
        "We collect personal information when you visit. “Personal information” is information "
        "that identifies you, including your full name and email address."
    )
    found = practices(lexicon, text)
    assert [(p.action, p.data) for p in found] == [
        ("collect", ["dpv:PersonalData", "pd:Name", "pd:EmailAddress"])
    ]
    assert found[0].evidence.quote.startswith("“Personal information”")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We may occasionally send you offers by email address for marketing.",
         [("use", ["pd:EmailAddress"], ["dpv:Marketing"], True)]),
        ("We will contact you for customer support.",
         [("use", ["dpv:PersonalData"], ["dpv:CustomerCare"], False)]),
        ("We also send communications for customer support.",
         [("use", ["dpv:PersonalData"], ["dpv:CustomerCare"], False)]),
        # a purpose in words of its own
        ("We may occasionally send you a note to tell you about new features.",
         [("use", ["dpv:PersonalData"], ["dpv:Purpose"], True)]),
        ("We will not contact you for marketing.", []),
        ("We will notify you of material changes to this policy.", []),
    ],
)  # fmt: skip
def test_practices_contacting_you_uses_contact_data(lexicon, text, expected):
    found = practices(lexicon, text)
    assert [(p.action, p.data, p.purposes, p.hedged) for p in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Your email address is required for customer support.",
         [("use", ["pd:EmailAddress"], ["dpv:CustomerCare"])]),
        ("The purpose of the information is fraud prevention.",
         [("use", ["dpv:PersonalData"], ["dpv:FraudPreventionAndDetection"])]),
        # a retention period (retention.v1 states it), not data needed for a purpose
        ("We keep your email address as long as is necessary for customer support.", []),
        ("You are required to run the service safely.", []),
    ],
)  # fmt: skip
def test_practices_data_needed_for_a_purpose(lexicon, text, expected):
    found = practices(lexicon, text)
    assert [(p.action, p.data, p.purposes) for p in found] == expected


def test_practices_this_information_is_needed_for_the_practice_before(lexicon):
    text = "We collect your email address. This information is needed for fraud prevention."
    found = practices(lexicon, text)
    assert [(p.action, p.purposes) for p in found] == [
        ("collect", []),
        ("collect", ["dpv:FraudPreventionAndDetection"]),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We use your email address for marketing, so we improve the service we provide to "
         "advertisers.", {"use"}),
        ("On the Oregon servers we store your email address.", {"store"}),
        ("When you visit the site we collect your IP address.", {"collect"}),
        ("We protect the email address we share with affiliates.", {"share"}),
    ],
)  # fmt: skip
def test_practices_relative_clause_object_before_the_verb(lexicon, text, expected):
    assert {p.action for p in practices(lexicon, text)} == expected


def test_practices_relative_clause_takes_no_purpose_of_the_sentence(lexicon):
    text = "For fraud prevention, we have procedures to secure the email address we collect."
    found = practices(lexicon, text)
    assert all(p.purposes == [] for p in found if p.action == "collect")


@pytest.mark.parametrize(
    "text",
    [
        "Our purpose for processing your email address is customer support.",
        "The use of personal data may also be necessary for fraud prevention.",
    ],
)
def test_practices_purpose_stated_of_the_processing(lexicon, text):
    found = practices(lexicon, text)
    assert [(p.action, bool(p.purposes)) for p in found] == [("use", True)]


def test_practices_purpose_paragraphs_take_the_lead_verb(lexicon):
    text = (
        "We may use your email address for the following purposes:\n\n"
        "To run the service: to send you updates about your account.\n\n"
        "For marketing: to send you offers. You may opt out of these at any time.\n"
    )
    found = practices(lexicon, text)
    assert [p.evidence.quote.split(":")[0] for p in found if p.purposes] == [
        "To run the service",
        "For marketing",
    ]
    assert all(p.action == "use" and p.data == ["pd:EmailAddress"] for p in found)


def test_practices_purpose_items_give_their_purpose_to_the_lead_practice(lexicon):
    text = (
        "We share your email address with service providers for the following reasons:\n\n"
        "To run the service;\n\nFor fraud prevention while the service is used.\n"
    )
    found = practices(lexicon, text)
    assert [(p.action, p.data, p.purposes) for p in found if p.purposes] == [
        ("share", ["pd:EmailAddress"], ["dpv:ServiceProvision"]),
        ("share", ["pd:EmailAddress"], ["dpv:FraudPreventionAndDetection"]),  # despite "used"
    ]
    assert all(recipients(p) == {("processor", "pg:ServiceProviders")} for p in found)


@pytest.mark.parametrize(
    ("vocabulary", "text", "purpose"),
    [
        # the verb in either form
        ("lexicon", "We use your email address for handling payments.", "dpv:PaymentManagement"),
        ("lexicon", "We use your email address for running the service.", "dpv:ServiceProvision"),
        # without the determiner after the verb
        ("full_lexicon", "Improve products and services", "dpv:ImproveExistingProductsAndServices"),
        ("full_lexicon", "Improving products and services",
         "dpv:ImproveExistingProductsAndServices"),
    ],
)  # fmt: skip
def test_lexicon_reads_a_purpose_in_its_other_forms(request, vocabulary, text, purpose):
    found = request.getfixturevalue(vocabulary).find(text, "purpose")
    assert [m.curie for m in found] == [purpose]


@pytest.mark.parametrize(
    ("heading", "text", "expected"),
    [
        ("How We Use Your Information", "For fraud prevention.",
         [("use", ["dpv:FraudPreventionAndDetection"])]),
        ("Purposes of processing", "To run the service and for marketing.",
         [("use", ["dpv:ServiceProvision", "dpv:Marketing"])]),
        ("How We Share Your Information", "For fraud prevention.",
         [("share", ["dpv:FraudPreventionAndDetection"])]),
        ("How We Use Your Information", "For more information on marketing, please write to us.",
         []),
        ("Your choices", "For marketing.", []),
    ],
)  # fmt: skip
def test_practices_purpose_label_states_the_heading_practice(lexicon, heading, text, expected):
    found = practices(lexicon, f"## {heading}\n\n{text} We take care of it.\n")
    assert [(p.action, p.purposes) for p in found] == expected
    assert all(p.data == ["dpv:PersonalData"] for p in found)


def test_practices_purpose_label_no_concept_names_keeps_its_words(lexicon):
    text = "## How We Use Your Information\n\nTo create de-identified data.\n\nFor reasons.\n"
    found = practices(lexicon, text)
    # "For reasons." is no purpose clause: only a clause with a purpose verb stands for one
    assert [(p.action, p.purposes, p.purpose_text) for p in found] == [
        ("use", ["dpv:Purpose"], "To create de-identified data")
    ]


def test_practices_cookie_label_states_what_the_cookies_are_for(full_lexicon):
    found = practices(full_lexicon, "## Cookies\n\nAnalytics Cookies: To understand user trends.\n")
    assert [(p.action, p.data, p.purposes) for p in found] == [
        ("use", ["pg:CookieIdentifier"], ["dpv:ServiceUsageAnalytics"])
    ]


def test_practices_cookie_label_then_these_cookies_allow_us_to(full_lexicon):
    text = "## Cookies\n\nAnalytics Cookies – These cookies allow us to understand user trends.\n"
    found = practices(full_lexicon, text)
    assert [(p.action, p.purposes) for p in found] == [("use", ["dpv:ServiceUsageAnalytics"])]


def test_practices_cookie_label_with_a_purpose_no_concept_names(full_lexicon):
    found = practices(full_lexicon, "## Cookies\n\nSession Cookies: To ensure smooth navigation.\n")
    assert [(p.action, p.purposes, p.purpose_text) for p in found] == [
        ("use", ["dpv:Purpose"], "To ensure smooth navigation")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("These cookies help us understand how visitors use the site.",
         [(["pg:CookieIdentifier"], ["dpv:ServiceUsageAnalytics"], None)]),
        ("Cookies help us and advertisers understand which pages you have seen.",
         [(["pg:CookieIdentifier"], ["dpv:Purpose"], "understand which pages you have seen")]),
        ("Session cookies allow the website to recognise you between pages.",
         [(["pg:CookieIdentifier"], ["dpv:Purpose"], "recognise you between pages")]),
        ("Web beacons help us measure the effectiveness of our advertising.",
         [(["pg:TrackingTechnologyData"], ["dpv:Advertising"], None)]),
        ("For example, essential cookies help load content quickly.",
         [(["pg:CookieIdentifier"], ["dpv:Purpose"], "load content quickly")]),
        # no statement of what cookies do: a denial, a reason for advice
        ("These cookies do not allow us to identify you.", []),
        ("Because cookies allow you to use the site, we recommend you keep them.", []),
    ],
)  # fmt: skip
def test_practices_trackers_say_what_they_are_for(full_lexicon, text, expected):
    found = practices(full_lexicon, f"## Cookies\n\n{text}\n")
    assert [(p.data, p.purposes, p.purpose_text) for p in found if p.action == "use"] == expected


def test_practices_cookie_items_under_our_website_and_app_take_their_own_purposes(full_lexicon):
    text = (
        "Our website and app use cookies for analytical purposes, including:\n\n"
        "Session Cookies: To ensure smooth navigation.\n\n"
        "Analytics Cookies: To understand user interactions.\n"
    )
    items = {p.evidence.quote: p for p in practices(full_lexicon, text)}
    session = items["Session Cookies: To ensure smooth navigation."]
    assert (session.action, session.purpose_text) == ("use", "To ensure smooth navigation")
    analytics = items["Analytics Cookies: To understand user interactions."]
    assert analytics.purposes == ["dpv:ServiceUsageAnalytics"] and analytics.purpose_text is None


def test_practices_sharing_heading_makes_listed_providers_recipients(lexicon):
    text = "## Service Providers\n\nThese companies help us:\n\n- Stripe\n- Zendesk\n"
    found = practices(lexicon, text)
    assert {key for p in found for _, key in recipients(p)} == {"stripe", "zendesk"}
    assert all(p.action == "share" for p in found)


def test_practices_plain_sentence_does_not_lead_its_neighbours(lexicon):
    text = "We use cookies for marketing.\n\n1. Acme cares about your name.\n"
    found = practices(lexicon, text)
    assert all(p.evidence.quote.startswith("We use") for p in found)


# --- clause helper --------------------------------------------------------------------------


def test_clauses_split_at_but_and_semicolon():
    text = "We collect your name, but we do not sell it; we keep it safe."
    assert [c.text for c in split_clauses(text)] == [
        "We collect your name", "we do not sell it", "we keep it safe."
    ]  # fmt: skip


def test_clauses_a_list_goes_on_after_semicolons():
    text = "You supply your name and address; credit card information; and photographs; we keep it."
    assert [c.text for c in split_clauses(text)] == [
        "You supply your name and address; credit card information; and photographs",
        "we keep it.",
    ]


def test_clauses_verbs_report_agent_and_polarity():
    hits = find_verbs("Third parties may not sell your data.")
    assert [(h.action, h.negated, h.hedged, h.agent) for h in hits] == [
        ("sell", True, True, "third")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We may preserve your email address.", ("retain", False)),
        ("We never monetise your name.", ("sell", True)),
        ("We may derive your phone number from your account.", ("collect", False)),
        ("We do not divulge your name.", ("disclose", True)),
    ],
)
def test_practices_verbs_of_the_vocabulary(lexicon, text, expected):
    assert [(p.action, p.negated) for p in practices(lexicon, text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # keeping track of something records it
        ("We keep track of your email address.", [("collect", ["pd:EmailAddress"])]),
        ("We keep your email address.", [("store", ["pd:EmailAddress"])]),
        # a user experience or a service is kept up, no data
        ("We use your email address to maintain our services.", [("use", ["pd:EmailAddress"])]),
    ],
)
def test_practices_keep_track_and_maintain(lexicon, text, expected):
    assert [(p.action, p.data) for p in practices(lexicon, text)] == expected


def test_practices_using_third_party_content_shares_nothing(lexicon):
    for text in (
        "We may use third-party advertisements to support our site.",
        "This site uses affiliate links to earn a commission.",
    ):
        assert not [p for p in practices(lexicon, text) if p.action == "share"], text
    assert only(practices(lexicon, "We use third parties to host your email address."), "share")


def test_practices_combining_data_is_a_use(lexicon):
    found = practices(lexicon, "We may combine your email address with your name.")
    assert [(p.action, p.data) for p in found] == [("use", ["pd:EmailAddress", "pd:Name"])]


def test_practices_evidence_is_the_sentence(lexicon):
    text = "Intro line.\n\nWe share your name with affiliates."
    practice = only(practices(lexicon, text), "share")
    assert practice.evidence.quote == "We share your name with affiliates."
    assert text[practice.evidence.start : practice.evidence.end] == practice.evidence.quote


def test_practices_hand_built_sentences(lexicon):
    """Works on sentences built by hand too (no segmenter involved)."""
    section = Section("Sharing", 1, 0, 60)
    lead = Sentence("We share:", 0, 9, 0, section)
    item = Sentence("your email address", 10, 28, 1, section, is_list_item=True, lead=lead)
    doc = PolicyDoc(Document("x" * 60, "t", "0" * 64, "text/plain"), [section], [lead, item])
    make_practices(lexicon)(doc)
    assert [(p.action, p.data) for p in doc.facts.practices] == [("share", ["pd:EmailAddress"])]


# --- seeds (real vocabulary, ../shared) -----------------------------------------------------

COMPANIES = {
    "000": "Usermost", "001": "Umso Software Inc.", "002": "Informetric Systems Inc.",
    "003": "Retainuser", "004": "SmarterTools Inc.",
}  # fmt: skip


def seed_doc(prefix: str) -> PolicyDoc:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    document = Document(text, str(path), "0" * 64, "text/plain")
    sections, sentences = segment(text)
    doc = PolicyDoc(document, sections=sections, sentences=sentences, company=COMPANIES[prefix])
    from policygraph.extract.organisations import make_organisations

    make_organisations(default_lexicon())(doc)
    make_practices(default_lexicon())(doc)
    return doc


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_practices_seed_denies_selling(prefix):
    found = seed_doc(prefix).facts.practices
    sells = [p for p in found if p.action == "sell"]
    assert sells and all(p.negated for p in sells), [p.evidence.quote for p in sells]


def test_practices_seed_without_sale_statement_has_no_sale():
    assert not [p for p in seed_doc("000").facts.practices if p.action == "sell"]


def test_practices_seed_usermost_denies_special_categories():
    found = seed_doc("000").facts.practices
    denied = [p for p in found if p.action == "collect" and p.negated]
    assert any("dpv:SpecialCategoryPersonalData" in p.data for p in denied)


def test_practices_seed_umso_service_providers():
    found = seed_doc("001").facts.practices
    shared = {
        r.organisation.key
        for p in found
        if p.action == "share" and not p.negated
        for r in p.recipients
        if r.organisation and r.role == "processor"
    }
    assert {"stripe", "zendesk", "sentry", "postmark", "mixpanel", "google"} <= shared


def test_practices_seed_umso_storage_in_oregon():
    found = seed_doc("001").facts.practices
    assert any("loc:US-OR" in p.locations for p in found if p.action in ("use", "store"))


def test_practices_seed_retainuser_recipients():
    found = seed_doc("003").facts.practices
    shared = {
        r.organisation.key
        for p in found
        if p.action == "share" and not p.negated
        for r in p.recipients
        if r.organisation
    }
    assert {"razorpay", "google-analytics", "google-ads", "bing-ads", "fullstory"} <= shared


def test_practices_seed_speed():
    """Well under 10 ms for a typical policy (the largest seed is allowed more)."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    lexicon = default_lexicon()
    run = make_practices(lexicon)
    for path in sorted(SEEDS.glob("*.txt")):
        doc = seed_doc(path.name[:3])
        copy = PolicyDoc(doc.document, doc.sections, doc.sentences, company=doc.company)
        copy.facts.organisations = doc.facts.organisations
        started = time.perf_counter()
        run(copy)
        elapsed = time.perf_counter() - started
        assert elapsed < 0.25 * max(1, len(doc.sentences) / 100), (path.name, elapsed)


def test_practices_legal_basis_for_this_processing_joins_the_practice_before(lexicon):
    text = (
        "We may process your IP address for fraud prevention. "
        "The legal basis for this processing is the performance of a contract."
    )
    found = practices(lexicon, text)
    assert only(found, "use").legal_bases == ["dpv:Contract"]


def test_practices_data_words_naming_a_service_are_no_data(lexicon):
    text = "We share your name with vendors that offer billing details processing."
    assert set(only(practices(lexicon, text), "share").data) == {"pd:Name"}


@pytest.mark.parametrize(
    "text",
    [
        "No personally identifiable information is collected by these cookies.",
        "We may share aggregated data from cookies with advertisers.",
    ],
)
def test_practices_cookies_as_the_tool_or_source_are_not_the_data(full_lexicon, text):
    found = practices(full_lexicon, text)
    assert found and all("pg:CookieIdentifier" not in p.data for p in found)


def test_practices_cookies_as_the_data(full_lexicon):
    found = practices(full_lexicon, "We share cookie identifiers with advertisers.")
    assert "pg:CookieIdentifier" in only(found, "share").data


def test_practices_vacuous_collect_or_use_is_dropped(full_lexicon):
    # "personal information" and nothing else: every policy says it; a sale or denial says more
    assert practices(full_lexicon, "We collect and use personal information.") == []
    assert actions(full_lexicon, "We may sell personal information.") == {("sell", False)}
    assert actions(full_lexicon, "We do not store personal information.") == {("store", True)}
    assert only(practices(full_lexicon, "We collect your email address."), "collect").data


@pytest.mark.parametrize(
    ("text", "by_third_party"),
    [
        ("The Application collects your email address.", False),
        ("Our website collects your IP address.", False),
        ("The service provider collects your IP address.", True),
    ],
)
def test_practices_the_company_product_as_subject(full_lexicon, text, by_third_party):
    assert only(practices(full_lexicon, text), "collect").by_third_party is by_third_party


def test_practices_nested_list_under_a_label_shares_the_outer_verb(full_lexicon):
    text = (
        "The Application collects the below mentioned Information from the Users:\n\n"
        "1.1 Personal Information:\n\n(a) Name of the User;\n\n(b) Email address of the User;"
    )
    found = practices(full_lexicon, text)
    assert [(p.action, p.data) for p in found] == [
        ("collect", ["pd:Name"]),
        ("collect", ["pd:EmailAddress"]),
    ]


def test_practices_inline_list_after_colon_belongs_to_the_verb(lexicon):
    found = practices(
        lexicon,
        "We may collect the following information about your visit: your IP address; your email "
        "address; and your phone number.",
    )
    assert [(p.action, set(p.data)) for p in found] == [
        ("collect", {"pd:IPAddress", "pd:EmailAddress", "pd:TelephoneNumber"})
    ]


def test_practices_participle_after_data_noun_listing_its_content(lexicon):
    found = practices(
        lexicon, "Information collected automatically may include your IP address and full name."
    )
    assert [(p.action, set(p.data), p.by_third_party) for p in found] == [
        ("collect", {"pd:IPAddress", "pd:Name"}, False)
    ]
    assert practices(lexicon, "Information collected is kept safe.") == []


def test_practices_semicolon_list_after_includes_belongs_to_the_verb(lexicon):
    found = practices(
        lexicon, "The information we receive includes your IP address; your full name; and more."
    )
    assert [(p.action, set(p.data)) for p in found] == [("collect", {"pd:IPAddress", "pd:Name"})]


def test_practices_include_but_not_limited_to_keeps_the_list(lexicon):
    found = practices(
        lexicon,
        "Information that may be collected includes but is not limited to: full name, IP address.",
    )
    assert [(p.action, set(p.data)) for p in found] == [("collect", {"pd:Name", "pd:IPAddress"})]


@pytest.mark.parametrize(
    "text, negated",
    [
        ("You may be asked to enter your full name and email address.", False),
        ("You are required to provide your email address and full name.", False),
        ("You will not be asked to submit your email address or full name.", True),
    ],
)
def test_practices_what_users_are_asked_to_give_is_collected(lexicon, text, negated):
    found = practices(lexicon, text)
    assert [(p.action, p.negated, set(p.data)) for p in found] == [
        ("collect", negated, {"pd:Name", "pd:EmailAddress"})
    ]


@pytest.mark.parametrize(
    "text",
    [
        "We require your full name and email address.",
        "The information required by the app includes your full name and email address.",
    ],
)
def test_practices_what_the_company_requires_is_collected(lexicon, text):
    found = practices(lexicon, text)
    assert [(p.action, set(p.data)) for p in found] == [("collect", {"pd:Name", "pd:EmailAddress"})]


@pytest.mark.parametrize(
    "text",
    [
        "We are required to keep a record of your email address by law.",
        "We require our processors to protect your email address.",
        "We may disclose your email address if disclosure is required by law.",
        "Some service providers require the transfer of your email address abroad.",
    ],
)
def test_practices_an_obligation_or_demand_is_no_collection(lexicon, text):
    assert all(p.action != "collect" for p in practices(lexicon, text))


def test_practices_verbs_joined_by_a_slash_are_both_read(lexicon):
    found = practices(lexicon, "We may receive/store your email address.")
    assert [(p.action, p.data) for p in found] == [
        ("collect", ["pd:EmailAddress"]),
        ("store", ["pd:EmailAddress"]),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("You will be required to submit your email address.", [("collect", False)]),
        ("You might supply us with your email address.", [("collect", False)]),
        ("We supply our products to you and your email address is safe.", []),
        ("You should not provide us with another person's email address.", []),
        ("You must provide your email address to us.", [("collect", False)]),
        ("You may provide to Acme your email address.", [("collect", False)]),
        ("You may provide your email address to Zendesk.", []),
    ],
)
def test_practices_what_users_submit_or_supply(lexicon, text, expected):
    assert [(p.action, p.negated) for p in practices(lexicon, text)] == expected


@pytest.mark.parametrize(
    "text, purposes",
    [
        # a purpose clause no concept names: DPV's top purpose
        ("We use your email address to ensure that you log in securely.", ["dpv:Purpose"]),
        ("We share your email address with partners so that they can match records.",
         ["dpv:Purpose"]),
        # a named purpose wins
        ("We use your email address to provide customer support.", ["dpv:CustomerCare"]),
        ("We may disclose your email address to advertisers to assist them in planning.",
         ["dpv:Purpose"]),
        # what someone asks, agreed or needs to do is no purpose, nor is a right or request
        ("We receive your email address with your request to know what we hold.", []),
        ("We may ask you to provide us with your email address.", []),
        ("We share your email address with providers that have agreed to protect it.", []),
        # "for" and a gerund: "for the purpose of sending", "solely used for making payment"
        ("We use your email address for the purpose of sending receipts.", ["dpv:Purpose"]),
        ("Your email address is solely used for making payments.", ["dpv:Purpose"]),
        ("We share your email address with Acme Inc. for sharing with partners.", []),
        ("We transfer your email address to the US for processing.", []),
        ("We share your email address with partners; we are not responsible for ensuring "
         "that they keep it safe.", []),
    ],
)  # fmt: skip
def test_practices_a_purpose_stated_in_other_words(lexicon, text, purposes):
    found = practices(lexicon, text)
    assert found and all(p.purposes == purposes for p in found)
    assert all(bool(p.purpose_text) == (purposes == ["dpv:Purpose"]) for p in found)


def test_practices_unnamed_purpose_words(lexicon):
    (found,) = practices(lexicon, "We use your email address to send you receipts.")
    assert found.purpose_text == "to send you receipts"


def test_practices_unnamed_purpose_of_data_named_before(lexicon):
    text = (
        "We may match device identifiers with the rest of your profile. "
        "We may use this information to provide you with offers where you are."
    )
    used = [p for p in practices(lexicon, text) if p.action == "use"]
    assert [p.purpose_text for p in used] == ["to provide you with offers where you are"]
    # a purpose with no data named anywhere is no practice: "we use SSL encryption to protect …"
    assert not practices(lexicon, "We use industry-standard encryption to protect transmissions.")


def test_practices_item_under_a_purpose_lead_is_an_unnamed_purpose(lexicon):
    text = (
        "We collect your email address to use it as appropriate to:\n\n"
        "- onboarding processes;\n\n- timekeeping, payroll and expense reports;\n"
    )
    items = [p for p in practices(lexicon, text) if p.evidence.quote != text.split("\n")[0]]
    assert {(p.action, p.purpose_text) for p in items} >= {
        ("collect", "onboarding processes"),
        ("collect", "timekeeping, payroll and expense reports"),
    }
    assert all(p.purposes == ["dpv:Purpose"] for p in items)


def test_practices_item_naming_data_under_a_purpose_lead_is_still_a_purpose(full_lexicon):
    text = "We use the information we collect in order to:\n\n1. Remind users of new messages\n"
    item = [p for p in practices(full_lexicon, text) if p.evidence.quote.startswith("Remind")]
    assert item and {p.purpose_text for p in item} == {"Remind users of new messages"}


def test_practices_items_after_so_that_we_can_are_purposes(full_lexicon):
    text = "We process your data so that we can:\n\n- Keep the site running smoothly\n"
    item = [p for p in practices(full_lexicon, text) if p.evidence.quote.startswith("Keep")]
    assert [(p.action, p.purpose_text) for p in item] == [("use", "Keep the site running smoothly")]


def test_practices_items_opening_with_to_take_the_leads_verbs(full_lexicon):
    text = (
        "We may use or disclose Personal Information as appropriate for all of the following:\n\n"
        "- To maintain digital match rosters.\n"
    )
    item = [p for p in practices(full_lexicon, text) if p.evidence.quote.startswith("To maintain")]
    assert {(p.action, p.purpose_text) for p in item} == {
        ("use", "To maintain digital match rosters"),
        ("disclose", "To maintain digital match rosters"),
    }


def test_practices_list_elaborating_this_information_after_a_leading_clause(lexicon):
    found = practices(
        lexicon,
        "We receive and store any information you provide.\n\n"
        "When required, this information may include the following:\n\n"
        "- your full name\n\n- your email address",
    )
    assert {(p.action, tuple(p.data)) for p in found} >= {
        ("collect", ("pd:Name",)),
        ("store", ("pd:EmailAddress",)),
    }


def test_practices_our_websites_and_servers_are_the_company(lexicon):
    for text in (
        "Our websites automatically collect your IP address.",
        "Our servers receive and record your IP address.",
    ):
        found = practices(lexicon, text)
        assert found and all(p.action == "collect" and not p.by_third_party for p in found)


def test_practices_this_is_how_states_a_practice(lexicon):
    found = practices(lexicon, "This is how we use your email address.")
    assert [(p.action, p.data) for p in found] == [("use", ["pd:EmailAddress"])]


def test_practices_named_data_elaborated_by_the_next_sentence(lexicon):
    found = practices(
        lexicon, "We may process your precise location. Precise location may include IP address."
    )
    assert [(p.action, p.data) for p in found] == [
        ("use", ["pd:Location"]),
        ("use", ["pd:Location", "pd:IPAddress"]),
    ]


def test_practices_named_data_elaborated_a_few_sentences_later(lexicon):
    found = practices(
        lexicon,
        "We may process your precise location. You can switch this off at any time. "
        "Precise location may include IP address.",
    )
    assert [(p.action, p.data) for p in found] == [
        ("use", ["pd:Location"]),
        ("use", ["pd:Location", "pd:IPAddress"]),
    ]
    # "This" points to the sentence just before, which states no practice
    found = practices(
        lexicon,
        "We may process your precise location. You can switch this off at any time. "
        "This may include your email address.",
    )
    assert [(p.action, p.data) for p in found] == [("use", ["pd:Location"])]


def test_practices_list_under_an_elaborating_lead(lexicon):
    text = (
        "Personal Data\n\nWe may ask you to provide us with personal information. Personal "
        "information may include:\n\nEmail address\n\nFull name\n\nPhone number\n\nUsage\n\nWe log."
    )
    found = practices(lexicon, text)
    assert [(p.action, p.data) for p in found] == [
        ("collect", ["pd:EmailAddress"]),
        ("collect", ["pd:Name"]),
        ("collect", ["pd:TelephoneNumber"]),
    ]


def test_practices_the_company_is_the_first_party(lexicon):
    found = practices(lexicon, "The Company may use your email address for marketing.", None)
    assert [(p.action, p.by_third_party, p.purposes) for p in found] == [
        ("use", False, ["dpv:Marketing"])
    ]


@pytest.mark.parametrize(
    "text",
    [
        "We do not collect the email address of children under the age of 13.",
        "You must be 18 years of age to give us your email address.",
    ],
)
def test_practices_an_age_limit_is_no_age_data(text):
    lexicon = default_lexicon()
    assert all("pd:Age" not in p.data for p in practices(lexicon, text))


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("Complaints will be forwarded to the franchised location with your email address.",
         ["pd:EmailAddress"]),
        ("We may transfer your email address to companies in locations around the world.",
         ["pd:EmailAddress"]),
        ("We collect the location of your device.", ["pd:CurrentLocation"]),
        ("We collect your email address and a location you choose to share.",
         ["pd:EmailAddress", "pd:Location"]),
    ],
)  # fmt: skip
def test_practices_a_place_is_no_location_data(text, data):
    found = practices(default_lexicon(), text)
    assert found and all(p.data == data for p in found)


def test_practices_ad_network_template_uses_browsing_data():
    text = (
        "These companies may use information (not including your name or email address) about "
        "your visits to this and other websites to provide advertisements."
    )
    found = practices(default_lexicon(), text)
    assert [(p.action, p.by_third_party, p.data) for p in found] == [
        ("use", True, ["pd:BrowsingBehaviour"])
    ]


def test_practices_good_faith_belief_is_no_belief_data():
    text = "We may disclose your email address in the good faith belief that the law requires it."
    found = practices(default_lexicon(), text)
    assert found and all(p.data == ["pd:EmailAddress"] for p in found)


def test_practices_data_inside_a_longer_purpose_phrase_is_no_data():
    lexicon = default_lexicon()
    found = practices(lexicon, "We use your contact details to process your transactions.")
    assert found and all("pd:Transaction" not in p.data for p in found)


def test_practices_denial_of_any_information_covers_all_personal_data(lexicon):
    found = practices(lexicon, "We do not collect any information from anyone under 13.")
    assert [(p.action, p.negated, p.data) for p in found] == [
        ("collect", True, ["dpv:PersonalData"])
    ]


@pytest.mark.parametrize(
    "text, action",
    [
        ("The app uses your precise location.", "use"),
        ("This application uses Stripe to handle payments.", "share"),
        ("The app may acquire your precise location.", "collect"),
    ],
)
def test_practices_the_app_is_the_first_party(lexicon, text, action):
    found = practices(lexicon, text)
    assert found and found[0].action == action and not found[0].by_third_party


def test_practices_distribute_is_sharing(lexicon):
    found = practices(lexicon, "We don't distribute your personal information to third parties.")
    assert [(p.action, p.negated) for p in found] == [("share", True)]


def test_practices_included_in_these_lists_data(lexicon):
    text = "We collect precise location. Included in these records are IP address and full name."
    found = practices(lexicon, text)
    assert [(p.action, p.data) for p in found][-1] == ("collect", ["pd:IPAddress", "pd:Name"])


def test_practices_retention_without_a_period_is_kept(lexicon):
    found = practices(lexicon, "The information that we request will be retained by us.")
    assert [(p.action, p.data) for p in found] == [("retain", ["dpv:PersonalData"])]


def test_practices_an_app_permission_is_no_consent():
    lexicon = default_lexicon()
    text = "The app uses the com.google.android.gms.permission.AD_ID permission for advertising."
    assert all(not p.legal_bases for p in practices(lexicon, text))
    found = practices(lexicon, "We use your email address for marketing with your permission.")
    assert any("dpv:Consent" in p.legal_bases for p in found)


def test_practices_a_company_named_in_several_words_acts_as_we(lexicon):
    doc = doc_of("Pravachaka Sabdam does not collect your email address.", "Pravachaka Sabdam App")
    make_practices(lexicon)(doc)
    assert [(p.action, p.negated, p.by_third_party) for p in doc.facts.practices] == [
        ("collect", True, False)
    ]


def test_practices_data_not_sold_is_no_business_transfer(full_lexicon):
    text = "Information collected during an inquiry will not be sold to any third party."
    assert all(p.purposes != ["pg:MergersAndAcquisitions"] for p in practices(full_lexicon, text))


def test_practices_denials_about_different_people_stay_apart(full_lexicon):
    text = "We do not sell your email address, and we do not sell the data of children under 13."
    sales = [p for p in practices(full_lexicon, text) if p.action == "sell"]
    assert sorted((p.data_subjects, p.data) for p in sales) == [
        ([], ["pd:EmailAddress"]),
        (["pg:Children"], ["dpv:PersonalData"]),
    ]


def test_practices_the_company_under_its_legal_name_is_the_first_party():
    from policygraph.extract.organisations import make_organisations

    text = "Acme, Inc. stores your email address to send you a receipt."
    doc = doc_of(text, "Acme")
    make_organisations(default_lexicon())(doc)
    make_practices(default_lexicon())(doc)
    assert [(p.action, p.by_third_party) for p in doc.facts.practices] == [("store", False)]


@pytest.mark.parametrize(
    "text, agents",
    [
        # "they" stands for the site's own tools, not for a third party
        ("These technologies are like cookies in that they are used to store your preferences.",
         [("use", "first"), ("store", "first")]),
        ("Advertisers use cookies and they collect your browsing history.",
         [("use", "third"), ("collect", "third")]),
        ("They use these technologies, with information they collect, to recognize you.",
         [("use", "third"), ("collect", "third")]),
        # "who" stands for the users before it
        ("The law permits users who are minors to request and obtain deletion of content.", []),
        ("Customers who provide us their email address get a discount.", [("collect", "first")]),
        ("California residents who provide personal information to obtain products may ask.", []),
        # after an auxiliary a gerund is progressive and active: its subject is the agent
        ("The banner shows only if you are using the app from the EEA.", []),
        ("We are collecting your email address.", [("collect", "first")]),
        ("Third parties are collecting your device ID.", [("collect", "third")]),
        ("Your data is being used to improve the app.", [("use", "first")]),
        # a verb's form inside a name, and asking for business rather than data
        ("Our apps are in the Microsoft Store.", []),
        ("It may be necessary, by law and/or requests from authorities, to act.", []),
        ("We work with partners that solicit subscriptions to our magazines.", []),
        ("We do not solicit personal information from children.", [("collect", "first")]),
        # a third party that shares data with us is where we collect them from
        ("A third party runs the survey and shares the answers with us.", [("collect", "first")]),
        ("Third parties may share your data with advertisers.", [("share", "third")]),
        # what people visit or use is no subject; the person's own device gives, no third party
        ("When you visit our site and apps or use our apps on other sites, we collect your IP.",
         [("collect", "first")]),
        ("Our apps collect your location.", [("collect", "first")]),
        ("Your location may be provided by your mobile device.", []),
    ],
)  # fmt: skip
def test_verbs_agent_of_pronouns_names_and_asking(text, agents):
    microsoft = text.find("Microsoft")
    named = [(microsoft, microsoft + len("Microsoft"))] if microsoft >= 0 else []
    assert [(h.action, h.agent) for h in find_verbs(text, agents=named)] == agents


def test_practices_a_residence_as_a_place_is_no_data():
    text = "We may disclose information under laws outside your country of residence."
    assert all("pd:Residency" not in p.data for p in practices(default_lexicon(), text))
    text = "We collect your name and country of residence."
    assert "pd:Residency" in only(practices(default_lexicon(), text), "collect").data


def test_practices_a_denial_names_data_or_is_none(lexicon):
    found = practices(lexicon, "We do not collect any type of information from you.")
    assert [(p.action, p.negated, p.data) for p in found] == [
        ("collect", True, ["dpv:PersonalData"])
    ]
    assert practices(lexicon, "Our trademarks may not be used without our written consent.") == []


def test_practices_such_a_sale_is_the_business_transfer_before(full_lexicon):
    text = (
        "As our business changes, we may buy or sell various assets. In such cases, information "
        "about our users may be disclosed to the other party of the transaction."
    )
    found = only(practices(full_lexicon, text), "disclose")
    assert found.data == ["dpv:PersonalData"]
    assert "pg:MergersAndAcquisitions" in found.purposes
    assert ("third-party", "pg:Acquirers") in recipients(found)


@pytest.mark.parametrize(
    "text, data, purpose_text",
    [
        ("Your location allows us to show you nearby stores.", ["pd:Location"],
         "show you nearby stores"),
        ("Contact details help us to reply to you and generally include your name.",
         ["pd:Contact"], "reply to you"),
    ],
)  # fmt: skip
def test_practices_data_as_the_subject_of_what_they_serve(full_lexicon, text, data, purpose_text):
    found = only(practices(full_lexicon, text), "use")
    assert (found.data, found.purpose_text) == (data, purpose_text)


def test_practices_data_that_do_not_serve_state_no_use(full_lexicon):
    for text in (
        "Your email address does not allow us to identify you.",
        "Your location data cannot help us find you.",
    ):
        assert practices(full_lexicon, text) == []


def test_practices_data_that_would_identify_you_serve_nothing(full_lexicon):
    text = "We see your browser, but not the names or details that would allow us to identify you."
    assert all(p.action != "use" for p in practices(full_lexicon, text))


@pytest.mark.parametrize(
    "text, found",
    [
        ("Acme Media Group uses cookies to count visits.", [("use", "first")]),
        ("Write to us at Acme Media Privacy Request.", []),
        ("The Acme Media Sites share a common platform.", []),
        ("Health records are kept.", [("store", "first")]),
    ],
)
def test_verbs_the_company_named_in_several_words_is_the_subject(text, found):
    hits = find_verbs(text, us=frozenset({"acme"}))
    assert [(h.action, h.agent) for h in hits] == found


def test_practices_purpose_in_collecting_in_words(full_lexicon):
    text = "Our purpose in collecting this information is to better understand our visitors."
    found = only(practices(full_lexicon, text), "use")
    assert found.purposes == ["dpv:Purpose"] and "better understand" in (found.purpose_text or "")


def test_practices_keeping_email_to_a_minimum_stores_nothing(full_lexicon):
    text = "We use our blog instead, so we keep this type of email to a minimum."
    assert all(p.action != "store" for p in practices(full_lexicon, text))


def test_practices_purposes_going_on_in_lower_case_paragraphs(full_lexicon):
    text = (
        "Acme may disclose your information when it believes it necessary\n\n"
        "to take precautions against liability;\n\n"
        "to protect Acme from fraudulent or unlawful uses;\n\n"
        "Acme keeps your data safe."
    )
    found = [p for p in practices(full_lexicon, text) if p.action == "disclose"]
    assert [(p.purposes, p.purpose_text) for p in found] == [
        ([], None),
        (["dpv:Purpose"], "to take precautions against liability"),
        (["dpv:FraudPreventionAndDetection"], None),
    ]


def test_practices_labelled_cookies_these_enable(full_lexicon):
    text = "## Cookies\n\nEssential Cookies: these enable you to browse the Website safely.\n"
    found = only(practices(full_lexicon, text), "use")
    assert found.data == ["pg:CookieIdentifier"]


@pytest.mark.parametrize(
    "text, public",
    [
        ("Any information you share in our forums becomes public information.", True),
        ("Your reviews may be made public.", True),
        ("After approval, your profile picture is visible to the public.", True),
        ("Your profile is not visible to other users.", False),
        ("Information that is publicly available is not covered by this policy.", False),
        ("Our public areas are moderated.", False),
    ],
)
def test_practices_what_becomes_public_is_disclosed_to_the_public(full_lexicon, text, public):
    found = [p for p in practices(full_lexicon, text) if p.action == "disclose"]
    assert bool(found) == public
    assert all(recipients(p) == {("third-party", "pg:Public")} for p in found)


def test_practices_what_never_becomes_public_is_a_denial(full_lexicon):
    found = practices(full_lexicon, "Your profile will never be made public.")
    assert [(p.action, p.negated) for p in found] == [("disclose", True)]


def test_recipients_whom_a_disclosure_protects_are_no_recipients(full_lexicon):
    text = (
        "We may release information if necessary to protect the rights or safety of us, our "
        "affiliates, other users, and the public."
    )
    assert all(not p.recipients for p in practices(full_lexicon, text))
    text = "To protect our rights, we may disclose your data to law enforcement authorities."
    assert [recipients(p) for p in practices(full_lexicon, text)] == [
        {("authority", "pg:LawEnforcement")}
    ]


def test_practices_a_kind_of_data_defined_under_a_collect_heading(full_lexicon):
    text = (
        "## Information We Collect\n\n"
        "Demographic information is information that is not unique to you in the sense that it "
        "refers to population characteristics, such as your ZIP code, age and gender.\n"
    )
    found = only(practices(full_lexicon, text), "collect")
    assert {"pd:PostalCode", "pd:Age", "pd:Gender"} <= set(found.data)


def test_practices_preserving_privacy_keeps_no_data(full_lexicon):
    assert all(p.action != "retain" for p in practices(full_lexicon, "We preserve your privacy."))
    found = practices(full_lexicon, "We preserve your email address.")
    assert any(p.action == "retain" for p in found)


def test_practices_information_of_no_named_kind_is_personal_data(full_lexicon):
    text = "Information is collected for analysis and statistical purposes."
    assert [(p.action, p.data) for p in practices(full_lexicon, text)] == [
        ("collect", ["dpv:PersonalData"])
    ]


def test_practices_data_required_for_a_purpose_in_words(full_lexicon):
    text = "The Android Advertising ID is required to serve the ad in the app."
    found = only(practices(full_lexicon, text), "use")
    assert (found.data, found.purpose_text) == (
        ["pg:AdvertisingIdentifier"],
        "serve the ad in the app",
    )


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("We collect your email address that cannot be used to identify you.", "collect"),
        ("We do not disclose anything that could be used to identify individuals.", "disclose"),
    ],
)
def test_practices_purpose_of_a_verb_of_the_other_polarity_is_not_its(lexicon, text, action):
    main = next(p for p in practices(lexicon, text) if p.action == action)
    assert (main.purposes, main.purpose_text) == ([], None)


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("We use your information to address your questions.", ["dpv:PersonalData"]),
        ("We share data to prevent or otherwise address fraud.", ["dpv:PersonalData"]),
        ("We collect your name and address.", ["pd:Name", "pd:PhysicalAddress"]),
    ],
)
def test_practices_address_as_a_verb_is_no_data(full_lexicon, text, data):
    assert [p.data for p in practices(full_lexicon, text)] == [data]


@pytest.mark.parametrize(
    "text",
    [
        "We receive your details from credit rating agencies to improve our services.",
        "We use your information and a link that sends you to a web address, to measure it.",
    ],
)
def test_practices_data_words_naming_an_agency_or_a_url_are_no_data(full_lexicon, text):
    found = practices(full_lexicon, text)
    assert found and all(p.data == ["dpv:PersonalData"] for p in found)


def test_practices_or_otherwise_joins_the_negated_verb_group(lexicon):
    text = "We do not send email to strangers or otherwise use your personal information."
    assert actions(lexicon, text) == {("use", True)}
    # a negation inside an aside does not reach past its comma
    text = "We may, where you do not object, share or otherwise use your personal information."
    assert ("use", True) not in actions(lexicon, text)


def test_practices_giving_visitors_access_to_their_data_shares_nothing(lexicon):
    text = "Upon request, we may provide site visitors with access to your personal information."
    assert not [p for p in practices(lexicon, text) if p.action == "share"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We may provide advertisers with your email address.", {("share", False)}),
        ("We will not provide service providers with your email address.", {("share", True)}),
        ("We provide you with your email address.", set()),
        ("We provide a better experience with your email address.", set()),
    ],
)
def test_practices_provide_someone_with_data_shares_it(lexicon, text, expected):
    assert {a for a in actions(lexicon, text) if a[0] == "share"} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We may, if you do not object, share your personal information.", {("share", False)}),
        ("We may, where you agree, share your personal information.", {("share", False)}),
        ("We do not, unless you ask us, share your personal information.", {("share", True)}),
    ],
)
def test_verbs_a_condition_between_commas_is_no_subject_nor_negation(lexicon, text, expected):
    assert actions(lexicon, text) == expected


def test_practices_sharing_non_identifying_statistics_shares_no_personal_data(full_lexicon):
    text = "We share aggregated, non-identifying statistics with partners."
    found = practices(full_lexicon, text)
    assert [(p.action, p.data) for p in found] == [("share", ["dpv:AnonymisedData"])]


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("We collect your contact details.", ["pd:Contact"]),
        ("We may collect your contacts.", ["pg:AddressBook"]),
    ],
)
def test_practices_your_contact_details_are_no_address_book(full_lexicon, text, data):
    assert [p.data for p in practices(full_lexicon, text)] == [data]


@pytest.mark.parametrize(
    ("text", "action", "data", "bases"),
    [
        ("The legal basis for collecting your email address is your consent.",
         "collect", ["pd:EmailAddress"], ["dpv:Consent"]),
        ("Our lawful basis for processing personal data is our legitimate interest.",
         "use", ["dpv:PersonalData"], ["dpv:LegitimateInterest"]),
    ],
)  # fmt: skip
def test_practices_the_legal_basis_for_a_practice_stated_of_it(
    full_lexicon, text, action, data, bases
):
    found = practices(full_lexicon, text)
    assert [(p.action, p.data, p.legal_bases) for p in found] == [(action, data, bases)]


def test_practices_the_product_being_used_is_no_use_of_data(full_lexicon):
    text = "We use analytics tools, such as Google Analytics, to understand how our app is used."
    assert [p.action for p in practices(full_lexicon, text)] == ["share"]


@pytest.mark.parametrize(("who", "third"), [("our staff", False), ("our partners", True)])
def test_practices_processed_by_our_staff_is_first_party(full_lexicon, who, third):
    text = f"Your email address may be processed by {who} in India."
    found = practices(full_lexicon, text)
    assert [(p.action, p.by_third_party) for p in found] == [("use", third)]


@pytest.mark.parametrize(
    "text",
    [
        "We may pass your details to our delivery company.",
        "We share your name and address with couriers.",
    ],
)
def test_practices_delivery_companies_are_recipients(full_lexicon, text):
    found = practices(full_lexicon, text)
    assert [[r.category for r in p.recipients] for p in found] == [["pg:DeliveryProviders"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Your photos are never uploaded to our servers.", {("collect", True)}),
        ("Other information you upload or provide to us.", {("collect", False)}),
    ],
)
def test_practices_uploading_to_us_is_collecting(full_lexicon, text, expected):
    assert actions(full_lexicon, text) == expected


def test_practices_items_take_the_personal_data_their_lead_names_in_words(lexicon):
    text = "## How We Use It\n\nWe use the information we collect to:\n\n- Send you emails\n"
    found = [p for p in practices(lexicon, text) if p.action == "use"]
    assert [p.data for p in found] == [["dpv:PersonalData"]]


@pytest.mark.parametrize(
    ("text", "bases"),
    [
        # a practice read without a data verb takes the sentence's legal basis too
        ("We send you marketing emails with your consent.", ["dpv:Consent"]),
        ("We may disclose your email address when the law requires it.", ["dpv:LegalObligation"]),
        # a contract with a provider is no legal basis for processing the person's data
        ("If we have a contract with a service provider, it may have access to your email address.",
         []),
    ],
)  # fmt: skip
def test_practices_legal_bases_of_the_sentence(full_lexicon, text, bases):
    found = practices(full_lexicon, text)
    assert found and all(p.legal_bases == bases for p in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "no longer needed" is said of the data, and denies no collection
        ("We delete your email address when it is no longer needed for the purposes for which"
         " it was collected.", {("collect", False)}),
        ("We keep your email address for no longer than is necessary for the purposes for which"
         " it was collected.", {("collect", False)}),
        ("No email address is sold.", {("sell", True)}),
    ],
)  # fmt: skip
def test_practices_no_longer_is_no_denial(full_lexicon, text, expected):
    assert actions(full_lexicon, text) == expected


@pytest.mark.parametrize(
    ("text", "locations"),
    [
        # the place data leave is not where they go: somewhere else
        ("We may transfer your email address outside the EEA.", ["pg:OtherCountries"]),
        ("We may transfer your email address to a destination outside the European Economic"
         " Area (EEA).", ["pg:OtherCountries"]),
        # where the person is, not where the data go
        ("If you visit from outside the United States, your email address is transferred to"
         " Germany.", ["loc:DE"]),
    ],
)  # fmt: skip
def test_practices_outside_a_place_is_elsewhere(full_lexicon, text, locations):
    (found,) = practices(full_lexicon, text)
    assert found.locations == locations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an adverb in -ly between the negation and the verb
        ("We do not specifically collect email addresses from children.", {("collect", True)}),
        ("Your email address is not commercially sold.", {("sell", True)}),
        ("Your email address may be separately collected by the platform.", {("collect", False)}),
        # a setting, not a cookie placed
        ("Most browsers are initially set to accept cookies.", set()),
    ],
)
def test_practices_adverbs_in_ly(lexicon, text, expected):
    assert actions(lexicon, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a purpose the sentence denies is a denied practice, not a purpose of the stated one
        ("We use your email address to provide the service and never for advertising.",
         {(False, ("dpv:ServiceProvision",)), (True, ("dpv:Advertising",))}),
        ("We share your email address with Stripe to process payments, but not for marketing.",
         {(False, ("dpv:PaymentManagement",)), (True, ("dpv:Marketing",))}),
        # the same kind of purpose stated and denied ("only for marketing X, not for marketing Y")
        ("Partners may use your email address only for marketing our offers, not for marketing"
         " anything else.", {(False, ("dpv:Marketing",))}),
        ("We do not use your email address for marketing.", {(True, ("dpv:Marketing",))}),
    ],
)  # fmt: skip
def test_practices_denied_purposes(full_lexicon, text, expected):
    found = practices(full_lexicon, text)
    assert {(p.negated, tuple(p.purposes)) for p in found} == expected


def test_practices_unnamed_purpose_ends_where_a_denied_one_starts(full_lexicon):
    text = "We use your location to show stores, not to track you."
    (found,) = practices(full_lexicon, text)
    assert found.purpose_text == "to show stores"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the reader's option after the company's practice does not undo the practice
        ("We collect your email address, which you can remove in Settings.", {("collect", False)}),
        ("To delete your email address, please contact us.", set()),
        # kept confidential or secure: protected, not stored
        ("Our partners must keep your email address private and secure.", set()),
        ("We keep your email address on secure servers.", {("store", False)}),
        # a person kept in a state, no data kept (informing them uses their contact data)
        ("We use cookies to keep you signed in.", {("use", False)}),
        ("We will keep you informed about new products.", {("use", False)}),
    ],
)
def test_practices_keeping_a_person_keeps_no_data(full_lexicon, text, expected):
    assert actions(full_lexicon, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # shown to everyone: disclosed to the public
        ("Your reviews, including your first name and city, are displayed publicly.",
         {("disclose", False)}),
        ("Your email address is never displayed publicly.", {("disclose", True)}),
        ("Your name and profile picture may be visible to your friends.", {("disclose", False)}),
        # a third party that accesses the data has had it disclosed to it
        ("These service providers may access your email address only to perform services for us.",
         {("disclose", False)}),
        ("Third parties do not access your email address.", {("disclose", True)}),
        ("No third party has access to your email address.", {("disclose", True)}),
        ("You may access your email address at any time.", set()),
        ("Speed depends on how you access the internet.", set()),
        # informing people uses their contact data
        ("We will keep you informed about new products and offers by email.", {("use", False)}),
    ],
)  # fmt: skip
def test_practices_disclosed_without_a_sharing_verb(full_lexicon, text, expected):
    assert actions(full_lexicon, text) == expected


@pytest.mark.parametrize(
    ("text", "denied", "allowed"),
    [
        # the recipients after "except" are shared with, not denied
        ("We do not share your email address with third parties except with service providers"
         " such as Amazon Web Services.", {"pg:ThirdParties"},
         {"amazon-web-services", "pg:ServiceProviders"}),
        ("We do not share your email address with anyone except Stripe.", set(), {"stripe"}),
        # named on both sides: the denial keeps it
        ("We do not share your email address with third parties unless required by law.",
         {"pg:ThirdParties"}, {"pg:ThirdParties"}),
    ],
)  # fmt: skip
def test_practices_exception_recipients(full_lexicon, text, denied, allowed):
    found = practices(full_lexicon, text)
    keys = {
        p.negated: {rc.organisation.key if rc.organisation else rc.category for rc in p.recipients}
        for p in found
    }
    assert keys == {True: denied, False: allowed}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We may sell aggregated, de-identified data to research partners.", {("sell", False)}),
        # one auxiliary for two participles: "are encrypted … and stored"
        ("Your email address is encrypted end-to-end and stored on servers in Germany.",
         {("store", False)}),
        # a participle with the company as its agent: what the company collects or keeps
        ("The information gathered by Acme includes your email address.", {("collect", False)}),
        ("Your email address is collected. Your contact details stored by Acme are encrypted.",
         {("collect", False), ("store", False)}),
        ("We respond to legal process received by Acme.", set()),
        # features are hosted, not data
        ("Social media features are either hosted by a third party or hosted directly on our"
         " site.", set()),
        # negation by a phrase
        ("At no time do we collect your email address.", {("collect", True)}),
        ("In no event will we sell your email address.", {("sell", True)}),
        # "not to" governs the whole list of verbs after it
        ("We require our vendors not to sell, share, store or use your email address.",
         {("sell", True), ("share", True), ("store", True), ("use", True)}),
        # a preposition ends each verb's frame, and the list goes on
        ("Your email address will not be shared with, sold to, or rented to any third party.",
         {("share", True), ("sell", True)}),
        ("Your email address may be transferred to, stored and processed in the United States.",
         {("transfer", False), ("store", False), ("use", False)}),
    ],
)  # fmt: skip
def test_practices_verbs_of_a_list(full_lexicon, text, expected):
    assert actions(full_lexicon, text) == expected


def test_practices_where_the_person_is_is_no_place_of_the_data(full_lexicon):
    text = (
        "If you are located outside of the United States, your email address will be"
        " transferred to Germany."
    )
    (found,) = practices(full_lexicon, text)
    assert found.locations == ["loc:DE"]


def test_practices_name_each_datum_once(full_lexicon):
    # "this information" takes the data of the sentence before, each once: the generic
    # personal data named twice is still personal data, not a datum made redundant by itself
    text = (
        "We collect personal information and other personal information from you. "
        "We do not sell this information."
    )
    found = practices(full_lexicon, text)
    assert found and all(len(p.data) == len(set(p.data)) for p in found)
    assert [p.data for p in found if p.action == "sell"] == [["dpv:PersonalData"]]


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("Your reviews are displayed publicly.", "pg:Public"),
        ("Your name may be visible to your friends.", "pg:OtherUsers"),
        ("Your profile picture is visible to other users.", "pg:OtherUsers"),
    ],
)
def test_practices_made_public_or_shown_to_other_users(full_lexicon, text, audience):
    (found,) = practices(full_lexicon, text)
    assert [rc.category for rc in found.recipients] == [audience]


def test_practices_by_us_in_a_longer_phrase_is_the_company(full_lexicon):
    text = "Your health information created or received by us for a provider is protected."
    found = practices(full_lexicon, text)
    assert [(p.action, p.by_third_party) for p in found] == [("collect", False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a third party that receives data from us: our share, here denied
        ("Insurers never receive your email address from us.", {("share", True)}),
        # a third party that hands data to the company: the company collects them
        ("Our merchants may transmit your card number to Acme.", {("collect", False)}),
        ("Vendors provide us with technology and marketing assistance.", set()),
    ],
)
def test_practices_data_handed_between_a_third_party_and_us(full_lexicon, text, expected):
    assert actions(full_lexicon, text) == expected


def test_practices_a_word_of_the_company_name_after_your_is_not_the_company(full_lexicon):
    found = practices(
        full_lexicon, "Your health records are shared with clinicians.", "Tidewave Health"
    )
    assert [p.action for p in found] == ["share"]


def test_practices_this_information_goes_back_through_a_sentence_that_refers_back_too(full_lexicon):
    text = (
        "We collect your email address. We keep this information safe. "
        "Some of this information is shared with Stripe."
    )
    shares = [p for p in practices(full_lexicon, text) if p.action == "share"]
    assert [p.data for p in shares] == [["pd:EmailAddress"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "to" before a verb opens a purpose; it names no recipient
        ("We provide your email address to build profiles.", set()),
        ("We provide your email address to advertisers.", {"share"}),
        ("We provide our partners with contact details for marketing.", {"share"}),
    ],
)
def test_practices_to_a_recipient_or_to_do_something(full_lexicon, text, expected):
    assert {p.action for p in practices(full_lexicon, text)} == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Facebook SDK may collect your device identifiers.",
        "Our app integrates the Facebook SDK, which may collect your device identifiers.",
    ],
)
def test_practices_an_organisation_s_tool_acts_for_it(full_lexicon, text):
    (found,) = practices(full_lexicon, text)
    assert (found.action, found.by_third_party) == ("collect", True)
    assert [rc.organisation.key for rc in found.recipients if rc.organisation] == ["facebook"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what the company requires people to give, it collects
        ("To open an account, you must provide your email address.", {("collect", False)}),
        ("You will need to provide your email address.", {("collect", False)}),
        ("You must not provide us with other people's email addresses.", set()),
        ("You must provide the relevant consent upon registration.", set()),
        # the company bound by law collects nothing by being bound
        ("We are required by law to verify your email address.", set()),
    ],
)
def test_practices_what_people_must_give(full_lexicon, text, expected):
    assert actions(full_lexicon, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the terms CCPA notices quote are still verbs
        ('In the past 12 months, we have "sold" or "shared" identifiers with advertising partners.',
         {("sell", False), ("share", False)}),
        ('We do not "sell" your email address.', {("sell", True)}),
        # a feature's name in quotes is not
        ('Social Network Posting Tools and "Share" Features.', set()),
    ],
)  # fmt: skip
def test_practices_quoted_verbs(full_lexicon, text, expected):
    assert actions(full_lexicon, text) == expected
