"""Placeholder for the metadata.v1 component (being written)."""

from __future__ import annotations

from ..model import PolicyDoc
from ..pipeline import component


@component("metadata.v1", requires=["doc.sentences"], assigns=["doc.company", "doc.effective", "doc.title"])
def make(lexicon, **config):
    def run(doc: PolicyDoc) -> None:
        return None

    return run
