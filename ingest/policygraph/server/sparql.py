"""The SPARQL 1.1 Protocol endpoint (query only) and its service description."""

from __future__ import annotations

from urllib.parse import parse_qs

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF
from starlette.requests import Request
from starlette.responses import Response

from ..store import PolicyStore
from .negotiate import NotAcceptable, choose, media_type
from .readonly import Refused, check_read_only
from .settings import Settings, error, read_body

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
_SD_FORMATS = (
    "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
    "Turtle", "N-Triples", "JSON-LD", "RDF_XML",
)  # fmt: skip


def service_description(endpoint: str) -> str:
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    service = BNode()
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    # The default graph is the union of every policy graph and the ontology graph.
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in _SD_FORMATS:
        g.add((service, SD.resultFormat, FORMATS[name]))
    g.add((service, URIRef("http://purl.org/dc/terms/title"), Literal("PolicyGraph (read-only)")))
    return g.serialize(format="turtle")


async def _query_text(request: Request, settings: Settings) -> tuple[str | None, dict]:
    """The query string and the other parameters, from GET or either POST encoding."""
    params = {k: v for k, v in request.query_params.items()}
    if request.method != "POST":
        return params.get("query"), params
    body = await read_body(request, settings.max_body)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/sparql-query":
        return body.decode("utf-8", errors="replace"), params
    if ctype == "application/x-www-form-urlencoded":
        form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        if "update" in form:
            raise Refused("this endpoint is read-only: SPARQL Update is not allowed")
        params.update({k: v[0] for k, v in form.items()})
        return params.get("query"), params
    raise Refused(
        "POST needs Content-Type application/sparql-query or application/x-www-form-urlencoded",
        status=415,
    )


async def sparql_endpoint(request: Request) -> Response:
    app = request.app.state
    settings: Settings = app.settings
    try:
        query, params = await _query_text(request, settings)
    except Refused as exc:
        return error(exc.status, str(exc))
    if query is None:
        if "update" in params:
            return error(403, "this endpoint is read-only: SPARQL Update is not allowed")
        if request.method == "GET":
            endpoint = str(request.url.replace(query=""))
            return Response(service_description(endpoint), media_type="text/turtle")
        return error(400, "missing the `query` parameter")
    try:
        check_read_only(query)
    except Refused as exc:
        return error(exc.status, str(exc))
    store: PolicyStore = app.store
    key = ("sparql", query, request.headers.get("accept"), params.get("format"))
    cached = app.cache.get(key)

    def work():
        raw = store.query_raw(query, max_rows=settings.max_rows)
        fmt = choose(raw.kind, request.headers.get("accept"), params.get("format"))
        return raw.kind, fmt, raw.truncated, raw.serialize(fmt)

    try:
        kind, fmt, truncated, body = cached or await app.runner.run(work)
    except SyntaxError as exc:
        return error(400, f"malformed query: {exc}")
    except NotAcceptable as exc:
        return error(406, str(exc))
    app.cache.put(key, (kind, fmt, truncated, body), len(body))
    headers = {"X-PolicyGraph-Truncated": "true"} if truncated else {}
    return Response(body, media_type=media_type(kind, fmt), headers=headers)
