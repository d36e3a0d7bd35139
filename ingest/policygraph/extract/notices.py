"""Placeholder for contacts.v1, children.v1, do_not_track.v1 (being written)."""

from __future__ import annotations

from ..model import PolicyDoc
from ..pipeline import component


def _noop(lexicon, **config):
    def run(doc: PolicyDoc) -> None:
        return None

    return run


component("contacts.v1", requires=["doc.sentences"], assigns=["fact.contacts"])(_noop)
component("children.v1", requires=["doc.sentences"], assigns=["fact.children"])(_noop)
component("do_not_track.v1", requires=["doc.sentences"], assigns=["fact.do_not_track"])(_noop)
