"""What changed between two stored policies: practices, recipients, rights and laws.

Each side is read through the catalogue queries with the `policy` parameter, so a diff sees
exactly what researchers see; evidence and IRIs of the policies themselves are left out of the
comparison, so the same statement in a reworded sentence counts as unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from .errors import QueryError
from .query import run_query
from .render import cell
from .store import PolicyStore

# aspect -> (catalogue query, the columns that identify a statement)
ASPECTS = {
    "practice": ("practices", ("action", "negated", "data", "purpose", "recipient",
                               "legal_basis")),
    "recipient": ("recipients", ("recipient", "kind", "role")),
    "right": ("rights", ("right",)),
    "law": ("laws", ("law",)),
}  # fmt: skip


@dataclass(frozen=True)
class Change:
    change: str  # added | removed
    aspect: str
    statement: tuple[tuple[str, str], ...]  # (column, value) pairs

    def describe(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.statement if v)


def resolve_policy(store: PolicyStore, ref: str) -> URIRef:
    """A policy IRI, or the source path it was read from."""
    result = run_query(store, "policies")
    source = result.columns.index("source")
    wanted = {ref, str(Path(ref).resolve())}  # manifests store resolved paths
    matches = {row[0] for row in result.rows if wanted & {str(row[0]), str(row[source])}}
    if len(matches) != 1:
        raise QueryError(f"no single stored policy has IRI or source {ref!r}")
    return URIRef(matches.pop())


def diff_policies(store: PolicyStore, old: URIRef, new: URIRef) -> list[Change]:
    changes = []
    for aspect, (query, columns) in ASPECTS.items():
        before, after = (_statements(store, query, columns, p) for p in (old, new))
        changes += [Change("removed", aspect, s) for s in sorted(before - after)]
        changes += [Change("added", aspect, s) for s in sorted(after - before)]
    return changes


def _statements(
    store: PolicyStore, query: str, columns: tuple[str, ...], policy: URIRef
) -> set[tuple[tuple[str, str], ...]]:
    result = run_query(store, query, {"policy": f"<{policy}>"})
    index = [result.columns.index(c) for c in columns]
    return {
        tuple((c, _text(row[i])) for c, i in zip(columns, index, strict=True))
        for row in result.rows
    }


def _text(term) -> str:
    value = cell(term)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
