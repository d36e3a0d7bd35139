"""The scoring core: spans, overlap, per-policy set scores and their micro/macro aggregates.

Nothing here knows about a corpus or the extractor, so every number can be tested by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Character offsets into a policy text; start is None for a gold span not found verbatim."""

    start: int | None
    end: int | None
    text: str = ""


def overlaps(a: Span, b: Span) -> bool:
    """Half-open intervals share at least one character; an unplaced span overlaps nothing."""
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return False
    return a.start < b.end and b.start < a.end


def overlaps_any(span: Span, others: Iterable[Span]) -> bool:
    return any(overlaps(span, other) for other in others)


@dataclass(frozen=True)
class Counts:
    """TP/FP/FN of one policy and aspect.

    `tp_gold` is the number of gold items found, when it differs from the number of predictions
    judged correct (span-level aspects count predictions and gold spans apart); by default the two
    are the same, as for sets of labels.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tp_gold: int | None = None

    @property
    def found(self) -> int:
        return self.tp if self.tp_gold is None else self.tp_gold

    def __add__(self, other: Counts) -> Counts:
        both_plain = self.tp_gold is None and other.tp_gold is None
        return Counts(
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            None if both_plain else self.found + other.found,
        )

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.found / (self.found + self.fn) if self.found + self.fn else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean; an undefined P or R counts as 0 once anything was predicted or gold."""
        if not (self.tp + self.fp + self.fn + self.found):
            return None
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Score:
    """Micro (pooled counts) and macro (mean of per-policy values where defined) P/R/F1."""

    precision: float | None
    recall: float | None
    f1: float | None
    macro_precision: float | None = None
    macro_recall: float | None = None
    macro_f1: float | None = None
    tp: int = 0
    fp: int = 0
    fn: int = 0
    policies: int = 0  # policies that contributed counts

    @classmethod
    def from_counts(cls, per_policy: list[Counts] | Counts) -> Score:
        items = [per_policy] if isinstance(per_policy, Counts) else list(per_policy)
        pooled = sum(items, Counts())
        return cls(
            pooled.precision,
            pooled.recall,
            pooled.f1,
            _mean(c.precision for c in items),
            _mean(c.recall for c in items),
            _mean(c.f1 for c in items),
            pooled.tp,
            pooled.fp,
            pooled.fn,
            sum(1 for c in items if c.f1 is not None),
        )


def _mean(values: Iterable[float | None]) -> float | None:
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None


def score_sets(pred: set, gold: set) -> Counts:
    """Counts of one policy's predicted label set against its gold set."""
    return Counts(len(pred & gold), len(pred - gold), len(gold - pred))


def score_grounded(pred: dict[str, list[Span]], gold: dict[str, list[Span]]) -> Counts:
    """Like score_sets, but a label is a true positive only when some predicted evidence of it
    overlaps a gold span of it. A label predicted without such overlap is both a false positive
    (its evidence is elsewhere) and, when gold has it, a miss."""
    found = grounded_labels(pred, gold)
    return Counts(len(found), len(set(pred) - found), len(set(gold) - found))


def grounded_labels(pred: dict[str, list[Span]], gold: dict[str, list[Span]]) -> set[str]:
    return {label for label in pred if label in gold and _grounded(pred[label], gold[label])}


def _grounded(pred: list[Span], gold: list[Span]) -> bool:
    return any(overlaps_any(p, gold) for p in pred)
