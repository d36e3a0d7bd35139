"""Run the pipeline over a gold file and score every aspect.

Scores are computed from the extracted `PolicyDoc` facts and their `Evidence` offsets, not from
the RDF graph: `build_graph` is a deterministic function of those facts (every practice, mention
and contact becomes one node whose pg:evidence carries the same offsets), so scoring the facts
scores the graph, without the cost of building it.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from pathlib import Path

from ..corpus import extract
from ..errors import PolicyGraphError
from ..lexicon import Lexicon, default_lexicon
from ..model import Document
from ..pipeline import Pipeline
from . import gdpr, opp115
from .common import Context, Result
from .gold import GDPR, OPP115, GoldPolicy, load_gold
from .mapping import Mapping
from .report import EvaluationReport
from .scoring import Counts, Score

CORPORA = {OPP115: opp115, GDPR: gdpr}


def aspect_names() -> list[str]:
    """Every aspect, OPP-115 first; `evidence`, shared by both corpora, last."""
    names = dict.fromkeys([*opp115.ASPECTS, *gdpr.ASPECTS])
    return [n for n in names if n != "evidence"] + ["evidence"]


def evaluate(
    gold_path: Path,
    aspects: list[str] | None = None,
    pipeline: Pipeline | None = None,
    *,
    lexicon: Lexicon | None = None,
    mapping: Mapping | None = None,
) -> EvaluationReport:
    """Extract every policy of `gold_path` and score the `aspects` asked for (default: all).

    Asking for "gdpr.requirements" also reports each "gdpr.requirement.<name>"."""
    wanted = _wanted(aspects)
    started = time.perf_counter()
    lexicon = lexicon or default_lexicon()
    ctx = Context(lexicon, mapping or Mapping.from_file(lexicon))
    pipeline = pipeline or Pipeline.from_config(lexicon)
    counts: dict[str, list[Counts]] = defaultdict(list)
    report = EvaluationReport()
    for policy in load_gold(gold_path):
        for aspect, (policy_counts, errors) in _score(policy, pipeline, ctx).items():
            if aspect in wanted:
                counts[aspect].append(policy_counts)
                report.errors.extend(errors)
        report.policies += 1
    report.scores = {a: Score.from_counts(counts[a]) for a in aspect_names() if a in counts}
    report.seconds = time.perf_counter() - started
    return report


def _wanted(aspects: list[str] | None) -> set[str]:
    known = aspect_names()
    if not aspects:
        return set(known)
    unknown = [a for a in aspects if a not in known]
    if unknown:
        raise PolicyGraphError(f"unknown aspects {unknown}; known: {', '.join(known)}")
    wanted = set(aspects)
    if "gdpr.requirements" in wanted:
        wanted |= {a for a in known if a.startswith("gdpr.requirement.")}
    return wanted


def _score(policy: GoldPolicy, pipeline: Pipeline, ctx: Context) -> dict[str, Result]:
    doc = extract(document_of(policy), pipeline)
    return CORPORA[policy.corpus].score_policy(doc, policy, ctx)


def document_of(policy: GoldPolicy) -> Document:
    sha = hashlib.sha256(policy.text.encode("utf-8")).hexdigest()
    return Document(text=policy.text, source=policy.id, sha256=sha, media_type="text/plain")
