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

    requirements.py  the shapes as Requirement records; which law sets apply to a policy
    auditor.py       Auditor: one policy graph -> rows plus its report graph
    corpus.py        audit_store: every policy of a store, in a process pool, stored
    results.py       AuditRow, AuditReport (exit status) and the table/CSV/JSON/HTML renderers
"""

from .auditor import Auditor, audit_graph, audit_graph_iri
from .corpus import audit_store
from .requirements import (
    LAWS,
    STATUSES,
    AuditError,
    Requirement,
    applicable_laws,
    load_audit_shapes,
    parse_law,
    requirements,
)
from .results import AUDIT_RENDERERS, AuditReport, AuditRow, render_audit

__all__ = [
    "AUDIT_RENDERERS", "LAWS", "STATUSES", "AuditError", "AuditReport", "AuditRow", "Auditor",
    "Requirement", "applicable_laws", "audit_graph", "audit_graph_iri", "audit_store",
    "load_audit_shapes", "parse_law", "render_audit", "requirements",
]  # fmt: skip
