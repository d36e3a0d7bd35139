"""The quad store: Oxigraph on disk (or in memory), one named graph per policy.

This is the only module that imports pyoxigraph or oxrdflib. Queries run on pyoxigraph directly
(25-170x faster than rdflib's evaluator); `as_dataset()` gives the rdflib API over the same store.
"""

from __future__ import annotations

import gc
import hashlib
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .errors import StoreError
from .lexicon import ontology_files
from .vocab import ONTOLOGY_GRAPH, PG, PREFIXES

if TYPE_CHECKING:
    from .remote import RemoteStore

FORMATS = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_ONTOLOGY_HASH = PG.ontologyHash
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}")


def to_rdflib(term) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            # rdflib keeps "x" and "x"^^xsd:string apart; RDF 1.1 says they are one literal.
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot convert {term!r}")


def plain_strings(triples: Iterable[tuple[Node, Node, Node]]) -> Iterator[tuple[Node, Node, Node]]:
    """The triples with each "x"^^xsd:string made "x", as to_rdflib makes them: rdflib keeps the
    two apart, RDF 1.1 says they are one literal."""
    for s, p, o in triples:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        yield s, p, o


@dataclass(frozen=True)
class SelectResult:
    columns: list[str]
    rows: list[list[Node | None]]


class Memo(dict):
    """`function(key)`, computed on a key's first lookup only: the terms of a result repeat down
    its columns."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.function(key)
        return value


def _select_result(solutions: ox.QuerySolutions) -> SelectResult:
    """Rows of rdflib terms. Labels and IRIs repeat down a column, so each distinct term is
    converted once: converting every cell took twice as long as the query itself on large
    results."""
    converted = Memo(to_rdflib)
    converted[None] = None
    columns = [v.value for v in solutions.variables]
    with collector_paused():
        return SelectResult(columns, [[converted[value] for value in row] for row in solutions])


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector, which building or sorting the rows of a large
    result sets off again and again (a quarter of the time of 400,000 rows); rows hold no cycles."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True)
class RawResult:
    """A query result in pyoxigraph terms: kind is "solutions", "boolean" or "graph"."""

    kind: str
    head: object  # variable names (solutions) or the boolean
    items: list
    truncated: bool

    def serialize(self, fmt: str) -> bytes:
        """SPARQL results (RESULT_FORMATS) for solutions/boolean, RDF (GRAPH_FORMATS) for graphs."""
        if self.kind == "graph":
            prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
            return ox.serialize(self.items, format=GRAPH_FORMATS[fmt], prefixes=prefixes)
        if self.kind == "boolean":
            # pyoxigraph only serialises results it parsed or evaluated, so re-parse a tiny doc.
            doc = b'{"head":{},"boolean":%s}' % (b"true" if self.head else b"false")
            parsed = ox.parse_query_results(doc, format=ox.QueryResultsFormat.JSON)
            return parsed.serialize(format=RESULT_FORMATS[fmt])
        # The kept rows are written as SPARQL TSV (terms in N-Triples syntax, which str() of a
        # pyoxigraph term gives, escapes included), parsed back, and serialised by pyoxigraph:
        # rows already taken from the iterator cannot be handed back to QuerySolutions.serialize.
        width = range(len(self.head))  # index access: 6x faster than by variable name
        lines = ["\t".join("?" + v for v in self.head)]
        lines += ["\t".join("" if s[i] is None else str(s[i]) for i in width) for s in self.items]
        parsed = ox.parse_query_results(
            ("\n".join(lines) + "\n").encode("utf-8"), format=ox.QueryResultsFormat.TSV
        )
        return parsed.serialize(format=RESULT_FORMATS[fmt])


class GraphView:
    """One rdflib graph copied into an in-memory Oxigraph store, for many small queries on it
    (the audit's): Oxigraph answers them 20-100x faster than rdflib's evaluator."""

    def __init__(self, graph: Graph) -> None:
        self._store = ox.Store()
        self._store.extend([ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph])

    def select(self, sparql: str, bindings: dict[str, Node]) -> list[dict[str, Node | None]]:
        """Rows by variable name. Bound variables must be projected (SELECT $this ...): that is
        how Oxigraph pre-binds (SEP-0007), and what SHACL's SELECT constraints do anyway."""
        solutions = self._store.query(sparql, prefixes=_PREFIX_MAP, substitutions=_subs(bindings))
        names = [v.value for v in solutions.variables]
        return [{n: to_rdflib(row[n]) for n in names} for row in solutions]

    def ask(self, sparql: str, bindings: dict[str, Node]) -> bool:
        return bool(self._store.query(sparql, prefixes=_PREFIX_MAP, substitutions=_subs(bindings)))


_PREFIX_MAP = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def _subs(bindings: dict[str, Node]) -> dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal]:
    return {ox.Variable(k): to_ox(v) for k, v in bindings.items()}


