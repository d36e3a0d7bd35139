"""OPP-115 aspects: which closed labels (data types, purposes, kinds of third party, audiences)
and which practice categories (retention, security, access, choice) a policy states.

Every aspect is a per-policy set of labels, scored without span overlap except `evidence`.
Predictions come only from the extracted facts, mapped through ontology/mappings.ttl.
"""

from __future__ import annotations

from ..model import PolicyDoc
from ..text import slug
from .common import (
    Context,
    Labelled,
    Result,
    add,
    positive,
    score_evidence,
    score_labels,
    span_of,
    states_retention,
)
from .gold import GoldPolicy
from .mapping import OPP115_AUDIENCES, OPP115_DATA_TYPES, OPP115_PURPOSES, OPP115_THIRD_PARTIES
from .scoring import Span

ASPECTS = (
    "opp115.data_types", "opp115.data_types_shared", "opp115.purposes",
    "opp115.third_party_entity", "opp115.retention", "opp115.security", "opp115.access",
    "opp115.user_choice", "opp115.audiences", "evidence",
)  # fmt: skip

FIRST_PARTY_ACTIONS = {"collect", "use"}
SHARING_ACTIONS = {"share", "sell", "disclose", "transfer"}
COOKIES = "Cookies and tracking elements"
NAMED = "Named third party"
# A recipient with neither an organisation nor a mapped category: its role decides.
ROLE_LABELS = {
    "affiliate": "Other part of company/affiliate",
    "authority": "Unnamed third party",
    "processor": "Unnamed third party",
    "third-party": "Unnamed third party",
}

# Presence aspects: the gold keys of the OPP-115 category, and the values that deny the
# practice rather than state it (a policy saying users have "None" access states no access).
PRESENCE_GOLD = {
    "opp115.retention": ("retention_period", "retention_purpose", "retained_data_types"),
    "opp115.security": ("security_measures",),
    "opp115.access": ("access_rights", "access_scope"),
    "opp115.user_choice": ("user_choices",),
}
ABSENCE_VALUES = {"None", "Unspecified", "Not applicable", "No"}
ACCESS_RIGHTS = {
    "eu-gdpr:A15", "eu-gdpr:A16", "eu-gdpr:A17", "eu-gdpr:A20",
    "pg:CCPA-RightToKnow", "pg:CCPA-RightToCorrect", "pg:CCPA-RightToDelete",
}  # fmt: skip
CHOICE_RIGHTS = {
    "eu-gdpr:A7-3", "eu-gdpr:A18", "eu-gdpr:A21", "pg:CCPA-RightToOptOutOfSale",
    "pg:CCPA-RightToLimit",
}  # fmt: skip
# Which gold keys hold the evidence of a practice's content, for the `evidence` aspect.
# Every OPP-115 attribute that labels a data type or a purpose, whichever category it sits in
# (Data Retention has its own "retained data types" and "retention purpose").
EVIDENCE_KEYS = {
    "data": ("data_types", "data_types_shared", "retained_data_types"),
    "purposes": ("purposes", "retention_purpose"),
    "recipients": ("third_party_entity",),
    "subjects": ("audiences",),  # "we do not collect … from children under 13"
    "retention": ("retention_period",),
}


def score_policy(doc: PolicyDoc, gold: GoldPolicy, ctx: Context) -> dict[str, Result]:
    results = {}
    for aspect, (predict, key, labels) in LABEL_ASPECTS.items():
        pred = {label: spans for label, spans in predict(doc, ctx).items() if label in labels}
        results[aspect] = score_labels(gold.id, aspect, pred, _gold(gold, key, labels))
    for aspect, keys in PRESENCE_GOLD.items():
        label = aspect.split(".", 1)[1]
        pred = {label: spans} if (spans := PRESENCE[aspect](doc)) else {}
        results[aspect] = score_labels(gold.id, aspect, pred, presence_gold(gold, keys, label))
    results["evidence"] = evidence(doc, gold)
    return results


def _gold(gold: GoldPolicy, key: str, labels: tuple[str, ...]) -> Labelled:
    return {label: spans for label, spans in gold.labels(key).items() if label in labels}


def presence_gold(gold: GoldPolicy, keys: tuple[str, ...], label: str) -> Labelled:
    """{label: spans} when any of the category's keys has a value other than an absence value."""
    spans = [
        span
        for key in keys
        for value, value_spans in gold.labels(key).items()
        if value not in ABSENCE_VALUES
        for span in value_spans
    ]
    return {label: spans} if spans else {}


# --- predictions ---------------------------------------------------------------------------


