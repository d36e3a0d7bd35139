"""RemoteStore against a real Oxigraph server (the `oxigraph` binary from the test extra)."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Literal, URIRef
from rdflib.compare import isomorphic

from policygraph import iris
from policygraph.build import build_graph
from policygraph.cli import main
from policygraph.corpus import ingest
from policygraph.errors import QueryError
from policygraph.lexicon import default_lexicon
from policygraph.query import run_query
from policygraph.remote import RemoteStore, bind_values, endpoints_for, sparql_term, update_chunks
from policygraph.render import RENDERERS
from policygraph.store import PolicyStore, open_store
from policygraph.vocab import PG

from .conftest import EXAMPLES, free_port, sparql_server

COMPARED = [
    ("policies", {}),
    ("practices", {"action": "sell"}),
    ("practices", {}),
    ("recipients", {}),
    ("shares-payment-data-with", {"processor": "pgo:stripe"}),
    ("processors-ranked", {}),
    ("rights-coverage", {}),
    ("sellers", {}),
]


def _oxigraph() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"  # installed into the venv by the test extra
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@pytest.fixture
def server(tmp_path):
    """An Oxigraph server on a free loopback port with its own data folder, stopped after."""
    binary = _oxigraph()
    if binary is None:
        pytest.skip("no `oxigraph` server binary: pip install -e '.[test]' installs it")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    location = str(tmp_path / "oxigraph")
    command = [binary, "serve", "--location", location, "--bind", f"127.0.0.1:{port}"]
    with sparql_server(command, f"{url}/query?query=ASK%7B%7D", seconds=10):
        yield url


def _rows(store, name: str, params: dict[str, str]) -> list[tuple]:
    result = run_query(store, name, params)
    return sorted(tuple("" if v is None else v.n3() for v in row) for row in result.rows)


def test_remote_ingest_matches_embedded(server, tmp_path, record_property):
    default_lexicon()  # parsed once, so neither timing below pays for it
    remote = RemoteStore(server)
    started = time.perf_counter()
    report = ingest([EXAMPLES], remote)
    remote_s = time.perf_counter() - started
    embedded = PolicyStore(tmp_path / "embedded")
    started = time.perf_counter()
    expected = ingest([EXAMPLES], embedded)
    embedded_s = time.perf_counter() - started
    seconds = {"remote": round(remote_s, 3), "embedded": round(embedded_s, 3)}
    record_property("ingest_seconds", seconds)  # in --junitxml reports
    assert report.ok, report.failed
    assert sorted(report.ingested) == sorted(expected.ingested)
    assert report.triples == expected.triples
    assert remote.policy_graphs() == embedded.policy_graphs()
    for name, params in COMPARED:
        rows = _rows(remote, name, params)
        assert rows == _rows(embedded, name, params), name
        assert rows or params, f"{name} returned nothing"
    for graph in embedded.policy_graphs():
        assert isomorphic(remote.graph(graph), embedded.graph(graph)), graph


def test_remote_reingest_skips_unchanged_and_replaces_changed(server, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    store = RemoteStore(server)
    first = ingest([corpus], store)
    assert first.ok and first.ingested
    assert store.ensure_ontology() is False  # the stored ontology hash matches
    again = ingest([corpus], store)
    assert again.ingested == [] and len(again.unchanged) == len(first.ingested)
    changed = corpus / "quillstone-notes.txt"
    old_graphs = store.graphs_from_source(str(changed))
    changed.write_text(changed.read_text() + "\nWe sell your email address to advertisers.\n")
    third = ingest([corpus], store)
    assert third.ingested == [str(changed)]
    new_graphs = store.graphs_from_source(str(changed))
    assert len(new_graphs) == 1 and new_graphs != old_graphs
    assert not store.has_graph(old_graphs[0])
    assert len(store.policy_graphs()) == len(first.ingested)


def test_remote_replace_falls_back_to_sparql_update(server, sample_doc):
    store = RemoteStore(server, gsp_url=f"{server}/no-graph-store-here")
    name = iris.policy_graph(sample_doc.document.sha256)
    store.replace_graph(name, build_graph(sample_doc))
    store.replace_graph(name, build_graph(sample_doc))  # a replace, not an add
    assert store._gsp is None  # the 404 switched it to SPARQL Update
    embedded = PolicyStore()
    embedded.replace_graph(name, build_graph(sample_doc))
    assert isomorphic(store.graph(name), embedded.graph(name))
    assert store.graphs_from_source("acme.md") == [name]
    store.remove_graph(name)
    assert not store.has_graph(name) and store.named_graphs() == []


def test_remote_bound_values_cannot_inject(server, sample_doc):
    store = RemoteStore(server)
    name = iris.policy_graph(sample_doc.document.sha256)
    store.replace_graph(name, build_graph(sample_doc))
    hostile = Literal('acme.md" } } ; DROP ALL ; #\n{')
    assert store.graphs_from_source(str(hostile)) == []
    assert store.has_graph(name)
    with pytest.raises(QueryError):
        store.select("SELECT ?g WHERE { GRAPH ?g {} }", {"g": URIRef("http://x> } DROP ALL")})


def test_remote_dump_and_counts_match_embedded(server, tmp_path, examples_store):
    remote = RemoteStore(server)
    ingest([EXAMPLES], remote)
    out = tmp_path / "remote.nq"
    remote.dump(out, "nquads")
    copy = PolicyStore(tmp_path / "copy")
    copy.load(out, "nquads")
    assert copy.policy_graphs() == examples_store.policy_graphs()
    graph = examples_store.policy_graphs()[0]
    assert remote.count_quads() == copy.count_quads()
    assert isomorphic(copy.graph(graph), examples_store.graph(graph))


def test_cli_store_url(server, examples_store):
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(EXAMPLES), "--store", server])
    assert ingested.exit_code == 0, ingested.output
    args = ["query", "practices", "-p", "action=sell", "--format", "csv", "--store", server]
    remote = runner.invoke(main, args)
    assert remote.exit_code == 0, remote.output
    local = RENDERERS["csv"](run_query(examples_store, "practices", {"action": "sell"}))
    assert sorted(remote.output.splitlines()) == sorted(local.splitlines())
    assert len(local.splitlines()) > 1
    info = runner.invoke(main, ["info", "--store", server])
    assert info.exit_code == 0 and "policies: 7" in info.output, info.output


def test_cli_unreachable_server_is_one_line():
    result = CliRunner().invoke(main, ["info", "--store", f"http://127.0.0.1:{free_port()}"])
    assert result.exit_code == 1
    assert "cannot reach the SPARQL server" in result.output


def test_open_store_picks_by_spec(tmp_path):
    assert isinstance(open_store("http://127.0.0.1:7878"), RemoteStore)
    assert isinstance(open_store(tmp_path / "s"), PolicyStore)


@pytest.mark.parametrize(
    ("url", "query", "update", "gsp"),
    [
        ("http://h:7878", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
        ("http://h:3030/ds/query", "http://h:3030/ds/query", "http://h:3030/ds/update",
         "http://h:3030/ds/data"),
        ("http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql", None),
        ("http://h:7200/repositories/pg", "http://h:7200/repositories/pg",
         "http://h:7200/repositories/pg/statements",
         "http://h:7200/repositories/pg/rdf-graphs/service"),
    ],
)  # fmt: skip
def test_remote_endpoints_for(url, query, update, gsp):
    found = endpoints_for(url)
    assert (found.query, found.update, found.gsp) == (query, update, gsp)


def test_sparql_term_escapes():
    assert sparql_term(Literal('a"b\\c\nd')) == '"a\\"b\\\\c\\nd"'
    assert sparql_term(Literal("x", lang="en")) == '"x"@en'
    assert sparql_term(Literal(3)).endswith("^^<http://www.w3.org/2001/XMLSchema#integer>")
    with pytest.raises(QueryError):
        sparql_term(URIRef("http://a> b"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE { VALUES (?x) { (<http://a>) }\n ?x"),
        ('# { comment\nSELECT ?x ("{" AS ?y) { ?x ?p ?o }', '"{" AS ?y) { VALUES (?x)'),
        ("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }", "WHERE { VALUES (?x)"),
        ("SELECT * { SELECT ?x { ?x ?p ?o } }", "{ (<http://a>) }\n{ SELECT ?x { ?x ?p ?o } }}"),
    ],
)
def test_bind_values_goes_into_the_where_group(query, expected):
    assert expected in bind_values(query, {"x": URIRef("http://a")})


def test_update_chunks_keep_blank_nodes_together_and_the_mark_last():
    mark = f"<urn:x:p> <{RDF.type}> <{PG.PrivacyPolicy}> ."
    lines = [f"<urn:x:s{i}> <urn:x:p> <urn:x:o> ." for i in range(2_500)]
    blank = ["_:b1 <urn:x:p> _:b2 .", "<urn:x:s> <urn:x:q> _:b1 ."]
    chunks = update_chunks("\n".join([mark, blank[0], *lines, blank[1]]) + "\n")
    assert chunks[0].split("\n") == blank  # one request: the labels name the same nodes
    assert [len(c.split("\n")) for c in chunks[1:]] == [1_000, 1_000, 501]
    assert chunks[-1].endswith(mark)  # a graph cut short has no mark: remove_incomplete_graphs
    assert update_chunks("") == [""]


def test_remote_drops_policy_graphs_a_cut_write_left_unmarked(server, sample_doc):
    store = RemoteStore(server)
    graph = iris.policy_graph(sample_doc.document.sha256)
    ntriples = "".join(f"<{s}> <{p}> {o.n3()} .\n" for s, p, o in build_graph(sample_doc))
    store.replace_graph_ntriples(graph, ntriples)
    cut = URIRef("https://w3id.org/policygraph/id/policy/cut/graph")
    store.update(f"INSERT DATA {{ GRAPH <{cut}> {{ <urn:x:s> a <urn:x:T> }} }}")
    assert store.remove_incomplete_graphs() == [cut]
    assert store.policy_graphs() == [graph]
