"""Content negotiation for /sparql: the Accept header, or a `format` parameter as a shortcut.

Result kinds: "solutions" and "boolean" take SPARQL results formats (json, xml, csv, tsv);
"graph" (CONSTRUCT/DESCRIBE) takes RDF formats (turtle, ntriples, jsonld, rdfxml).
"""

from __future__ import annotations

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
GRAPH_TYPES = {
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
DEFAULT = {"solutions": "json", "boolean": "json", "graph": "turtle"}

# Media types and `format` names clients send (SPARQLWrapper sends both), per result kind.
_RESULT_ALIASES = {
    "application/sparql-results+json": "json", "application/json": "json", "json": "json",
    "text/javascript": "json", "application/javascript": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "xml": "xml",
    "text/csv": "csv", "csv": "csv",
    "text/tab-separated-values": "tsv", "tsv": "tsv",
}  # fmt: skip
_GRAPH_ALIASES = {
    "text/turtle": "turtle", "application/turtle": "turtle", "application/x-turtle": "turtle",
    "turtle": "turtle", "ttl": "turtle",
    # Turtle is valid N3, so an N3 request gets Turtle.
    "text/n3": "turtle", "text/rdf+n3": "turtle", "application/n3": "turtle", "n3": "turtle",
    "application/n-triples": "ntriples", "text/plain": "ntriples", "ntriples": "ntriples",
    "nt": "ntriples", "n-triples": "ntriples",
    "application/ld+json": "jsonld", "application/x-json+ld": "jsonld", "jsonld": "jsonld",
    "json-ld": "jsonld", "json": "jsonld",
    "application/rdf+xml": "rdfxml", "rdfxml": "rdfxml", "rdf+xml": "rdfxml", "xml": "rdfxml",
    "rdf": "rdfxml",
}  # fmt: skip
KNOWN_FORMATS = sorted(set(_RESULT_ALIASES) | set(_GRAPH_ALIASES))


class NotAcceptable(ValueError):
    """The `format` parameter names a format that does not fit the result kind."""


def _aliases(kind: str) -> dict[str, str]:
    return _GRAPH_ALIASES if kind == "graph" else _RESULT_ALIASES


def media_type(kind: str, fmt: str) -> str:
    return (GRAPH_TYPES if kind == "graph" else RESULT_TYPES)[fmt]


def _accept_ranges(accept: str) -> list[str]:
    """Media ranges by falling q, keeping the client's order among equals; q=0 dropped."""
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, i, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def choose(kind: str, accept: str | None, fmt_param: str | None) -> str:
    """The format name to answer with; an explicit `format` wins over Accept."""
    aliases = _aliases(kind)
    if fmt_param:
        # SPARQLWrapper sends some formats as a list of media types ("a/x,b/y"): any may fit.
        names = [aliases.get(f.strip().lower()) for f in fmt_param.split(",")]
        fmt = next((n for n in names if n), None)
        if fmt is None:
            allowed = ", ".join(GRAPH_TYPES if kind == "graph" else RESULT_TYPES)
            what = "CONSTRUCT/DESCRIBE" if kind == "graph" else "SELECT/ASK"
            raise NotAcceptable(f"format {fmt_param!r} does not apply to {what}; use {allowed}")
        return fmt
    for media in _accept_ranges(accept or ""):
        if media in aliases:
            return aliases[media]
        if media in ("*/*", "application/*", "text/*"):
            return DEFAULT[kind]
    # Lenient: a browser's text/html (or nothing we serve) still gets the default format.
    return DEFAULT[kind]
