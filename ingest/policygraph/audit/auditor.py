"""Auditing one policy graph: Oxigraph decides what it can, pyshacl the rest, once a policy."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
from pyshacl.entrypoints import assign_baked_in
from pyshacl.graph_abstraction import DataGraph
from pyshacl.monkey import apply_patches
from pyshacl.shapes_graph import ShapesGraph
from pyshacl.validator import Validator
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

from .. import iris
from ..shape_queries import constraint_component, exact_query
from ..store import GraphView, plain_strings
from ..vocab import PG, SH
from .requirements import (
    AuditError,
    Requirement,
    applicable_laws,
    load_audit_shapes,
    parse_law,
    requirements,
)
from .results import AuditRow

log = logging.getLogger(__name__)

_NOT_ARISING = "Does not arise: the policy states nothing that triggers it."


def audit_graph_iri(sha256: str) -> URIRef:
    """The named graph holding the audit of the policy with this sha256: `<graph IRI>/audit`."""
    return iris.audit_graph(iris.policy_graph(sha256))


def finding_iri(audit_graph: URIRef, requirement: str) -> URIRef:
    return URIRef(f"{audit_graph}/{requirement}")


@lru_cache(maxsize=256)
def _prepare_plain(text: str):
    """A query text as `Graph.query` would parse it (the graph's own prefixes), parsed once."""
    return prepareQuery(text, initNs=dict(Graph().namespaces()))


class _AuditData(Graph):
    """A policy graph whose SPARQL queries given as text are parsed once a process.

    pyshacl hands every sh:sparql constraint to `query` as text on every run (~80 ms to parse);
    the text is the same for every policy ($this is bound, not substituted), so the parse is
    cached. Evaluation is rdflib's either way: results are the same.
    """

    def query(self, query_object, *args, **kwargs):  # type: ignore[override]
        # (processor, result, initNs, ...) may come by position, as pyshacl passes them.
        init_ns = args[2] if len(args) > 2 else kwargs.get("initNs")
        if isinstance(query_object, str) and init_ns is None:
            query_object = _prepare_plain(query_object)
        return super().query(query_object, *args, **kwargs)


_CONTEXT_LINKS = (SKOS.broader, PG.providedBy)
# Shape parameters other than sh:sparql that constrain (a shape with any of them is not
# "sparql-only", so it is never taken off pyshacl's list on the strength of its queries).
_CORE_PARAMETERS = frozenset({
    SH["and"], SH["or"], SH["not"], SH.xone, SH.node, SH.property, SH.path, SH["class"],
    SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, SH.hasValue, SH["in"],
    SH.qualifiedValueShape, SH.closed, SH.pattern, SH.minLength, SH.maxLength, SH.equals,
    SH.disjoint, SH.lessThan, SH.lessThanOrEquals, SH.languageIn, SH.uniqueLang,
    SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive,
})  # fmt: skip


def _context_index(context: Graph) -> dict[Node, list[tuple[Node, Node]]]:
    """Context triples by subject: (predicate, object) pairs."""
    index: dict[Node, list[tuple[Node, Node]]] = {}
    for s, p, o in context:
        index.setdefault(s, []).append((p, o))
    return index


def _add_context(data: Graph, index: dict[Node, list[tuple[Node, Node]]]) -> None:
    """Add the context triples reachable from the data: those about any node of the policy
    graph, and about what they lead to through skos:broader / pg:providedBy (transitively).

    Shapes and queries only reach the context from a node of the policy graph (the hierarchy
    and ownership of a stated value, labels of a value), so the rest of the ontology cannot
    change a result; leaving it out saves copying ~2,000 triples into every policy graph.
    """
    if not index:
        return
    todo = [n for n in {*data.subjects(), *data.objects()} if n in index]
    seen = set(todo)
    while todo:
        node = todo.pop()
        for p, o in index[node]:
            data.add((node, p, o))
            if p in _CONTEXT_LINKS and o in index and o not in seen:
                seen.add(o)
                todo.append(o)


@dataclass(frozen=True)
class Audited:
    """What auditing one policy yields; plain data so it crosses process boundaries."""

    graph: str
    audit_graph: str
    laws: tuple[str, ...]
    rows: tuple[AuditRow, ...]
    report_nt: str  # the audit graph as N-Triples


class Auditor:
    """Shapes and requirements parsed once; audits one policy graph at a time."""

    def __init__(self, shapes: Graph | None = None, context: Graph | None = None) -> None:
        self.shapes = shapes if shapes is not None else load_audit_shapes()
        self.requirements = requirements(self.shapes)
        # Concept hierarchy and product ownership, added to each data graph so that shapes can
        # follow skos:broader / pg:providedBy (the ontology graph is not part of a policy graph).
        self.context = context if context is not None else Graph()
        self._context_index = _context_index(self.context)
        # Named shapes that requirements refer to (pgs:LegitimateInterests): pyshacl ignores any
        # named shape left out of `use_shapes`, even when another shape points at it.
        self._helpers = sorted(
            str(s)
            for s in self.shapes.subjects(RDF.type, SH.NodeShape)
            if isinstance(s, URIRef) and (s, PG.requirement, None) not in self.shapes
        )
        for r in self.requirements:
            if r.fails_query and not {SH["and"], SH["or"]} & set(self.shapes.predicates(r.shape)):
                # a failure is written as pyshacl writes that of a node-level sh:and / sh:or
                raise AuditError(f"{r.shape}: pg:failsQuery needs a sh:and or sh:or shape")
        # Shapes with an exact SPARQL equivalent are decided by Oxigraph, never by pyshacl.
        self._exact = {
            r.shape: q for r in self.requirements if (q := exact_query(self.shapes, r.shape))
        }
        self._shapes_graph: ShapesGraph | None = None
        self._sparql_only: dict[Node, list] = {}  # filled with the shapes graph, by _shacl

    def _shacl(self) -> ShapesGraph:
        """pyshacl's view of the shapes, built once: every run reuses its parsed shapes."""
        if self._shapes_graph is None:
            apply_patches()
            assign_baked_in()
            sg = ShapesGraph(self.shapes)
            sg.shapes_from_uris(
                [r.shape for r in self.requirements] + [URIRef(h) for h in self._helpers]
            )
            self._shapes_graph = sg
            # The sh:sparql constraints of shapes that have nothing else, as pyshacl runs them.
            self._sparql_only = {}
            for req in self.requirements:
                if (req.shape, SH.sparql, None) in self.shapes and not any(
                    p in _CORE_PARAMETERS for p in self.shapes.predicates(req.shape, None)
                ):
                    shape = sg.lookup_shape_from_node(req.shape)
                    helpers = SPARQLBasedConstraint(shape).sparql_constraints
                    self._sparql_only[req.shape] = [h for h in helpers if not h.deactivated]
        return self._shapes_graph

    def _conforms(self, req: Requirement, view: GraphView, policy: Node) -> bool:
        """True only when the shape surely conforms: pyshacl need not run it (its report would
        hold nothing from it). A sh:sparql-only shape conforms when its queries, bound and
        prefixed exactly as pyshacl does, return no row; other shapes when their
        pg:conformsQuery (a sufficient condition) holds. False means "let pyshacl decide"."""
        self._shacl()
        helpers = self._sparql_only.get(req.shape)
        if helpers is not None:
            for helper in helpers:
                binds, text = helper.pre_bind_variables(policy)
                if view.select(helper.apply_prefixes(text), binds):
                    return False
            return True
        return bool(req.conforms_query) and view.ask(req.conforms_query, {"this": policy})

    def _validate(self, data: Graph, use_shapes: list[URIRef]) -> Graph:
        """What pyshacl.validate(inference="none", allow_infos/warnings, inplace) reports."""
        sg = self._shacl()
        options = {
            "inference": "none", "inplace": True, "allow_infos": True, "allow_warnings": True,
            "use_shapes": [str(s) for s in use_shapes], "logger": log,
        }  # fmt: skip
        validator = Validator(DataGraph.from_rdflib(data), shacl_graph=Graph(), options=options)
        validator.shacl_graph = sg
        _, results, _ = validator.run()
        return results

    def audit(self, data: Graph, law: tuple[str, ...] | None, graph_name: str = "") -> Audited:
        # A graph built by audit_data is already plain and ours to extend; others are copied.
        data = data if isinstance(data, _AuditData) else _plain_strings(data)
        policy = data.value(None, RDF.type, PG.PrivacyPolicy)
        if policy is None:
            raise AuditError(f"{graph_name or 'graph'}: no pg:PrivacyPolicy node to audit")
        applicable = (*applicable_laws(data), "consistency")
        laws = tuple(law) if law is not None else applicable
        _add_context(data, self._context_index)
        view = GraphView(data)  # Oxigraph answers the annotation queries 20-100x faster
        chosen = [r for r in self.requirements if r.law in laws]
        # Requirements that do not arise are not validated at all: pyshacl re-parses every
        # SPARQL constraint on every run (~80 ms each), so skipping them is most of the cost.
        arising = {
            r.shape
            for r in chosen
            if not r.applicable_query or view.ask(r.applicable_query, {"this": policy})
        }
        results = Graph()
        decided: list[Requirement] = []  # failed, as their exact or pg:failsQuery says
        use: list[URIRef] = []  # for pyshacl: the shapes that may fail
        for r in chosen:
            if r.shape not in arising:
                continue
            exact = self._exact.get(r.shape)
            if exact is not None:
                if not view.ask(exact, {"this": policy}):
                    decided.append(r)
            elif r.fails_query and view.ask(r.fails_query, {"this": policy}):
                decided.append(r)  # surely failing: the result pyshacl would write
            elif not self._conforms(r, view, policy):  # surely conforming: nothing to report
                use.append(r.shape)
        if use:
            results = self._validate(data, use + [URIRef(h) for h in self._helpers])
        for req in decided:
            _add_result(results, policy, req, self.shapes)
        failures: dict[Node, list[str]] = {}
        for result in results.subjects(RDF.type, SH.ValidationResult):
            shape = results.value(result, SH.sourceShape)
            message = str(results.value(result, SH.resultMessage) or "")
            failures.setdefault(shape, []).append(message)
        company = data.value(data.value(policy, PG.company), RDFS.label)
        rows = tuple(
            replace(self._row(view, policy, str(company or ""), req, req.shape in arising,
                              failures.get(req.shape)), law_applies=req.law in applicable)
            for req in chosen
        )  # fmt: skip
        name, report = _audit_graph(data, policy, results, rows, laws, self.shapes)
        return Audited(graph_name, str(name), laws, rows, report.serialize(format="nt"))

    def _row(
        self,
        view: GraphView,
        policy: Node,
        company: str,
        req: Requirement,
        arises: bool,
        failed: list[str] | None,
    ) -> AuditRow:
        def row(status: str, reason: str = "", evidence: tuple[str, str] = ("", "")) -> AuditRow:
            return AuditRow(
                policy=str(policy), company_label=company, law=req.law, requirement=req.id,
                article=req.article, status=status, severity=req.severity, reason=reason,
                evidence=evidence[1], evidence_iri=evidence[0],
            )  # fmt: skip

        if not arises:
            return row("not-applicable", _NOT_ARISING)
        if failed is None:
            return row("met", evidence=self._evidence(req, view, policy))
        reason = "; ".join(sorted(set(failed))) or req.message
        if req.law == "consistency":
            return row("conflict", reason, self._evidence(req, view, policy, limit=6))
        if req.partial_query and view.ask(req.partial_query, {"this": policy}):
            return row("partial", reason, self._evidence(req, view, policy))
        return row("missing", reason)

    def _evidence(
        self, req: Requirement, view: GraphView, policy: Node, limit: int = 1
    ) -> tuple[str, str]:
        """(evidence node, quote) of the first sentences the evidence query returns."""
        if not req.evidence_query:
            return ("", "")
        seen: dict[str, str] = {}
        for row in view.select(req.evidence_query, {"this": policy}):
            ev, quote = row.get("ev"), row.get("quote")
            if quote is not None:
                seen.setdefault(str(ev) if ev is not None else "", " ".join(str(quote).split()))
            if len(seen) >= limit:
                break
        return (" ".join(k for k in seen if k), " | ".join(seen.values()))


def _add_result(results: Graph, policy: Node, req: Requirement, shapes: Graph) -> None:
    """The validation result pyshacl writes when a node shape's sh:and / sh:or fails."""
    report = results.value(None, RDF.type, SH.ValidationReport)
    if report is None:
        report = BNode()
        results.add((report, RDF.type, SH.ValidationReport))
    results.set((report, SH.conforms, Literal(False)))
    result = BNode()
    results.add((report, SH.result, result))
    for p, o in (
        (RDF.type, SH.ValidationResult),
        (SH.focusNode, policy),
        (SH.value, policy),
        (SH.resultSeverity, SH[req.severity]),
        (SH.sourceShape, req.shape),
        (SH.sourceConstraintComponent, constraint_component(shapes, req.shape)),
        (SH.resultMessage, Literal(req.message)),
    ):
        results.add((result, p, o))


def audit_data(triples: Iterable[tuple[Node, Node, Node]]) -> _AuditData:
    """The graph to audit, built straight from triples (no intermediate rdflib Graph)."""
    out = _AuditData()
    for triple in plain_strings(triples):
        out.add(triple)
    return out


def _plain_strings(data: Graph) -> Graph:
    """A copy with xsd:string literals made plain: RDF 1.1 holds them equal, rdflib does not.

    Oxigraph hands every simple literal back typed xsd:string, so without this `pg:role "dpo"`
    in a shape or query would never match a graph read from the store.
    """
    return audit_data(data)


def _audit_graph(
    data: Graph,
    policy: Node,
    results: Graph,
    rows: Iterable[AuditRow],
    laws: tuple[str, ...],
    shapes: Graph,
) -> tuple[URIRef, Graph]:
    """The SHACL report (its root named after the audit graph) plus one finding per row."""
    sha = str(data.value(policy, PG.sha256) or "")
    name = audit_graph_iri(sha) if sha else URIRef(f"{policy}/audit")
    out = Graph()
    root = results.value(None, RDF.type, SH.ValidationReport)
    for s, p, o in results:
        out.add((name if s == root else s, p, name if o == root else o))
    if root is None:
        out.add((name, RDF.type, SH.ValidationReport))
        out.add((name, SH.conforms, Literal(True)))
    out.add((name, PG.auditOf, policy))
    for law in laws:
        out.add((name, PG.auditLaw, Literal(law)))
    by_id = {str(shapes.value(s, PG.requirement)): s for s in shapes.subjects(PG.requirement, None)}
    for row in rows:
        node = finding_iri(name, row.requirement)
        out.add((name, PG.finding, node))
        out.add((node, RDF.type, PG.AuditFinding))
        out.add((node, PG.auditOf, policy))
        out.add((node, PG.requirement, Literal(row.requirement)))
        out.add((node, PG.auditLaw, Literal(row.law)))
        out.add((node, PG.article, Literal(row.article)))
        out.add((node, PG.status, Literal(row.status)))
        out.add((node, SH.resultSeverity, SH[row.severity]))
        if row.requirement in by_id:
            out.add((node, SH.sourceShape, by_id[row.requirement]))
        if row.reason:
            out.add((node, PG.reason, Literal(row.reason)))
        for ev in row.evidence_iri.split():
            out.add((node, PG.evidence, URIRef(ev)))
    return name, out


def audit_graph(
    data: Graph, law: str | Sequence[str] = "auto", shapes: Graph | None = None
) -> list[AuditRow]:
    """Audit one policy graph held in memory (tests, notebooks); nothing is stored."""
    auditor = Auditor(shapes) if shapes is not None else _default_auditor()
    return list(auditor.audit(data, parse_law(law)).rows)


@lru_cache(maxsize=1)
def _default_auditor() -> Auditor:
    return Auditor()
