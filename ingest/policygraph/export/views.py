"""Views: networkx MultiDiGraphs built from the store for graph viewers and analytics.

Every view is built one policy graph at a time: a SELECT bound to one named graph (`?g`), its
rows folded into the view and dropped. So an export holds the view's graph plus one policy's rows,
never the whole store's result set. Vocabulary labels (a few thousand concepts) are read once
from the ontology graph.

Node attributes: `label`, `kind`, `iri` (strings), plus per-view extras that are strings or
numbers only: graph viewers (Gephi, yEd, Cytoscape) reject None, so missing values are dropped.
Every edge has `relation` (what Neo4j calls its type) and a `label`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

import networkx as nx
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from ..errors import PolicyGraphError
from ..store import PolicyStore
from ..vocab import DPV, ONTOLOGY_GRAPH, PG, PREFIXES

VIEWS = ("full", "practices", "recipients", "data-flows", "co-occurrence")

# One colour per kind, shared by every format that draws (GEXF viz, DOT, Cytoscape, HTML, report).
KIND_COLOURS: dict[str, str] = {
    "company": "#1f77b4",
    "organisation": "#ff7f0e",
    "category": "#ffbb78",
    "data": "#2ca02c",
    "purpose": "#9467bd",
    "legal-basis": "#8c564b",
    "law": "#d62728",
    "right": "#e377c2",
    "location": "#17becf",
    "action": "#bcbd22",
    "policy": "#393b79",
    "practice": "#7f7f7f",
    "denied-practice": "#c7c7c7",
    "evidence": "#dbdb8d",
    "statement": "#aec7e8",
    "retention": "#98df8a",
}
DEFAULT_COLOUR = "#999999"

# Scheme -> kind for the concepts the views name; other schemes get a kind from their local name.
_SCHEME_KINDS = {
    PG.PersonalDataScheme: "data",
    PG.PurposeScheme: "purpose",
    PG.LegalBasisScheme: "legal-basis",
    PG.LawScheme: "law",
    PG.RightScheme: "right",
    PG.LocationScheme: "location",
    PG.ProcessingScheme: "action",
    PG.RecipientCategoryScheme: "category",
    PG.OrganisationScheme: "organisation",
    PG.ServiceCategoryScheme: "service-category",
}
_TYPE_KINDS = {
    PG.PrivacyPolicy: "policy",
    DPV.Process: "practice",
    PG.DeniedPractice: "denied-practice",
    DPV.Organisation: "organisation",
    DPV.DataController: "company",
    DPV.StorageDuration: "retention",
}
# The whole policy text is left out of the full view: every quoted sentence is already on its
# evidence node, and one 50 kB attribute per policy makes viewer files balloon.
_SKIPPED_LITERALS = {PG.text}

_VOCABULARY = """
SELECT ?o ?concept ?label ?scheme ?notation ?category ?country WHERE {
  GRAPH ?o {
    ?concept skos:prefLabel|rdfs:label ?label .
    OPTIONAL { ?concept skos:inScheme ?scheme }
    OPTIONAL { ?concept skos:notation ?notation }
    OPTIONAL { ?concept pg:serviceCategory ?category }
    OPTIONAL { ?concept pg:country ?country }
  }
}
"""
_POLICIES = """
SELECT ?g ?policy ?company ?company_label WHERE {
  GRAPH ?g {
    ?policy a pg:PrivacyPolicy .
    OPTIONAL { ?policy pg:company ?company . OPTIONAL { ?company rdfs:label ?company_label } }
  }
}
ORDER BY ?g
"""
_POLICIES_UNDER_LAW = """
SELECT DISTINCT ?g ?law WHERE { GRAPH ?g { ?mention dpv:hasApplicableLaw ?law } }
"""
# One row per (practice, relation, target): a UNION rather than OPTIONALs, so a practice with
# three data types and two recipients gives five rows, not a six-row cross product.
_PRACTICE_TARGETS = """
SELECT ?g ?practice ?processing ?negated ?relation ?target ?role WHERE {
  GRAPH ?g {
    ?practice pg:statedIn ?policy ; dpv:hasProcessing ?processing ; pg:negated ?negated .
    { ?practice dpv:hasPersonalData ?target . BIND("data" AS ?relation) }
    UNION { ?practice dpv:hasPurpose ?target . BIND("purpose" AS ?relation) }
    UNION { ?practice dpv:hasDataProcessor ?target .
            BIND("recipient" AS ?relation) BIND("processor" AS ?role) }
    UNION { ?practice dpv:hasThirdParty ?target .
            BIND("recipient" AS ?relation) BIND("third-party" AS ?role) }
    UNION { ?practice dpv:hasRecipient ?target .
            BIND("recipient" AS ?relation) BIND("recipient" AS ?role) }
  }
}
"""
_ORGANISATIONS_IN_GRAPH = """
SELECT ?g ?organisation ?label WHERE {
  GRAPH ?g { ?organisation a dpv:Organisation . OPTIONAL { ?organisation rdfs:label ?label } }
}
"""


@dataclass(frozen=True)
class Concept:
    label: str
    kind: str
    notation: str | None = None
    category: URIRef | None = None
    country: URIRef | None = None


@dataclass(frozen=True)
class PolicyRef:
    graph: URIRef
    policy: URIRef
    company: URIRef | None
    company_label: str | None


_NAMESPACES = {str(ns): prefix for prefix, ns in PREFIXES.items()}


def curie(iri: str) -> str:
    """The longest-namespace prefixed name for `iri` (node ids stay readable in every viewer).

    Tries each `/` or `#` from the right: a dict lookup per separator, not a scan of every
    prefix, because the full view calls this for every triple."""
    end = len(iri)
    while True:
        cut = max(iri.rfind("/", 0, end), iri.rfind("#", 0, end))
        if cut < 0:
            return iri
        prefix = _NAMESPACES.get(iri[: cut + 1])
        if prefix is not None:
            return f"{prefix}:{iri[cut + 1 :]}"
        end = cut


def node_id(term: Node) -> str:
    if isinstance(term, BNode):
        return f"_:{term}"
    return curie(str(term))


def _local(iri: str) -> str:
    return re.split(r"[#/:]", iri.rstrip("/#"))[-1]


def _scheme_kind(scheme: URIRef | None) -> str:
    if scheme is None:
        return "concept"
    if scheme in _SCHEME_KINDS:
        return _SCHEME_KINDS[scheme]
    name = _local(str(scheme)).removesuffix("Scheme")
    return re.sub(r"(?<!^)(?=[A-Z][a-z])", "-", name).lower()


class Vocabulary:
    """Labels and kinds of the ontology's concepts and registry organisations."""

    def __init__(self, store: PolicyStore) -> None:
        self.concepts: dict[URIRef, Concept] = {}
        result = store.select(_VOCABULARY, {"o": ONTOLOGY_GRAPH}, union=False)
        for _, concept, label, scheme, notation, category, country in result.rows:
            previous = self.concepts.get(concept)
            # Keep the first scheme seen but fill in what later rows add (notation, category).
            self.concepts[concept] = Concept(
                label=previous.label if previous else str(label),
                kind=previous.kind if previous and previous.kind != "concept"
                else _scheme_kind(scheme),
                notation=(previous and previous.notation) or (notation and str(notation)),
                category=(previous and previous.category) or category,
                country=(previous and previous.country) or country,
            )  # fmt: skip

    def label(self, term: Node, fallback: str | None = None) -> str:
        concept = self.concepts.get(term)  # type: ignore[call-overload]
        if concept:
            return concept.label
        return fallback or _local(str(term))

    def kind(self, term: Node, default: str = "concept") -> str:
        concept = self.concepts.get(term)  # type: ignore[call-overload]
        return concept.kind if concept else default


