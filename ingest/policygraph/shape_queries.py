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
    """`[ sh:path ( [ sh:inversePath P1 ] P2 ) ; sh:hasValue V ]` -> `?sN <P1> $this ; <P2> V`;
    also sh:minCount 1, and sh:qualifiedValueShape [ sh:in (...) ] or [ sh:class C ] with
    sh:qualifiedMinCount 1; P2 may be an sh:alternativePath."""
    if not isinstance(member, BNode):
        return None
    predicates = set(shapes.predicates(member, None))
    path = shapes.value(member, SH.path)
    steps = list(Collection(shapes, path)) if isinstance(path, BNode) else []
    if len(steps) != 2 or not isinstance(steps[0], BNode):
        return None
    if set(shapes.predicates(steps[0], None)) != {SH.inversePath}:
        return None
    inverse, last = shapes.value(steps[0], SH.inversePath), _step(shapes, steps[1])
    if not isinstance(inverse, URIRef) or last is None:
        return None
    head, value = f"?s{index} <{inverse}> $this ; {last}", f"?v{index}"
    one = Literal(1)
    if predicates == {SH.path, SH.hasValue}:
        fixed = shapes.value(member, SH.hasValue)
        return f"{head} {fixed.n3()}" if isinstance(fixed, URIRef | Literal) else None
    if predicates == {SH.path, SH.minCount} and shapes.value(member, SH.minCount) == one:
        return f"{head} {value}"
    if predicates == {SH.path, SH.qualifiedValueShape, SH.qualifiedMinCount} and (
        shapes.value(member, SH.qualifiedMinCount) == one
    ):
        test = _value_test(shapes, shapes.value(member, SH.qualifiedValueShape), value)
        return f"{head} {value} . {test}" if test else None
    return None


def _step(shapes: Graph, step: Node) -> str | None:
    """A predicate, or an sh:alternativePath of predicates, as a SPARQL path."""
    if isinstance(step, URIRef):
        return f"<{step}>"
    if isinstance(step, BNode) and set(shapes.predicates(step, None)) == {SH.alternativePath}:
        options = list(Collection(shapes, shapes.value(step, SH.alternativePath)))
        if options and all(isinstance(o, URIRef) for o in options):
            return "(" + "|".join(f"<{o}>" for o in options) + ")"
    return None


def _value_test(shapes: Graph, shape: Node, value: str) -> str | None:
    """A qualified value shape of one sh:in list or one sh:class, as a pattern on `value`."""
    if not isinstance(shape, BNode):
        return None
    predicates = set(shapes.predicates(shape, None))
    if predicates == {SH["in"]}:
        members = list(Collection(shapes, shapes.value(shape, SH["in"])))
        if members and all(isinstance(m, URIRef | Literal) for m in members):
            return f"VALUES {value} {{ {' '.join(m.n3() for m in members)} }}"
    if predicates == {SH["class"]} and isinstance(cls := shapes.value(shape, SH["class"]), URIRef):
        # SHACL instances: rdf:type, then rdfs:subClassOf in the data graph (inference "none")
        return f"{value} <{RDF.type}>/<{RDFS.subClassOf}>* <{cls}>"
    return None
