"""The evaluator: scoring core by hand-computed numbers, the mapping file, synthetic gold files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from policygraph.errors import InputError
from policygraph.evaluation import (
    REQUIREMENT_STATEMENTS,
    SCHEMES,
    Counts,
    ErrorCase,
    EvaluationReport,
    Mapping,
    Score,
    Span,
    default_mapping,
    evaluate,
    format_report,
    gdpr,
    label_iri,
    load_gold,
    locate,
    opp115,
    overlaps,
    report_to_json,
    score_grounded,
    score_sets,
)
from policygraph.evaluation.common import Context, score_evidence, score_spans
from policygraph.evaluation.mapping import mapping_file
from policygraph.lexicon import Lexicon
from policygraph.model import (
    Contact,
    Document,
    Evidence,
    Mention,
    Organisation,
    PolicyDoc,
    Practice,
    Recipient,
)
from policygraph.vocab import PG

# --- scoring core ------------------------------------------------------------------------------


def test_evaluate_score_sets_counts():
    assert score_sets({"Contact", "Location"}, {"Contact", "Financial"}) == Counts(1, 1, 1)


def test_evaluate_counts_half_and_half():
    c = score_sets({"Contact", "Location"}, {"Contact", "Financial"})
    assert (c.precision, c.recall, c.f1) == (0.5, 0.5, 0.5)


def test_evaluate_counts_undefined_when_empty():
    c = score_sets(set(), set())
    assert (c.precision, c.recall, c.f1) == (None, None, None)


def test_evaluate_counts_nothing_predicted_is_f1_zero():
    c = score_sets(set(), {"Health"})
    assert (c.precision, c.recall, c.f1) == (None, 0.0, 0.0)


def test_evaluate_score_micro_and_macro():
    # policy 1: P=1/2, R=1/2; policy 2: P=1, R=1/3; policy 3: nothing either side.
    per_policy = [
        score_sets({"a", "b"}, {"a", "c"}),
        score_sets({"x"}, {"x", "y", "z"}),
        score_sets(set(), set()),
    ]
    s = Score.from_counts(per_policy)
    assert (s.tp, s.fp, s.fn) == (2, 1, 3)
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(2 / 5)
    assert s.f1 == pytest.approx(2 * (2 / 3) * (2 / 5) / (2 / 3 + 2 / 5))
    assert s.macro_precision == pytest.approx((0.5 + 1.0) / 2)
    assert s.macro_recall == pytest.approx((0.5 + 1 / 3) / 2)
    assert s.macro_f1 == pytest.approx((0.5 + 0.5) / 2)  # F1 of policy 2 = 2*1*(1/3)/(4/3)
    assert s.policies == 2


def test_evaluate_counts_with_separate_gold_hits():
    # 3 predictions, 2 right; 4 gold spans, 1 found.
    c = Counts(tp=2, fp=1, fn=3, tp_gold=1)
    assert (c.precision, c.recall) == (pytest.approx(2 / 3), 0.25)
    assert (c + Counts(1, 0, 0)).found == 2


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Span(0, 10), Span(9, 20), True),
        (Span(0, 10), Span(10, 20), False),
        (Span(5, 6), Span(0, 100), True),
        (Span(None, None, "x"), Span(0, 100), False),
    ],
)
def test_evaluate_overlaps(a, b, expected):
    assert overlaps(a, b) is expected
    assert overlaps(b, a) is expected


def test_evaluate_score_grounded_needs_overlap():
    pred = {"Right to Access": [Span(0, 10)], "Right to Object": [Span(50, 60)]}
    gold = {"Right to Access": [Span(5, 8)], "Right to Object": [Span(0, 10)], "DPO Contact": []}
    # Access grounded (TP); Object predicted elsewhere (FP and FN); DPO missed (FN).
    assert score_grounded(pred, gold) == Counts(1, 1, 2)


def test_evaluate_score_spans_both_ways():
    pred = [Span(0, 10, "s1"), Span(20, 30, "s2"), Span(20, 30, "s2")]
    gold = [Span(2, 4, "g1"), Span(5, 9, "g2"), Span(40, 45, "g3"), Span(None, None, "g4")]
    counts, errors = score_spans("p", "x", pred, gold)
    # predictions: s1 right, s2 wrong (duplicate folded); gold: g1, g2 found, g3 missed,
    # g4 unplaced and left out.
    assert counts == Counts(1, 1, 1, 2)
    assert {(e.kind, e.sentence) for e in errors} == {("false positive", "s2"), ("miss", "g3")}


def test_evaluate_score_evidence_per_practice():
    data_practice = Practice("collect", Evidence(0, 20, "we collect"), data=["pd:EmailAddress"])
    purpose_practice = Practice("use", Evidence(30, 50, "for ads"), purposes=["dpv:Advertising"])
    gold = {"data": [Span(40, 45)], "purposes": [Span(35, 40)], "recipients": []}
    counts, _ = score_evidence("p", [data_practice, purpose_practice], gold)
    # the data practice overlaps only a purpose span: wrong; the purpose practice is right.
    assert (counts.tp, counts.fp) == (1, 1)
    assert (counts.found, counts.fn) == (2, 0)


def test_evaluate_audience_spans_vouch_only_for_practices_about_that_audience():
    about_children = Practice(
        "collect", Evidence(0, 20, "not from children"), negated=True,
        data=["dpv:PersonalData"], data_subjects=["pg:Children"],
    )  # fmt: skip
    anyone = Practice("collect", Evidence(30, 50, "we collect"), data=["pd:EmailAddress"])
    gold = {"data": [Span(60, 70)], "subjects": [Span(5, 15), Span(35, 45)]}
    counts, _ = score_evidence("p", [about_children, anyone], gold)
    assert (counts.tp, counts.fp) == (1, 1)
    assert (counts.found, counts.fn) == (0, 1)  # audience spans are not evidence to find


def test_evaluate_retention_spans_vouch_only_for_retention_practices():
    kept = Practice("retain", Evidence(0, 20, "we keep it a year"), data=["dpv:PersonalData"])
    used = Practice("use", Evidence(0, 20, "we keep it a year"), data=["dpv:PersonalData"])
    gold = {"data": [Span(60, 70)], "retention": [Span(5, 15)]}
    counts, _ = score_evidence("p", [kept, used], gold)
    assert (counts.tp, counts.fp) == (1, 1)
    assert (counts.found, counts.fn) == (0, 1)  # a retention span is no evidence to find


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("Blue Widget", (4, 15)),
        ("collect [...] data", (20, 43)),
        ("collect PLACEHOLDER data", (20, 43)),
        ("nothing like this", (None, None)),
    ],
)
def test_evaluate_locate_gold_span(quote, expected):
    text = "The blue widget. We collect some usage data."
    assert locate(text, quote) == expected


def test_evaluate_locate_ignores_spacing_quotes_and_escapes():
    text = "Your device\u2019s  Internet\nProtocol (\u201cIP\u201d) address."
    quote = 'your device\'s Internet Protocol (\\"IP\\") address'
    assert locate(text, quote) == (0, len(text) - 1)


# --- mapping -----------------------------------------------------------------------------------

TOY_ONTOLOGY = """
@prefix pd: <https://w3id.org/dpv/pd#> .
@prefix dpv: <https://w3id.org/dpv#> .
@prefix pg: <https://w3id.org/policygraph/ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
pd:Contact skos:inScheme pg:PersonalDataScheme ; skos:prefLabel "contact" .
pd:EmailAddress skos:inScheme pg:PersonalDataScheme ; skos:broader pd:Contact .
pd:EmailAddressWork skos:inScheme pg:PersonalDataScheme ; skos:broader pd:EmailAddress .
pd:PhysicalAddress skos:inScheme pg:PersonalDataScheme ; skos:broader pd:Contact, pd:Location .
pd:Location skos:inScheme pg:PersonalDataScheme .
"""
TOY_MAPPING = """
@prefix pd: <https://w3id.org/dpv/pd#> .
@prefix pg: <https://w3id.org/policygraph/ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
pg:opp115-data-Contact skos:inScheme pg:OPP115DataTypes ; skos:prefLabel "Contact" .
pg:opp115-data-Location skos:inScheme pg:OPP115DataTypes ; skos:prefLabel "Location" .
pd:Contact skos:closeMatch pg:opp115-data-Contact .
pd:Location skos:closeMatch pg:opp115-data-Location .
pg:gdpr-req-RightToAccess skos:inScheme pg:GDPRT200Requirements ; skos:prefLabel "Right to Access" .
<https://w3id.org/dpv/legal/eu/gdpr#A15> skos:closeMatch pg:gdpr-req-RightToAccess .
"""


@pytest.fixture
def toy_mapping() -> Mapping:
    lexicon = Lexicon(Graph().parse(data=TOY_ONTOLOGY, format="turtle"))
    return Mapping(Graph().parse(data=TOY_MAPPING, format="turtle"), lexicon)


@pytest.mark.parametrize(
    ("concept", "labels"),
    [
        ("pd:Contact", {"Contact"}),
        ("pd:EmailAddressWork", {"Contact"}),  # through two ancestors
        ("pd:PhysicalAddress", {"Contact", "Location"}),  # both parents are equally near
        ("pd:Unknown", set()),
    ],
)
def test_evaluate_mapping_nearest_ancestor(toy_mapping, concept, labels):
    assert toy_mapping.map(concept, "opp115-data") == labels


def test_evaluate_mapping_is_per_scheme(toy_mapping):
    assert toy_mapping.map("pd:Contact", "opp115-purpose") == set()


def _mapping_graph() -> Graph:
    return Graph().parse(mapping_file(), format="turtle")


def test_evaluate_mapping_file_targets_are_corpus_labels():
    g = _mapping_graph()
    schemes = {PG[local] for local, _, _ in SCHEMES.values()}
    for _, target in g.subject_objects(SKOS.closeMatch):
        assert g.value(target, SKOS.inScheme) in schemes, target


def test_evaluate_mapping_file_labels_match_constants():
    g = _mapping_graph()
    for scheme, (_, _, labels) in SCHEMES.items():
        for label in labels:
            assert str(g.value(label_iri(scheme, label), SKOS.prefLabel)) == label


def test_evaluate_mapping_file_every_label_has_a_concept():
    g = _mapping_graph()
    targets = set(g.objects(None, SKOS.closeMatch))
    for scheme, (_, _, labels) in SCHEMES.items():
        for label in labels:
            assert label_iri(scheme, label) in targets, (scheme, label)


def test_evaluate_mapping_file_uses_no_lexicon_scheme():
    known = {PG[s] for s in ("PersonalDataScheme", "PurposeScheme", "RecipientCategoryScheme")}
    assert not set(_mapping_graph().objects(None, SKOS.inScheme)) & known


def test_evaluate_requirements_read_from_the_mapping_have_links():
    g = _mapping_graph()
    mapped = [n for n, kind in REQUIREMENT_STATEMENTS.items() if "mapped to it" in kind.description]
    assert len(mapped) == 9
    for name in mapped:
        assert (None, SKOS.closeMatch, label_iri("gdpr-requirement", name)) in g, name


# --- aspects on hand-written facts -------------------------------------------------------------


def _doc(text: str) -> PolicyDoc:
    document = Document(text=text, source="t", sha256="0" * 64, media_type="text/plain")
    return PolicyDoc(document=document, company="Acme")


def _ev(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence(start, start + len(phrase), phrase)


@pytest.fixture
def ctx(toy_mapping) -> Context:
    return Context(toy_mapping.lexicon, toy_mapping)


def test_evaluate_opp115_data_types_from_first_party_practices(ctx):
    text = "We collect your e-mail. We share where you are. We do not collect your address."
    doc = _doc(text)
    doc.facts.practices = [
        Practice("collect", _ev(text, "We collect your e-mail."), data=["pd:EmailAddress"]),
        Practice("share", _ev(text, "We share where you are."), data=["pd:Location"]),
        Practice("collect", _ev(text, "We do not collect your address."), negated=True,
                 data=["pd:PhysicalAddress"]),
    ]  # fmt: skip
    assert set(opp115.data_types(doc, ctx)) == {"Contact"}
    assert set(opp115.data_types_shared(doc, ctx)) == {"Location"}


def test_evaluate_gdpr_data_categories_are_disclosed_by_denials_too(ctx):
    text = "We do not collect your address. We use it for ads."
    doc = _doc(text)
    doc.facts.practices = [
        Practice("collect", _ev(text, "We do not collect your address."), negated=True,
                 data=["pd:PhysicalAddress"]),
        Practice("use", _ev(text, "We use it for ads."), negated=True,
                 purposes=["dpv:Advertising"]),
    ]  # fmt: skip
    assert set(gdpr.requirements(doc, ctx)) == {"Data Categories"}


def test_evaluate_opp115_third_parties_named_and_roles(ctx):
    text = "We share data with Stripe and our affiliates."
    doc = _doc(text)
    stripe = Organisation("stripe", "Stripe", known=True)
    doc.facts.practices = [
        Practice("share", _ev(text, text), recipients=[
            Recipient("processor", organisation=stripe), Recipient("affiliate"),
        ]),
    ]  # fmt: skip
    assert set(opp115.third_parties(doc, ctx)) == {
        "Named third party",
        "Other part of company/affiliate",
    }


def test_evaluate_gdpr_requirements_grounded(ctx):
    text = "You may access your data. Write to dpo@acme.example. We keep logs."
    doc = _doc(text)
    doc.facts.mentions = [Mention("right", "eu-gdpr:A15", _ev(text, "You may access your data."))]
    doc.facts.contacts = [Contact("dpo", _ev(text, "Write to dpo@acme.example."))]
    pred = gdpr.requirements(doc, ctx)
    assert set(pred) == {"Right to Access", "DPO Contact"}
    gold = {"Right to Access": [Span(8, 14)], "DPO Contact": [Span(60, 64)]}
    assert score_grounded(pred, gold) == Counts(1, 1, 1)


@pytest.mark.parametrize(
    "other", ["You can opt out of Google Analytics here.", "Log in with your Google account."]
)
def test_evaluate_gdpr_named_recipients_skip_pointer_and_sign_in_sentences(other):
    text = f"We share usage data with Mixpanel. {other}"
    doc = _doc(text)
    doc.facts.organisations = [
        (Organisation("mixpanel", "Mixpanel", known=True), _ev(text, text[:34])),
        (Organisation("google", "Google", known=True), _ev(text, text[35:])),
    ]
    assert [key for key, _ in gdpr.named_predictions(doc)] == ["mixpanel"]


def test_evaluate_gdpr_named_recipients_skip_organisations_a_denial_excludes():
    text = "We share usage data with Mixpanel. We do not share personal data with Google."
    doc = _doc(text)
    mixpanel = Organisation("mixpanel", "Mixpanel", known=True)
    google = Organisation("google", "Google", known=True)
    denial = _ev(text, text[35:])
    doc.facts.practices = [
        Practice("share", denial, negated=True, recipients=[Recipient("third-party", google)]),
    ]
    doc.facts.organisations = [(mixpanel, _ev(text, text[:34])), (google, denial)]
    assert [key for key, _ in gdpr.named_predictions(doc)] == ["mixpanel"]


def test_evaluate_gdpr_controller_name_at_every_mention(ctx):
    text = "Welcome to Acme. Acme is the controller of your data; write to dpo@acme.example."
    pred = gdpr.requirements(_doc(text), ctx)
    assert [(s.start, s.end) for s in pred["Controller Name"]] == [(11, 15), (17, 21)]
    gold = {"Controller Name": [Span(17, 21)]}
    assert score_grounded(pred, gold) == Counts(1, 0, 0)


def test_evaluate_gdpr_controller_name_a_site_in_its_address(ctx):
    text = "Welcome to www.acme.example. Mail sales@acme.example or visit acme.example."
    doc = _doc(text)
    doc.company = "acme.example"
    pred = gdpr.requirements(doc, ctx)
    assert [s.text for s in pred["Controller Name"]] == ["acme.example", "acme.example"]
    assert [s.start for s in pred["Controller Name"]] == [15, text.rindex("acme.example")]


# --- gold files and the whole run --------------------------------------------------------------

# Invented policies, in the two corpora's formats.
OPP_TEXT = (
    "Acme Widgets collects your e-mail address when you register. "
    "We use cookies to remember you. "
    "We keep your data for two years."
)
GDPR_TEXT = (
    "Privacy notice of Bramble Apps.\n\n"
    "You have the right to access your personal data.\n\n"
    "We share usage data with Google Analytics for analytics."
)


def _span(text: str, phrase: str) -> dict:
    start = text.index(phrase)
    return {"text": phrase, "start": start, "end": start + len(phrase)}


def _write(tmp_path: Path) -> tuple[Path, Path]:
    opp = {
        "id": "opp:acme", "source": "OPP-115", "text": OPP_TEXT, "segments": [[0, len(OPP_TEXT)]],
        "gold": {
            "data_types": {
                "Contact": [_span(OPP_TEXT, "e-mail address")],
                "Financial": [_span(OPP_TEXT, "register")],
                "Other": [_span(OPP_TEXT, "data")],
            },
            "purposes": {}, "third_party_entity": {},
            "retention_period": {"Stated Period": [_span(OPP_TEXT, "two years")]},
            "named_third_party_mentions": ["Acme"],
        },
        "gold_by_category": {},
    }  # fmt: skip
    rights = {"Right to Access": [_span(GDPR_TEXT, "right to access your personal data")]}
    gdpr_record = {
        "id": "gdpr:bramble", "source": "GDPR-Transparency-200", "text": GDPR_TEXT,
        "passages": [],
        "gold": {
            **rights,
            "Data Recipients": [_span(GDPR_TEXT, "Google Analytics")],
            "Controller Name": [{"text": "bramble apps", "performed": True}],
        },
    }  # fmt: skip
    opp_path, gdpr_path = tmp_path / "opp.jsonl", tmp_path / "gdpr.jsonl"
    opp_path.write_text(json.dumps(opp) + "\n")
    gdpr_path.write_text(json.dumps(gdpr_record) + "\n")
    return opp_path, gdpr_path


def test_evaluate_load_gold_detects_corpus(tmp_path):
    opp_path, gdpr_path = _write(tmp_path)
    (opp,), (g,) = load_gold(opp_path), load_gold(gdpr_path)
    assert (opp.corpus, g.corpus) == ("opp115", "gdpr-t200")
    assert set(opp.labels("data_types")) == {"Contact", "Financial", "Other"}
    assert opp.labels("named_third_party_mentions") == {}
    # a span given without offsets is placed by its text
    assert g.labels("requirements")["Controller Name"][0].start == GDPR_TEXT.index("Bramble Apps")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"id": "x", "text": \n', "line 1: not JSON (Expecting value)"),
        (b'{"id": "x"}\n', "line 1: neither an OPP-115 nor a GDPR-T200 record"),
        (b"\xff\xfe{}\n", "not UTF-8 text (invalid byte at offset 0)"),
    ],
)
def test_evaluate_load_gold_rejects_a_bad_file_in_one_line(tmp_path, data, reason):
    path = tmp_path / "gold.jsonl"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        load_gold(path)
    assert info.value.reason == reason and info.value.path == str(path)


def test_evaluate_load_gold_keeps_line_separators_inside_strings(tmp_path):
    opp_path, _ = _write(tmp_path)
    record = json.loads(opp_path.read_text())
    record["text"] += "\u2028"
    opp_path.write_text(json.dumps(record, ensure_ascii=False) + "\n")
    (policy,) = load_gold(opp_path)
    assert policy.text.endswith("\u2028")


def test_evaluate_presence_gold_ignores_absence_values(tmp_path):
    opp_path, _ = _write(tmp_path)
    (policy,) = load_gold(opp_path)
    assert set(opp115.presence_gold(policy, ("retention_period",), "retention")) == {"retention"}
    assert opp115.presence_gold(policy, ("security_measures",), "security") == {}


def test_evaluate_end_to_end_structure(tmp_path):
    opp_path, gdpr_path = _write(tmp_path)
    for path, some_aspect in ((opp_path, "opp115.data_types"), (gdpr_path, "gdpr.requirements")):
        report = evaluate(path)
        assert report.policies == 1
        assert some_aspect in report.scores
        assert "evidence" in report.scores
        for score in report.scores.values():
            for value in (score.precision, score.recall, score.f1, score.macro_f1):
                assert value is None or 0.0 <= value <= 1.0
        data = report_to_json(report)
        json.dumps(data)
        assert data["policies"] == 1
        assert some_aspect in format_report(report)
        assert all(e.kind in {"miss", "false positive"} for e in report.errors)


def test_evaluate_requirements_aspect_brings_per_requirement(tmp_path):
    _, gdpr_path = _write(tmp_path)
    report = evaluate(gdpr_path, aspects=["gdpr.requirements"])
    assert "gdpr.requirement.Right to Access" in report.scores
    assert "evidence" not in report.scores
    # Data Categories is in no gold of the file and Financial is an OPP label: never a TP.
    assert report.scores["gdpr.requirements"].fn >= 1  # Controller Name or Data Recipients


def test_evaluate_unknown_aspect_is_an_error(tmp_path):
    from policygraph.errors import PolicyGraphError

    _, gdpr_path = _write(tmp_path)
    with pytest.raises(PolicyGraphError):
        evaluate(gdpr_path, aspects=["no.such"])


def test_evaluate_format_report_lists_errors():
    report = EvaluationReport(
        scores={"opp115.data_types": Score.from_counts([Counts(1, 1, 1)])},
        errors=[ErrorCase("p1", "opp115.data_types", "miss", "Financial", "card   number")],
        policies=1,
    )
    text = format_report(report, max_errors=5)
    assert "0.50" in text
    assert "[miss] opp115.data_types 'Financial' in p1: card number" in text


def test_evaluate_default_mapping_loads():
    assert default_mapping().map("pd:EmailAddress", "opp115-data") == {"Contact"}
