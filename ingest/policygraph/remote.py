"""A PolicyStore twin backed by any SPARQL 1.1 server (Oxigraph server, Fuseki, Virtuoso, ...).

Writes go through the SPARQL 1.1 Graph Store HTTP Protocol (PUT ?graph=IRI with an N-Triples
body: one request swaps a policy graph) and fall back to SPARQL Update (DROP SILENT GRAPH;
INSERT DATA) on servers without it. Remote servers have no pre-binding API, so bound variables
become a VALUES block at the head of the WHERE group (see `bind_values`): the values are RDF terms
written by `sparql_term`, never raw user text. This module speaks HTTP with the standard library
and never imports pyoxigraph (store.py alone does).
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .errors import QueryError, StoreError
from .store import WHOLE_MARK, SelectResult, SourceLookup, ontology_digest, plain_strings
from .vocab import ONTOLOGY_GRAPH, PG, PREFIXES

log = logging.getLogger(__name__)

_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9"
_GSP_UNSUPPORTED = {404, 405, 406, 415, 501}  # "no Graph Store here": use SPARQL Update instead
_DATASET_FORMATS = {"nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}
_GRAPH_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}


@dataclass(frozen=True)
class Endpoints:
    """Where a server takes queries, updates and Graph Store requests."""

    query: str
    update: str
    gsp: str | None = None
    union_param: bool = False  # Oxigraph server's `union-default-graph` query parameter


def endpoints_for(url: str) -> Endpoints:
    """Guess a server's endpoints from the one URL given to --store (documented in README)."""
    parts = urllib.parse.urlsplit(url)
    base = url.rstrip("/")
    path = parts.path.rstrip("/")
    if path == "":  # Oxigraph server: /query, /update, /store
        return Endpoints(f"{base}/query", f"{base}/update", f"{base}/store", union_param=True)
    if path.endswith("/query"):  # Fuseki dataset: /ds/query, /ds/update, /ds/data
        stem = base[: -len("/query")]
        return Endpoints(base, f"{stem}/update", f"{stem}/data")
    if "/repositories/" in path:  # GraphDB and RDF4J
        return Endpoints(base, f"{base}/statements", f"{base}/rdf-graphs/service")
    return Endpoints(base, base)  # Virtuoso, Neptune, ...: one /sparql endpoint, no GSP


