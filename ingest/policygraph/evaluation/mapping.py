"""The reviewed mapping (ontology/mappings.ttl) from our concepts to each corpus's closed labels.

A concept maps to the labels it is `skos:closeMatch` to; a concept without a link of its own maps
through its nearest ancestors (skos:broader, from the lexicon) that have one. The mapping never
looks at gold annotations.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from ..lexicon import Lexicon, curie
from ..resources import data_dir
from ..vocab import PG

# The closed label sets we score, exactly as the corpora spell them. OPP-115's "Other" and
# "Generic personal information" are left out: they say nothing a concept could match.
OPP115_DATA_TYPES = (
    "Contact", "Cookies and tracking elements", "Computer information", "Demographic",
    "Financial", "Health", "IP address and device IDs", "Location", "Personal identifier",
    "Social media data", "Survey data", "User online activities", "User profile",
)  # fmt: skip
OPP115_PURPOSES = (
    "Basic service/feature", "Additional service/feature", "Advertising", "Marketing",
    "Analytics/Research", "Personalization/Customization", "Service operation and security",
    "Legal requirement", "Merger/Acquisition",
)  # fmt: skip
OPP115_THIRD_PARTIES = (
    "Named third party", "Unnamed third party", "Other part of company/affiliate", "Public",
    "Other users",
)  # fmt: skip
# As the gold names them; "Citizens from other countries" has no concept of ours.
OPP115_AUDIENCES = ("Children", "Californians", "Europeans")
GDPR_REQUIREMENTS = (
    "Controller Name", "Controller Contact", "DPO Contact", "Data Categories",
    "Processing Purpose", "Legal Basis for Processing", "Legitimate Interests for Processing",
    "Data Recipients", "Third-country Transfers", "Data Retention Period", "Source of Data",
    "Mandatory Data Disclosure", "Automated Decision-Making", "Right to Access",
    "Right to Rectification", "Right to Erasure", "Right to Restrict", "Right to Object",
    "Right to Portability", "Right to Withdraw Consent", "Right to Lodge Complaint",
)  # fmt: skip

# Short name -> (scheme local name under pg:, IRI prefix of its concepts, its labels).
SCHEMES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "opp115-data": ("OPP115DataTypes", "opp115-data-", OPP115_DATA_TYPES),
    "opp115-purpose": ("OPP115Purposes", "opp115-purpose-", OPP115_PURPOSES),
    "opp115-party": ("OPP115ThirdParties", "opp115-party-", OPP115_THIRD_PARTIES),
    "opp115-audience": ("OPP115Audiences", "opp115-audience-", OPP115_AUDIENCES),
    "gdpr-requirement": ("GDPRT200Requirements", "gdpr-req-", GDPR_REQUIREMENTS),
}


def label_iri(scheme: str, label: str) -> URIRef:
    """pg:opp115-data-CookiesAndTrackingElements for ("opp115-data", "Cookies and tracking …")."""
    words = re.findall(r"[A-Za-z0-9]+", label)
    return PG[SCHEMES[scheme][1] + "".join(w[:1].upper() + w[1:] for w in words)]


def mapping_file() -> Path:
    return data_dir("ontology") / "mappings.ttl"


class Mapping:
    """closeMatch links read from the mapping file, resolved through the lexicon's hierarchy."""

    def __init__(self, graph: Graph, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.labels: dict[str, dict[str, str]] = defaultdict(dict)  # scheme -> IRI -> label
        self.direct: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        scheme_by_iri = {PG[local]: short for short, (local, _, _) in SCHEMES.items()}
        for concept, scheme_iri in graph.subject_objects(SKOS.inScheme):
            if scheme_iri in scheme_by_iri:
                label = graph.value(concept, SKOS.prefLabel)
                self.labels[scheme_by_iri[scheme_iri]][str(concept)] = str(label or "")
        for ours, target in graph.subject_objects(SKOS.closeMatch):
            key = curie(str(ours))
            for scheme, labels in self.labels.items():
                if key and str(target) in labels:
                    self.direct[key][scheme].add(labels[str(target)])

    @classmethod
    def from_file(cls, lexicon: Lexicon, path: Path | None = None) -> Mapping:
        graph = Graph()
        graph.parse(path or mapping_file(), format="turtle")
        return cls(graph, lexicon)

    def map(self, concept: str, scheme: str) -> set[str]:
        """Labels of `concept` or of its nearest ancestors with a link (breadth first)."""
        level, seen = [concept], {concept}
        while level:
            found = set().union(*(self.direct.get(c, {}).get(scheme, set()) for c in level))
            if found:
                return found
            level = [p for c in level for p in self._broader(c) if p not in seen]
            seen.update(level)
        return set()

    def map_all(self, concepts: list[str], scheme: str) -> set[str]:
        return set().union(*(self.map(c, scheme) for c in concepts)) if concepts else set()

    def _broader(self, concept: str) -> tuple[str, ...]:
        entry = self.lexicon.concepts.get(concept)
        return entry.broader if entry else ()


@lru_cache(maxsize=1)
def default_mapping() -> Mapping:
    from ..lexicon import default_lexicon

    return Mapping.from_file(default_lexicon())
