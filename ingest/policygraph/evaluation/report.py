"""What an evaluation returns, and its two renderings: a text table and JSON-ready data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .scoring import Score

MISS = "miss"
FALSE_POSITIVE = "false positive"


@dataclass(frozen=True)
class ErrorCase:
    policy: str
    aspect: str
    kind: str  # MISS | FALSE_POSITIVE
    label: str
    sentence: str  # evidence sentence (false positive) or gold span text (miss)


@dataclass
class EvaluationReport:
    scores: dict[str, Score] = field(default_factory=dict)
    errors: list[ErrorCase] = field(default_factory=list)
    policies: int = 0
    seconds: float = 0.0


def _num(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def format_report(report: EvaluationReport, max_errors: int = 20) -> str:
    """A table of micro and macro P/R/F1 per aspect, then the first `max_errors` errors."""
    width = max([len("aspect"), *(len(a) for a in report.scores)])
    head = f"{'aspect':<{width}}  micro P    R   F1  macro P    R   F1     TP    FP    FN"
    lines = [head, "-" * len(head)]
    for aspect, s in report.scores.items():
        lines.append(
            f"{aspect:<{width}}  {_num(s.precision):>7} {_num(s.recall)} {_num(s.f1)}"
            f"  {_num(s.macro_precision):>7} {_num(s.macro_recall)} {_num(s.macro_f1)}"
            f"  {s.tp:5d} {s.fp:5d} {s.fn:5d}"
        )
    lines.append(f"{report.policies} policies in {report.seconds:.1f} s")
    shown = report.errors[:max_errors]
    if shown:
        lines.append("")
        lines.append(f"errors (first {len(shown)} of {len(report.errors)}):")
        for e in shown:
            sentence = " ".join(e.sentence.split())
            sentence = sentence if len(sentence) <= 160 else sentence[:157] + "..."
            lines.append(f"  [{e.kind}] {e.aspect} {e.label!r} in {e.policy}: {sentence}")
    return "\n".join(lines)


def report_to_json(report: EvaluationReport) -> dict:
    return {
        "policies": report.policies,
        "seconds": round(report.seconds, 3),
        "scores": {aspect: asdict(score) for aspect, score in report.scores.items()},
        "errors": [asdict(e) for e in report.errors],
    }