class RemoteStore(SourceLookup):
    """The PolicyStore API over HTTP: one named graph per policy on a SPARQL 1.1 server."""

    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        gsp_url: str | None = None,
        timeout: float = 300.0,
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise StoreError(f"{url}: a remote store needs an http:// or https:// URL")
        guessed = endpoints_for(url)
        self.url = url
        self.path = None  # no folder: callers that print a location use `url`
        self.endpoints = Endpoints(
            guessed.query, update_url or guessed.update, gsp_url or guessed.gsp,
            guessed.union_param,
        )  # fmt: skip
        self._gsp = self.endpoints.gsp
        self.timeout = timeout

    def close(self) -> None:
        """Nothing to release: every request opens its own connection."""

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    # --- writing -------------------------------------------------------------------------------

    def replace_graph(self, graph: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Swap the named graph's content for `triples` in one request."""
        g = Graph()
        for triple in triples:
            g.add(triple)
        self.replace_graph_ntriples(graph, g.serialize(format="nt"))

    def replace_graph_ntriples(self, graph: URIRef, ntriples: str) -> None:
        """Like replace_graph, from N-Triples text (what extraction workers send back)."""
        if self._gsp_write("PUT", graph, ntriples, _NTRIPLES):
            return
        # N-Triples lines are valid SPARQL triples, so they go into INSERT DATA as they are.
        target = sparql_term(graph)
        for i, chunk in enumerate(update_chunks(ntriples)):
            drop = f"DROP SILENT GRAPH {target} ;\n" if i == 0 else ""
            body = f"{{ GRAPH {target} {{\n{chunk}\n}} }}"
            # Virtuoso refuses blank nodes in INSERT DATA (SPARQL allows them), takes a template
            insert = f"INSERT {body} WHERE {{}}" if "_:" in chunk else f"INSERT DATA {body}"
            self.update(drop + insert)

    def load_policy_graphs(self, graphs: dict[URIRef, str]) -> None:
        for graph, ntriples in graphs.items():
            self.replace_graph_ntriples(graph, ntriples)

    def remove_graph(self, graph: URIRef) -> None:
        self.update(f"DROP SILENT GRAPH {sparql_term(graph)}")

    def has_graph(self, graph: URIRef) -> bool:
        return bool(self.query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": graph}, union=False))

    def ensure_ontology(self) -> bool:
        """Load ontology/*.ttl into its own named graph unless the same files are there."""
        paths, digest = ontology_digest()
        current = self.select(
            "SELECT ?hash WHERE { GRAPH ?o { ?o pg:ontologyHash ?hash } }",
            {"o": ONTOLOGY_GRAPH},
            union=False,
        )
        if any(str(row[0]) == digest for row in current.rows):
            return False
        hash_triple = f"{sparql_term(ONTOLOGY_GRAPH)} {sparql_term(PG.ontologyHash)} "
        hash_triple += f"{sparql_term(Literal(digest))} .\n"
        # Through the Graph Store the server parses the Turtle itself (rdflib takes 2-3 s); the
        # hash goes last, so an interrupted load has none and is redone by the next run.
        turtle = [p.read_text(encoding="utf-8") for p in paths]
        if self._gsp_write("PUT", ONTOLOGY_GRAPH, turtle[0], "text/turtle"):
            for text in turtle[1:]:
                self._gsp_write("POST", ONTOLOGY_GRAPH, text, "text/turtle", strict=True)
            self._gsp_write("POST", ONTOLOGY_GRAPH, hash_triple, _NTRIPLES, strict=True)
            return True
        g = Graph()
        for path in paths:
            g.parse(path, format="turtle")
        self.replace_graph_ntriples(ONTOLOGY_GRAPH, g.serialize(format="nt") + hash_triple)
        return True

    def flush(self) -> None:
        """Nothing to do: the server commits each request."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (our own statements; prefixes are declared for it)."""
        body = (prologue(sparql) + sparql).encode("utf-8")
        headers = {"Content-Type": "application/sparql-update; charset=utf-8"}
        self._send("POST", self.endpoints.update, body, headers)

    # --- reading -------------------------------------------------------------------------------

    def named_graphs(self) -> list[URIRef]:
        # every graph we write types something; `{ ?s ?p ?o }` here never returns on Virtuoso 7.2
        result = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a ?type } }", union=False)
        return sorted(row[0] for row in result.rows if isinstance(row[0], URIRef))

    def policy_graphs(self) -> list[URIRef]:
        """The policies' own graphs (not the ontology graph nor audit reports), as PolicyStore."""
        return [g for g in self.named_graphs() if g.endswith("/graph") and g != ONTOLOGY_GRAPH]

    def graph(self, graph: URIRef) -> Graph:
        """One named graph as an rdflib Graph (Graph Store GET, else CONSTRUCT)."""
        if self._gsp is not None:
            status, ctype, text = self._send(
                "GET", self._gsp_target(graph), None, {"Accept": _RDF_ACCEPT}, check=False
            )
            if status == 404:
                return Graph()  # GSP answers 404 for a graph that does not exist
            if status < 300:
                return _parse_rdf(text, ctype)
        result = self.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph}, union=False
        )
        assert isinstance(result, Graph)
        return result

    def graph_ntriples(self, graph: URIRef) -> bytes:
        return self.graph(graph).serialize(format="nt", encoding="utf-8")

    def triples_in(self, graph: URIRef) -> Iterator[tuple[Node, Node, Node]]:
        yield from self.graph(graph)

    def select(
        self,
        sparql: str,
        bindings: dict[str, Node] | None = None,
        *,
        union: bool = True,
        graphs: list[URIRef] | None = None,
    ) -> SelectResult:
        """Run a SELECT; `bindings` become a VALUES block of escaped RDF terms."""
        result = self.query(sparql, bindings, union=union, graphs=graphs)
        if not isinstance(result, SelectResult):
            raise StoreError("expected a SELECT query")
        return result

    def query(
        self,
        sparql: str,
        bindings: dict[str, Node] | None = None,
        *,
        union: bool = True,
        graphs: list[URIRef] | None = None,
    ):
        """Any query form: SelectResult, bool for ASK, or an rdflib Graph for CONSTRUCT.

        `graphs` become the default graph (the protocol's default-graph-uri parameters).
        """
        text = prologue(sparql) + bind_values(sparql, bindings or {})
        url = self.endpoints.query
        if graphs:
            params = [
                (name, str(g)) for g in graphs for name in ("default-graph-uri", "named-graph-uri")
            ]
            url += "?" + urllib.parse.urlencode(params)
        elif union and self.endpoints.union_param:
            url += "?union-default-graph"
        body = urllib.parse.urlencode({"query": text}).encode("ascii")
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": f"{_JSON}, {_RDF_ACCEPT}",
        }
        status, ctype, payload = self._send("POST", url, body, headers, check=False)
        if status == 400:
            raise QueryError(f"{self.url}: the server rejected the query: {payload[:300]}")
        if status >= 300:
            raise StoreError(f"{self.url}: query failed: HTTP {status} {payload[:300]}")
        if "json" in ctype:
            return parse_json_results(payload)
        return _parse_rdf(payload, ctype)

    def query_raw(self, sparql: str, *, max_rows: int, union: bool = True):
        raise StoreError(
            f"{self.url}: the SPARQL endpoint of `policygraph serve` needs an embedded store; "
            "query the server's own endpoint instead"
        )

    def count_quads(self) -> int:
        result = self.select(
            "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
            union=False,
        )
        return int(result.rows[0][0]) if result.rows else 0

    # --- import / export -----------------------------------------------------------------------

    def dump(self, out: Path, fmt: str, graph: URIRef | None = None) -> None:
        if graph is not None:
            if fmt not in _GRAPH_FORMATS:
                raise StoreError(f"{fmt}: not supported for one graph of a remote store")
            self.graph(graph).serialize(destination=str(out), format=_GRAPH_FORMATS[fmt])
            return
        if fmt not in _DATASET_FORMATS:
            raise StoreError(f"{fmt} holds one graph: choose a policy graph or nquads/trig")
        rows = self.select(
            "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False
        ).rows  # one result in memory: fine for exports, not for a million policies
        if fmt == "nquads":  # written directly: our escaped terms are valid N-Quads
            with out.open("w", encoding="utf-8") as f:
                f.writelines(" ".join(map(_nq_term, row)) + " .\n" for row in rows)
            return
        dataset = Dataset()
        for s, p, o, g in rows:
            dataset.graph(g).add((s, p, o))
        dataset.serialize(destination=str(out), format=_DATASET_FORMATS[fmt])

    def load(self, path: Path, fmt: str | None = None, graph: URIRef | None = None) -> None:
        """Add a file's triples to the server (each named graph through INSERT DATA)."""
        fmt = fmt or {".nq": "nquads", ".trig": "trig", ".ttl": "turtle", ".nt": "ntriples",
                      ".jsonld": "jsonld"}.get(path.suffix)  # fmt: skip
        if fmt is None:
            raise StoreError(f"{path}: unknown RDF format; name it with --format")
        if fmt in ("turtle", "ntriples") and graph is None:
            raise StoreError(f"{path}: {fmt} holds one graph; give --graph IRI")
        rdflib_fmt = {"ntriples": "nt", "jsonld": "json-ld"}.get(fmt, fmt)
        try:
            if graph is not None:
                parsed = Graph().parse(path, format=rdflib_fmt)
                groups: list[tuple[Node | None, Graph]] = [(graph, parsed)]
            else:
                dataset = Dataset().parse(path, format=rdflib_fmt)
                groups = [(g.identifier, g) for g in dataset.graphs() if len(g)]
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(f"{path}: {exc}") from exc
        for name, g in groups:
            triples = g.serialize(format="nt")
            if name is None or name == Dataset().default_context.identifier:
                self.update(f"INSERT DATA {{\n{triples}\n}}")
            else:
                self.update(f"INSERT DATA {{ GRAPH {sparql_term(name)} {{\n{triples}\n}} }}")

    def as_dataset(self):
        raise StoreError(f"{self.url}: the rdflib Dataset view needs an embedded store")

    # --- HTTP ----------------------------------------------------------------------------------

    def _gsp_write(
        self, method: str, graph: URIRef, body: str, content_type: str, *, strict: bool = False
    ) -> bool:
        """PUT (replace) or POST (add) one graph through the Graph Store Protocol.

        False when the server has none (it is then not asked again); `strict` makes that an
        error, for a load that has already begun through the Graph Store.
        """
        if self._gsp is None:
            if strict:
                raise StoreError(f"{self.url}: the Graph Store went away during a load")
            return False
        status, _, text = self._send(
            method, self._gsp_target(graph), body.encode("utf-8"),
            {"Content-Type": f"{content_type}; charset=utf-8"}, check=False,
        )  # fmt: skip
        if status < 300:
            return True
        if status not in _GSP_UNSUPPORTED or strict:
            raise StoreError(f"{self.url}: cannot write {graph}: HTTP {status} {text[:300]}")
        log.info("%s: no Graph Store Protocol (HTTP %s); using SPARQL Update", self.url, status)
        self._gsp = None
        return False

    def _gsp_target(self, graph: URIRef) -> str:
        return f"{self._gsp}?{urllib.parse.urlencode({'graph': str(graph)})}"

    def _send(
        self,
        method: str,
        url: str,
        body: bytes | None,
        headers: dict[str, str],
        *,
        check: bool = True,
    ) -> tuple[int, str, str]:
        """(status, content type, text); raises StoreError when unreachable (or status >= 300
        with `check`)."""
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status = response.status
                ctype = response.headers.get("Content-Type", "")
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            status, ctype = exc.code, exc.headers.get("Content-Type", "")
            text = exc.read().decode("utf-8", "replace")
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"{self.url}: cannot reach the SPARQL server ({exc})") from exc
        if check and status >= 300:
            raise StoreError(f"{self.url}: {method} failed: HTTP {status} {text[:300]}")
        return status, ctype, text


