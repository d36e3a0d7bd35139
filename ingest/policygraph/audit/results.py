"""Audit rows and their report: the exit status, and rendering as table, CSV, JSON or HTML."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace

from ..render import shorten
from .requirements import FAILING, STATUSES, AuditError


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
        [shorten(str(asdict(_forced_marked(r))[c]), width) for c in columns] for r in report.rows
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
