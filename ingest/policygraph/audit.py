"""SHACL audits: what each policy fails to disclose, law by law.

The requirements are data: every node shape in shapes/audit-*.ttl that carries `pg:requirement`
is one requirement of one audit set (`pg:auditLaw`: gdpr, ccpa or consistency). For each policy
graph the applicable sets are decided here (a policy names the law, its region's residents or an
establishment there), pyshacl runs the chosen shapes once (inference "none"), and every
requirement becomes one row:

    met             no validation result has the shape as sh:sourceShape
    partial         the shape failed but its pg:partialQuery holds (e.g. transfers, no safeguard)
    missing         the shape failed
    conflict        a consistency shape failed: two statements of the policy contradict each other
    not-applicable  the shape's pg:applicableQuery is false (e.g. no legitimate interests relied on)

The SHACL report plus one pg:AuditFinding per row is stored as the named graph
`<policy graph>/audit`, so audits can be queried with SPARQL (queries/audit-*.rq).

Exit status (`AuditReport.exit_code`): 0 when nothing of severity Violation or Warning fails,
1 when a Violation is missing, partial or in conflict, 2 when only Warnings fail. Info findings
never change the exit status: they ask a reader to check, they do not assert a gap.
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import multiprocessing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
from pyshacl.entrypoints import assign_baked_in
from pyshacl.graph_abstraction import DataGraph
from pyshacl.monkey import apply_patches
from pyshacl.shapes_graph import ShapesGraph
from pyshacl.validator import Validator
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

from . import iris
from .errors import PolicyGraphError
from .shape_queries import constraint_component, exact_query
from .store import GraphView, PolicyStore, parse_ntriples
from .validate import load_shapes
from .vocab import DPV, LEGAL_EU, LEGAL_GB, LEGAL_US, LOC, ONTOLOGY_GRAPH, PG, SH

log = logging.getLogger(__name__)

LAWS = ("gdpr", "ccpa", "consistency")
STATUSES = ("met", "partial", "missing", "conflict", "not-applicable")
FAILING = frozenset({"partial", "missing", "conflict"})

# Which laws a policy names (dpv:hasApplicableLaw), whose residents it addresses (pg:audience)
# and where an establishment makes a law apply. UK GDPR is audited with the EU GDPR shapes: the
# Art. 13/14 duties are the same text.
_GDPR_LAWS = frozenset({LEGAL_EU["law-GDPR"], LEGAL_GB["law-GDPR"]})
_CCPA_LAWS = frozenset({LEGAL_US["law-CA-CCPA"], LEGAL_US["law-CA-CPRA"]})
_GDPR_AUDIENCES = frozenset({PG.EUResidents})
_CCPA_AUDIENCES = frozenset({PG.CaliforniaResidents})
# EU member states, the other EEA states and the UK (ISO 3166-1 codes, as in loc:).
_GDPR_COUNTRIES = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    "GB", "EU", "EEA", "EEA30", "EEA31", "EU27", "EU28",
})  # fmt: skip
_CCPA_LOCATIONS = frozenset({"US-CA"})


_NOT_ARISING = "Does not arise: the policy states nothing that triggers it."


class AuditError(PolicyGraphError):
    """An unknown law name or policy given to the audit."""


@dataclass(frozen=True)
class Requirement:
    """One audit shape: what it checks, under which law, and how to explain a failure."""

    shape: URIRef
    id: str
    law: str
    article: str
    severity: str  # Violation | Warning | Info
    message: str
    see_also: str = ""
    applicable_query: str | None = None
    partial_query: str | None = None
    evidence_query: str | None = None
    conforms_query: str | None = None
    fails_query: str | None = None


@dataclass(frozen=True)
class AuditRow:
    policy: str
    company_label: str
    law: str
    requirement: str
    article: str
    status: str  # one of STATUSES
    severity: str
    reason: str  # why the status: the shape's message for a failure, "" when met
    evidence: str = ""  # the sentence that shows it met (or the conflicting ones)
    evidence_iri: str = ""  # its oa:TextQuoteSelector node in the policy graph
    law_applies: bool = True  # False when --law forced a law the policy gives no reason for


@dataclass
class AuditReport:
    rows: list[AuditRow] = field(default_factory=list)
    laws: dict[str, list[str]] = field(default_factory=dict)  # policy -> audit sets run
    checked: int = 0

    @property
    def exit_code(self) -> int:
        failing = {r.severity for r in self.rows if r.status in FAILING}
        if "Violation" in failing:
            return 1
        if "Warning" in failing:
            return 2
        return 0

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            out[row.status] += 1
        return out

    def by_requirement(self, requirement: str) -> list[AuditRow]:
        return [r for r in self.rows if r.requirement == requirement]


# --- shapes -------------------------------------------------------------------------------------


def load_audit_shapes(paths: tuple[Path, ...] | None = None) -> Graph:
    """All audit shape files in one graph (the sets are chosen per policy with use_shapes)."""
    return load_shapes(paths, "audit-*.ttl")


def requirements(shapes: Graph) -> list[Requirement]:
    """Every requirement shape, in law order then file order of ids."""
    out = []
    for shape in shapes.subjects(PG.requirement, None):
        severity = shapes.value(shape, SH.severity)

        def text(prop: URIRef, shape: Node = shape) -> str | None:
            value = shapes.value(shape, prop)
            return str(value) if value is not None else None

        out.append(
            Requirement(
                shape=shape,
                id=text(PG.requirement) or "",
                law=text(PG.auditLaw) or "",
                article=text(PG.article) or "",
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                message=text(SH.message) or "",
                see_also=text(RDFS.seeAlso) or "",
                applicable_query=text(PG.applicableQuery),
                partial_query=text(PG.partialQuery),
                evidence_query=text(PG.evidenceQuery),
                conforms_query=text(PG.conformsQuery),
                fails_query=text(PG.failsQuery),
            )
        )
    return sorted(out, key=lambda r: (LAWS.index(r.law) if r.law in LAWS else 99, r.id))


# --- applicability ------------------------------------------------------------------------------


def applicable_laws(graph: Graph) -> list[str]:
    """The law audits that apply to the policy in `graph` (consistency is not a law: not here)."""
    laws = set(graph.objects(None, DPV.hasApplicableLaw))
    audiences = set(graph.objects(None, PG.audience))
    establishments = {
        _loc_code(loc)
        for mention, relation in graph.subject_objects(PG.relation)
        if str(relation) == "establishment"
        for loc in graph.objects(mention, DPV.hasLocation)
    }
    out = []
    if (
        laws & _GDPR_LAWS
        or audiences & _GDPR_AUDIENCES
        or any(
            code.split("-")[0] in _GDPR_COUNTRIES or code in _GDPR_COUNTRIES
            for code in establishments
        )
    ):
        out.append("gdpr")
    if laws & _CCPA_LAWS or audiences & _CCPA_AUDIENCES or establishments & _CCPA_LOCATIONS:
        out.append("ccpa")
    return out


def _loc_code(loc: Node) -> str:
    text = str(loc)
    return text[len(LOC) :] if text.startswith(str(LOC)) else ""


def parse_law(law: str | Sequence[str]) -> tuple[str, ...] | None:
    """`auto` -> None (decide per policy); `all`; one name; or a comma list ("gdpr,ccpa")."""
    names = [law] if isinstance(law, str) else list(law)
    names = [n.strip().lower() for name in names for n in name.split(",") if n.strip()]
    if names in (["auto"], []):
        return None
    if names == ["all"]:
        return LAWS
    unknown = [n for n in names if n not in LAWS]
    if unknown:
        raise AuditError(f"unknown law {unknown[0]!r}; choose auto, all or {', '.join(LAWS)}")
    return tuple(n for n in LAWS if n in names)


# --- IRIs ---------------------------------------------------------------------------------------


def audit_graph_iri(sha256: str) -> URIRef:
    """The named graph holding the audit of the policy with this sha256: `<graph IRI>/audit`."""
    return iris.audit_graph(iris.policy_graph(sha256))


def finding_iri(audit_graph: URIRef, requirement: str) -> URIRef:
    return URIRef(f"{audit_graph}/{requirement}")


# --- one policy ---------------------------------------------------------------------------------


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
class _Audited:
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

    def audit(self, data: Graph, law: tuple[str, ...] | None, graph_name: str = "") -> _Audited:
        # A graph built by _audit_data is already plain and ours to extend; others are copied.
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
        return _Audited(graph_name, str(name), laws, rows, report.serialize(format="nt"))

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


def _audit_data(triples: Iterable[tuple[Node, Node, Node]]) -> _AuditData:
    """The graph to audit, built straight from triples (no intermediate rdflib Graph)."""
    out = _AuditData()
    for s, p, o in triples:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


def _plain_strings(data: Graph) -> Graph:
    """A copy with xsd:string literals made plain: RDF 1.1 holds them equal, rdflib does not.

    Oxigraph hands every simple literal back typed xsd:string, so without this `pg:role "dpo"`
    in a shape or query would never match a graph read from the store.
    """
    return _audit_data(data)


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


# --- the store ----------------------------------------------------------------------------------

_CONTEXT_QUERY = """
SELECT ?s ?p ?o ?ontology WHERE {
  GRAPH ?ontology { ?s ?p ?o }
  FILTER (?p IN (skos:broader, pg:providedBy, skos:prefLabel))
}"""

_POLICY_GRAPHS_QUERY = """
SELECT ?g ?policy WHERE { GRAPH ?g { ?policy a pg:PrivacyPolicy } }
"""
_HOLDS_POLICY_QUERY = "ASK { GRAPH ?g { ?policy a pg:PrivacyPolicy } }"


def ontology_context(store: PolicyStore) -> Graph:
    """Hierarchy, product ownership and labels from the store's ontology graph (may be empty)."""
    g = Graph()
    result = store.select(_CONTEXT_QUERY, {"ontology": ONTOLOGY_GRAPH}, union=False)
    for s, p, o, _ in result.rows:
        if s is not None and p is not None and o is not None and not isinstance(s, BNode):
            g.add((s, p, o))
    return g