# --- SPARQL text ---------------------------------------------------------------------------------

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_DECLARED = re.compile(r"\bPREFIX\s+([\w.-]*):", re.IGNORECASE)


def update_chunks(ntriples: str, size: int = 1_000) -> list[str]:
    """N-Triples lines in groups for one update request each: at most `size` (Virtuoso refuses
    an update that compiles to over 10,000 lines of SQL, between 1,000 and 2,000 triples),
    lines with blank nodes on their own in the first (a blank node label holds within one
    request), the policy's mark in the last."""
    lines = [line for line in ntriples.split("\n") if line]  # not splitlines: U+2028 in quotes
    blank = [line for line in lines if "_:" in line]
    rest = [line for line in lines if "_:" not in line and not line.endswith(WHOLE_MARK)]
    rest += [line for line in lines if line.endswith(WHOLE_MARK)]
    chunks = ["\n".join(rest[i : i + size]) for i in range(0, len(rest), size)]
    return (["\n".join(blank)] if blank else []) + chunks or [""]


def sparql_term(term: Node) -> str:
    """An RDF term in SPARQL syntax, escaped: the only way values enter query text."""
    if isinstance(term, URIRef):
        if _IRI_FORBIDDEN.search(term):
            raise QueryError(f"{term!r} is not a valid IRI")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = '"' + "".join(_ESCAPES.get(c, c) for c in str(term)) + '"'
        if term.language:
            if not _LANG.match(term.language):
                raise QueryError(f"{term.language!r} is not a language tag")
            return f"{text}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{text}^^{sparql_term(term.datatype)}"
        return text
    raise QueryError(f"cannot bind {term!r} on a remote store (blank nodes are server-local)")


