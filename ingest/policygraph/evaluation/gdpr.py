"""GDPR Transparency 200 aspects: which of the 21 Art. 13/14 requirements a policy meets, found
where the annotators found them, plus span recall of data categories, purposes and named
recipients.

A requirement is predicted when the extractor states at least one fact of its kind (the table
REQUIREMENT_STATEMENTS); it counts as found only when one such fact's evidence sentence overlaps
a gold span of that requirement. Spans annotated with performed=false ("we do not use automated
decision-making") still disclose the requirement, so they count like the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Evidence, PolicyDoc, Practice
from ..text import slug
from .common import (
    Context,
    Labelled,
    Result,
    positive,
    score_evidence,
    score_labels,
    score_spans,
    span_of,
    states_retention,
    unique,
)
from .gold import REQUIREMENTS_KEY, GoldPolicy
from .mapping import GDPR_REQUIREMENTS
from .report import FALSE_POSITIVE, MISS, ErrorCase
from .scoring import Counts, Span, overlaps, overlaps_any

Finder = Callable[[PolicyDoc, Context], list[Evidence]]


@dataclass(frozen=True)
class StatementKind:
    description: str  # the facts that state the requirement, for the docs and the report
    find: Finder


def _mapped(requirement: str, *kinds: str) -> Finder:
    """Mentions of `kinds` whose concept the reviewed mapping (ontology/mappings.ttl) links to
    the requirement: the GDPR article itself or its equivalent ("right to know", CCPA, is the
    right of access), and for objection the opt-outs a policy offers (Art. 21(2)-(3), as the
    corpus's annotators read them)."""
    return lambda doc, ctx: [
        m.evidence
        for m in doc.facts.mentions
        if m.kind in kinds and requirement in ctx.mapping.map(m.concept, "gdpr-requirement")
    ]


def _mentions(kind: str) -> Finder:
    return lambda doc, ctx: [m.evidence for m in doc.facts.mentions if m.kind == kind]


def _practices(test: Callable[[Practice], bool]) -> Finder:
    return lambda doc, ctx: [p.evidence for p in positive(doc) if test(p)]


def _with_data(doc: PolicyDoc) -> list[Practice]:
    """Practices naming data, denials included: "we do not collect your location" discloses a
    category too."""
    return [p for p in doc.facts.practices if p.data]


def _contacts(*roles: str) -> Finder:
    return lambda doc, ctx: [c.evidence for c in doc.facts.contacts if c.role in roles]


def _legal_bases(doc: PolicyDoc, ctx: Context) -> list[Evidence]:
    mentions = [m.evidence for m in doc.facts.mentions if m.kind == "legal-basis"]
    return mentions + [p.evidence for p in doc.facts.practices if p.legal_bases]


LEGITIMATE_INTERESTS = {"eu-gdpr:A6-1-f", "dpv:LegitimateInterest"}


def _legitimate_interests(doc: PolicyDoc, ctx: Context) -> list[Evidence]:
    def legitimate(concept: str) -> bool:
        return bool(({concept} | ctx.lexicon.ancestors(concept)) & LEGITIMATE_INTERESTS)

    mentions = [
        m.evidence for m in doc.facts.mentions if m.kind == "legal-basis" and legitimate(m.concept)
    ]
    practices = [p.evidence for p in doc.facts.practices if any(map(legitimate, p.legal_bases))]
    return mentions + practices


def _transfers(doc: PolicyDoc, ctx: Context) -> list[Evidence]:
    """Transfers to a place, safeguards, and data said to go abroad. A transfer practice with
    no place is left out: "may be transferred in a merger" is not a third-country transfer."""
    practices = [
        p.evidence
        for p in positive(doc)
        if (p.action == "transfer" and p.locations) or p.safeguards
    ]
    mentions = [
        m.evidence
        for m in doc.facts.mentions
        if m.kind == "location" and (m.relation == "transfer" or m.concept == "pg:OtherCountries")
    ]
    return practices + mentions


def _controller_name(doc: PolicyDoc, ctx: Context) -> list[Evidence]:
    """The company's own organisation mentions (its name or legal name) and every place naming
    doc.company: the corpus marks one of them, not always the first."""
    company = doc.company_keys()
    named = [ev for org, ev in doc.facts.organisations if slug(org.key) in company]
    if not doc.company:
        return named
    # As written and as a whole word: "acme" inside "dpo@acme.example" is not the name, but
    # "acme.example" inside "www.acme.example" is.
    whole = rf"(?:(?<=www\.)|(?<![\w@.])){re.escape(doc.company)}\b"
    return named + [
        Evidence(m.start(), m.end(), m.group()) for m in re.finditer(whole, doc.document.text)
    ]


_RIGHT = "Mention(right) mapped to it in ontology/mappings.ttl"
# Requirement -> the kind of extracted statement that meets it.
REQUIREMENT_STATEMENTS: dict[str, StatementKind] = {
    "Controller Name": StatementKind(
        "organisation mentions of doc.company, else the first sentence naming it",
        _controller_name,
    ),
    "Controller Contact": StatementKind(
        "Contact(role controller|privacy)", _contacts("controller", "privacy")
    ),
    "DPO Contact": StatementKind("Contact(role dpo)", _contacts("dpo")),
    "Data Categories": StatementKind(
        "practices with data, affirmed or denied",
        lambda doc, ctx: [p.evidence for p in _with_data(doc)],
    ),
    "Processing Purpose": StatementKind(
        "practices with purposes", _practices(lambda p: bool(p.purposes))
    ),
    "Legal Basis for Processing": StatementKind(
        "legal-basis mentions or practices with legal bases", _legal_bases
    ),
    "Legitimate Interests for Processing": StatementKind(
        "legal bases at or under eu-gdpr:A6-1-f / dpv:LegitimateInterest", _legitimate_interests
    ),
    "Data Recipients": StatementKind(
        'practices or denials with recipients ("we do not share with third parties" says who)',
        lambda doc, ctx: [p.evidence for p in doc.facts.practices if p.recipients],
    ),
    "Third-country Transfers": StatementKind(
        "transfer practices, practices with safeguards, location mentions (relation transfer)",
        _transfers,
    ),
    "Data Retention Period": StatementKind(
        "retain practices, affirmed or denied, or practices with a retention",
        lambda doc, ctx: [p.evidence for p in doc.facts.practices if states_retention(p)],
    ),
    "Source of Data": StatementKind("Mention(source)", _mentions("source")),
    "Mandatory Data Disclosure": StatementKind("Mention(necessity)", _mentions("necessity")),
    "Automated Decision-Making": StatementKind(
        "Mention(right) mapped to it, or Mention(decision)",
        lambda doc, ctx: (
            _mapped("Automated Decision-Making", "right")(doc, ctx)
            + _mentions("decision")(doc, ctx)
        ),
    ),
    "Right to Access": StatementKind(_RIGHT, _mapped("Right to Access", "right")),
    "Right to Rectification": StatementKind(_RIGHT, _mapped("Right to Rectification", "right")),
    "Right to Erasure": StatementKind(_RIGHT, _mapped("Right to Erasure", "right")),
    "Right to Restrict": StatementKind(_RIGHT, _mapped("Right to Restrict", "right")),
    "Right to Object": StatementKind(
        "Mention(right or choice) mapped to it (Art. 21, opt-outs)",
        _mapped("Right to Object", "right", "choice"),
    ),
    "Right to Portability": StatementKind(_RIGHT, _mapped("Right to Portability", "right")),
    "Right to Withdraw Consent": StatementKind(
        _RIGHT, _mapped("Right to Withdraw Consent", "right")
    ),
    "Right to Lodge Complaint": StatementKind(_RIGHT, _mapped("Right to Lodge Complaint", "right")),
}

ASPECTS = (
    "gdpr.requirements",
    *(f"gdpr.requirement.{name}" for name in GDPR_REQUIREMENTS),
    "gdpr.named_recipients",
    "gdpr.data_categories_recall",
    "gdpr.purposes_recall",
    "evidence",
)


def requirements(doc: PolicyDoc, ctx: Context) -> Labelled:
    out: Labelled = {}
    for name, kind in REQUIREMENT_STATEMENTS.items():
        spans = [span_of(ev) for ev in kind.find(doc, ctx)]
        if spans:
            out[name] = spans
    return out


def score_policy(doc: PolicyDoc, gold: GoldPolicy, ctx: Context) -> dict[str, Result]:
    pid, gold_req = gold.id, gold.labels(REQUIREMENTS_KEY)
    pred = requirements(doc, ctx)
    results = {
        "gdpr.requirements": score_labels(pid, "gdpr.requirements", pred, gold_req, grounded=True)
    }
    for name in GDPR_REQUIREMENTS:
        aspect = f"gdpr.requirement.{name}"
        one = {k: v for k, v in pred.items() if k == name}
        results[aspect] = score_labels(pid, aspect, one, _only(gold_req, name), grounded=True)
    results["gdpr.named_recipients"] = named_recipients(doc, gold, ctx)
    # data categories as the Data Categories requirement counts them; purposes only by what is done
    for aspect, requirement, stated in (
        ("gdpr.data_categories_recall", "Data Categories", _with_data(doc)),
        ("gdpr.purposes_recall", "Processing Purpose", [p for p in positive(doc) if p.purposes]),
    ):
        sentences = [span_of(p.evidence) for p in stated]
        results[aspect] = score_spans(
            pid, aspect, sentences, gold_req.get(requirement, []), requirement
        )
    results["evidence"] = score_evidence(
        pid,
        doc.facts.practices,
        {
            "data": gold_req.get("Data Categories", []),
            "purposes": gold_req.get("Processing Purpose", []),
            "recipients": gold_req.get("Data Recipients", []),
            "retention": gold_req.get("Data Retention Period", []),
            "transfers": gold_req.get("Third-country Transfers", []),
            "legal_bases": gold_req.get("Legal Basis for Processing", []),
        },
    )
    return results


def _only(labelled: Labelled, label: str) -> Labelled:
    return {label: labelled[label]} if label in labelled else {}


# --- named recipients ----------------------------------------------------------------------


def named_gold(gold: GoldPolicy, ctx: Context) -> list[tuple[Span, set[str]]]:
    """Data Recipients spans naming a registry organisation, with the keys named. The lexicon,
    not the gold, decides what a name is."""
    out = []
    for span in unique(gold.labels(REQUIREMENTS_KEY).get("Data Recipients", [])):
        keys = {m.curie.split(":", 1)[1] for m in ctx.lexicon.find(span.text, "organisation")}
        if keys and span.start is not None:
            out.append((span, keys))
    return out


# A sentence that only points somewhere (an opt-out page, another privacy policy, terms) or is
# about signing in names an organisation without giving it any data.
_POINTER = re.compile(
    r"\bopt[- ]?out\b|\bterms of (?:service|use)\b|\bsettings\b|\bfor more information\b"
    r"|\blearn (?:more|about)\b"
    # signing in with an account names where data come from, not where they go
    r"|\blog[- ]?in\b|\blogin\b|\bsign[- ]?in\b|\bconnect (?:to|with|your)\b|\baccount\b",
    re.IGNORECASE,
)


def named_predictions(doc: PolicyDoc) -> list[tuple[str, Span]]:
    """Organisations other than the company, as recipients of practices or mentioned at all
    (unless a denial there excludes them); one per organisation and sentence."""
    company = doc.company_keys()
    found = [
        (r.organisation.key, p.evidence)
        for p in positive(doc)
        for r in p.recipients
        if r.organisation
    ]
    # "we do not share data with Google Analytics" names an organisation that gets nothing
    denied = {
        (r.organisation.key, p.evidence.start)
        for p in doc.facts.practices
        if p.negated
        for r in p.recipients
        if r.organisation
    }
    found += [
        (org.key, ev)
        for org, ev in doc.facts.organisations
        if not _POINTER.search(ev.quote) and (org.key, ev.start) not in denied
    ]
    unique_found = {
        (key, ev.start): (key, span_of(ev)) for key, ev in found if slug(key) not in company
    }
    return list(unique_found.values())


def named_recipients(doc: PolicyDoc, gold: GoldPolicy, ctx: Context) -> Result:
    """Precision: predicted (organisation, sentence) pairs whose sentence overlaps any Data
    Recipients span. Recall: named gold spans overlapped by the sentence of a prediction of an
    organisation the span names."""
    every = gold.labels(REQUIREMENTS_KEY).get("Data Recipients", [])
    named, pred = named_gold(gold, ctx), named_predictions(doc)
    right = [(k, s) for k, s in pred if overlaps_any(s, every)]
    found = [(g, keys) for g, keys in named if any(k in keys and overlaps(s, g) for k, s in pred)]
    errors = [
        ErrorCase(gold.id, "gdpr.named_recipients", FALSE_POSITIVE, k, s.text)
        for k, s in pred
        if (k, s) not in right
    ]
    errors += [
        ErrorCase(gold.id, "gdpr.named_recipients", MISS, ", ".join(sorted(keys)), g.text)
        for g, keys in named
        if (g, keys) not in found
    ]
    return Counts(len(right), len(pred) - len(right), len(named) - len(found), len(found)), errors
