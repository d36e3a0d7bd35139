"""The audit's requirements: shapes carrying `pg:requirement`, and which law sets apply."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from ..errors import PolicyGraphError
from ..validate import load_shapes
from ..vocab import DPV, LEGAL_EU, LEGAL_GB, LEGAL_US, LOC, PG, SH

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
