"""The query catalogue as REST (same binding path as the CLI) and the policy page's data."""

from __future__ import annotations

from rdflib import URIRef
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..errors import QueryError
from ..query import catalogue, first_rows
from ..render import RENDERERS, to_records
from ..store import PolicyStore
from ..vocab import PREFIXES
from .settings import error

# The text and header of one policy; ?policy is pre-bound (so it must be projected), never
# pasted in.
POLICY_QUERY = """
SELECT ?policy ?title ?company ?company_label ?source ?date ?text WHERE {
  ?policy a pg:PrivacyPolicy ; pg:text ?text .
  OPTIONAL { ?policy dct:title ?title }
  OPTIONAL { ?policy pg:company ?company OPTIONAL { ?company rdfs:label ?company_label } }
  OPTIONAL { ?policy dct:source ?source }
  OPTIONAL { ?policy dct:modified ?date }
} LIMIT 1
"""

# One row per statement property value, with the evidence offsets the page highlights.
STATEMENTS_QUERY = """
SELECT ?policy ?statement ?type ?property ?value (SAMPLE(?label) AS ?value_label)
       ?start ?end ?section
WHERE {
  ?statement pg:statedIn ?policy ; a ?type ; pg:evidence ?evidence ; ?property ?value .
  ?evidence oa:start ?start ; oa:end ?end .
  OPTIONAL { ?evidence pg:section ?section }
  FILTER(?property NOT IN (rdf:type, pg:evidence, pg:statedIn))
  OPTIONAL { ?value skos:prefLabel|rdfs:label|dpv:hasDuration ?label }
}
GROUP BY ?policy ?statement ?type ?property ?value ?start ?end ?section
ORDER BY ?start ?statement
"""


def _catalogue_entry(q) -> dict:
    return {
        "name": q.name,
        "title": q.title,
        "description": q.description,
        "parameters": [
            {"name": p.name, "type": p.type, "required": p.required, "description": p.description}
            for p in q.params
        ],
        "columns": list(q.columns),
        "sparql": q.text,  # so the page can load it into its editor
    }


async def list_queries(request: Request) -> JSONResponse:
    return JSONResponse([_catalogue_entry(q) for q in catalogue().values()])


async def run_catalogue_query(request: Request) -> Response:
    state = request.app.state
    name = request.path_params["name"]
    # Only catalogue names: run_query also takes .rq paths, which must not be reachable by URL.
    if name not in catalogue():
        return error(404, f"no query {name!r} in the catalogue; GET /queries lists them")
    params = dict(request.query_params)
    fmt = params.pop("format", "json")
    if fmt not in ("json", "csv"):
        return error(400, f"format {fmt!r}: use json or csv")
    store: PolicyStore = state.store
    max_rows = state.settings.max_rows
    key = ("rest", name, fmt, tuple(sorted(params.items())))
    cached = state.cache.get(key)

    def work() -> tuple[str, bool]:
        result, truncated = first_rows(store, name, params, max_rows)
        return RENDERERS[fmt](result), truncated

    try:
        text, truncated = cached or await state.runner.run(work)
    except QueryError as exc:
        return error(400, str(exc))
    state.cache.put(key, (text, truncated), len(text))
    headers = {"X-PolicyGraph-Truncated": "true"} if truncated else {}
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    return Response(text, media_type=media, headers=headers)


async def policy_data(request: Request) -> Response:
    """One policy: its text and every statement with evidence offsets, as JSON."""
    state = request.app.state
    iri = request.query_params.get("iri")
    if not iri:
        return error(400, "missing the `iri` parameter")
    store: PolicyStore = state.store
    policy = URIRef(iri)

    def work() -> dict | None:
        head = store.select(POLICY_QUERY, {"policy": policy})
        if not head.rows:
            return None
        statements = store.select(STATEMENTS_QUERY, {"policy": policy})
        return {
            "policy": iri,
            **to_records(head)[0],
            "statements": to_records(statements),
        }

    data = await state.runner.run(work)
    if data is None:
        return error(404, f"no policy {iri!r} in the store (with its text)")
    return JSONResponse(data)


async def prefixes(request: Request) -> JSONResponse:
    return JSONResponse({p: str(ns) for p, ns in PREFIXES.items()})
