"""Who receives data: the named organisations and recipient categories of a clause, with their
role (processor, affiliate, authority, third party), and the share practice a named organisation
in a service-provider frame states ("we use Stripe to process payments") with no sharing verb.
"""

from __future__ import annotations

import re

from ..model import Evidence, Organisation, Practice, Recipient
from ..text import slug
from .clauses import Clause, lower
from .common import PERSONAL_DATA, Reading, curies, within

PROCESSOR_CONTEXT = re.compile(
    r"\b(?:service\s+providers?|sub-?processors?|processors?|vendors?|suppliers?|on\s+our\s+behalf|"
    r"we\s+(?:also\s+)?(?:use|employ|engage|rely\s+on|work\s+with|partner\s+with)|"
    r"(?:software|services|tools)\s+(?:that\s+)?we\s+use|powered\s+by|hosted\s+by|"
    r"hosting|for\s+(?:its|their)\s+\w+|processing\s+services|"
    # a payment handled by someone: "payments are processed by Stripe", "we accept payments
    # through the Stripe platform", "payment processing is provided by PayPal"
    r"payments?\s+(?:are\s+|is\s+)?(?:processed|handled|managed|taken)\s+(?:\w+\s+)?(?:by|through|via)|"
    r"(?:process|accept|handle|take)\w*\s+(?:\w+\s+)?payments?\s+(?:through|via|with|using|by)|"
    r"payment\s+processing\s+(?:is\s+)?(?:provided|handled|powered|done)\s+by)\b",
)
_AFFILIATE = re.compile(r"affiliat|subsidiar|groupcompan|parentcompan")
_AUTHORITY = re.compile(r"law|authorit|government|regulat|court|police|publicbod|tax")
_PROCESSOR_CATEGORY = re.compile(r"serviceprovider|processor|vendor|supplier|contractor")


# "… to protect the rights, property or safety of us, our affiliates, other users and the
# public": whom a disclosure protects, not who receives it
_PROTECTS = re.compile(
    r"\b(?:protect\w*|safeguard\w*|defend\w*|safety\s+of|injury\s+to|interference\s+with"
    r"|harm\s+to)\b"
)
# "To protect our rights, we may disclose it to law enforcement": a recipient after all
_HANDED_OVER = re.compile(
    r"\b(?:shar\w*|disclos\w*|provid\w*|transfer\w*|sell|sold|releas\w*|giv\w*|pass\w*|with"
    r"|to)\b"
)


def _protected(text: str, start: int) -> bool:
    before = lower(text[max(0, start - 200) : start])
    ends = [m.end() for m in _PROTECTS.finditer(before)]
    if not ends:
        return False
    gap = before[ends[-1] :]
    return len(gap) <= 160 and not re.search(r"[.;:]", gap) and not _HANDED_OVER.search(gap)


def find_recipients(
    r: Reading,
    clause: Clause | None,
    company: set[str],
    context: str,
    widen: bool = True,
) -> list[Recipient]:
    """Named organisations and recipient categories in the clause (or the sentence)."""
    in_clause = within(clause) if clause is not None else (lambda s, e: True)
    orgs = [o for o in other_orgs(r.orgs, company) if in_clause(o[1], o[2])]
    if clause is not None and not orgs and widen:
        orgs = other_orgs(r.orgs, company)
    categories = [m for m in r.categories if in_clause(m.start, m.end)]
    if clause is not None and not categories and widen:
        categories = r.categories
    categories = [m for m in categories if not _protected(r.text, m.start)]
    found: list[Recipient] = []
    seen: set[str] = set()
    processor = bool(PROCESSOR_CONTEXT.search(lower(context)))
    for org, _, _ in orgs:
        if org.key in seen:
            continue
        seen.add(org.key)
        role = "processor" if processor else "third-party"
        found.append(Recipient(role, organisation=org))
    for m in categories:
        if m.curie in seen:
            continue
        seen.add(m.curie)
        found.append(Recipient(_category_role(m.curie), category=m.curie))
    return found


def provider_shares(
    r: Reading,
    evidence: Evidence,
    company: set[str],
    context: str,
    existing: list[Practice],
    *,
    force: bool = False,
    lead_data: list[str] | None = None,
) -> list[Practice]:
    """A named organisation in a service-provider frame receives data: one share practice."""
    orgs = other_orgs(r.orgs, company)
    if not orgs:
        return []
    if not force and not PROCESSOR_CONTEXT.search(lower(r.text)):
        return []
    if any(p.negated for p in existing) or (
        not force and re.search(r"\b(?:not|never|no)\b", lower(r.text))
    ):
        return []
    recipients = [
        x
        for x in find_recipients(r, None, company, f"{context} service provider")
        if x.organisation is not None
    ]
    data = curies(r.data) or list(lead_data or []) or [PERSONAL_DATA]
    return [
        Practice(
            "share",
            evidence,
            hedged=bool(re.search(r"\b(?:may|might|could)\b", lower(r.text))),
            data=data,
            purposes=curies(r.purposes),
            recipients=recipients,
            legal_bases=curies(r.bases),
        )
    ]


def other_orgs(
    orgs: list[tuple[Organisation, int, int]], company: set[str]
) -> list[tuple[Organisation, int, int]]:
    out = []
    for org, start, end in orgs:
        name = org.name.lower().strip()
        if org.key in company or name in company or slug(org.name) in company:
            continue
        if company and name.split()[0].strip(",.") in company and not org.known:
            continue
        out.append((org, start, end))
    return out


def _category_role(curie: str) -> str:
    local = curie.split(":", 1)[-1].lower()
    if _PROCESSOR_CATEGORY.search(local):
        return "processor"
    if _AFFILIATE.search(local):
        return "affiliate"
    if _AUTHORITY.search(local):
        return "authority"
    return "third-party"
