"""Namespaces: the DPV modules PolicyGraph uses, plus its own terms (PG) and instances (PGR)."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

DPV = Namespace("https://w3id.org/dpv#")
PD = Namespace("https://w3id.org/dpv/pd#")
EU_GDPR = Namespace("https://w3id.org/dpv/legal/eu/gdpr#")
LEGAL_EU = Namespace("https://w3id.org/dpv/legal/eu#")
LEGAL_US = Namespace("https://w3id.org/dpv/legal/us#")
LEGAL_GB = Namespace("https://w3id.org/dpv/legal/gb#")
LEGAL_IN = Namespace("https://w3id.org/dpv/legal/in#")
LOC = Namespace("https://w3id.org/dpv/loc#")
TECH = Namespace("https://w3id.org/dpv/tech#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
# Our own vocabulary terms and instance IRIs.
PG = Namespace("https://w3id.org/policygraph/ns#")
PGR = Namespace("https://w3id.org/policygraph/id/")
PGO = Namespace("https://w3id.org/policygraph/id/org/")

PREFIXES: dict[str, Namespace] = {
    "dpv": DPV,
    "pd": PD,
    "eu-gdpr": EU_GDPR,
    "legal-eu": LEGAL_EU,
    "legal-us": LEGAL_US,
    "legal-gb": LEGAL_GB,
    "legal-in": LEGAL_IN,
    "loc": LOC,
    "tech": TECH,
    "pg": PG,
    "pgr": PGR,
    "pgo": PGO,
    "oa": OA,
    "prov": PROV,
    "dct": DCTERMS,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
}

# The named graph holding the ontology and vocabularies inside a store.
ONTOLOGY_GRAPH = PGR["graph/ontology"]


@lru_cache(maxsize=65536)
def expand(curie: str) -> URIRef:
    """`pd:EmailAddress` -> the full IRI; raises KeyError on an unknown prefix."""
    prefix, _, local = curie.partition(":")
    return URIRef(PREFIXES[prefix] + local)


class CachedNamespace:
    """`ns.term` without building a new URIRef on every access (hot paths build many triples)."""

    def __init__(self, namespace: Namespace) -> None:
        self._namespace = namespace
        self._terms: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = URIRef(self._namespace[name])
        return term


def bind_prefixes(graph) -> None:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