def _policy_graphs(store: PolicyStore, policies: list[URIRef] | None) -> list[URIRef]:
    """Named graphs holding a policy: all of them, or those of the given policy/graph IRIs.

    Given IRIs are looked up one by one, as a graph or as a policy in the graph named after it:
    reading every policy's graph name first took 9 s at 100,000 policies.
    """
    if policies is None:
        return sorted({row[0] for row in store.select(_POLICY_GRAPHS_QUERY, union=False).rows})
    out = []
    graph_of: dict[Node, URIRef] | None = None  # every policy's graph, read once if needed
    for iri in policies:
        graph = next(
            (g for g in (iri, iris.graph_of_policy(iri))
             if store.query(_HOLDS_POLICY_QUERY, {"g": g}, union=False)),
            None,
        )  # fmt: skip
        if graph is None:  # a graph named otherwise (imported) is still found
            if graph_of is None:
                rows = store.select(_POLICY_GRAPHS_QUERY, union=False).rows
                graph_of = {row[1]: row[0] for row in rows}
            if iri not in graph_of:
                raise AuditError(f"{iri}: no such policy or policy graph in the store")
            graph = graph_of[iri]
        out.append(graph)
    return out


_WORKER: Auditor | None = None


def _init_worker(shape_paths: tuple[str, ...] | None, context_nt: str) -> None:
    """Pool initializer: parse the shapes once per process."""
    global _WORKER
    context = Graph()
    if context_nt:
        context.parse(data=context_nt, format="nt")
    paths = tuple(Path(p) for p in shape_paths) if shape_paths else None
    _WORKER = Auditor(load_audit_shapes(paths), context)