def data_types(doc: PolicyDoc, ctx: Context) -> Labelled:
    """Data of the company's own collect/use practices; any cookie the policy describes."""
    out: Labelled = {}
    for p in positive(doc):
        if p.action in FIRST_PARTY_ACTIONS and not p.by_third_party:
            add(out, ctx.mapping.map_all(p.data, "opp115-data"), p.evidence)
    for cookie in doc.facts.cookies:
        add(out, [COOKIES], cookie.evidence)
    return out


def data_types_shared(doc: PolicyDoc, ctx: Context) -> Labelled:
    """Data shared, sold, disclosed or transferred, and data third parties collect themselves
    (OPP-115's "Third Party Sharing/Collection" covers both)."""
    out: Labelled = {}
    for p in positive(doc):
        if p.action == "transfer" and not (p.recipients or p.locations):
            continue  # "transmitted using SSL": data moving, to no third party
        if p.action in SHARING_ACTIONS or p.by_third_party:
            add(out, ctx.mapping.map_all(p.data, "opp115-data"), p.evidence)
    for cookie in doc.facts.cookies:
        if cookie.provider is not None and slug(cookie.provider.key) not in doc.company_keys():
            add(out, [COOKIES], cookie.evidence)
    return out


def purposes(doc: PolicyDoc, ctx: Context) -> Labelled:
    out: Labelled = {}
    for p in positive(doc):
        add(out, ctx.mapping.map_all(p.purposes, "opp115-purpose"), p.evidence)
    return out


def third_parties(doc: PolicyDoc, ctx: Context) -> Labelled:
    """Named organisations -> "Named third party"; categories through the mapping; else role."""
    company = doc.company_keys()
    out: Labelled = {}
    for p in positive(doc):
        for r in p.recipients:
            if r.organisation is not None:
                labels = set() if slug(r.organisation.key) in company else {NAMED}
            else:
                labels = ctx.mapping.map(r.category, "opp115-party") if r.category else set()
                labels = labels or ({ROLE_LABELS[r.role]} if r.role in ROLE_LABELS else set())
            add(out, labels, p.evidence)
    return out


def audiences(doc: PolicyDoc, ctx: Context) -> Labelled:
    out: Labelled = {}
    for m in doc.facts.mentions:
        if m.kind == "audience":
            add(out, ctx.mapping.map(m.concept, "opp115-audience"), m.evidence)
    for child in doc.facts.children:
        add(out, ["Children"], child.evidence)
    return out


def _retention(doc: PolicyDoc) -> list[Span]:
    """The company's own retention: what a third party keeps is its own policy's matter."""
    return [
        span_of(p.evidence)
        for p in doc.facts.practices
        if states_retention(p) and not p.by_third_party
    ]


def _rights(doc: PolicyDoc, concepts: set[str]) -> list[Span]:
    return [
        span_of(m.evidence)
        for m in doc.facts.mentions
        if m.kind == "right" and m.concept in concepts
    ]


def _choices(doc: PolicyDoc) -> list[Span]:
    """Choices offered (opt-out links, browser or account settings, industry opt-outs)."""
    return [span_of(m.evidence) for m in doc.facts.mentions if m.kind == "choice"]


# aspect -> (prediction, gold key, the labels scored)
LABEL_ASPECTS = {
    "opp115.data_types": (data_types, "data_types", OPP115_DATA_TYPES),
    "opp115.data_types_shared": (data_types_shared, "data_types_shared", OPP115_DATA_TYPES),
    "opp115.purposes": (purposes, "purposes", OPP115_PURPOSES),
    "opp115.third_party_entity": (third_parties, "third_party_entity", OPP115_THIRD_PARTIES),
    "opp115.audiences": (audiences, "audiences", OPP115_AUDIENCES),
}
PRESENCE = {
    "opp115.retention": _retention,
    "opp115.security": lambda doc: [
        span_of(m.evidence) for m in doc.facts.mentions if m.kind == "measure"
    ],
    "opp115.access": lambda doc: _rights(doc, ACCESS_RIGHTS),
    "opp115.user_choice": lambda doc: _rights(doc, CHOICE_RIGHTS) + _choices(doc),
}


# --- evidence ------------------------------------------------------------------------------


def evidence(doc: PolicyDoc, gold: GoldPolicy) -> Result:
    spans = {
        content: [s for key in keys for v in gold.labels(key).values() for s in v]
        for content, keys in EVIDENCE_KEYS.items()
    }
    return score_evidence(gold.id, doc.facts.practices, spans)
