"""`policygraph serve` for real: uvicorn on a free loopback port, SPARQLWrapper as the client."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from policygraph.server import Settings, create_app
from policygraph.server.negotiate import NotAcceptable, choose
from policygraph.server.readonly import Refused, check_read_only, keywords

COOKIES = "SELECT ?cookie ?name WHERE { ?cookie a pg:Cookie ; pg:cookieName ?name } ORDER BY ?name"
# A few hundred thousand joined pairs: about a second, far over a 0.1 s timeout, and it ends.
SLOW = """SELECT (COUNT(*) AS ?n) WHERE {
  { SELECT ?a WHERE { ?a ?b ?c } LIMIT 400 } { SELECT ?d WHERE { ?d ?e ?f } LIMIT 400 }
  FILTER(STR(?a) < STR(?d)) }"""


@contextmanager
def running(store, settings: Settings) -> Iterator[str]:
    """Serve the app on a free 127.0.0.1 port in a thread; yields the base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(store, settings), log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(200):  # at most 10 s
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def base(examples_store) -> Iterator[str]:
    with running(examples_store, Settings(max_rows=50)) as url:
        yield url


def sparql(base: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


def http(url: str, data: bytes | None = None, headers: dict | None = None):
    """(status, headers, body) without raising on 4xx/5xx."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


# --- the read-only check and negotiation, without a server -------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "delete where { ?s ?p ?o }",
        "LOAD <file:///etc/passwd>",
        "CLEAR ALL",
        "DROP GRAPH <a:g>",
        "PREFIX x: <a:> WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service silent <http://x/> { ?s ?p ?o } }",
        "# a comment\nSELECT * { ?s ?p 'x' } ; CLEAR DEFAULT",
    ],
)
def test_readonly_refuses(query):
    with pytest.raises(Refused):
        check_read_only(query)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?service WHERE { ?service a ?load }",
        "SELECT * WHERE { ?s ?p 'SERVICE <http://x/>' }",
        'SELECT * WHERE { ?s ?p """multi\nline DROP ALL""" }',
        "SELECT * WHERE { ?s ?p ?o } # SERVICE in a comment",
        "PREFIX service: <http://x/> SELECT * WHERE { ?s service:load ?o }",
        "SELECT * WHERE { ?s <http://x/#service> ?o }",
        'SELECT * WHERE { ?s ?p "x"@insert }',
        "SELECT * WHERE { ?s ?p ?o FILTER(?o = 'it\\'s a DELETE') }",
    ],
)
def test_readonly_allows(query):
    check_read_only(query)


def test_readonly_keywords_skip_strings_and_iris():
    assert keywords("SELECT ?x { <a:service> ?p 'load' } LIMIT 1") == ["SELECT", "LIMIT"]


@pytest.mark.parametrize(
    ("kind", "accept", "fmt", "expected"),
    [
        ("solutions", None, None, "json"),
        ("solutions", "text/html,*/*;q=0.8", None, "json"),
        ("solutions", "text/csv;q=0.5, text/tab-separated-values", None, "tsv"),
        ("solutions", "application/sparql-results+xml", None, "xml"),
        ("solutions", "text/csv", "json", "json"),
        ("boolean", "text/csv", None, "csv"),
        ("graph", None, None, "turtle"),
        ("graph", "application/n-triples", None, "ntriples"),
        ("graph", "application/ld+json", None, "jsonld"),
        ("graph", None, "application/ld+json", "jsonld"),
        ("graph", None, "n3", "turtle"),
    ],
)
def test_negotiate_choose(kind, accept, fmt, expected):
    assert choose(kind, accept, fmt) == expected


def test_negotiate_refuses_format_of_other_kind():
    with pytest.raises(NotAcceptable):
        choose("graph", None, "csv")


def test_cache_evicts_least_recently_used():
    from policygraph.server.cache import ResultCache

    cache = ResultCache(max_bytes=10, max_item=6)
    cache.put("a", 1, 4)
    cache.put("b", 2, 4)
    assert cache.get("a") == 1  # now b is the least recently used
    cache.put("c", 3, 4)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)
    cache.put("huge", 4, 7)
    assert cache.get("huge") is None


# --- SPARQL protocol through SPARQLWrapper -----------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_server_select_json(base, method):
    result = sparql(base, COOKIES, JSON, method).queryAndConvert()
    assert result["head"]["vars"] == ["cookie", "name"]
    names = [b["name"]["value"] for b in result["results"]["bindings"]]
    assert "_ga" in names and names == sorted(names)


def test_server_select_xml(base):
    document = sparql(base, COOKIES, XML).queryAndConvert()
    assert document.getElementsByTagName("binding")


def test_server_select_csv_and_tsv(base):
    rows = list(csv.reader(io.StringIO(sparql(base, COOKIES, CSV).queryAndConvert().decode())))
    assert rows[0] == ["cookie", "name"] and len(rows) > 5
    tsv = sparql(base, COOKIES, TSV).queryAndConvert().decode().splitlines()
    assert tsv[0] == "?cookie\t?name" and tsv[1].startswith("<https://")


@pytest.mark.parametrize(("fmt", "expected"), [(JSON, True), (XML, True), (CSV, True)])
def test_server_ask(base, fmt, expected):
    result = sparql(base, "ASK { ?p a pg:PrivacyPolicy }", fmt).queryAndConvert()
    if fmt == JSON:
        assert result["boolean"] is expected
    elif fmt == XML:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert result.decode().strip() == "true"


CONSTRUCT = "CONSTRUCT { ?c pg:cookieName ?n } WHERE { ?c a pg:Cookie ; pg:cookieName ?n }"


def test_server_construct_turtle(base):
    graph = sparql(base, CONSTRUCT, TURTLE).queryAndConvert()
    if isinstance(graph, bytes):
        graph = Graph().parse(data=graph, format="turtle")
    assert len(graph) > 5


def test_server_construct_jsonld(base):
    graph = sparql(base, CONSTRUCT, JSONLD).queryAndConvert()
    assert isinstance(graph, Graph) and len(graph) > 5


def test_server_construct_ntriples(base):
    client = sparql(base, CONSTRUCT, TURTLE)
    client.setOnlyConneg(True)
    client.addCustomHttpHeader("Accept", "application/n-triples")
    response = client.query().response
    assert response.headers["Content-Type"].startswith("application/n-triples")
    assert len(Graph().parse(data=response.read().decode(), format="nt")) > 5


def test_server_describe(base):
    status, _, body = http(
        base + "/sparql?" + urllib.parse.urlencode({"query": "DESCRIBE pgo:stripe"}),
        headers={"Accept": "text/turtle"},
    )
    assert status == 200 and b"Stripe" in body


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "LOAD <file:///etc/passwd>",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ],
)
def test_server_refuses_update_load_service(base, query):
    # SPARQLWrapper sends updates as `update=` and lets a 403 through as urllib's HTTPError.
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as info:
        sparql(base, query, JSON, "POST").query()
    if isinstance(info.value, urllib.error.HTTPError):
        assert info.value.code == 403
        assert "not allowed" in json.loads(info.value.read())["error"]


def test_server_refuses_update_form(base):
    body = urllib.parse.urlencode({"update": "CLEAR ALL"}).encode()
    status, _, text = http(base + "/sparql", body)
    assert status == 403 and b"read-only" in text


def test_server_bad_query_400(base):
    with pytest.raises(QueryBadFormed):
        sparql(base, "SELECT ?x WHERE { ?x ", JSON).query()
    status, _, body = http(base + "/sparql?query=SELEC")
    assert status == 400 and "malformed query" in json.loads(body)["error"]


def test_server_body_over_1mb_413(base):
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_100_000
    status, _, _ = http(
        base + "/sparql", query.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert status == 413


def test_server_truncates_at_max_rows(base):
    status, headers, body = http(
        base + "/sparql?" + urllib.parse.urlencode({"query": "SELECT * { ?s ?p ?o }"}),
        headers={"Accept": "application/sparql-results+json"},
    )
    assert status == 200 and headers["X-PolicyGraph-Truncated"] == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 50


def test_server_service_description(base):
    status, headers, body = http(base + "/sparql")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body.decode(), format="turtle")
    assert any("SPARQL11Query" in str(o) for o in graph.objects())


def test_server_no_cors_by_default(base):
    _, headers, _ = http(base + "/queries", headers={"Origin": "http://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in headers


# --- the catalogue as REST ---------------------------------------------------------------------


def test_server_queries_lists_catalogue(base):
    status, _, body = http(base + "/queries")
    entries = {e["name"]: e for e in json.loads(body)}
    assert status == 200 and "practices" in entries
    assert {"name", "title", "description", "parameters", "columns"} <= set(entries["practices"])
    assert "action" in [p["name"] for p in entries["practices"]["parameters"]]


def test_server_queries_practices_sell_csv(base):
    status, headers, body = http(base + "/queries/practices?action=sell&format=csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert rows and {r["action"] for r in rows} == {"sell"}


def test_server_queries_json_matches_cli_binding(base, examples_store):
    from policygraph.query import run_query
    from policygraph.render import to_records

    _, _, body = http(base + "/queries/practices?action=sell")
    expected = to_records(run_query(examples_store, "practices", {"action": "sell"}))
    assert json.loads(body) == expected


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/queries/practices?bogus=1", 400),
        ("/queries/shares-payment-data-with", 400),
        ("/queries/practices?format=xml", 400),
        ("/queries/no-such-query", 404),
        ("/queries/..%2Fqueries%2Fpractices.rq", 404),
    ],
)
def test_server_queries_errors(base, path, status):
    code, _, body = http(base + path)
    assert code == status and body


def test_server_policy_api(base):
    _, _, body = http(base + "/queries/policies")
    iri = json.loads(body)[0]["policy"]
    _, _, body = http(base + "/api/policy?" + urllib.parse.urlencode({"iri": iri}))
    data = json.loads(body)
    assert data["text"] and data["statements"]
    first = data["statements"][0]
    assert 0 <= first["start"] < first["end"] <= len(data["text"])


# --- limits ------------------------------------------------------------------------------------


def test_server_timeout_503(examples_store):
    with running(examples_store, Settings(timeout=0.1)) as url:
        status, _, body = http(url + "/sparql?" + urllib.parse.urlencode({"query": SLOW}))
        assert status == 503 and "did not finish" in json.loads(body)["error"]
        # The server still answers while the slow query finishes in the background.
        status, _, _ = http(url + "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))
        assert status == 200


def test_server_cors_when_configured(examples_store):
    with running(examples_store, Settings(cors="http://lab.example")) as url:
        _, headers, _ = http(url + "/queries", headers={"Origin": "http://lab.example"})
        assert headers["Access-Control-Allow-Origin"] == "http://lab.example"


def test_server_cli_registered():
    from click.testing import CliRunner

    from policygraph.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0, result.output
    for option in ("--host", "--port", "--timeout", "--max-rows", "--cors", "--in-memory"):
        assert option in result.output


def test_server_in_memory_copy_answers_like_the_disk_store(examples_store):
    from policygraph.query import run_query

    copy = examples_store.copy_to_memory()
    for name in ("policies", "laws", "recipients", "rights"):
        assert run_query(copy, name).rows == run_query(examples_store, name).rows, name
    ask = "/sparql?query=ASK%7B%3Fs%20a%20pg%3ACookie%7D"
    with running(copy, Settings()) as url, urllib.request.urlopen(url + ask) as response:
        assert json.load(response)["boolean"] is True
