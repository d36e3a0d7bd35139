"""SHACL audits on hand-built policy graphs: each requirement met, missing or partial as stated."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from policygraph import iris
from policygraph.audit import (
    AuditError,
    AuditReport,
    AuditRow,
    applicable_laws,
    audit_graph,
    audit_graph_iri,
    audit_store,
    load_audit_shapes,
    parse_law,
    render_audit,
    requirements,
)
from policygraph.build import build_graph
from policygraph.model import (
    Contact,
    Cookie,
    Document,
    Evidence,
    Mention,
    Organisation,
    PolicyDoc,
    Practice,
    Recipient,
    Retention,
)
from policygraph.query import run_query
from policygraph.store import PolicyStore
from policygraph.vocab import PG

# One invented sentence per fact kind; offsets are found in TEXT so evidence is exact.
SENTENCES = {
    "name": "Nimbus Notes Ltd runs this note-taking app.",
    "contact": "Write to privacy@nimbus.example with any question.",
    "dpo": "Our data protection officer is reachable at dpo@nimbus.example.",
    "collect": "We collect your email address to run your account.",
    "basis": "We rely on our legitimate interests to keep the app secure.",
    "share": "We share your email address with Mailfox to send receipts.",
    "transfer": "Mailfox may transfer data to the United States under model clauses.",
    "retain": "We keep account data for two years after you close your account.",
    "rights": "You may access, correct, erase, restrict, port and object, withdraw consent "
    "and complain to your supervisory authority; you are never subject to solely "
    "automated decisions.",
    "law": "This policy is written for the GDPR.",
    "sell": "We do not sell or share your personal information.",
    "ccpa": "California residents may know, delete and correct their data, opt out, limit "
    "sensitive data and will not be discriminated against.",
    "source": "We also receive your name from the friends who invite you.",
    "necessity": "You must provide an email address, or we cannot open your account.",
}
TEXT = " ".join(SENTENCES.values())
MAILFOX = Organisation("mailfox", "Mailfox", known=False)
GDPR_RIGHTS = ["A15", "A16", "A17", "A18", "A20", "A21", "A7-3", "A77", "A22"]
CCPA_RIGHTS = [
    "RightToKnow", "RightToDelete", "RightToCorrect", "RightToOptOutOfSale",
    "RightToLimitSensitive", "RightToNonDiscrimination",
]  # fmt: skip
GDPR_DISCLOSURES = {
    "gdpr-13-1-a-controller-identity", "gdpr-13-1-a-controller-contact", "gdpr-13-1-b-dpo",
    "gdpr-13-1-c-purposes", "gdpr-13-1-c-legal-basis", "gdpr-13-1-d-legitimate-interests",
    "gdpr-13-1-e-recipients", "gdpr-13-1-f-transfers", "gdpr-13-2-a-retention",
    "gdpr-15-access", "gdpr-16-rectification", "gdpr-17-erasure", "gdpr-18-restriction",
    "gdpr-20-portability", "gdpr-21-object", "gdpr-7-3-withdraw-consent", "gdpr-77-complaint",
    "gdpr-13-2-f-automated-decisions", "gdpr-14-1-d-data-categories", "gdpr-14-2-f-source",
    "gdpr-13-2-e-provision",
}  # fmt: skip


def ev(key: str) -> Evidence:
    start = TEXT.index(SENTENCES[key])
    return Evidence(start, start + len(SENTENCES[key]), SENTENCES[key], "Privacy")


def make_policy(drop: frozenset[str] = frozenset(), sha: str = "b" * 64, **changes) -> PolicyDoc:
    """A policy that discloses everything GDPR and CCPA ask; `drop` leaves facts out."""
    document = Document(text=TEXT, source="nimbus.md", sha256=sha, media_type="text/markdown")
    doc = PolicyDoc(document=document, company=changes.get("company", "Nimbus Notes"))
    facts = doc.facts
    if "contact" not in drop:
        facts.contacts.append(Contact("privacy", ev("contact"), email="privacy@nimbus.example"))
    if "dpo" not in drop:
        facts.contacts.append(Contact("dpo", ev("dpo"), email="dpo@nimbus.example"))
    if "collect" not in drop:
        facts.practices.append(
            Practice("collect", ev("collect"), data=["pd:EmailAddress"],
                     purposes=[] if "purpose" in drop else ["dpv:ServiceProvision"],
                     legal_bases=[] if "basis" in drop else ["eu-gdpr:A6-1-b"])
        )  # fmt: skip
    if "li" not in drop:
        facts.practices.append(
            Practice("use", ev("basis"), data=["pd:IPAddress"], purposes=["dpv:ServiceProvision"],
                     legal_bases=["dpv:LegitimateInterest"])
        )  # fmt: skip
    if "share" not in drop:
        facts.practices.append(
            Practice("share", ev("share"), data=["pd:EmailAddress"],
                     recipients=[Recipient("processor", organisation=MAILFOX)])
        )  # fmt: skip
    if "transfer" not in drop:
        facts.practices.append(
            Practice("transfer", ev("transfer"), data=["pd:EmailAddress"], locations=["loc:US"],
                     safeguards=[] if "safeguard" in drop else ["eu-gdpr:A46-2-c"])
        )  # fmt: skip
    if "retain" not in drop:
        facts.practices.append(
            Practice("retain", ev("retain"), data=["pd:EmailAddress"],
                     retention=Retention("P2Y", None, "two years"))
        )  # fmt: skip
    for right in GDPR_RIGHTS:
        if right not in drop:
            facts.mentions.append(Mention("right", f"eu-gdpr:{right}", ev("rights")))
    for right in CCPA_RIGHTS:
        if right not in drop:
            facts.mentions.append(Mention("right", f"pg:CCPA-{right}", ev("ccpa")))
    if "law" not in drop:
        facts.mentions.append(Mention("law", "legal-eu:law-GDPR", ev("law")))
    if "sell" not in drop:
        for action in ("sell", "share"):
            denial = Practice(action, ev("sell"), negated=True, data=["dpv:PersonalData"])
            facts.practices.append(denial)
    if "source" not in drop:
        facts.mentions.append(Mention("source", "dpv:ThirdPartyDataSource", ev("source")))
    if "necessity" not in drop:
        facts.mentions.append(Mention("necessity", "pg:ConsequenceOfNotProviding", ev("necessity")))
    for practice in changes.get("practices", []):
        facts.practices.append(practice)
    for cookie in changes.get("cookies", []):
        facts.cookies.append(cookie)
    for mention in changes.get("mentions", []):
        facts.mentions.append(mention)
    return doc


def graph_of(doc: PolicyDoc) -> Graph:
    return build_graph(doc)


def statuses(rows: list[AuditRow]) -> dict[str, str]:
    return {r.requirement: r.status for r in rows}


@pytest.fixture(scope="module")
def full_rows() -> list[AuditRow]:
    return audit_graph(graph_of(make_policy()), "all")


# --- the requirement catalogue ------------------------------------------------------------------


def test_audit_every_shape_is_a_documented_requirement():
    reqs = requirements(load_audit_shapes())
    ids = [r.id for r in reqs]
    assert len(ids) == len(set(ids))
    assert set(ids) >= GDPR_DISCLOSURES
    for r in reqs:
        assert r.law in ("gdpr", "ccpa", "consistency"), r.id
        assert r.article and r.message and r.severity in ("Violation", "Warning", "Info"), r.id
        assert r.evidence_query, r.id
        assert str(r.shape).endswith(r.id), r.id


def test_audit_complete_policy_meets_everything(full_rows):
    got = statuses(full_rows)
    for requirement, status in got.items():
        if requirement.startswith(("gdpr", "ccpa")):
            assert status == "met", requirement
    assert got["consistency-denied-collect-shared"] == "not-applicable"


def test_audit_evidence_for_recipients_is_a_sharing_naming_organisations():
    doc = make_policy(frozenset())
    stripe = Organisation("stripe", "Stripe", known=True)
    doc.facts.practices.insert(
        0, Practice("use", ev("contact"), recipients=[Recipient("processor", category="pg:Apps")])
    )
    doc.facts.practices.append(
        Practice("share", ev("source"), data=["pd:Name"],
                 recipients=[Recipient("processor", organisation=stripe),
                             Recipient("processor", organisation=MAILFOX)])
    )  # fmt: skip
    by_id = {r.requirement: r for r in audit_graph(graph_of(doc), "gdpr")}
    assert by_id["gdpr-13-1-e-recipients"].evidence == SENTENCES["source"]


def test_audit_recipients_stated_by_a_denial():
    # "recipients ..., if any": saying who does not receive data is saying who does
    doc = make_policy(frozenset({"share"}))
    doc.facts.practices.append(
        Practice("share", ev("sell"), negated=True, data=["dpv:PersonalData"],
                 recipients=[Recipient("third-party", category="pg:ThirdParties")])
    )  # fmt: skip
    by_id = {r.requirement: r for r in audit_graph(graph_of(doc), "gdpr")}
    assert by_id["gdpr-13-1-e-recipients"].status == "met"
    assert by_id["gdpr-13-1-e-recipients"].evidence == SENTENCES["sell"]


def test_audit_controller_identity_quotes_the_legal_entity_first():
    # "nimbus" is in a fact's sentence (privacy@nimbus.example), the legal entity only in text
    doc = make_policy(frozenset(), company="Nimbus")
    doc.legal_name = "Nimbus Notes Ltd"
    by_id = {r.requirement: r for r in audit_graph(graph_of(doc), "gdpr")}
    assert by_id["gdpr-13-1-a-controller-identity"].evidence.startswith(SENTENCES["name"])
    doc.legal_name = None
    by_id = {r.requirement: r for r in audit_graph(graph_of(doc), "gdpr")}
    assert by_id["gdpr-13-1-a-controller-identity"].evidence == SENTENCES["contact"]


def test_audit_met_rows_quote_their_evidence(full_rows):
    by_id = {r.requirement: r for r in full_rows}
    assert by_id["gdpr-15-access"].evidence == SENTENCES["rights"]
    assert by_id["gdpr-13-1-b-dpo"].evidence == SENTENCES["dpo"]
    assert by_id["gdpr-13-2-a-retention"].evidence == SENTENCES["retain"]
    assert by_id["gdpr-13-1-a-controller-identity"].evidence.startswith(SENTENCES["name"])
    assert by_id["ccpa-sale-sharing"].evidence == SENTENCES["sell"]
    start = TEXT.index(SENTENCES["rights"])
    end = start + len(SENTENCES["rights"])
    assert by_id["gdpr-15-access"].evidence_iri.endswith(f"/text/{start}-{end}")


@pytest.mark.parametrize(
    ("drop", "requirement", "status"),
    [
        ({"contact"}, "gdpr-13-1-a-controller-contact", "missing"),
        ({"dpo"}, "gdpr-13-1-b-dpo", "missing"),
        ({"purpose", "li"}, "gdpr-13-1-c-purposes", "missing"),
        ({"basis", "li"}, "gdpr-13-1-c-legal-basis", "missing"),
        ({"share"}, "gdpr-13-1-e-recipients", "missing"),
        ({"retain"}, "gdpr-13-2-a-retention", "missing"),
        ({"A15"}, "gdpr-15-access", "missing"),
        ({"A16"}, "gdpr-16-rectification", "missing"),
        ({"A17"}, "gdpr-17-erasure", "missing"),
        ({"A18"}, "gdpr-18-restriction", "missing"),
        ({"A20"}, "gdpr-20-portability", "missing"),
        ({"A21"}, "gdpr-21-object", "missing"),
        ({"A7-3"}, "gdpr-7-3-withdraw-consent", "missing"),
        ({"A77"}, "gdpr-77-complaint", "missing"),
        ({"A22"}, "gdpr-13-2-f-automated-decisions", "missing"),
        ({"source"}, "gdpr-14-2-f-source", "missing"),
        ({"necessity"}, "gdpr-13-2-e-provision", "missing"),
        (
            {"collect", "share", "transfer", "retain", "sell", "li"},
            "gdpr-14-1-d-data-categories",
            "missing",
        ),
        ({"safeguard"}, "gdpr-13-1-f-transfers", "partial"),
        ({"transfer"}, "gdpr-13-1-f-transfers", "not-applicable"),
        ({"li"}, "gdpr-13-1-d-legitimate-interests", "not-applicable"),
        ({"collect"}, "ccpa-categories-collected", "missing"),
        ({"sell"}, "ccpa-sale-sharing", "missing"),
        ({"contact", "dpo"}, "ccpa-how-to-exercise", "missing"),
        # The general rights granted to every user count for Californians too (access only in
        # part: the right to know covers more), and the opt-out arises only when selling is not
        # denied.
        ({"RightToKnow"}, "ccpa-right-to-know", "partial"),
        ({"RightToKnow", "A15"}, "ccpa-right-to-know", "missing"),
        ({"RightToDelete"}, "ccpa-right-to-delete", "met"),
        ({"RightToDelete", "A17"}, "ccpa-right-to-delete", "missing"),
        ({"RightToCorrect"}, "ccpa-right-to-correct", "met"),
        ({"RightToCorrect", "A16"}, "ccpa-right-to-correct", "missing"),
        ({"RightToOptOutOfSale"}, "ccpa-right-to-opt-out", "not-applicable"),
        ({"RightToOptOutOfSale", "sell"}, "ccpa-right-to-opt-out", "missing"),
        ({"RightToLimitSensitive"}, "ccpa-right-to-limit", "missing"),
        ({"RightToNonDiscrimination"}, "ccpa-non-discrimination", "missing"),
    ],
)
def test_audit_dropping_a_fact_fails_only_its_requirement(drop, requirement, status):
    rows = audit_graph(graph_of(make_policy(frozenset(drop))), "gdpr,ccpa")
    got = statuses(rows)
    assert got[requirement] == status
    changed = {k for k, v in got.items() if v != "met" and k != requirement}
    # Dropping a fact may switch off a conditional requirement, never fail another one.
    also = _ALSO_AFFECTED.get(requirement, set())
    assert all(got[k] == "not-applicable" or k in also for k in changed), changed


_ALSO_AFFECTED = {
    "gdpr-14-1-d-data-categories": {
        "gdpr-13-1-c-purposes", "gdpr-13-1-c-legal-basis", "gdpr-13-1-e-recipients",
        "gdpr-13-2-a-retention", "gdpr-14-2-f-source", "ccpa-categories-collected",
        "ccpa-sale-sharing",
    },
    "ccpa-right-to-know": {"gdpr-15-access"},
    "ccpa-right-to-delete": {"gdpr-17-erasure"},
    "ccpa-right-to-correct": {"gdpr-16-rectification"},
    "ccpa-right-to-opt-out": {"ccpa-sale-sharing"},
    "ccpa-categories-collected": {
        "gdpr-13-1-c-purposes", "gdpr-13-1-d-legitimate-interests", "gdpr-14-2-f-source",
    },
    "ccpa-how-to-exercise": {"gdpr-13-1-a-controller-contact", "gdpr-13-1-b-dpo"},
    "gdpr-13-1-c-purposes": {"gdpr-13-1-d-legitimate-interests"},
    "gdpr-13-1-c-legal-basis": {"gdpr-13-1-d-legitimate-interests"},
}  # fmt: skip


@pytest.mark.parametrize(
    "drop",
    [frozenset(), frozenset({"li"}), frozenset({"purpose"}), frozenset({"safeguard", "A15"}),
     frozenset({"collect", "share", "transfer", "retain", "sell", "li"}),
     frozenset({"contact", "dpo", "RightToKnow", "A22", "law"})],
)  # fmt: skip
def test_audit_skipping_conforming_shapes_changes_nothing(drop, monkeypatch):
    # Shapes whose pg:conformsQuery or pg:failsQuery holds (or whose SPARQL finds nothing) are
    # not run by pyshacl; running every arising shape must give the same rows and an isomorphic
    # report.
    from rdflib.compare import isomorphic

    from policygraph.audit import LAWS, Auditor

    cookie = Cookie("_ad", ev("share"), provider=MAILFOX)
    denial = Practice("sell", ev("sell"), negated=True)
    ads = Practice("share", ev("share"), purposes=["dpv:Advertising"])
    doc = make_policy(drop, cookies=[cookie], practices=[denial, ads])
    fast = Auditor().audit(graph_of(doc), LAWS)
    monkeypatch.setattr(Auditor, "_conforms", lambda self, req, data, policy: False)
    slow = Auditor()
    slow.requirements = [replace(r, fails_query=None) for r in slow.requirements]
    full = slow.audit(graph_of(doc), LAWS)
    assert fast.rows == full.rows
    assert "conflict" in {r.status for r in fast.rows}
    report = Graph().parse(data=fast.report_nt, format="nt")
    assert isomorphic(report, Graph().parse(data=full.report_nt, format="nt"))


def test_audit_fails_query_only_on_shapes_whose_failure_it_can_write():
    from policygraph.audit import Auditor, load_audit_shapes

    shapes = Graph()
    shapes += load_audit_shapes()  # a copy: the parsed shapes are shared
    sparql_shape = URIRef("https://w3id.org/policygraph/shapes#gdpr-13-1-a-controller-identity")
    shapes.add((sparql_shape, PG.failsQuery, Literal("ASK { $this a pg:PrivacyPolicy }")))
    with pytest.raises(AuditError, match="failsQuery"):
        Auditor(shapes)


def test_audit_missing_rows_give_the_reason_not_a_quote():
    rows = audit_graph(graph_of(make_policy(frozenset({"A15"}))), "gdpr")
    row = next(r for r in rows if r.requirement == "gdpr-15-access")
    assert row.status == "missing" and row.severity == "Violation"
    assert "copy of their data" in row.reason and "Art. 15" in row.reason
    assert row.evidence == ""


def test_audit_controller_identity_needs_the_name_in_the_text():
    rows = audit_graph(graph_of(make_policy(company="Cirrus Widgets")), "gdpr")
    assert statuses(rows)["gdpr-13-1-a-controller-identity"] == "missing"


def test_audit_legitimate_interests_without_purpose_is_partial():
    # The legitimate-interest mention has no purpose, and the only purpose sits on a practice
    # based on contract: the interests themselves are never stated.
    mention = Mention("legal-basis", "dpv:LegitimateInterest", ev("basis"))
    rows = audit_graph(graph_of(make_policy(frozenset({"li"}), mentions=[mention])), "gdpr")
    assert statuses(rows)["gdpr-13-1-d-legitimate-interests"] == "partial"
    row = next(r for r in rows if r.requirement == "gdpr-13-1-d-legitimate-interests")
    assert row.evidence == SENTENCES["basis"]


def test_audit_legitimate_interests_with_purpose_is_met(full_rows):
    assert statuses(full_rows)["gdpr-13-1-d-legitimate-interests"] == "met"


def test_audit_transfer_partial_quotes_the_transfer():
    rows = audit_graph(graph_of(make_policy(frozenset({"safeguard"}))), "gdpr")
    row = next(r for r in rows if r.requirement == "gdpr-13-1-f-transfers")
    assert (row.status, row.evidence) == ("partial", SENTENCES["transfer"])
    assert "safeguard" in row.reason


# --- consistency --------------------------------------------------------------------------------


def test_audit_consistency_denied_collection_but_shared():
    denial = Practice("collect", ev("sell"), negated=True, data=["pd:EmailAddress"])
    rows = audit_graph(graph_of(make_policy(practices=[denial])), "consistency")
    row = next(r for r in rows if r.requirement == "consistency-denied-collect-shared")
    assert row.status == "conflict"
    assert SENTENCES["share"] in row.evidence and SENTENCES["sell"] in row.evidence


def test_audit_consistency_cookie_provider_missing_from_recipients():
    tracker = Organisation("pixelhound", "Pixelhound", known=False)
    cookie = Cookie("_ph", ev("share"), provider=tracker)
    rows = audit_graph(graph_of(make_policy(cookies=[cookie])), "consistency")
    row = next(r for r in rows if r.requirement == "consistency-cookie-provider-undisclosed")
    assert row.status == "conflict" and "Pixelhound" in row.reason


def test_audit_consistency_cookie_provider_named_as_recipient_is_fine():
    cookie = Cookie("_mf", ev("share"), provider=MAILFOX)
    rows = audit_graph(graph_of(make_policy(cookies=[cookie])), "consistency")
    assert statuses(rows)["consistency-cookie-provider-undisclosed"] == "met"


@pytest.mark.parametrize(
    "practice",
    [
        Practice("share", ev("share"), data=["pd:EmailAddress"],
                 purposes=["dpv:TargetedAdvertising"]),
        Practice("share", ev("share"), data=["pd:EmailAddress"], purposes=["dpv:Advertising"]),
        Practice("share", ev("share"), data=["pd:EmailAddress"],
                 recipients=[Recipient("recipient", category="pg:Advertisers")]),
    ],
)  # fmt: skip
def test_audit_consistency_no_sale_but_sharing_for_ads(practice):
    rows = audit_graph(graph_of(make_policy(practices=[practice])), "consistency")
    assert statuses(rows)["consistency-no-sale-but-ad-sharing"] == "conflict"


def test_audit_consistency_no_sale_and_no_ads_is_fine(full_rows):
    assert statuses(full_rows)["consistency-no-sale-but-ad-sharing"] == "met"


# --- applicability ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "laws"),
    [
        (Mention("law", "legal-eu:law-GDPR", ev("law")), ["gdpr"]),
        (Mention("law", "legal-gb:law-GDPR", ev("law")), ["gdpr"]),
        (Mention("law", "legal-us:law-CA-CCPA", ev("law")), ["ccpa"]),
        (Mention("law", "legal-us:law-CA-CPRA", ev("law")), ["ccpa"]),
        (Mention("audience", "pg:EUResidents", ev("law")), ["gdpr"]),
        (Mention("audience", "pg:CaliforniaResidents", ev("law")), ["ccpa"]),
        (Mention("location", "loc:DE", ev("law"), relation="establishment"), ["gdpr"]),
        (Mention("location", "loc:DE-BY", ev("law"), relation="establishment"), ["gdpr"]),
        (Mention("location", "loc:US-CA", ev("law"), relation="establishment"), ["ccpa"]),
        (Mention("location", "loc:DE", ev("law"), relation="storage"), []),
        (Mention("location", "loc:US", ev("law"), relation="establishment"), []),
        (Mention("law", "pg:law-PIPEDA", ev("law")), []),
    ],
)
def test_audit_applicable_laws(mention, laws):
    doc = make_policy(frozenset({"law"}), mentions=[mention])
    assert applicable_laws(build_graph(doc)) == laws


def test_audit_auto_runs_only_applicable_sets():
    rows = audit_graph(graph_of(make_policy()), "auto")
    assert {r.law for r in rows} == {"gdpr", "consistency"}
    rows = audit_graph(graph_of(make_policy(frozenset({"law"}))), "auto")
    assert {r.law for r in rows} == {"consistency"}


@pytest.mark.parametrize(
    ("law", "parsed"),
    [
        ("auto", None),
        ("all", ("gdpr", "ccpa", "consistency")),
        ("gdpr", ("gdpr",)),
        ("ccpa, gdpr", ("gdpr", "ccpa")),
        (["CCPA"], ("ccpa",)),
    ],
)
def test_audit_parse_law(law, parsed):
    assert parse_law(law) == parsed


def test_audit_parse_law_rejects_unknown():
    with pytest.raises(AuditError, match="pipeda"):
        parse_law("gdpr,pipeda")


# --- exit status and rendering ------------------------------------------------------------------


def _row(status: str, severity: str, **kw) -> AuditRow:
    base = AuditRow("p", "Acme", "gdpr", "gdpr-15-access", "GDPR Art. 15", status, severity, "")
    return replace(base, **kw)


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        ([], 0),
        ([_row("met", "Violation"), _row("missing", "Info")], 0),
        ([_row("not-applicable", "Violation")], 0),
        ([_row("missing", "Warning")], 2),
        ([_row("partial", "Warning"), _row("missing", "Violation")], 1),
        ([_row("conflict", "Violation")], 1),
    ],
)
def test_audit_exit_code(rows, code):
    assert AuditReport(rows=rows, checked=1).exit_code == code


def test_audit_render_formats(full_rows):
    report = AuditReport(rows=full_rows, checked=1)
    table = render_audit(report, "table")
    assert "gdpr-15-access" in table and "(1 policy:" in table
    records = list(csv.DictReader(io.StringIO(render_audit(report, "csv"))))
    assert len(records) == len(full_rows)
    assert {"policy", "requirement", "status", "evidence"} <= set(records[0])
    body = json.loads(render_audit(report, "json"))
    assert body["exit_code"] == report.exit_code and len(body["rows"]) == len(full_rows)
    with pytest.raises(AuditError):
        render_audit(report, "xml")


def test_audit_render_html_escapes():
    row = _row("met", "Violation", company_label="<script>alert(1)</script>",
               evidence='He said "hi" & <b>left</b>')  # fmt: skip
    page = render_audit(AuditReport(rows=[row], checked=1), "html")
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;left&lt;/b&gt;" in page


# --- the store ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def audited_store():
    store = PolicyStore()
    docs = {
        "full": make_policy(),
        "no-dpo": make_policy(frozenset({"dpo", "A15"}), sha="c" * 64, company="Nimbus Notes"),
        "not-eu": make_policy(frozenset({"law"}), sha="d" * 64),
    }
    for doc in docs.values():
        store.replace_graph(iris.policy_graph(doc.document.sha256), graph_of(doc))
    report = audit_store(store)
    return store, report, docs


def test_audit_store_saves_one_audit_graph_per_policy(audited_store):
    store, report, docs = audited_store
    assert report.checked == 3
    for doc in docs.values():
        name = audit_graph_iri(doc.document.sha256)
        assert name == URIRef(f"{iris.policy_graph(doc.document.sha256)}/audit")
        assert store.has_graph(name)
    assert report.laws[str(iris.policy("d" * 64))] == ["consistency"]
    # Audit graphs are not policies: a second run audits the same three graphs.
    again = audit_store(store, save=False)
    assert again.checked == 3 and again.rows == report.rows


def test_audit_store_graph_holds_the_shacl_report(audited_store):
    store, _, _ = audited_store
    name = audit_graph_iri("c" * 64)
    g = store.graph(name)
    from policygraph.vocab import SH

    assert (name, SH.conforms, Literal(False)) in g
    assert any(g.subjects(SH.sourceShape, None))
    assert (name, PG.auditOf, iris.policy("c" * 64)) in g


def test_audit_query_missing_requirement(audited_store):
    store, _, _ = audited_store
    result = run_query(store, "audit-missing", {"requirement": "gdpr-15-access"})
    assert "requirement" in result.columns
    policies = {str(row[0]) for row in result.rows}
    assert policies == {str(iris.policy("c" * 64))}
    row = dict(zip(result.columns, result.rows[0], strict=True))
    assert str(row["status"]) == "missing" and str(row["severity"]) == "Violation"


def test_audit_query_gdpr_no_dpo(audited_store):
    store, _, _ = audited_store
    result = run_query(store, "audit-gdpr-no-dpo")
    assert [str(row[0]) for row in result.rows] == [str(iris.policy("c" * 64))]
    one = run_query(store, "audit-gdpr-no-dpo", {"policy": str(iris.policy("b" * 64))})
    assert one.rows == []


def test_audit_store_restricts_to_given_policies(audited_store):
    store, _, _ = audited_store
    report = audit_store(store, [iris.policy("b" * 64)], law="gdpr", save=False)
    assert report.checked == 1 and {r.law for r in report.rows} == {"gdpr"}
    with pytest.raises(AuditError):
        audit_store(store, [URIRef("urn:nope")], save=False)
    by_graph = audit_store(store, [iris.policy_graph("b" * 64)], law="gdpr", save=False)
    assert by_graph.rows == report.rows


def test_audit_store_finds_a_policy_in_a_graph_named_otherwise(tmp_path):
    store = PolicyStore(tmp_path / "store")
    graph = URIRef("urn:imported:nimbus")  # `policygraph import` keeps the file's graph names
    store.replace_graph(graph, graph_of(make_policy()))
    report = audit_store(store, [iris.policy("b" * 64)], law="gdpr", save=False)
    assert report.checked == 1 and report.rows


def test_audit_two_workers_match_one(audited_store):
    store, report, _ = audited_store
    parallel = audit_store(store, workers=2, save=False)
    assert parallel.rows == report.rows and parallel.laws == report.laws


def test_audit_consistency_first_party_cookie_under_a_longer_name_is_fine():
    cookie = Cookie(
        "_nn", ev("share"), provider=Organisation("nimbus-notes-ltd", "Nimbus Notes Ltd", False)
    )
    rows = audit_graph(graph_of(make_policy(cookies=[cookie])), "consistency")
    assert statuses(rows)["consistency-cookie-provider-undisclosed"] == "met"


def test_audit_consistency_ignores_denials_about_some_people_only():
    # "We do not collect email addresses from children under 13"
    denial = Practice(
        "collect", ev("sell"), negated=True, data=["pd:EmailAddress"], data_subjects=["pg:Children"]
    )
    rows = audit_graph(graph_of(make_policy(practices=[denial])), "consistency")
    assert statuses(rows)["consistency-denied-collect-shared"] == "met"


def test_audit_consistency_a_sale_denied_for_minors_only_is_no_sale_denial():
    doc = make_policy(frozenset({"sell"}))
    doc.facts.practices += [
        Practice("sell", ev("sell"), negated=True, data=["dpv:PersonalData"],
                 data_subjects=["pg:Children"]),
        Practice("share", ev("share"), data=["pd:EmailAddress"], purposes=["dpv:Advertising"]),
    ]  # fmt: skip
    rows = audit_graph(graph_of(doc), "consistency")
    assert statuses(rows)["consistency-no-sale-but-ad-sharing"] == "not-applicable"


def test_audit_consistency_ignores_bare_personal_data_denials():
    # "We do not collect personal data from children" is scoped in ways the graph cannot show.
    denial = Practice("collect", ev("sell"), negated=True, data=["dpv:PersonalData"])
    share = Practice("share", ev("share"), data=["dpv:PersonalData"])
    rows = audit_graph(graph_of(make_policy(practices=[denial, share])), "consistency")
    assert statuses(rows)["consistency-denied-collect-shared"] == "met"


def test_audit_a_statement_about_automated_decisions_meets_art_13_2_f():
    said = Mention("decision", "pg:AutomatedDecisionMaking", ev("rights"))
    rows = audit_graph(graph_of(make_policy(frozenset({"A22"}), mentions=[said])), "gdpr")
    assert statuses(rows)["gdpr-13-2-f-automated-decisions"] == "met"


def test_audit_generic_personal_data_is_only_a_partial_category():
    doc = make_policy(frozenset({"collect", "share", "transfer", "retain", "sell", "li"}))
    doc.facts.practices.append(Practice("collect", ev("collect"), data=["dpv:PersonalData"]))
    got = statuses(audit_graph(graph_of(doc), "gdpr,ccpa"))
    assert got["gdpr-14-1-d-data-categories"] == "partial"
    assert got["ccpa-categories-collected"] == "partial"


def test_audit_transfer_without_a_place_is_no_transfer_abroad():
    doc = make_policy(frozenset({"transfer"}))
    doc.facts.practices.append(Practice("transfer", ev("transfer"), data=["pd:EmailAddress"]))
    assert statuses(audit_graph(graph_of(doc), "gdpr"))["gdpr-13-1-f-transfers"] == (
        "not-applicable"
    )


# --- shapes decided without pyshacl ---------------------------------------------------------------


def _policy_graphs_to_compare() -> list[Graph]:
    """Hand-built policies with each fact left out, and the bundled examples as extracted."""
    from pathlib import Path

    from policygraph.corpus import extract_file
    from policygraph.lexicon import default_lexicon
    from policygraph.pipeline import Pipeline

    facts = ("contact", "dpo", "purpose", "basis", "share", "transfer", "safeguard", "retain",
             "A15", "A17", "sell", "source", "necessity", "A22", "RightToKnow", "RightToDelete",
             "RightToOptOutOfSale")  # fmt: skip
    drops = [frozenset()] + [frozenset({f}) for f in facts]
    graphs = [graph_of(make_policy(d)) for d in drops]
    pipeline = Pipeline.from_config(default_lexicon())
    examples = Path(__file__).resolve().parents[1] / "examples"
    for path in sorted(examples.glob("*.*")):
        graph = Graph()
        for triple in extract_file(path, pipeline)[1]:
            graph.add(triple)
        graphs.append(graph)
    return graphs


def test_audit_exact_queries_agree_with_pyshacl():
    """Every shape the audit decides with its derived ASK fails in pyshacl exactly when the ASK
    is false, on every policy graph at hand."""
    from policygraph.audit.auditor import Auditor, audit_data
    from policygraph.store import GraphView
    from policygraph.vocab import SH

    auditor = Auditor()
    assert len(auditor._exact) >= 15  # the rights, roles and single-value requirements
    helpers = [URIRef(h) for h in auditor._helpers]
    checked = 0
    for graph in _policy_graphs_to_compare():
        data = audit_data(graph)
        policy = data.value(None, RDF.type, PG.PrivacyPolicy)
        view = GraphView(data)
        results = auditor._validate(data, list(auditor._exact) + helpers)
        failed = {
            results.value(r, SH.sourceShape)
            for r in results.subjects(RDF.type, SH.ValidationResult)
        }
        for shape, query in auditor._exact.items():
            assert view.ask(query, {"this": policy}) == (shape not in failed), (shape, policy)
            checked += 1
    assert checked > 300


def test_audit_marks_a_forced_law_that_does_not_apply():
    graph = graph_of(make_policy())
    assert "ccpa" not in applicable_laws(graph) and "gdpr" in applicable_laws(graph)
    report = AuditReport(rows=audit_graph(graph, "gdpr,ccpa"), checked=1)
    assert {r.law_applies for r in report.rows if r.law == "ccpa"} == {False}
    assert {r.law_applies for r in report.rows if r.law == "gdpr"} == {True}
    table = render_audit(report, "table")
    assert "ccpa (forced)" in table and "gdpr (forced)" not in table
    assert '"law_applies": false' in render_audit(report, "json")


@pytest.mark.parametrize(
    ("condition", "status"),
    [
        ("as long as necessary for the purposes described in this policy", "partial"),
        ("for no longer than is necessary", "partial"),
        ("not be kept for longer than necessary for that purpose", "partial"),
        ("when it is no longer needed for the purposes for which it was collected", "partial"),
        ("the minimum period necessary for the purposes set out in this notice", "partial"),
        ("when the customer account is removed", "met"),
        ("until you close your account", "met"),
        ("as long as your account is active", "met"),
        ("as long as necessary to comply with our legal obligations", "met"),
    ],
)
def test_audit_retention_as_long_as_necessary_is_only_partial(condition, status):
    # WP260 rev.01: "as long as necessary for the purposes" alone is not a retention criterion
    doc = make_policy(frozenset({"retain"}))
    doc.facts.practices.append(
        Practice("retain", ev("retain"), data=["pd:EmailAddress"],
                 retention=Retention(None, condition, condition))
    )  # fmt: skip
    assert statuses(audit_graph(graph_of(doc), "gdpr"))["gdpr-13-2-a-retention"] == status


def test_audit_data_categories_denied_altogether_is_partial():
    # "we do not collect any personal information" answers 14(1)(d) for all data at once
    doc = make_policy()
    doc.facts.practices = [
        Practice("collect", ev("collect"), negated=True, data=["dpv:PersonalData"])
    ]
    rows = audit_graph(graph_of(doc), "gdpr")
    assert statuses(rows)["gdpr-14-1-d-data-categories"] == "partial"


@pytest.mark.parametrize(("negated", "status"), [(True, "partial"), (False, "missing")])
def test_audit_retention_denied_is_partial(negated, status):
    # "we do not retain any personal data" answers for what it names; a bare "we retain it" not
    doc = make_policy(frozenset({"retain"}))
    doc.facts.practices.append(
        Practice("retain", ev("retain"), negated=negated, data=["dpv:PersonalData"])
    )
    rows = audit_graph(graph_of(doc), "gdpr")
    assert statuses(rows)["gdpr-13-2-a-retention"] == status


@pytest.mark.parametrize(
    ("necessity", "status"),
    [
        ("pg:ConsequenceOfNotProviding", "met"),  # what follows if people do not provide data
        ("dpv:Required", "partial"),  # only whether they must
        ("dpv:Optional", "partial"),
    ],
)
def test_audit_provision_needs_what_follows_if_data_are_not_provided(necessity, status):
    doc = make_policy(frozenset({"necessity"}))
    doc.facts.mentions.append(Mention("necessity", necessity, ev("necessity")))
    assert statuses(audit_graph(graph_of(doc), "gdpr"))["gdpr-13-2-e-provision"] == status


@pytest.mark.parametrize(
    ("data", "status"),
    [
        (["pg:CookieIdentifier"], "partial"),  # how long a cookie lasts, not the company's data
        (["pg:CookieIdentifier", "pd:EmailAddress"], "met"),
        ([], "met"),
    ],
)
def test_audit_retention_of_cookies_alone_is_only_partial(data, status):
    doc = make_policy(frozenset({"retain"}))
    doc.facts.practices.append(
        Practice("retain", ev("retain"), data=data, retention=Retention("P2Y", None, "two years"))
    )
    rows = audit_graph(graph_of(doc), "gdpr")
    assert statuses(rows)["gdpr-13-2-a-retention"] == status


def test_audit_evidence_names_the_most_data_categories():
    # not the earliest sentence with a category: the one that names most (a list, not its lead)
    doc = make_policy(frozenset())
    names = ["pd:Name", "pd:EmailAddress", "pd:IPAddress"]
    doc.facts.practices.insert(0, Practice("collect", ev("contact"), data=["dpv:PersonalData"]))
    doc.facts.practices.append(Practice("collect", ev("source"), data=names))
    by_id = {r.requirement: r for r in audit_graph(graph_of(doc), "gdpr,ccpa")}
    assert by_id["gdpr-14-1-d-data-categories"].evidence == SENTENCES["source"]
    assert by_id["ccpa-categories-collected"].evidence == SENTENCES["source"]


@pytest.mark.parametrize(
    ("extra", "status"),
    [
        ([Practice("sell", ev("sell"), negated=True, data=["dpv:PersonalData"])], "partial"),
        ([Practice("sell", ev("sell"), negated=True, data=["dpv:PersonalData"]),
          Practice("share", ev("share"), data=["pd:EmailAddress"],
                   purposes=["dpv:TargetedAdvertising"])], "met"),
        ([Practice("sell", ev("sell"), negated=True, data=["dpv:PersonalData"]),
          Practice("share", ev("share"), data=["pd:EmailAddress"],
                   recipients=[Recipient("recipient", category="pg:Advertisers")])], "met"),
        ([Practice("share", ev("share"), negated=True, data=["dpv:PersonalData"])], "partial"),
        ([], "missing"),
    ],
)  # fmt: skip
def test_audit_ccpa_sale_and_cpra_sharing(extra, status):
    # The CPRA's "sharing" (for cross-context behavioural advertising) is a second disclosure
    doc = make_policy(frozenset({"sell"}), practices=extra)
    assert statuses(audit_graph(graph_of(doc), "ccpa"))["ccpa-sale-sharing"] == status
