"""The only place instance IRIs are made: policies by content hash, organisations by key."""

from __future__ import annotations

from rdflib import URIRef

from . import __version__
from .text import slug
from .vocab import PGO, PGR


def policy(sha256: str) -> URIRef:
    """A policy is named by the first 16 hex digits of its sha256: same text, same node."""
    return PGR[f"policy/{sha256[:16]}"]


def policy_graph(sha256: str) -> URIRef:
    return graph_of_policy(policy(sha256))


def graph_of_policy(policy_iri: URIRef) -> URIRef:
    """The named graph holding a policy's statements (see `policy_graph`)."""
    return URIRef(f"{policy_iri}/graph")


def audit_graph(policy_graph_iri: URIRef) -> URIRef:
    """Where the SHACL audit of a policy graph is stored."""
    return URIRef(f"{policy_graph_iri}/audit")


def extraction(sha256: str) -> URIRef:
    return URIRef(f"{policy(sha256)}/extraction")


def fact(policy_iri: URIRef, kind: str, number: int) -> URIRef:
    return URIRef(f"{policy_iri}/{kind}/{number}")


def evidence(policy_iri: URIRef, start: int, end: int) -> URIRef:
    return URIRef(f"{policy_iri}/text/{start}-{end}")


def organisation(key_or_name: str) -> URIRef:
    """Registry keys ("stripe") pass through; names ("Acme Corp.") are slugged ("acme")."""
    return PGO[slug(key_or_name)]


def software() -> URIRef:
    return PGR[f"software/policygraph-{__version__}"]
