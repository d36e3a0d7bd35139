"""Helpers shared by the corpus modules: labelled predictions and gold, turned into counts and
error cases."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..lexicon import Lexicon
from ..model import Evidence, PolicyDoc, Practice
from .mapping import Mapping
from .report import FALSE_POSITIVE, MISS, ErrorCase
from .scoring import Counts, Span, grounded_labels, overlaps_any, score_grounded, score_sets

Labelled = dict[str, list[Span]]  # label -> evidence spans (predicted or gold)
Result = tuple[Counts, list[ErrorCase]]


@dataclass(frozen=True)
class Context:
    lexicon: Lexicon
    mapping: Mapping


def span_of(evidence: Evidence) -> Span:
    return Span(evidence.start, evidence.end, evidence.quote)


def add(labelled: Labelled, labels: Iterable[str], evidence: Evidence) -> None:
    for label in labels:
        labelled.setdefault(label, []).append(span_of(evidence))


def positive(doc: PolicyDoc) -> list[Practice]:
    """Practices the policy affirms; denials ("we do not sell") never count as a practice."""
    return [p for p in doc.facts.practices if not p.negated]


def states_retention(p: Practice) -> bool:
    """Says how long data is kept: a retain practice, affirmed or denied ("we do not retain
    it"), or an affirmed practice with a retention period. (A denied store, "we do not store
    your card number", is not counted: both corpora mostly leave it out.)"""
    return p.action == "retain" or (p.retention is not None and not p.negated)


def score_labels(
    policy: str, aspect: str, pred: Labelled, gold: Labelled, *, grounded: bool = False
) -> Result:
    """Set scoring of labels (optionally grounded by span overlap), one error per wrong label."""
    if grounded:
        counts, hits = score_grounded(pred, gold), grounded_labels(pred, gold)
    else:
        counts, hits = score_sets(set(pred), set(gold)), set(pred) & set(gold)
    errors = [
        ErrorCase(policy, aspect, FALSE_POSITIVE, label, _first_text(pred[label]))
        for label in sorted(set(pred) - hits)
    ]
    errors += [
        ErrorCase(policy, aspect, MISS, label, _first_text(gold[label]))
        for label in sorted(set(gold) - hits)
    ]
    return counts, errors


def score_spans(
    policy: str, aspect: str, pred: list[Span], gold: list[Span], label: str = ""
) -> Result:
    """Span overlap both ways: a prediction is right when it overlaps some gold span (precision);
    a gold span is found when some prediction overlaps it (recall). Unplaced gold spans are
    left out, since nothing could overlap them."""
    gold = unique([g for g in gold if g.start is not None])
    pred = unique(pred)
    right = [p for p in pred if overlaps_any(p, gold)]
    found = [g for g in gold if overlaps_any(g, pred)]
    errors = [ErrorCase(policy, aspect, FALSE_POSITIVE, label, p.text) for p in pred]
    errors = [e for e, p in zip(errors, pred, strict=True) if p not in right]
    errors += [ErrorCase(policy, aspect, MISS, label, g.text) for g in gold if g not in found]
    counts = Counts(len(right), len(pred) - len(right), len(gold) - len(found), len(found))
    return counts, errors


# Gold spans that vouch for a practice stating that content but are no evidence to find:
# an audience ("not from children under 13"), a retention period, a transfer, a legal basis.
VOUCH_ONLY = ("subjects", "retention", "transfers", "legal_bases")


def score_evidence(policy: str, practices: list[Practice], gold: dict[str, list[Span]]) -> Result:
    """Precision: practices whose sentence overlaps a gold span of what they state (`gold` is
    keyed "data", "purposes", "recipients" and, where the corpus marks them, the VOUCH_ONLY
    keys); a practice stating none of these is checked against all of them. Recall: gold spans
    of data, purposes and recipients that some practice's sentence overlaps."""
    everything = [s for content, spans in gold.items() if content not in VOUCH_ONLY for s in spans]
    right, errors = 0, []
    for p in practices:
        present = {
            "data": p.data,
            "purposes": p.purposes,
            "recipients": p.recipients,
            "subjects": p.data_subjects,
            "retention": states_retention(p),
            "transfers": p.locations or p.safeguards,
            "legal_bases": p.legal_bases,
        }
        spans = [s for content, v in gold.items() if present.get(content) for s in v]
        if overlaps_any(span_of(p.evidence), spans or everything):
            right += 1
        else:
            errors.append(ErrorCase(policy, "evidence", FALSE_POSITIVE, p.action, p.evidence.quote))
    sentences = [span_of(p.evidence) for p in practices]
    by_span, span_errors = score_spans(policy, "evidence", sentences, everything)
    errors += [e for e in span_errors if e.kind == MISS]
    return Counts(right, len(practices) - right, by_span.fn, by_span.found), errors


def unique(spans: Iterable[Span]) -> list[Span]:
    return list({(s.start, s.end): s for s in spans}.values())


def _first_text(spans: list[Span]) -> str:
    return next((s.text for s in spans if s.text), "")