def _audit_task(task: tuple[str, bytes, tuple[str, ...] | None]) -> _Audited:
    graph_name, ntriples, law = task
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.audit(_audit_data(parse_ntriples(ntriples)), law, graph_name)


def audit_store(
    store: PolicyStore,
    policies: list[URIRef] | None = None,
    law: str | Sequence[str] = "auto",
    workers: int = 1,
    *,
    save: bool = True,
    shape_paths: tuple[Path, ...] | None = None,
) -> AuditReport:
    """Audit every policy (or the given policy / graph IRIs); store each audit graph if `save`.

    `law`: "auto" runs the law audits that apply to each policy plus the consistency checks;
    "all", one of LAWS, or a comma list forces those sets. With `workers` > 1 the policies are
    audited in a process pool (graphs cross as N-Triples); the store is written only here.
    """
    laws = parse_law(law)
    graphs = _policy_graphs(store, policies)
    context = ontology_context(store)
    report = AuditReport()
    if workers > 1 and len(graphs) > 1:
        paths = tuple(map(str, shape_paths)) if shape_paths else None
        init = (paths, context.serialize(format="nt"))
        # Graphs are read lazily while the workers run; imap keeps the policy order. They cross
        # as N-Triples written and parsed by Oxigraph: this process, which competes with the
        # workers for the cores, then spends ~1 ms a graph instead of ~25 ms on rdflib terms.
        tasks = ((str(g), store.graph_ntriples(g), laws) for g in graphs)
        # Workers start by fork where available (as in corpus.ingest): the shapes parsed here
        # are inherited and the initializer finds them cached; under spawn it parses them once.
        with multiprocessing.Pool(workers, initializer=_init_worker, initargs=init) as pool:
            audited = list(pool.imap(_audit_task, tasks, chunksize=2))
    else:
        auditor = Auditor(load_audit_shapes(shape_paths), context)
        audited = [auditor.audit(_audit_data(store.triples_in(g)), laws, str(g)) for g in graphs]
    for item in audited:
        report.checked += 1
        report.rows.extend(item.rows)
        policy = item.rows[0].policy if item.rows else item.graph
        report.laws[policy] = list(item.laws)
        if save:
            store.replace_graph_ntriples(URIRef(item.audit_graph), item.report_nt)
    if save:
        store.flush()
    return report


