"""Facts -> RDF: the only module that makes triples. One policy in, one named graph's triples out.

The shape of the graph is documented in docs/graph-model.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS as _DCTERMS
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import RDF, XSD
from rdflib.namespace import RDFS as _RDFS

from . import iris
from .model import Evidence, Organisation, PolicyDoc, Practice, Recipient
from .text import slug
from .vocab import DPV as _DPV
from .vocab import OA as _OA
from .vocab import PG as _PG
from .vocab import CachedNamespace, bind_prefixes, expand

DPV, OA, PG = CachedNamespace(_DPV), CachedNamespace(_OA), CachedNamespace(_PG)
DCTERMS, PROV, RDFS = CachedNamespace(_DCTERMS), CachedNamespace(_PROV), CachedNamespace(_RDFS)
RDF_TYPE = RDF.type

# The processing concept of each action (model.ACTIONS).
PROCESSING = {
    "collect": DPV.Collect,
    "use": DPV.Use,
    "share": DPV.Share,
    "sell": PG.Sell,
    "store": DPV.Store,
    "retain": PG.Retain,
    "transfer": DPV.Transfer,
    "disclose": DPV.Disclose,
}
RECIPIENT_PROPERTY = {
    "processor": DPV.hasDataProcessor,
    "third-party": DPV.hasThirdParty,
}
MENTION_CLASS = {
    "law": (PG.LawMention, DPV.hasApplicableLaw),
    "right": (PG.RightMention, DPV.hasRight),
    "location": (PG.LocationMention, DPV.hasLocation),
    "measure": (PG.MeasureMention, DPV.hasTechnicalOrganisationalMeasure),
    "legal-basis": (PG.LegalBasisMention, DPV.hasLegalBasis),
    "audience": (PG.AudienceMention, PG.audience),
    "choice": (PG.ChoiceMention, PG.choice),
    "source": (PG.DataSourceMention, DPV.hasDataSource),
    "necessity": (PG.NecessityMention, DPV.hasNecessity),
    "decision": (PG.AutomatedDecisionMention, PG.decisionMaking),
}


Triple = tuple[URIRef, URIRef, URIRef | Literal]


class GraphBuilder:
    """Accumulates the triples of one policy's named graph (a dict keeps order and uniqueness;
    an rdflib Graph costs ~50 us per triple, too slow for corpus runs)."""

    def __init__(self, doc: PolicyDoc) -> None:
        self.doc = doc
        self.sha = doc.document.sha256
        self.policy = iris.policy(self.sha)
        self.triples: dict[Triple, None] = {}
        self.company = iris.organisation(doc.company) if doc.company else None
        self._counters: dict[str, int] = {}
        self._evidence_done: set[URIRef] = set()

    def add(self, s: URIRef, p: URIRef, o) -> None:
        self.triples[(s, p, o)] = None

    def new_fact(self, kind: str, cls: URIRef, evidence: Evidence) -> URIRef:
        self._counters[kind] = self._counters.get(kind, 0) + 1
        node = iris.fact(self.policy, kind, self._counters[kind])
        self.add(node, RDF_TYPE, cls)
        self.add(node, PG.statedIn, self.policy)
        self.add(node, PG.evidence, self.evidence(evidence))
        return node

    def evidence(self, ev: Evidence) -> URIRef:
        node = iris.evidence(self.policy, ev.start, ev.end)
        if node not in self._evidence_done:
            self._evidence_done.add(node)
            self.add(node, RDF_TYPE, OA.TextPositionSelector)
            self.add(node, RDF_TYPE, OA.TextQuoteSelector)
            self.add(node, OA.start, Literal(ev.start))
            self.add(node, OA.end, Literal(ev.end))
            self.add(node, OA.exact, Literal(ev.quote))
            self.add(node, DCTERMS.isPartOf, self.policy)
            if ev.section:
                self.add(node, PG.section, Literal(ev.section))
        return node

    def organisation(self, org: Organisation) -> URIRef:
        node = iris.organisation(org.key)
        self.add(node, RDF_TYPE, DPV.Organisation)
        if not org.known:
            # Registry organisations carry their labels in the ontology graph.
            self.add(node, RDFS.label, Literal(org.name))
        return node


def build_graph(doc: PolicyDoc) -> Graph:
    """One policy's named graph as an rdflib Graph, prefixes bound."""
    graph = Graph()
    bind_prefixes(graph)
    for triple in build_triples(doc):
        graph.add(triple)
    return graph


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt(term: URIRef | Literal) -> str:
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_NT_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype else text
    return f"<{term}>"


def to_ntriples(triples: Iterable[Triple]) -> str:
    """N-Triples text (rdflib's n3() writes Turtle long strings, which N-Triples forbids)."""
    return "".join(f"<{s}> <{p}> {_nt(o)} .\n" for s, p, o in triples)


