"""mentions.v1: laws, rights, locations, measures, legal bases, audiences (hand-written inputs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygraph import lexicon as lexicon_module
from policygraph.extract.mentions import find_mentions
from policygraph.model import Section, Sentence
from policygraph.segment import segment as _segment

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _load_lexicon():
    return lexicon_module.default_lexicon()


@pytest.fixture(scope="module")
def lexicon():
    return _load_lexicon()


def segment(text: str) -> tuple[list[Section], list[Sentence]]:
    """The real segmenter, or by hand (one sentence a line, "- " items) where it fails."""
    try:
        return _segment(text)
    except ValueError:
        pass
    section = Section("", 1, 0, len(text))
    sentences: list[Sentence] = []
    lead = None
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        item = line.startswith("- ")
        body = line[2:] if item else line
        offset = start + (2 if item else 0)
        sentence = Sentence(
            body, offset, offset + len(body), len(sentences), section,
            is_list_item=item, lead=lead if item else None, is_table_row=" | " in body,
        )  # fmt: skip
        sentences.append(sentence)
        if not item:
            lead = sentence
    return [section], sentences


def need(lexicon, *curies: str) -> None:
    missing = [c for c in curies if c not in lexicon.concepts]
    if missing:
        pytest.skip(f"vocabulary lacks {missing}")


def mentions(lexicon, text: str, kind: str | None = None):
    sections, sentences = segment(text)
    found = find_mentions(lexicon, sentences, sections)
    return [m for m in found if kind is None or m.kind == kind]


def concepts(lexicon, text: str, kind: str) -> set[str]:
    return {m.concept for m in mentions(lexicon, text, kind)}


def located(lexicon, text: str) -> set[tuple[str, str]]:
    return {(m.concept, m.relation) for m in mentions(lexicon, text, "location")}


# --- laws -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "law"),
    [
        ("We comply with the General Data Protection Regulation.", "legal-eu:law-GDPR"),
        ("Under the GDPR you have several rights.", "legal-eu:law-GDPR"),
        ("This notice is given under the California Consumer Privacy Act.", "legal-us:law-CA-CCPA"),
        ("Our practices follow COPPA for younger users.", "pg:law-COPPA"),
    ],
)
def test_mentions_law_named(lexicon, text, law):
    need(lexicon, law)
    assert law in concepts(lexicon, text, "law")


def test_mentions_governing_law_without_a_named_law_is_not_a_law(lexicon):
    text = "The laws of the Province of Ontario govern any dispute about this notice."
    assert concepts(lexicon, text, "law") == set()


# --- rights -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You have the right to access the data we keep about you.", {"eu-gdpr:A15"}),
        (
            "You may ask us to access, correct or delete your personal information.",
            {"eu-gdpr:A15", "eu-gdpr:A16", "eu-gdpr:A17"},
        ),
        ("You can request that we restrict processing of your account data.", {"eu-gdpr:A18"}),
        (
            "You may receive your data in a machine-readable format on request.",
            {"eu-gdpr:A20"},
        ),
        ("You have the right to object to processing for direct marketing.", {"eu-gdpr:A21"}),
        (
            "You may lodge a complaint with a supervisory authority in your country.",
            {"eu-gdpr:A77"},
        ),
        ("You can withdraw your consent whenever you like.", {"eu-gdpr:A7-3"}),
        ("Your consent to marketing e-mails can be withdrawn at any time.", {"eu-gdpr:A7-3"}),
        ("You can withdraw at any time the consent you gave us.", {"eu-gdpr:A7-3"}),
        (
            "Where processing is based on consent, you can withdraw it at any time.",
            {"eu-gdpr:A7-3"},
        ),
        (
            "If you have consented to our use of your data, you can change your mind at any time.",
            {"eu-gdpr:A7-3"},
        ),
        (
            "If you'd like us to delete the data you provided, please contact us.",
            {"eu-gdpr:A17"},
        ),
        ("You may request removal of your data at any time.", {"eu-gdpr:A17"}),
        (
            "All users can see, edit, or delete their personal information at any time.",
            {"eu-gdpr:A15", "eu-gdpr:A16", "eu-gdpr:A17"},
        ),
        ("If you prefer, you can edit your browser options to block cookies.", set()),
        (
            "You have the right to access personal information we hold about you and to ask "
            "that your personal information be corrected, updated, or deleted.",
            {"eu-gdpr:A15", "eu-gdpr:A16", "eu-gdpr:A17"},
        ),
        (
            "In Switzerland you may contact the Federal Data Protection and Information "
            "Commissioner.",
            {"eu-gdpr:A77"},
        ),
        (
            "If you would like to: access, correct or delete any personal information we have "
            "about you, contact our Privacy Officer.",
            {"eu-gdpr:A15", "eu-gdpr:A16", "eu-gdpr:A17"},
        ),
        ("You may complain to the Information Commissioner.", {"eu-gdpr:A77"}),
        ("As a registered user you can make changes to your account information.", {"eu-gdpr:A16"}),
        ("If you would like to have your personal information changed, email us.", {"eu-gdpr:A16"}),
        ("Your email address can be updated or corrected by calling us.", {"eu-gdpr:A16"}),
        ("Upon request, you may review all information that we maintain.", {"eu-gdpr:A15"}),
        ("You may file a complaint with the competent authority.", {"eu-gdpr:A77"}),
        (
            "If we have not resolved it, you may contact the data protection authority.",
            {"eu-gdpr:A77"},
        ),
        (
            "Should you wish to report a complaint or if you feel that we have not addressed your "
            "concern in a satisfactory manner, you may contact the relevant authority.",
            {"eu-gdpr:A77"},
        ),
    ],
)
def test_mentions_rights_plain_wording(lexicon, text, expected):
    need(lexicon, *expected)
    assert expected <= concepts(lexicon, text, "right")


def test_mentions_changes_of_the_company_are_no_rights(lexicon):
    assert concepts(lexicon, "We may change this policy, so please review it.", "right") == set()


def test_mentions_rights_list_inherits_the_heading(lexicon):
    need(lexicon, "eu-gdpr:A15", "eu-gdpr:A17", "eu-gdpr:A20")
    text = (
        "Your Rights\n\n"
        "Depending on where you live, these rights apply:\n"
        "- the right of access;\n"
        "- the right to erasure;\n"
        "- the right to data portability.\n"
    )
    assert {"eu-gdpr:A15", "eu-gdpr:A17", "eu-gdpr:A20"} <= concepts(lexicon, text, "right")


def test_mentions_rights_california_section_maps_to_ccpa(lexicon):
    need(lexicon, "pg:CCPA-RightToKnow", "pg:CCPA-RightToDelete")
    text = (
        "Notice to California Residents\n\n"
        "If you live in California you may request access to and deletion of your data.\n"
    )
    found = concepts(lexicon, text, "right")
    assert {"pg:CCPA-RightToKnow", "pg:CCPA-RightToDelete"} <= found
    assert "eu-gdpr:A15" not in found


def test_mentions_rights_opt_out_of_sale(lexicon):
    need(lexicon, "pg:CCPA-RightToOptOutOfSale")
    text = "Consumers may opt out of the sale of their personal information at any time."
    assert "pg:CCPA-RightToOptOutOfSale" in concepts(lexicon, text, "right")


@pytest.mark.parametrize(
    "text",
    [
        "We reserve the right to update this notice at any time.",
        "We may delete inactive accounts after two years.",
        "Access to our offices is limited to badge holders.",
        "We may contact the relevant authority about fraud.",
        "We may disclose data where needed to protect our rights.",
        # a licence the person grants
        "You grant us a perpetual right to use, copy and modify your feedback.",
    ],
)
def test_mentions_rights_need_a_rights_context(lexicon, text):
    assert concepts(lexicon, text, "right") == set()


@pytest.mark.parametrize(
    "text",
    [
        "You may revoke any permission to access your camera in your device settings.",
        "We ask for access or permission to use your location only when you share it.",
        "You can access our web site home page without disclosing your personal data.",
        "If you would like to access the site, please register first.",
        "Our app does not request access or permission to your camera.",
        "You may access and change your settings through the Facebook settings page.",
    ],
)
def test_mentions_access_to_the_service_or_device_is_no_right_of_access(lexicon, text):
    assert "eu-gdpr:A15" not in concepts(lexicon, text, "right")


# --- locations --------------------------------------------------------------------------------


def test_mentions_storage_location_oregon(lexicon):
    need(lexicon, "loc:US-OR", "loc:US")
    text = "Account data is stored in Oregon, in the United States."
    assert {("loc:US-OR", "storage"), ("loc:US", "storage")} <= located(lexicon, text)


def test_mentions_storage_location_including_storage(lexicon):
    need(lexicon, "loc:DE")
    text = "Customer files are processed (including storage) in Germany."
    assert located(lexicon, text) == {("loc:DE", "storage")}


def test_mentions_storage_location_list_continues(lexicon):
    need(lexicon, "loc:CA", "loc:IN", "loc:DE")
    text = "Site content is hosted in Vancouver, Canada, Pune, India, and Berlin, Germany."
    assert {("loc:CA", "storage"), ("loc:IN", "storage"), ("loc:DE", "storage")} <= located(
        lexicon, text
    )


def test_mentions_storage_location_servers_in(lexicon):
    need(lexicon, "loc:IE")
    assert located(lexicon, "Our servers are located in Ireland.") == {("loc:IE", "storage")}


def test_mentions_processing_location(lexicon):
    need(lexicon, "loc:IN")
    assert located(lexicon, "Support tickets are processed in India.") == {("loc:IN", "processing")}


def test_mentions_transfer_location(lexicon):
    need(lexicon, "loc:US")
    text = "Your data may be transferred to the United States for support."
    assert located(lexicon, text) == {("loc:US", "transfer")}


def test_mentions_recipients_located_abroad_is_a_transfer(lexicon):
    text = "Some of our service providers may be located outside of your home country."
    assert located(lexicon, text) == {("pg:OtherCountries", "transfer")}
    need(lexicon, "loc:US")
    assert located(lexicon, "Our servers are located in the United States.") == {
        ("loc:US", "storage")
    }


def test_mentions_transfer_worldwide(lexicon):
    text = "You consent to this transfer of your Personal Information worldwide."
    assert located(lexicon, text) == {("pg:OtherCountries", "transfer")}
    for text in (
        "Pursuant to privacy regulations worldwide, we explain our practices.",
        "We share your email with our affiliates worldwide.",
        "Millions of people around the world use Acme.",
    ):
        assert located(lexicon, text) == set()


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Acme Widgets Ltd. is a company formed under the laws of British Columbia.", "loc:CA-BC"),
        ("We are headquartered in Germany.", "loc:DE"),
        ("Acme Inc. is incorporated in Canada.", "loc:CA"),
    ],
)
def test_mentions_establishment_location(lexicon, text, place):
    need(lexicon, place)
    assert (place, "establishment") in located(lexicon, text)


@pytest.mark.parametrize(
    "text",
    [
        "- Hostly Inc., a United States company, for cloud hosting;",
        "- Widget Limited, a company formed in Germany, for chat support;",
        "If you are located in Canada, this section applies to you.",
        "We will not transfer data outside of the United States.",
        "Residents of Germany have additional rights.",
        "These terms are governed by the laws of Canada.",
    ],
)
def test_mentions_location_without_a_data_verb_is_skipped(lexicon, text):
    need(lexicon, "loc:US", "loc:DE", "loc:CA")
    assert located(lexicon, text) == set()


# --- measures, legal bases, audiences ----------------------------------------------------------


def test_mentions_measure_in_security_context(lexicon):
    need(lexicon, "dpv:Encryption")
    text = "To protect your data we use encryption in transit and at rest."
    found = concepts(lexicon, text, "measure")
    assert {"dpv:EncryptionInTransfer", "dpv:EncryptionAtRest"} <= found


def test_mentions_legal_basis_stated(lexicon):
    text = "For analytics we rely on our legitimate interests."
    found = concepts(lexicon, text, "legal-basis")
    interest = {"eu-gdpr:A6-1-f", "dpv:LegitimateInterest"} & set(lexicon.concepts)
    if not interest:
        pytest.skip("vocabulary lacks legitimate interest")
    assert found & interest


def test_mentions_correct_as_an_adjective_is_no_rectification(lexicon):
    text = "You warrant that the personal data you supply is true, correct and complete."
    assert "eu-gdpr:A16" not in concepts(lexicon, text, "right")
    assert "eu-gdpr:A16" in concepts(lexicon, "You may correct your personal data.", "right")


@pytest.mark.parametrize(
    ("text", "withdraws"),
    [
        ("If you have agreed to receive marketing, you may always opt out later.", True),
        ("Information you provided may be withdrawn at any time.", True),
        ("If you have consented to this use, you may vary your mind at any time.", True),
        ("You may opt out of marketing emails.", False),
    ],
)
def test_mentions_withdrawal_of_consent_in_plain_words(lexicon, text, withdraws):
    assert ("eu-gdpr:A7-3" in concepts(lexicon, text, "right")) is withdraws


@pytest.mark.parametrize(
    "text",
    [
        "Our service providers may be located in jurisdictions that are outside of yours.",
        "We may share it with institutions located within or outside India.",
    ],
)
def test_mentions_providers_in_other_jurisdictions_are_a_transfer(lexicon, text):
    assert "pg:OtherCountries" in concepts(lexicon, text, "location")


def test_mentions_provision_required_of_a_following_list(lexicon):
    text = "When you buy our Services, we will require you to provide us with the following:"
    assert "dpv:Required" in concepts(lexicon, text, "necessity")


def test_mentions_legal_basis_in_article_6_wording(lexicon):
    text = (
        "We process data if one of the following applies: (i) you have given your consent; "
        "(ii) processing is necessary for the purposes of the legitimate interests pursued by us."
    )
    found = concepts(lexicon, text, "legal-basis")
    assert "dpv:LegitimateInterest" in found and "dpv:Consent" in found


def test_mentions_legitimate_interests_carry_the_interests_pursued(lexicon):
    text = "We rely on our legitimate interests, such as research and development and marketing."
    (basis,) = [m for m in mentions(lexicon, text, "legal-basis")]
    assert basis.concept == "dpv:LegitimateInterest"
    assert set(basis.purposes) >= {"dpv:ResearchAndDevelopment", "dpv:Marketing"}
    (consent,) = mentions(lexicon, "We rely on your consent for marketing.", "legal-basis")
    assert consent.purposes == ()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("By using the app, you are consenting to the processing of your information.", True),
        ("By using the Service, you hereby consent to our Privacy Policy.", True),
        ("Our trademarks may not be used without the prior written consent of Acme.", False),
    ],
)
def test_mentions_legal_basis_consent_claimed_for_the_processing(lexicon, text, found):
    assert ("dpv:Consent" in concepts(lexicon, text, "legal-basis")) is found


@pytest.mark.parametrize(
    "item",
    [
        "It satisfies a legitimate interest, such as research.",
        "It satisfies a legitimate interest, such as to protect our legal rights and interests.",
    ],
)
def test_mentions_legal_basis_under_a_legal_bases_heading(lexicon, item):
    text = f"## Legal bases for processing\n\n- {item}"
    interest = {"eu-gdpr:A6-1-f", "dpv:LegitimateInterest"} & set(lexicon.concepts)
    assert concepts(lexicon, text, "legal-basis") & interest


def test_mentions_legal_basis_not_in_objection_right(lexicon):
    text = "You have the right to object to processing based on legitimate interests."
    assert concepts(lexicon, text, "legal-basis") == set()


def test_mentions_audience_children(lexicon):
    need(lexicon, "pg:Children")
    text = "Our service is not directed to children."
    assert "pg:Children" in concepts(lexicon, text, "audience")


# --- user choices -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("You can unsubscribe from our newsletter at any time.", "pg:OptOut"),
        ("To stop getting offers, use the unsubscribe link in each message.", "pg:OptOutLink"),
        (
            "Most browsers let you change your browser settings to refuse new cookies.",
            "pg:BrowserControls",
        ),
        ("You may change your email preferences in My Account.", "pg:AccountControls"),
        (
            "Visitors can opt out of ad networks through the Network Advertising Initiative.",
            "pg:IndustryOptOut",
        ),
        (
            "If you do not wish to receive our catalogue, write to us and we will remove you from "
            "our mailing list.",
            "pg:OptOut",
        ),
    ],
)
def test_mentions_choice_offered(lexicon, text, choice):
    need(lexicon, choice)
    assert choice in concepts(lexicon, text, "choice")


@pytest.mark.parametrize(
    "text",
    [
        "We reserve the right to decide which account settings are shown.",
        "Our partners read the privacy settings stored by the app.",
    ],
)
def test_mentions_choice_needs_an_offer_to_the_reader(lexicon, text):
    assert concepts(lexicon, text, "choice") == set()


def test_mentions_deduplicated_per_sentence(lexicon):
    need(lexicon, "legal-eu:law-GDPR")
    text = "The GDPR applies, and the GDPR gives you rights."
    assert len(mentions(lexicon, text, "law")) == 1


# --- seeds --------------------------------------------------------------------------------------


def seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"seed {prefix} is absent")
    return paths[0].read_text(encoding="utf-8")


def seed_mentions(lexicon, prefix: str):
    text = seed(prefix)
    sections, sentences = segment(text)
    return find_mentions(lexicon, sentences, sections), 0.0


def test_mentions_seed_umso_laws(lexicon):
    need(lexicon, "legal-eu:law-GDPR", "pg:law-BC-PIPA", "legal-us:law-CA-CCPA")
    found, _ = seed_mentions(lexicon, "001")
    laws = {m.concept for m in found if m.kind == "law"}
    assert {"legal-eu:law-GDPR", "pg:law-BC-PIPA", "legal-us:law-CA-CCPA"} <= laws


def test_mentions_seed_umso_storage_locations(lexicon):
    need(lexicon, "loc:US", "loc:US-OR", "loc:CA", "loc:IN", "loc:DE")
    found, _ = seed_mentions(lexicon, "001")
    storage = {m.concept for m in found if m.kind == "location" and m.relation == "storage"}
    assert {"loc:US", "loc:US-OR", "loc:CA", "loc:IN", "loc:DE"} <= storage
    establishment = {m.concept for m in found if m.relation == "establishment"}
    assert "loc:CA" in establishment


def test_mentions_seed_umso_rights(lexicon):
    gdpr = {f"eu-gdpr:{a}" for a in ("A15", "A16", "A17", "A18", "A20", "A21", "A7-3", "A77")}
    ccpa = {"pg:CCPA-RightToKnow", "pg:CCPA-RightToDelete"}
    need(lexicon, *gdpr, *ccpa)
    found, _ = seed_mentions(lexicon, "001")
    assert {m.concept for m in found if m.kind == "right"} == gdpr | ccpa


def test_mentions_seed_retainuser_coppa_and_rights(lexicon):
    need(lexicon, "pg:law-COPPA", "eu-gdpr:A15", "eu-gdpr:A16", "eu-gdpr:A17")
    found, _ = seed_mentions(lexicon, "003")
    assert "pg:law-COPPA" in {m.concept for m in found if m.kind == "law"}
    rights = {m.concept for m in found if m.kind == "right"}
    # A7-3 from its garbled "If you have consented …, you've got the peculiar to vary your mind"
    assert rights == {"eu-gdpr:A15", "eu-gdpr:A16", "eu-gdpr:A17", "eu-gdpr:A7-3"}


@pytest.mark.parametrize("prefix", ["002", "004"])
def test_mentions_seed_gdpr_rights_list(lexicon, prefix):
    # Informetric and SmarterTools list the same eight rights.
    expected = {f"eu-gdpr:{a}" for a in ("A15", "A16", "A17", "A18", "A20", "A21", "A7-3", "A77")}
    need(lexicon, *expected)
    found, _ = seed_mentions(lexicon, prefix)
    assert {m.concept for m in found if m.kind == "right"} == expected


def test_mentions_seed_usermost_rights(lexicon):
    expected = {"eu-gdpr:A15", "eu-gdpr:A16", "eu-gdpr:A17", "eu-gdpr:A18"}
    need(lexicon, *expected)
    found, _ = seed_mentions(lexicon, "000")
    assert {m.concept for m in found if m.kind == "right"} == expected


def test_mentions_seed_smartertools_locations(lexicon):
    need(lexicon, "loc:US")
    found, _ = seed_mentions(lexicon, "004")
    assert {(m.concept, m.relation) for m in found if m.kind == "location"} == {
        ("loc:US", "establishment"),
        ("loc:US", "storage"),
    }


# --- data sources and necessity (GDPR Art. 14(2)(f), 13(2)(e)) ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We may receive information about you from our business partners.",
         {"dpv:ThirdPartyDataSource"}),
        ("We obtain contact details from publicly available sources.", {"dpv:PublicDataSource"}),
        ("We do not collect any information from third parties.", {"dpv:ThirdPartyDataSource"}),
        ("We share your email address with third parties.", set()),
        ("We receive your email address from our advertising partners.",
         {"dpv:ThirdPartyDataSource"}),  # any recipient category after "from"
        ("We send your email address to our advertising partners.", set()),
        ("You can ask us which data we hold.", set()),
    ],
)  # fmt: skip
def test_mentions_data_sources(lexicon, text, expected):
    assert concepts(lexicon, text, "source") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You must provide your email address to open an account.", {"dpv:Required"}),
        ("Providing your phone number is optional; you may choose not to provide it.",
         {"dpv:Optional"}),
        ("If you do not provide this information, you may not be able to use the app.",
         {"pg:ConsequenceOfNotProviding"}),
        # a condition of the collection, not whether people are obliged to provide the data
        ("We may collect Personal Information from you if you choose to provide it.", set()),
        ("To provide you the Services, we must collect Personal Information from you.",
         {"dpv:Required"}),
        ("We may be required by law to disclose your information to the police.", set()),
        ("We will require you to provide your email address.", {"dpv:Required"}),
        ("For you, providing this information is mandatory.", {"dpv:Required"}),
        ("For you, providing this information is not mandatory.", {"dpv:Optional"}),
        ("Providing your phone number is optional.", {"dpv:Optional"}),
        ("We may require you to provide us with certain personal information.", set()),
        ("On request, a business may be required to provide customers details of sharing.",
         set()),  # the business provides, not the person
        ("We are required to provide you with this notice.", set()),
        ("We get information from service providers and optional programs you join.", set()),
        ("We provide the service in many countries.", set()),
    ],
)  # fmt: skip
def test_mentions_necessity_of_providing_data(lexicon, text, expected):
    assert concepts(lexicon, text, "necessity") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We do not use automated decision-making.", {"pg:AutomatedDecisionMaking"}),
        (
            "Visitor comments may be checked through an automated spam detection service.",
            {"pg:AutomatedDecisionMaking"},
        ),
        ("We use profiling to choose the ads you see.", {"dpv:Profiling"}),
        ("We decide case by case.", set()),
    ],
)
def test_mentions_automated_decisions(lexicon, text, expected):
    assert concepts(lexicon, text, "decision") == expected


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The source of the profile data is you.", "dpv:DataSubjectDataSource"),
        ("The source of this data is the website analytics tools used by us.", "dpv:DataSource"),
    ],
)
def test_mentions_source_stated_outright(lexicon, text, source):
    assert concepts(lexicon, text, "source") == {source}


def test_mentions_source_of_income_is_no_data_source(lexicon):
    assert concepts(lexicon, "Advertising is our main source of income.", "source") == set()