def select_policies(
    store: PolicyStore, policies: Iterable[URIRef] = (), law: URIRef | None = None
) -> list[PolicyRef]:
    """The policy graphs to export: every one, or those whose policy or graph IRI is given,
    or those naming `law`. Unknown IRIs are an error rather than an empty export."""
    refs: dict[URIRef, PolicyRef] = {}
    for g, policy, company, company_label in store.select(_POLICIES, union=False).rows:
        if g != ONTOLOGY_GRAPH and g not in refs:
            refs[g] = PolicyRef(g, policy, company, str(company_label) if company_label else None)
    wanted = set(policies)
    if wanted:
        chosen = {g: r for g, r in refs.items() if g in wanted or r.policy in wanted}
        found = set(chosen) | {r.policy for r in chosen.values()}
        missing = sorted(str(p) for p in wanted - found)
        if missing:
            raise PolicyGraphError(f"no policy {missing[0]} in the store")
        refs = chosen
    if law is not None:
        under = {
            row[0] for row in store.select(_POLICIES_UNDER_LAW, {"law": law}, union=False).rows
        }
        refs = {g: r for g, r in refs.items() if g in under}
    return list(refs.values())


def _rows(store: PolicyStore, sparql: str, graph: URIRef) -> Iterator[list[Node | None]]:
    yield from store.select(sparql, {"g": graph}, union=False).rows