def audit_graph(
    data: Graph, law: str | Sequence[str] = "auto", shapes: Graph | None = None
) -> list[AuditRow]:
    """Audit one policy graph held in memory (tests, notebooks); nothing is stored."""
    auditor = Auditor(shapes) if shapes is not None else _default_auditor()
    return list(auditor.audit(data, parse_law(law)).rows)


@lru_cache(maxsize=1)
def _default_auditor() -> Auditor:
    return Auditor()


# --- rendering ----------------------------------------------------------------------------------

COLUMNS = (
    "policy", "company_label", "law", "law_applies", "requirement", "article", "status",
    "severity", "reason", "evidence",
)  # fmt: skip


def _records(report: AuditReport) -> list[dict[str, str]]:
    return [{c: asdict(row)[c] for c in COLUMNS} for row in report.rows]


def render_audit_json(report: AuditReport) -> str:
    body = {
        "checked": report.checked,
        "exit_code": report.exit_code,
        "counts": report.counts(),
        "laws": report.laws,
        "rows": _records(report),
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def render_audit_csv(report: AuditReport) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_records(report))
    return out.getvalue()


def render_audit_table(report: AuditReport, width: int = 50) -> str:
    columns = ("company_label", "law", "requirement", "status", "severity", "reason")
    rows = [
        [_short(str(asdict(_forced_marked(r))[c]), width) for c in columns] for r in report.rows
    ]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    counts = ", ".join(f"{n} {s}" for s, n in report.counts().items() if n)
    policies = "1 policy" if report.checked == 1 else f"{report.checked} policies"
    lines.append(f"({policies}: {counts or 'no rows'})")
    return "\n".join(lines) + "\n"


def _forced_marked(row: AuditRow) -> AuditRow:
    """ "ccpa (forced)": a law --law asked for, which the policy gives no reason to apply."""
    return row if row.law_applies else replace(row, law=f"{row.law} (forced)")


def render_audit_html(report: AuditReport) -> str:
    """A self-contained page: one table per policy, every value escaped."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>Privacy policy audit</title>',
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
        "margin-bottom:2em}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}"
        ".met{background:#e6f4ea}.partial{background:#fff4e5}.missing,.conflict{"
        "background:#fde8e8}.not-applicable{color:#777}</style></head><body>",
        "<h1>Privacy policy audit</h1>",
        f"<p>{report.checked} policies audited; "
        + e(", ".join(f"{n} {s}" for s, n in report.counts().items() if n) or "no findings")
        + "</p>",
    ]
    by_policy: dict[str, list[AuditRow]] = {}
    for row in report.rows:
        by_policy.setdefault(row.policy, []).append(row)
    for policy, rows in by_policy.items():
        title = rows[0].company_label or policy
        parts.append(f"<h2>{e(title)}</h2><p><code>{e(policy)}</code></p>")
        parts.append(
            "<table><tr><th>Law</th><th>Requirement</th><th>Article</th><th>Status</th>"
            "<th>Severity</th><th>Reason</th><th>Evidence</th></tr>"
        )
        for r in rows:
            parts.append(
                f'<tr class="{e(r.status)}"><td>{e(r.law)}</td><td>{e(r.requirement)}</td>'
                f"<td>{e(r.article)}</td><td>{e(r.status)}</td><td>{e(r.severity)}</td>"
                f"<td>{e(r.reason)}</td><td>{e(r.evidence)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


AUDIT_RENDERERS: dict[str, Callable[[AuditReport], str]] = {
    "table": render_audit_table,
    "csv": render_audit_csv,
    "json": render_audit_json,
    "html": render_audit_html,
}


def render_audit(report: AuditReport, fmt: str = "table") -> str:
    try:
        return AUDIT_RENDERERS[fmt](report)
    except KeyError:
        raise AuditError(f"unknown format {fmt!r}; choose {', '.join(AUDIT_RENDERERS)}") from None


__all__ = [
    "AUDIT_RENDERERS", "LAWS", "STATUSES", "AuditError", "AuditReport", "AuditRow", "Auditor",
    "Requirement", "applicable_laws", "audit_graph", "audit_graph_iri", "audit_store",
    "load_audit_shapes", "parse_law", "render_audit", "requirements",
]  # fmt: skip