def ontology_digest() -> tuple[list[Path], str]:
    """The ontology files and one sha256 over them (a store reloads them when it changes)."""
    paths = ontology_files()
    return paths, hashlib.sha256(b"".join(p.read_bytes() for p in paths)).hexdigest()


WHOLE_MARK = f" <{RDF.type}> <{PG.PrivacyPolicy}> ."


_MARKED_GRAPHS = "SELECT ?g WHERE { GRAPH ?g { ?policy a pg:PrivacyPolicy } }"
# Policy graphs by source, whole ones only (with their pg:PrivacyPolicy mark).
_WHOLE_GRAPHS_BY_SOURCE = (
    "SELECT ?g ?source WHERE { GRAPH ?g { ?p dct:source ?source ; a pg:PrivacyPolicy } }"
)


class SourceLookup:
    """Lookups both store kinds answer alike, through their own `select`."""

    def graphs_from_source(self, source: str) -> list[URIRef]:
        """Named graphs of policies read from `source`."""
        result = self.select(  # type: ignore[attr-defined]
            _WHOLE_GRAPHS_BY_SOURCE, {"source": Literal(source)}, union=False
        )
        return sorted(row[0] for row in result.rows)

    def remove_incomplete_graphs(self) -> list[URIRef]:
        """Drop policy graphs without their pg:PrivacyPolicy mark: a bulk load, or a write in
        several requests to a server, cut short."""
        marked = self.select(_MARKED_GRAPHS, union=False)  # type: ignore[attr-defined]
        whole = {row[0] for row in marked.rows}
        incomplete = [g for g in self.policy_graphs() if g not in whole]  # type: ignore[attr-defined]
        for graph in incomplete:
            self.remove_graph(graph)  # type: ignore[attr-defined]
        return incomplete

    def graphs_by_source(self) -> dict[str, set[URIRef]]:
        """Every whole policy graph by its source, read once: an ingest then looks files up
        in memory (one dict entry per policy) instead of reading the store twice per file, reads
        that go to disk once the store is larger than the page cache."""
        result = self.select(_WHOLE_GRAPHS_BY_SOURCE, union=False)  # type: ignore[attr-defined]
        out: dict[str, set[URIRef]] = {}
        for graph, source in result.rows:
            out.setdefault(str(source), set()).add(graph)
        return out