def _add_node(graph: nx.MultiDiGraph, term: Node, label: str, kind: str, **extra: object) -> str:
    nid = node_id(term)
    if nid not in graph:
        attrs = {"label": label, "kind": kind, "iri": str(term)}
        attrs.update({k: v for k, v in extra.items() if v is not None and v != ""})
        graph.add_node(nid, **attrs)
    return nid


def _add_company(graph: nx.MultiDiGraph, ref: PolicyRef) -> str | None:
    if ref.company is None:
        return None
    nid = _add_node(graph, ref.company, ref.company_label or _local(str(ref.company)), "company")
    graph.nodes[nid]["policies"] = graph.nodes[nid].get("policies", 0) + 1
    return nid


def _organisation_attrs(vocab: Vocabulary, term: Node) -> dict[str, object]:
    concept = vocab.concepts.get(term)  # type: ignore[call-overload]
    if concept is None:
        return {}
    return {
        "category": vocab.label(concept.category) if concept.category else None,
        "country": curie(str(concept.country)) if concept.country else None,
    }


def _organisations(store: PolicyStore, ref: PolicyRef) -> dict[Node, str | None]:
    """Organisations typed in this policy graph (unknown legal entities live only here)."""
    return {
        row[1]: (str(row[2]) if row[2] is not None else None)
        for row in _rows(store, _ORGANISATIONS_IN_GRAPH, ref.graph)
    }


def _is_organisation(vocab: Vocabulary, local_orgs: dict[Node, str | None], term: Node) -> bool:
    return term in local_orgs or vocab.kind(term) == "organisation"


# --- the views ---------------------------------------------------------------------------------


def full_view(store: PolicyStore, refs: list[PolicyRef], vocab: Vocabulary) -> nx.MultiDiGraph:
    """Every resource and relation of the policy graphs; literals become node attributes."""
    graph = nx.MultiDiGraph(view="full")
    literals: dict[str, dict[str, set[Literal]]] = defaultdict(lambda: defaultdict(set))
    types: dict[str, set[Node]] = defaultdict(set)
    for ref in refs:
        # triples_in streams straight from the store's index, no result set in between.
        for s, p, o in store.triples_in(ref.graph):
            if p in _SKIPPED_LITERALS:
                continue
            sid = node_id(s)
            if sid not in graph:
                graph.add_node(sid, iri=str(s))
            if p == RDF.type:
                types[sid].add(o)
            elif isinstance(o, Literal):
                literals[sid][_local(str(p))].add(o)
            else:
                oid = node_id(o)
                if oid not in graph:
                    graph.add_node(oid, iri=str(o))
                name = curie(str(p))
                if not graph.has_edge(sid, oid, key=name):
                    local = _local(str(p))
                    graph.add_edge(sid, oid, key=name, relation=local, label=local,
                                   predicate=name)  # fmt: skip
    for nid, attrs in graph.nodes(data=True):
        term = URIRef(attrs["iri"])
        node_types = types.get(nid, set())
        kind = next((_TYPE_KINDS[t] for t in _KIND_ORDER if t in node_types), None)
        if kind is None and node_types:
            kind = (
                "evidence"
                if any("TextQuoteSelector" in str(t) for t in node_types)
                else "statement"
            )
        attrs["kind"] = kind or vocab.kind(term)
        if node_types:
            attrs["type"] = " ".join(sorted(curie(str(t)) for t in node_types))
        values = literals.get(nid, {})
        for key, found in values.items():
            attrs.setdefault(key, _literal_value(found))
        attrs["label"] = _full_label(term, values, vocab)
    return graph


def _literal_value(values: set[Literal]) -> str | int | float | bool:
    """One literal keeps its type (offsets stay numbers); several are joined as text."""
    if len(values) == 1:
        value = next(iter(values)).toPython()
        if isinstance(value, bool | int | float):
            return value
    return "; ".join(sorted(str(v) for v in values))


