"""Placeholder for the cookies.v1 component (being written)."""

from __future__ import annotations

from ..model import PolicyDoc
from ..pipeline import component


@component("cookies.v1", requires=["doc.sentences"], assigns=["fact.cookies"])
def make(lexicon, **config):
    def run(doc: PolicyDoc) -> None:
        return None

    return run