def build_triples(doc: PolicyDoc) -> list[Triple]:
    """The triples of one policy's named graph (without the graph name)."""
    b = GraphBuilder(doc)
    _policy(b)
    for practice in doc.facts.practices:
        _practice(b, practice)
    for org, ev in _unique_organisations(doc):
        node = b.new_fact("org", PG.OrganisationMention, ev)
        b.add(node, PG.mentions, b.organisation(org))
    for mention in doc.facts.mentions:
        cls, prop = MENTION_CLASS[mention.kind]
        node = b.new_fact(mention.kind, cls, mention.evidence)
        b.add(node, prop, expand(mention.concept))
        if mention.relation:
            b.add(node, PG.relation, Literal(mention.relation))
        for purpose in mention.purposes:
            b.add(node, DPV.hasPurpose, expand(purpose))
    for cookie in doc.facts.cookies:
        node = b.new_fact("cookie", PG.Cookie, cookie.evidence)
        b.add(node, PG.cookieName, Literal(cookie.name))
        if cookie.provider:
            b.add(node, PG.provider, b.organisation(cookie.provider))
        if cookie.duration:
            b.add(node, DPV.hasDuration, Literal(cookie.duration, datatype=XSD.duration))
        if cookie.duration_text:
            b.add(node, PG.durationText, Literal(cookie.duration_text))
        if cookie.purpose:
            b.add(node, PG.purposeText, Literal(cookie.purpose))
        if cookie.category:
            b.add(node, PG.cookieCategory, expand(cookie.category))
    for contact in doc.facts.contacts:
        node = b.new_fact("contact", PG.ContactPoint, contact.evidence)
        b.add(node, PG.role, Literal(contact.role))
        if contact.email:
            b.add(node, PG.email, Literal(contact.email))
        if contact.address:
            b.add(node, DPV.hasAddress, Literal(contact.address))
    for child in doc.facts.children:
        node = b.new_fact("children", PG.ChildrenStatement, child.evidence)
        if child.minimum_age is not None:
            b.add(node, PG.minimumAge, Literal(child.minimum_age))
        b.add(node, PG.collectsKnowingly, Literal(child.collects_knowingly))
    for dnt in doc.facts.do_not_track:
        node = b.new_fact("dnt", PG.DoNotTrackStatement, dnt.evidence)
        b.add(node, PG.honoursDoNotTrack, Literal(dnt.honoured))
    return list(b.triples)


def _policy(b: GraphBuilder) -> None:
    doc, policy = b.doc, b.policy
    b.add(policy, RDF_TYPE, PG.PrivacyPolicy)
    b.add(policy, DCTERMS.source, Literal(doc.document.source))
    b.add(policy, PG.sha256, Literal(doc.document.sha256))
    b.add(policy, DCTERMS.format, Literal(doc.document.media_type))
    b.add(policy, PG.text, Literal(doc.document.text))
    title = doc.title or doc.document.title
    if title:
        b.add(policy, DCTERMS.title, Literal(title))
    if doc.effective:
        b.add(policy, DCTERMS.modified, Literal(doc.effective, datatype=XSD.date))
    if b.company is not None:
        b.add(policy, PG.company, b.company)
        b.add(b.company, RDF_TYPE, DPV.Organisation)
        b.add(b.company, RDF_TYPE, DPV.DataController)
        b.add(b.company, RDFS.label, Literal(doc.company))
        if doc.legal_name:
            b.add(b.company, PG.legalName, Literal(doc.legal_name))
    graph = iris.policy_graph(b.sha)
    activity = iris.extraction(b.sha)
    b.add(graph, PROV.wasGeneratedBy, activity)
    b.add(activity, RDF_TYPE, PROV.Activity)
    b.add(activity, PROV.used, policy)
    b.add(activity, PROV.wasAssociatedWith, iris.software())


def _practice(b: GraphBuilder, practice: Practice) -> None:
    cls = PG.DeniedPractice if practice.negated else DPV.Process
    node = b.new_fact("practice", cls, practice.evidence)
    if b.company is not None:
        b.add(node, DPV.hasDataController, b.company)
    b.add(node, DPV.hasProcessing, PROCESSING[practice.action])
    b.add(node, PG.negated, Literal(practice.negated))
    b.add(node, PG.hedged, Literal(practice.hedged))
    if practice.by_third_party:
        b.add(node, PG.byThirdParty, Literal(True))
    for prop, curies in (
        (DPV.hasPersonalData, practice.data),
        (DPV.hasPurpose, practice.purposes),
        (DPV.hasLegalBasis, practice.legal_bases),
        (DPV.hasLocation, practice.locations),
        (PG.safeguard, practice.safeguards),
        (DPV.hasDataSubject, practice.data_subjects),
    ):
        for curie in _unique(curies):
            b.add(node, prop, expand(curie))
    if practice.purpose_text:
        b.add(node, PG.purposeText, Literal(practice.purpose_text))
    for recipient in practice.recipients:
        _recipient(b, node, recipient)
    if practice.retention is not None:
        retention = URIRef(f"{node}/retention")
        b.add(node, DPV.hasStorageCondition, retention)
        b.add(retention, RDF_TYPE, DPV.StorageDuration)
        if practice.retention.duration:
            b.add(
                retention,
                DPV.hasDuration,
                Literal(practice.retention.duration, datatype=XSD.duration),
            )
        if practice.retention.condition:
            b.add(retention, PG.condition, Literal(practice.retention.condition))
        if practice.retention.text:
            b.add(retention, PG.durationText, Literal(practice.retention.text))


def _recipient(b: GraphBuilder, node: URIRef, recipient: Recipient) -> None:
    if recipient.organisation is not None:
        org = b.organisation(recipient.organisation)
        if org == b.company:
            return
        b.add(node, RECIPIENT_PROPERTY.get(recipient.role, DPV.hasRecipient), org)
    elif recipient.category:
        b.add(node, DPV.hasRecipient, expand(recipient.category))


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _unique_organisations(doc: PolicyDoc) -> list[tuple[Organisation, Evidence]]:
    """One mention per organisation and sentence; the company itself is not a mention."""
    company = doc.company_keys()
    seen: set[tuple[str, int]] = set()
    out = []
    for org, ev in doc.facts.organisations:
        if slug(org.key) in company or (org.key, ev.start) in seen:
            continue
        seen.add((org.key, ev.start))
        out.append((org, ev))
    return out