def _full_label(term: URIRef, values: dict[str, set[Literal]], vocab: Vocabulary) -> str:
    for key in ("label", "prefLabel", "title", "exact", "cookieName"):
        if key in values:
            text = " ".join(sorted(str(v) for v in values[key])[0].split())
            return text if len(text) <= 60 else text[:59] + "…"
    if term in vocab.concepts:
        return vocab.label(term)
    # Our instance IRIs read best as their path inside the policy: practice/7, law/1 …
    local = str(term).split("/policy/", 1)[-1]
    return local.split("/", 1)[1] if "/" in local else _local(str(term))


# DataController before Organisation: a company is both.
_KIND_ORDER = (PG.PrivacyPolicy, DPV.DataController, DPV.Organisation, DPV.Process,
               PG.DeniedPractice, DPV.StorageDuration)  # fmt: skip


def practices_view(store: PolicyStore, refs: list[PolicyRef], vocab: Vocabulary) -> nx.MultiDiGraph:
    """Company -> data type / purpose / recipient; edges keyed by action and negation, with the
    number of practices (`count`) stating them."""
    graph = nx.MultiDiGraph(view="practices")
    for ref in refs:
        company = _add_company(graph, ref)
        if company is None:
            continue
        local_orgs = _organisations(store, ref)
        seen: set[tuple] = set()
        for row in _rows(store, _PRACTICE_TARGETS, ref.graph):
            _, practice, processing, negated, relation, target, role = row
            if target == ref.company:
                continue
            action = (
                vocab.concepts.get(processing).notation  # type: ignore[union-attr]
                if processing in vocab.concepts
                else None
            ) or _local(str(processing))
            is_negated = bool(negated.toPython()) if isinstance(negated, Literal) else False
            if str(relation) == "recipient":
                is_org = _is_organisation(vocab, local_orgs, target)
                kind = "organisation" if is_org else "category"
                label = vocab.label(target, local_orgs.get(target))
                extra = _organisation_attrs(vocab, target) if is_org else {}
            else:
                kind, label, extra = str(relation), vocab.label(target), {}
            tid = _add_node(graph, target, label, kind, **extra)
            key = f"not-{action}" if is_negated else action
            # A practice counts once per edge even when several roles name the same recipient.
            if (practice, tid, key) in seen:
                continue
            seen.add((practice, tid, key))
            if graph.has_edge(company, tid, key=key):
                graph.edges[company, tid, key]["count"] += 1
            else:
                graph.add_edge(company, tid, key=key, relation=str(relation), action=action,
                               negated=is_negated, count=1,
                               label=f"{'not ' if is_negated else ''}{action}")  # fmt: skip
            if role is not None:
                roles = graph.edges[company, tid, key].setdefault("role", str(role))
                if str(role) not in roles.split(";"):
                    graph.edges[company, tid, key]["role"] = f"{roles};{role}"
    return graph


