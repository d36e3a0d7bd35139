"""SHACL validation of policy graphs with pyshacl: shapes parsed once, one policy at a time.

Validating per policy graph keeps each pyshacl run small (~100 ms) and lets the report name the
policy a problem belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from .resources import data_files
from .store import PolicyStore
from .vocab import SH


@dataclass(frozen=True)
class Finding:
    graph: str
    focus: str
    path: str
    severity: str  # Violation | Warning | Info
    message: str
    value: str = ""


@dataclass
class ValidationReport:
    checked: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not any(f.severity == "Violation" for f in self.findings)


@lru_cache(maxsize=8)
def load_shapes(paths: tuple[Path, ...] | None = None, pattern: str = "integrity*.ttl") -> Graph:
    """Shape files parsed once per process: `paths`, or shapes/ files matching `pattern`."""
    shapes = Graph()
    for path in paths or tuple(data_files("shapes", pattern)):
        shapes.parse(path, format="turtle")
    return shapes


def validate_graph(data: Graph, shapes: Graph, graph_name: str = "") -> list[Finding]:
    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    if conforms:
        return []
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        findings.append(
            Finding(
                graph=graph_name,
                focus=str(results.value(result, SH.focusNode) or ""),
                path=str(results.value(result, SH.resultPath) or ""),
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                message=str(results.value(result, SH.resultMessage) or ""),
                value=str(results.value(result, SH.value) or ""),
            )
        )
    return sorted(findings, key=lambda f: (f.focus, f.path, f.message))


def validate_store(
    store: PolicyStore, graphs: list[URIRef] | None = None, shapes: Graph | None = None
) -> ValidationReport:
    shapes = shapes if shapes is not None else load_shapes()
    report = ValidationReport()
    for graph in graphs or store.policy_graphs():
        report.checked += 1
        report.findings += validate_graph(store.graph(graph), shapes, str(graph))
    return report
