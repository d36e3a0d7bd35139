"""Placeholder for the practices.v1 component (being written)."""

from __future__ import annotations

from ..model import PolicyDoc
from ..pipeline import component


@component("practices.v1", requires=["doc.sentences"], assigns=["fact.practices"])
def make(lexicon, **config):
    def run(doc: PolicyDoc) -> None:
        return None

    return run