def _recipient_pairs(
    store: PolicyStore, ref: PolicyRef, vocab: Vocabulary, organisations_only: bool
) -> Iterator[tuple[Node, Node | None, str, Node | None, dict[Node, str | None]]]:
    """(recipient, data, role, practice, local organisations) of the policy's positive
    practices."""
    local_orgs = _organisations(store, ref)
    by_practice: dict[Node, dict[str, list[tuple[Node, str | None]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for _, practice, _, negated, relation, target, role in _rows(store, _PRACTICE_TARGETS,
                                                                    ref.graph):  # fmt: skip
        if isinstance(negated, Literal) and negated.toPython():
            continue
        if str(relation) in ("data", "recipient"):
            by_practice[practice][str(relation)].append((target, role and str(role)))
    for practice, parts in by_practice.items():
        for recipient, role in parts.get("recipient", []):
            if recipient == ref.company:
                continue
            if organisations_only and not _is_organisation(vocab, local_orgs, recipient):
                continue
            for data, _ in parts.get("data", []) or [(None, None)]:
                yield recipient, data, role or "recipient", practice, local_orgs


def recipients_view(
    store: PolicyStore, refs: list[PolicyRef], vocab: Vocabulary
) -> nx.MultiDiGraph:
    """Bipartite company -- organisation network (one edge per role), with service categories."""
    graph = nx.MultiDiGraph(view="recipients")
    for ref in refs:
        company = _add_company(graph, ref)
        if company is None:
            continue
        graph.nodes[company]["bipartite"] = 0
        practices: Counter[tuple[str, str]] = Counter()
        seen: set[tuple] = set()
        for recipient, _, role, practice, local_orgs in _recipient_pairs(store, ref, vocab, True):
            rid = _add_node(graph, recipient, vocab.label(recipient, local_orgs.get(recipient)),
                            "organisation", bipartite=1,
                            **_organisation_attrs(vocab, recipient))  # fmt: skip
            if (practice, rid, role) not in seen:
                seen.add((practice, rid, role))
                practices[rid, role] += 1
        for (rid, role), count in practices.items():
            if graph.has_edge(company, rid, key=role):
                graph.edges[company, rid, role]["count"] += count
            else:
                graph.add_edge(company, rid, key=role, relation=role, role=role, count=count,
                               label=role)  # fmt: skip
    return graph


def data_flows_view(
    store: PolicyStore, refs: list[PolicyRef], vocab: Vocabulary
) -> nx.MultiDiGraph:
    """Data type -> recipient, aggregated across companies: `weight` = companies sending it."""
    graph = nx.MultiDiGraph(view="data-flows")
    companies: dict[tuple[str, str], set[int]] = defaultdict(set)
    company_index: dict[Node, int] = {}
    for ref in refs:
        if ref.company is None:
            continue
        index = company_index.setdefault(ref.company, len(company_index))
        for recipient, data, _, _, local_orgs in _recipient_pairs(store, ref, vocab, False):
            if data is None:
                continue
            is_org = _is_organisation(vocab, local_orgs, recipient)
            extra = _organisation_attrs(vocab, recipient) if is_org else {}
            rid = _add_node(graph, recipient, vocab.label(recipient, local_orgs.get(recipient)),
                            "organisation" if is_org else "category", **extra)  # fmt: skip
            did = _add_node(graph, data, vocab.label(data), "data")
            companies[did, rid].add(index)
    for (did, rid), members in companies.items():
        graph.add_edge(did, rid, key="flows-to", relation="flows-to", weight=len(members),
                       label=str(len(members)))  # fmt: skip
    return graph


def co_occurrence_view(
    store: PolicyStore, refs: list[PolicyRef], vocab: Vocabulary
) -> nx.MultiDiGraph:
    """Processor -- processor, `weight` = number of client companies the two share.

    Stored as one edge per pair (source id < target id); the graph is marked undirected so the
    formats that can say so (GEXF, DOT, Cytoscape) draw it without arrows."""
    graph = nx.MultiDiGraph(view="co-occurrence", undirected=True)
    clients: dict[Node, set[str]] = defaultdict(set)
    for ref in refs:
        if ref.company is None:
            continue
        for recipient, _, _, _, local_orgs in _recipient_pairs(store, ref, vocab, True):
            rid = _add_node(graph, recipient, vocab.label(recipient, local_orgs.get(recipient)),
                            "organisation", **_organisation_attrs(vocab, recipient))  # fmt: skip
            clients[ref.company].add(rid)
    weights: Counter[tuple[str, str]] = Counter()
    for processors in clients.values():
        for pair in combinations(sorted(processors), 2):
            weights[pair] += 1
    for nid in graph:
        graph.nodes[nid]["companies"] = 0
    for processors in clients.values():
        for nid in processors:
            graph.nodes[nid]["companies"] += 1
    for (a, b), weight in weights.items():
        graph.add_edge(a, b, key="co-occurs", relation="co-occurs", weight=weight,
                       label=str(weight))  # fmt: skip
    return graph


BUILDERS: dict[str, Callable[[PolicyStore, list[PolicyRef], Vocabulary], nx.MultiDiGraph]] = {
    "full": full_view,
    "practices": practices_view,
    "recipients": recipients_view,
    "data-flows": data_flows_view,
    "co-occurrence": co_occurrence_view,
}


def build_view(
    store: PolicyStore,
    view: str,
    policies: Iterable[URIRef] = (),
    law: URIRef | None = None,
) -> nx.MultiDiGraph:
    """The named view over the selected policies (all by default)."""
    if view not in BUILDERS:
        raise PolicyGraphError(f"no view {view!r}; views: {', '.join(VIEWS)}")
    refs = select_policies(store, policies, law)
    graph = BUILDERS[view](store, refs, Vocabulary(store))
    graph.graph["policies"] = len(refs)
    return graph


def colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, DEFAULT_COLOUR)


__all__ = ["KIND_COLOURS", "VIEWS", "PolicyRef", "Vocabulary", "build_view", "colour", "curie",
           "select_policies"]  # fmt: skip
