"""The SPARQL catalogue: queries/*.rq files with a header, run with safely bound parameters.

A header is a block of comment lines at the top of the file:

    # title: Practices
    # description: Every practice ...
    # param: policy iri optional "Restrict to one policy (its IRI)"
    # columns: policy company_label action ...
    # order: policy -count
    # per-policy above: 20000

`order` sorts the rows in Python (a leading "-" sorts that column descending) instead of an
ORDER BY in the query: on the embedded store ORDER BY costs up to 3x the query itself, because
every comparison decodes its terms from disk, whereas sorting the decoded rows is nearly free.

`per-policy above` makes a query with a `policy` parameter run once per policy graph, each run
reading that graph, its audit and the ontology, when the store holds more policies than that. A
corpus-wide listing with a row per practice builds hash tables over the whole union (1.6 GB at
10,000 policies, more than 13 GB at 100,000, where it never finished); one policy at a time it
holds one policy's rows. Below the threshold the union is faster. The rows are the same either way
(a test checks it).

A query may have a variant for SPARQL servers, `queries/server/NAME.rq` (the query only; the
header stays in `queries/NAME.rq`), run instead of it on a store given as a URL. Some joins that
make the embedded store fast, a graph variable shared with a sub-select, send Virtuoso into plans
that run for minutes; the variant joins otherwise and must give the same rows (a test checks it).

Parameters are SPARQL variables of the same name. Values are converted to RDF terms and passed
as pre-bound variables (pyoxigraph substitutions), never pasted into the query text.
"""

from __future__ import annotations

import math
import re
import shlex
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from . import iris
from .errors import QueryError
from .resources import data_dir, data_files
from .store import Memo, PolicyStore, SelectResult, collector_paused
from .vocab import ONTOLOGY_GRAPH, PREFIXES

PARAM_TYPES = ("iri", "string", "integer", "boolean")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class CatalogueQuery:
    name: str
    title: str
    description: str
    text: str
    path: Path
    params: tuple[Param, ...] = ()
    columns: tuple[str, ...] = field(default_factory=tuple)
    order: tuple[str, ...] = field(default_factory=tuple)
    per_policy_above: int | None = None
    server_text: str | None = None  # the variant for SPARQL servers, if any


def parse_query_file(path: Path) -> CatalogueQuery:
    """The query in `path`, parsed once per version of the file: parsing the whole catalogue
    took 2.8 ms, more than most one-policy queries themselves."""
    server = path.parent / "server" / path.name
    try:
        server_mtime: int | None = server.stat().st_mtime_ns
    except FileNotFoundError:
        server, server_mtime = None, None
    return _parse_query_file(path, path.stat().st_mtime_ns, server, server_mtime)


@lru_cache(maxsize=1024)
def _parse_query_file(
    path: Path, mtime_ns: int, server: Path | None, server_mtime_ns: int | None
) -> CatalogueQuery:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "param":
            parts = shlex.split(value)
            if len(parts) < 3 or parts[1] not in PARAM_TYPES:
                raise QueryError(f"{path}: bad param line {line!r}")
            params.append(Param(parts[0], parts[1], parts[2] == "required", " ".join(parts[3:])))
        elif key:
            header[key] = value
    return CatalogueQuery(
        name=path.stem,
        title=header.get("title", path.stem),
        description=header.get("description", ""),
        text=text,
        path=path,
        params=tuple(params),
        columns=tuple(header.get("columns", "").split()),
        order=tuple(header.get("order", "").split()),
        per_policy_above=_per_policy_above(header, params, path),
        server_text=server.read_text(encoding="utf-8") if server else None,
    )


def _per_policy_above(header: dict[str, str], params: list[Param], path: Path) -> int | None:
    value = header.get("per-policy above")
    if value is None:
        return None
    if not any(p.name == "policy" for p in params):
        raise QueryError(f"{path}: per-policy above needs a `policy` parameter")
    if header.get("order", "policy").split()[0] != "policy":
        raise QueryError(f"{path}: per-policy above needs `# order:` to start with policy")
    try:
        return int(value.replace(",", "").replace("_", ""))
    except ValueError:
        raise QueryError(f"{path}: per-policy above: {value!r} is not a number") from None