class PolicyStore(SourceLookup):
    """An Oxigraph store holding the ontology graph and one named graph per policy."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else None
        try:
            if self.path is None:
                self._store = ox.Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"{path}: the store is open in another process (an ingest or serve); "
                    "wait for it to finish or stop it"
                ) from exc
            raise StoreError(f"{path}: cannot open the store ({exc})") from exc

    def close(self) -> None:
        """Release the store's files (and RocksDB's lock) now, not whenever Python collects the
        object: a script that opens the same folder again right after an error would find it
        locked."""
        store, self._store = self._store, None
        if store is not None and self.path is not None:
            store.flush()

    def __enter__(self) -> PolicyStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------

    def replace_graph(self, graph: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Swap the named graph's content for `triples` in one transaction."""
        name = ox.NamedNode(str(graph))
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in triples]
        self.remove_graph(graph)
        self._store.extend(quads)

    def replace_graph_ntriples(self, graph: URIRef, ntriples: str) -> None:
        """Like replace_graph, from N-Triples text (what extraction workers send back)."""
        name = ox.NamedNode(str(graph))
        triples = ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples]
        self.remove_graph(graph)
        # One transaction: a killed run never leaves half a policy graph behind.
        self._store.extend(quads)

    def load_policy_graphs(self, graphs: dict[URIRef, str]) -> None:
        """Replace many policy graphs (graph IRI -> N-Triples) through the bulk loader.

        About 3x faster than a transaction per graph, but the bulk loader is not atomic. So each
        graph's `a pg:PrivacyPolicy` triple, the mark that it is whole (graphs_by_source and
        so skip-unchanged look for it), is left out of the bulk load and written afterwards in
        one transaction; remove_incomplete_graphs() drops what a killed run left unmarked.
        """
        if not graphs:
            return
        body: list[str] = []
        marks: list[str] = []
        for graph, ntriples in graphs.items():
            self.remove_graph(graph)
            # Whole-text replace, not a loop over lines (a fifth of ingest's main process at
            # 100,000 policies): an N-Triples literal never holds a raw newline.
            quads = (ntriples.rstrip("\n") + "\n").replace(" .\n", f" <{graph}> .\n")
            mark = f"{WHOLE_MARK[:-1]}<{graph}> .\n"
            end = quads.find(mark)
            if end >= 0:
                start, stop = quads.rfind("\n", 0, end) + 1, end + len(mark)
                marks.append(quads[start:stop])
                quads = quads[:start] + quads[stop:]
            body.append(quads)
        self._store.bulk_load(input="".join(body).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        self._store.extend(ox.parse("".join(marks).encode("utf-8"), format=ox.RdfFormat.N_QUADS))

    def remove_graph(self, graph: URIRef) -> None:
        name = ox.NamedNode(str(graph))
        if self._store.contains_named_graph(name):
            self._store.remove_graph(name)

    def has_graph(self, graph: URIRef) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(str(graph)))

    def ensure_ontology(self) -> bool:
        """Load ontology/*.ttl into its own named graph unless the same files are there."""
        paths, digest = ontology_digest()
        graph = ox.NamedNode(str(ONTOLOGY_GRAPH))
        current = list(
            self._store.quads_for_pattern(graph, ox.NamedNode(str(_ONTOLOGY_HASH)), None, graph)
        )
        if current and current[0].object.value == digest:
            return False
        if self._store.contains_named_graph(graph):
            self._store.remove_graph(graph)
        for path in paths:
            self._store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph)
        self._store.add(
            ox.Quad(graph, ox.NamedNode(str(_ONTOLOGY_HASH)), ox.Literal(digest), graph)
        )
        return True

    def copy_to_memory(self) -> PolicyStore:
        """An in-memory copy of this store, for a long-running reader (`serve --in-memory`).

        Queries on it run 7-15x faster than on disk, where each index lookup is a RocksDB read.
        It costs ~0.5 GB of RAM per 1,000 policies and ~13 s per 1,000 policies to copy.
        """
        copy = PolicyStore()
        with tempfile.TemporaryDirectory(prefix="policygraph-") as tmp:
            dump = Path(tmp) / "store.nq"  # a file, not bytes: the dump may outgrow the RAM
            self._store.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
            copy._store.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
        return copy

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    # --- reading -------------------------------------------------------------------------------

    def named_graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._store.named_graphs())

    def policy_graphs(self) -> list[URIRef]:
        """The policies' own graphs (not the ontology graph nor audit reports)."""
        return [g for g in self.named_graphs() if g.endswith("/graph") and g != ONTOLOGY_GRAPH]

    def graph(self, graph: URIRef) -> Graph:
        """One named graph as an rdflib Graph (for pyshacl and tests)."""
        g = Graph()
        for triple in self.triples_in(graph):
            g.add(triple)
        return g

    def select(
        self,
        sparql: str,
        bindings: dict[str, Node] | None = None,
        *,
        union: bool = True,
        graphs: list[URIRef] | None = None,
    ) -> SelectResult:
        """Run a SELECT; `bindings` pre-bind variables (never pasted into the text).

        `graphs` makes those named graphs the default graph instead of the union of all: a
        query about one policy then reads its graph and the ontology only (~100x faster).
        """
        solutions = self._query(sparql, bindings, union, graphs)
        if not isinstance(solutions, ox.QuerySolutions):
            raise StoreError("expected a SELECT query")
        return _select_result(solutions)

    def query(
        self,
        sparql: str,
        bindings: dict[str, Node] | None = None,
        *,
        union: bool = True,
        graphs: list[URIRef] | None = None,
    ):
        """Any query form: SelectResult, bool for ASK, or an rdflib Graph for CONSTRUCT."""
        result = self._query(sparql, bindings, union, graphs)
        if isinstance(result, ox.QuerySolutions):
            return _select_result(result)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        g = Graph()
        for t in result:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    def _query(
        self,
        sparql: str,
        bindings: dict[str, Node] | None,
        union: bool,
        graphs: list[URIRef] | None = None,
    ):
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        return self._store.query(
            sparql,
            prefixes={p: str(ns) for p, ns in PREFIXES.items()},
            use_default_graph_as_union=union and not graphs,
            default_graph=[ox.NamedNode(str(g)) for g in graphs] if graphs else None,
            named_graphs=[ox.NamedNode(str(g)) for g in graphs] if graphs else None,
            substitutions=substitutions or None,
        )

    def query_raw(self, sparql: str, *, max_rows: int, union: bool = True) -> RawResult:
        """Run any query for the SPARQL endpoint, keeping at most `max_rows` rows or triples.

        The result stays in pyoxigraph terms and is serialised by pyoxigraph
        (`RawResult.serialize`), much faster than converting every term to rdflib.
        """
        result = self._query(sparql, None, union, None)
        if isinstance(result, ox.QueryBoolean):
            return RawResult("boolean", bool(result), [], False)
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = list(islice(result, max_rows + 1))
            return RawResult("solutions", variables, rows[:max_rows], len(rows) > max_rows)
        triples = list(islice(result, max_rows + 1))
        return RawResult("graph", None, triples[:max_rows], len(triples) > max_rows)

    def count_quads(self) -> int:
        return len(self._store)

    # --- import / export -----------------------------------------------------------------------

    def dump(self, out: Path, fmt: str, graph: URIRef | None = None) -> None:
        rdf_format = FORMATS[fmt]
        if graph is not None:
            self._store.dump(
                output=str(out), format=rdf_format, from_graph=ox.NamedNode(str(graph))
            )
        elif rdf_format.supports_datasets:
            self._store.dump(output=str(out), format=rdf_format)
        else:
            raise StoreError(f"{fmt} holds one graph: choose a policy graph or nquads/trig")

    def load(self, path: Path, fmt: str | None = None, graph: URIRef | None = None) -> None:
        rdf_format = FORMATS[fmt] if fmt else ox.RdfFormat.from_extension(path.suffix[1:])
        if rdf_format is None:
            raise StoreError(f"{path}: unknown RDF format; name it with --format")
        to_graph = ox.NamedNode(str(graph)) if graph else None
        if not rdf_format.supports_datasets and to_graph is None:
            raise StoreError(f"{path}: {rdf_format.name} holds one graph; give --graph IRI")
        try:
            self._store.load(path=str(path), format=rdf_format, to_graph=to_graph)
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(f"{path}: {exc}") from exc

    def as_dataset(self):
        """The same store behind rdflib's Dataset API (through oxrdflib)."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=self._store))

    def graph_ntriples(self, graph: URIRef) -> bytes:
        """One named graph as N-Triples, serialised by Oxigraph (for worker processes)."""
        quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))
        return ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)

    def triples_in(self, graph: URIRef) -> Iterator[tuple[Node, Node, Node]]:
        name = ox.NamedNode(str(graph))
        for q in self._store.quads_for_pattern(None, None, None, name):
            yield to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)


def parse_ntriples(data: bytes) -> list[tuple[Node, Node, Node]]:
    """N-Triples parsed by Oxigraph into rdflib terms: several times faster than rdflib's
    parser, and xsd:string literals come out plain, as to_rdflib makes them."""
    return [
        (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
        for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    ]


def open_store(spec: str | Path) -> PolicyStore | RemoteStore:
    """A folder gives the embedded PolicyStore; an http(s):// URL a RemoteStore on that server."""
    text = str(spec)
    if text.startswith(("http://", "https://")):
        from .remote import RemoteStore  # imported here: remote.py imports this module

        return RemoteStore(text)
    return PolicyStore(spec)
