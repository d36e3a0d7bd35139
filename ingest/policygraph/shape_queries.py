"""Exact SPARQL equivalents of the simplest audit shapes, so that pyshacl need not run them.

Most audit requirements have one form: some statement of the policy has a value ("a statement
stated in the policy grants eu-gdpr:A15"), written as

    sh:and ( [ sh:path ( [ sh:inversePath pg:statedIn ] dpv:hasRight ) ; sh:hasValue eu-gdpr:A15 ] )

(or sh:minCount 1 instead of sh:hasValue, and sh:or over several such members). For these the
shape conforms exactly when an ASK over the same path holds, so the audit asks Oxigraph instead
of running pyshacl, and writes the validation result pyshacl would have written. The query is
derived from the shape itself, never written beside it, so the two cannot drift apart; any shape
with anything else in it gets no query and goes to pyshacl. tests/test_audit.py checks every
derived query against pyshacl on real and synthetic policy graphs.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from .vocab import PG, SH

# What a shape may carry besides its one sh:and / sh:or: targets, messages and our annotations.
_ANNOTATIONS = frozenset({RDF.type, SH.targetClass, SH.severity, SH.message, RDFS.seeAlso})
_COMPONENT = {SH["and"]: SH.AndConstraintComponent, SH["or"]: SH.OrConstraintComponent}


def exact_query(shapes: Graph, shape: Node) -> str | None:
    """An ASK ($this = the policy) that holds exactly when `shape` conforms, or None when the
    shape is not of the simple form."""
    logical = [
        p
        for p in set(shapes.predicates(shape, None))
        if p not in _ANNOTATIONS and not str(p).startswith(str(PG))
    ]
    if len(logical) != 1 or logical[0] not in _COMPONENT:
        return None
    members = list(Collection(shapes, shapes.value(shape, logical[0])))
    patterns = [_member_pattern(shapes, m, i) for i, m in enumerate(members)]
    if not patterns or None in patterns:
        return None
    joiner = " . " if logical[0] == SH["and"] else " UNION "
    return "ASK { " + joiner.join(f"{{ {p} }}" for p in patterns) + " }"


def constraint_component(shapes: Graph, shape: Node) -> URIRef:
    """sh:AndConstraintComponent or sh:OrConstraintComponent, for the result of a failure."""
    return next(_COMPONENT[p] for p in shapes.predicates(shape, None) if p in _COMPONENT)


def _member_pattern(shapes: Graph, member: Node, index: int) -> str | None:
    """`[ sh:path ( [ sh:inversePath P1 ] P2 ) ; sh:hasValue V ]` -> `?sN <P1> $this ; <P2> V`."""
    if not isinstance(member, BNode):
        return None
    predicates = set(shapes.predicates(member, None))
    path = shapes.value(member, SH.path)
    steps = list(Collection(shapes, path)) if isinstance(path, BNode) else []
    if len(steps) != 2 or not isinstance(steps[1], URIRef) or not isinstance(steps[0], BNode):
        return None
    if set(shapes.predicates(steps[0], None)) != {SH.inversePath}:
        return None
    inverse = shapes.value(steps[0], SH.inversePath)
    if not isinstance(inverse, URIRef):
        return None
    subject = f"?s{index}"
    head = f"{subject} <{inverse}> $this ; <{steps[1]}>"
    value = shapes.value(member, SH.hasValue)
    if predicates == {SH.path, SH.hasValue} and isinstance(value, URIRef | Literal):
        return f"{head} {value.n3()}"
    if predicates == {SH.path, SH.minCount} and shapes.value(member, SH.minCount) == Literal(1):
        return f"{head} ?v{index}"
    return None
