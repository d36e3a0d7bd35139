"""Measuring the extractor against annotated corpora (OPP-115, GDPR Transparency 200).

`evaluate(gold_path)` returns an `EvaluationReport`; `format_report` and `report_to_json` render
it. The scoring core (`score_sets`, `Counts`, `Score.from_counts`, `overlaps`) and the concept
mapping (`Mapping`, ontology/mappings.ttl) are importable on their own.
"""

from .gdpr import REQUIREMENT_STATEMENTS
from .gold import GoldPolicy, load_gold, locate
from .mapping import (
    GDPR_REQUIREMENTS,
    OPP115_AUDIENCES,
    OPP115_DATA_TYPES,
    OPP115_PURPOSES,
    OPP115_THIRD_PARTIES,
    SCHEMES,
    Mapping,
    default_mapping,
    label_iri,
)
from .report import ErrorCase, EvaluationReport, format_report, report_to_json
from .run import aspect_names, document_of, evaluate
from .scoring import Counts, Score, Span, overlaps, score_grounded, score_sets

__all__ = [
    "GDPR_REQUIREMENTS",
    "OPP115_AUDIENCES",
    "OPP115_DATA_TYPES",
    "OPP115_PURPOSES",
    "OPP115_THIRD_PARTIES",
    "REQUIREMENT_STATEMENTS",
    "SCHEMES",
    "Counts",
    "ErrorCase",
    "EvaluationReport",
    "GoldPolicy",
    "Mapping",
    "Score",
    "Span",
    "aspect_names",
    "default_mapping",
    "document_of",
    "evaluate",
    "format_report",
    "label_iri",
    "load_gold",
    "locate",
    "overlaps",
    "report_to_json",
    "score_grounded",
    "score_sets",
]
