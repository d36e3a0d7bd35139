"""Practices stated in the rows of a table of personal-information categories, as CCPA notices
lay them out: a category per row ("Identifiers | Name, email address | Service providers |
Yes, to advertising partners"), a column per practice under a header that names it ("Collected",
"Disclosed for a business purpose to", "Sold or shared").

A row gives its data to each practice its cells state: collected ("Yes"/"No", or what the
heading says is done: "Categories of personal information we collect", "How we use your
data"), disclosed (to the recipients the cell names), sold or shared ("Yes, to advertising
partners"; "No" is a denial). Purpose and legal-basis columns, as GDPR notices lay them out
("Account data | To provide the service | Performance of a contract"), give the row's
practices their purposes and bases; a table of purposes and bases alone ("What we do | Legal
basis") states a use per row, of the data its purpose names. Tables of another kind (cookies,
retention periods) have none of these columns and give nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model import Evidence, PolicyDoc, Practice, Recipient, Sentence
from .common import PERSONAL_DATA, curies
from .recipients import find_recipients

if TYPE_CHECKING:
    from .common import Reading

_SOLD = re.compile(r"\bsold\b|\bsales?\b|\bsell")
_COLLECTED = re.compile(r"\bcollect(?:ed)?\b(?!.*\bsources?\b)")
_DISCLOSED = re.compile(r"disclos|recipients?\b|shared\s+with|third[\s-]part")
_BASIS = re.compile(r"\b(?:legal|lawful)\s+bas[ie]s\b|\bbas[ie]s\s+(?:for|of)\s+processing\b")
_PURPOSE = re.compile(
    r"\bpurposes?\b|\bwhy\b|\bused\s+for\b|\bwhat\s+we\s+do\b|\b(?:processing\s+)?activit"
)
_DATA = re.compile(r"categor|types?\b|personal\s+information|examples|data")
_PRACTICE_ROLES = {"collected", "disclosed", "sold", "sold and shared"}
_NO = re.compile(r"^\W*(?:no|none|n/?a|not\s+\w+)\b|^\W*[-–—]\W*$", re.IGNORECASE)
_YES = re.compile(r"^\W*(?:yes|[✓✔x])(?:\W|$)", re.IGNORECASE)


def _roles(header: Sentence) -> list[str | None]:
    """What each column of the table states, from its header cell."""
    roles: list[str | None] = []
    for cell in header.text.lower().split(" | "):
        if _BASIS.search(cell):
            roles.append("basis")
        elif _SOLD.search(cell):
            roles.append("sold and shared" if "shar" in cell else "sold")
        elif _COLLECTED.search(cell):
            roles.append("collected")
        elif _DISCLOSED.search(cell):
            roles.append("disclosed")
        elif _PURPOSE.search(cell):
            roles.append("purpose")
        elif _DATA.search(cell):
            roles.append("data")
        else:
            roles.append(None)
    return roles


def table_practices(
    doc: PolicyDoc,
    reading: Callable[[str], Reading],
    company: set[str],
    heading_action: Callable[[Sentence], str | None],
) -> list[Practice]:
    """The practices every row of a category table states (`heading_action`: what the heading
    of the section the table sits in says is done with the data, "collect" or "use")."""

    def recipients_in(cell: str) -> list[Recipient]:
        return find_recipients(reading(cell), None, company, cell)

    found: list[Practice] = []
    for row in doc.sentences:
        header = row.lead
        if not row.is_table_row or header is None or not header.is_table_row:
            continue
        roles = _roles(header)
        stated = heading_action(row)
        # "What we do | Legal basis": a purpose table whose rows name their data, if any, in words
        purpose_table = "data" not in roles and {"purpose", "basis"} <= set(roles)
        if purpose_table:
            stated = stated or "use"
        elif "data" not in roles or not (_PRACTICE_ROLES.intersection(roles) or stated):
            continue
        cells: dict[str, str] = {}
        for role, cell in zip(roles, row.text.split(" | "), strict=False):
            if role is not None:
                cells[role] = f"{cells[role]}; {cell}" if role in cells else cell
        data = curies(reading(cells.get("data", "")).data)
        if purpose_table:
            data = curies(reading(cells.get("purpose", "")).data) or [PERSONAL_DATA]
        if not data:
            continue
        practices = _row_practices(Evidence.of(row), data, cells, stated, recipients_in)
        # "Account data | To provide the service | Performance of a contract": a GDPR table
        purposes = curies(reading(cells.get("purpose", "")).purposes)
        bases = curies(reading(cells.get("basis", "")).bases)
        for p in practices:
            if not p.negated:
                p.purposes, p.legal_bases = purposes, bases
        found += practices
    return found


def _row_practices(
    evidence: Evidence,
    data: list[str],
    cells: dict[str, str],
    heading_action: str | None,
    recipients_in: Callable[[str], list[Recipient]],
) -> list[Practice]:
    out: list[Practice] = []
    collected = cells.get("collected")
    if collected is not None and (_YES.match(collected) or _NO.match(collected)):
        out.append(Practice("collect", evidence, negated=bool(_NO.match(collected)), data=data))
    elif heading_action:
        out.append(Practice(heading_action, evidence, data=data))
    disclosed = cells.get("disclosed")
    if disclosed and not _NO.match(disclosed):
        out.append(Practice("disclose", evidence, data=data, recipients=recipients_in(disclosed)))
    for role, actions in (("sold", ("sell",)), ("sold and shared", ("sell", "share"))):
        cell = cells.get(role)
        if cell is None or not (_YES.match(cell) or _NO.match(cell)):
            continue
        denied = bool(_NO.match(cell))
        for action in actions:
            to = [] if denied else recipients_in(cell)
            out.append(Practice(action, evidence, negated=denied, data=data, recipients=to))
    return out