def catalogue() -> dict[str, CatalogueQuery]:
    return {q.name: q for q in map(parse_query_file, data_files("queries", "*.rq"))}


def resolve(name_or_path: str) -> CatalogueQuery:
    """A catalogue name ("practices") or a path to any .rq file."""
    named = data_dir("queries") / f"{name_or_path}.rq"
    if "/" not in name_or_path and named.is_file():
        return parse_query_file(named)
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return parse_query_file(path)
    names = ", ".join(sorted(catalogue()))
    raise QueryError(f"no query {name_or_path!r}; the catalogue has: {names}")


def to_term(param: Param, value: str) -> Node:
    """Convert a command-line or URL value to the RDF term the parameter declares."""
    if param.type == "iri":
        if value.startswith("<") and value.endswith(">"):
            return URIRef(value[1:-1])
        prefix, sep, local = value.partition(":")
        if sep and prefix in PREFIXES and not local.startswith("//"):
            return URIRef(PREFIXES[prefix] + local)
        if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.IGNORECASE):
            return URIRef(value)
        raise QueryError(f"parameter {param.name}: {value!r} is not an IRI or known CURIE")
    if param.type == "integer":
        try:
            return Literal(int(value))
        except ValueError:
            raise QueryError(f"parameter {param.name}: {value!r} is not an integer") from None
    if param.type == "boolean":
        if value.lower() not in ("true", "false"):
            raise QueryError(f"parameter {param.name}: {value!r} is not true or false")
        return Literal(value.lower() == "true", datatype=XSD.boolean)
    return Literal(value)


def bind(query: CatalogueQuery, values: dict[str, str]) -> dict[str, Node]:
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise QueryError(f"{query.name}: unknown parameter {unknown[0]!r} (parameters: {known})")
    missing = [p.name for p in query.params if p.required and p.name not in values]
    if missing:
        raise QueryError(f"{query.name}: missing required parameter {missing[0]!r}")
    return {name: to_term(declared[name], value) for name, value in values.items()}


def run_query(store: PolicyStore, name_or_path: str, values: dict[str, str] | None = None):
    """Run a catalogue query or .rq file; returns a SelectResult (or bool / Graph)."""
    parts = query_parts(store, name_or_path, values)
    return joined(next(parts), parts)


def first_rows(
    store: PolicyStore, name_or_path: str, values: dict[str, str] | None, limit: int
) -> tuple[SelectResult, bool]:
    """At most `limit` rows of a SELECT query, and whether there were more. A query run one
    policy at a time stops once it has them, so a web page gets its first rows in seconds
    rather than after the whole corpus."""
    parts = query_parts(store, name_or_path, values)
    result = joined(next(parts), parts, limit)
    if not isinstance(result, SelectResult):
        raise QueryError(f"{name_or_path} is not a SELECT query; run it at /sparql")
    truncated = len(result.rows) > limit
    return SelectResult(result.columns, result.rows[:limit]), truncated


def joined(
    first: SelectResult | bool | Graph, rest: Iterable[SelectResult], limit: float = math.inf
) -> SelectResult | bool | Graph:
    """The parts of `query_parts` as one result, reading no further once it holds more than
    `limit` rows. A boolean or graph result comes in one part and is returned as it is."""
    if isinstance(first, SelectResult):
        for part in rest:
            if len(first.rows) > limit:
                break
            first.rows.extend(part.rows)
    return first