def _nq_term(term: Node) -> str:
    return f"_:{term}" if isinstance(term, BNode) else sparql_term(term)


def prologue(sparql: str) -> str:
    """PREFIX lines for our prefixes the text does not declare (PolicyStore predeclares them)."""
    declared = set(_DECLARED.findall(sparql))
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p not in declared)


def bind_values(sparql: str, bindings: dict[str, Node]) -> str:
    """Insert `VALUES (?a ?b) { (t1 t2) }` as the first element of the WHERE group.

    Joined first, the values flow through the group's OPTIONALs, FILTERs and GROUP BY as a
    pre-bound variable would (a trailing VALUES clause would filter after aggregation, and keep
    rows where an OPTIONAL left the variable unbound).
    """
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"{name!r} is not a variable name")
    row = " ".join(sparql_term(bindings[n]) for n in names)
    values = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}\n"
    start, end, subselect = _where_group(sparql)
    if subselect:  # `WHERE { SELECT ... }` admits nothing beside the sub-select: nest it
        return sparql[: start + 1] + values + "{" + sparql[start + 1 : end] + "}" + sparql[end:]
    return sparql[: start + 1] + values + sparql[start + 1 :]


_TOKEN = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>'
    r"|[?$]?[A-Za-z_][\w.:-]*|[{}]|\S",
    re.DOTALL,
)


