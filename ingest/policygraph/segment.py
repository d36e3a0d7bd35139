"""Placeholder for segment.v1 (being written)."""

from __future__ import annotations

from .model import PolicyDoc
from .pipeline import component


@component("segment.v1", assigns=["doc.sections", "doc.sentences"])
def make(lexicon, **config):
    def run(doc: PolicyDoc) -> None:
        return None

    return run