def query_parts(
    store: PolicyStore,
    name_or_path: str,
    values: dict[str, str] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[SelectResult | bool | Graph]:
    """`run_query`'s result in consecutive parts, each sorted: one per policy graph when the
    query runs per policy (see `per-policy above`), else the whole result as one part. Writing
    the parts as they come keeps memory bounded; `progress(done, total)` hears of each policy
    run."""
    query = resolve(name_or_path)
    bindings = bind(query, values or {})
    policy_graphs = _policy_graphs_to_run_apart(store, query, bindings)
    if policy_graphs:
        parts = _run_per_policy(store, query, bindings, policy_graphs)
        for done, part in enumerate(parts, 1):
            yield part
            if progress:
                progress(done, len(policy_graphs))
        return
    graphs = None
    if isinstance(bindings.get("policy"), URIRef):
        graphs = _policy_scope(iris.graph_of_policy(bindings["policy"]))
    yield _run(store, query, bindings, graphs)


def _run_per_policy(
    store: PolicyStore,
    query: CatalogueQuery,
    bindings: dict[str, Node],
    graphs: list[URIRef],
) -> Iterator[SelectResult | bool | Graph]:
    """The query over each graph, in graph order, on two threads: Oxigraph evaluates without
    holding Python's lock (the CLI's CSV of `practices` at 10,000 policies: 78 s -> 46 s). At
    most four runs ahead of the reader keep memory bounded and stop soon after it stops."""
    with ThreadPoolExecutor(2) as pool:
        ahead: deque[Future] = deque()
        for graph in graphs:
            ahead.append(pool.submit(_run, store, query, bindings, _policy_scope(graph)))
            if len(ahead) == 4:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()


def _policy_scope(graph: URIRef) -> list[URIRef]:
    """What a query about one policy reads instead of the union: its graph, its audit and the
    ontology."""
    return [graph, iris.audit_graph(graph), ONTOLOGY_GRAPH]


def _run(
    store: PolicyStore,
    query: CatalogueQuery,
    bindings: dict[str, Node],
    graphs: list[URIRef] | None,
) -> SelectResult | bool | Graph:
    text = query.text
    if query.server_text is not None and not isinstance(store, PolicyStore):
        text = query.server_text
    try:
        result = store.query(text, bindings, graphs=graphs)
    except SyntaxError as exc:
        raise QueryError(f"{query.path}: {exc}") from exc
    if isinstance(result, SelectResult) and query.order:
        sort_rows(result, query.order)
    return result


def _policy_graphs_to_run_apart(
    store: PolicyStore, query: CatalogueQuery, bindings: dict[str, Node]
) -> list[URIRef]:
    """The policy graphs to query one by one, in policy order, or none to query the union."""
    # a SPARQL server plans the union itself; only the embedded store builds its hash tables here
    if query.per_policy_above is None or "policy" in bindings or not isinstance(store, PolicyStore):
        return []
    graphs = store.policy_graphs()
    if len(graphs) <= query.per_policy_above:
        return []
    return sorted(graphs, key=lambda graph: str(graph).removesuffix("/graph"))


def sort_rows(result: SelectResult, order: tuple[str, ...]) -> None:
    """Sort in place by the `order` columns ("-name" descending), as SPARQL's ORDER BY would:
    unbound first, then blank nodes, IRIs and literals; numbers by value."""
    columns: list[tuple[int, bool]] = []
    for key in order:
        name = key.lstrip("-")
        if name not in result.columns:
            raise QueryError(f"order: {name!r} is not a column ({' '.join(result.columns)})")
        columns.append((result.columns.index(name), key.startswith("-")))
    keys = Memo(_order_key)
    # A stable sort per run of columns sorted the same way, the last run first.
    runs = [(desc, [i for i, _ in run]) for desc, run in groupby(columns, itemgetter(1))]
    with collector_paused():
        for descending, indexes in reversed(runs):
            result.rows.sort(
                key=lambda row: tuple(keys[row[i]] for i in indexes), reverse=descending
            )


def _order_key(term: Node | None) -> tuple[int, float, str]:
    if term is None:
        return (0, 0.0, "")
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, int | float) and not isinstance(value, bool):
            return (3, float(value), "")
        return (4, 0.0, str(term))
    return (2 if isinstance(term, URIRef) else 1, 0.0, str(term))


__all__ = [
    "CatalogueQuery",
    "Param",
    "SelectResult",
    "catalogue",
    "first_rows",
    "joined",
    "query_parts",
    "resolve",
    "run_query",
]