def _where_group(sparql: str) -> tuple[int, int, bool]:
    """Offsets of the WHERE group's `{` and matching `}`, and whether it holds only a SELECT."""
    depth, form, after_where, top_braces = 0, "", False, 0
    start = -1
    first_word: str | None = None
    for match in _TOKEN.finditer(sparql):
        token = match.group()
        if start >= 0 and first_word is None:
            first_word = token.upper()  # the group's first token: SELECT means a bare sub-select
        if token == "{":
            if depth == 0 and start < 0:
                top_braces += 1
                # CONSTRUCT's template comes first unless WHERE already showed the group.
                if form and (form != "CONSTRUCT" or after_where or top_braces == 2):
                    start = match.start()
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0 and start >= 0:
                return start, match.start(), first_word == "SELECT"
        elif depth == 0 and start < 0:
            word = token.upper()
            if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") and not form:
                form = word
            elif word == "WHERE":
                after_where = True
    raise QueryError("cannot bind parameters: the query has no WHERE group")


# --- results -------------------------------------------------------------------------------------


def parse_json_results(text: str) -> SelectResult | bool:
    """SPARQL 1.1 JSON results as rdflib terms (the same terms PolicyStore gives)."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(f"the server sent invalid JSON results ({exc})") from exc
    if "boolean" in doc:
        return bool(doc["boolean"])
    columns = list(doc.get("head", {}).get("vars", []))
    # Each distinct term is converted once: labels and IRIs repeat down a column, and building
    # rdflib terms was most of the time on large results.
    seen: dict[tuple, Node] = {}

    def term(value: dict) -> Node:
        key = (value["value"], value["type"], value.get("datatype"), value.get("xml:lang"))
        node = seen.get(key)
        if node is None:
            node = seen[key] = _json_term(value)
        return node

    rows = [
        [term(b[c]) if c in b else None for c in columns]
        for b in doc.get("results", {}).get("bindings", [])
    ]
    return SelectResult(columns, rows)


def _json_term(value: dict) -> Node:
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):  # typed-literal: older Virtuoso
        if "xml:lang" in value:
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype is None or datatype == str(XSD.string):
            return Literal(text)  # one literal in RDF 1.1; PolicyStore gives it plain too
        if datatype == str(XSD.duration) and not text.lstrip("-").startswith("P"):
            # Virtuoso 7.2 stores durations as a number of months or seconds: say it is a number
            return Literal(text, datatype=XSD.double)
        return Literal(text, datatype=URIRef(datatype))
    raise StoreError(f"unsupported term in SPARQL results: {kind}")


def _parse_rdf(text: str, content_type: str) -> Graph:
    fmt = "turtle" if "turtle" in content_type else "nt"
    parsed = Graph().parse(data=text, format=fmt)
    g = Graph()  # with plain strings, as PolicyStore gives them
    for triple in plain_strings(parsed):
        g.add(triple)
    return g
