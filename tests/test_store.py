import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from policygraph import iris
from policygraph.build import build_graph, build_triples, to_ntriples
from policygraph.errors import StoreError
from policygraph.store import PolicyStore, plain_strings
from policygraph.vocab import ONTOLOGY_GRAPH, PG


@pytest.fixture
def store(tmp_path):
    return PolicyStore(tmp_path / "store")


def test_store_replace_graph_swaps_content(store, sample_doc):
    name = iris.policy_graph(sample_doc.document.sha256)
    store.replace_graph(name, build_graph(sample_doc))
    first = store.count_quads()
    store.replace_graph(name, build_graph(sample_doc))
    assert store.count_quads() == first
    assert store.policy_graphs() == [name]


def test_store_graphs_from_source(store, sample_doc):
    name = iris.policy_graph(sample_doc.document.sha256)
    store.replace_graph(name, build_graph(sample_doc))
    assert store.graphs_from_source("acme.md") == [name]
    assert store.graphs_from_source("other.md") == []


def test_store_bulk_load_matches_transactional_replace(store, tmp_path, sample_doc):
    name = iris.policy_graph(sample_doc.document.sha256)
    ntriples = to_ntriples(build_triples(sample_doc))
    store.load_policy_graphs({name: ntriples})
    store.load_policy_graphs({name: ntriples})  # replaces, does not add
    other = PolicyStore(tmp_path / "other")
    other.replace_graph_ntriples(name, ntriples)
    assert set(store.triples_in(name)) == set(other.triples_in(name))
    assert store.graphs_from_source("acme.md") == [name]


def test_store_drops_graphs_a_killed_bulk_load_left_unmarked(store, sample_doc):
    whole, cut = iris.policy_graph("a" * 64), iris.policy_graph("b" * 64)
    ntriples = to_ntriples(build_triples(sample_doc))
    store.load_policy_graphs({whole: ntriples})
    # A bulk load cut short: the body is there, the pg:PrivacyPolicy mark written last is not.
    unmarked = [t for t in build_triples(sample_doc) if t[2] != PG.PrivacyPolicy]
    store.replace_graph_ntriples(cut, to_ntriples(unmarked))
    assert store.remove_incomplete_graphs() == [cut]
    assert store.policy_graphs() == [whole]


def test_store_bulk_load_keeps_unicode_line_separators(store, sample_doc):
    name = iris.policy_graph("c" * 64)
    quote = Literal("one\u2028two\x85three")
    store.load_policy_graphs({name: f"<urn:x> <urn:quote> {quote.n3()} .\n" + to_ntriples(
        build_triples(sample_doc))})  # fmt: skip
    assert (URIRef("urn:x"), URIRef("urn:quote"), quote) in set(store.triples_in(name))


def test_store_select_binds_variables_without_pasting(store, sample_doc):
    store.replace_graph(iris.policy_graph("a" * 64), build_graph(sample_doc))
    sparql = "SELECT ?p ?source WHERE { ?p dct:source ?source }"
    assert len(store.select(sparql, {"source": Literal("acme.md")}).rows) == 1
    assert store.select(sparql, {"source": Literal('acme.md" } #')}).rows == []


def test_store_ontology_loaded_once(store):
    assert store.ensure_ontology() is True
    assert store.ensure_ontology() is False
    assert store.has_graph(ONTOLOGY_GRAPH)


@pytest.mark.parametrize("fmt,suffix", [("nquads", "nq"), ("trig", "trig"), ("jsonld", "jsonld")])
def test_store_export_import_round_trip(tmp_path, store, sample_doc, fmt, suffix):
    store.replace_graph(iris.policy_graph("a" * 64), build_graph(sample_doc))
    out = tmp_path / f"dump.{suffix}"
    store.dump(out, fmt)
    copy = PolicyStore(tmp_path / "copy")
    copy.load(out, fmt)
    assert copy.count_quads() == store.count_quads()


def test_store_export_turtle_needs_one_graph(tmp_path, store, sample_doc):
    name = iris.policy_graph("a" * 64)
    store.replace_graph(name, build_graph(sample_doc))
    with pytest.raises(StoreError):
        store.dump(tmp_path / "all.ttl", "turtle")
    store.dump(tmp_path / "one.ttl", "turtle", name)
    assert (tmp_path / "one.ttl").stat().st_size > 0


def test_store_rdflib_dataset_view(store, sample_doc):
    name = iris.policy_graph("a" * 64)
    store.replace_graph(name, build_graph(sample_doc))
    dataset = store.as_dataset()
    stored = list(dataset.graph(name).triples((None, None, None)))
    assert len(stored) == len(build_graph(sample_doc))


def test_store_in_use_by_another_process_is_a_clear_error(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "busy"
    PolicyStore(path)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import pyoxigraph, sys, time; s = pyoxigraph.Store({str(path)!r}); "
         "print('ready', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="open in another process"):
            PolicyStore(path)
    finally:
        holder.kill()
        holder.wait()


def test_store_copy_to_memory_holds_the_same_quads(store, sample_doc):
    name = iris.policy_graph(sample_doc.document.sha256)
    store.ensure_ontology()
    store.replace_graph(name, build_graph(sample_doc))
    copy = store.copy_to_memory()
    assert copy.path is None
    assert copy.count_quads() == store.count_quads()
    assert copy.policy_graphs() == [name]
    assert set(copy.triples_in(name)) == set(store.triples_in(name))


def test_store_graph_ntriples_round_trip(store, sample_doc):
    from policygraph.store import parse_ntriples

    name = iris.policy_graph(sample_doc.document.sha256)
    store.replace_graph(name, build_graph(sample_doc))
    assert set(parse_ntriples(store.graph_ntriples(name))) == set(store.triples_in(name))


def test_store_plain_strings_makes_xsd_strings_plain_and_keeps_other_literals():
    s, p = URIRef("urn:s"), URIRef("urn:p")
    typed = [
        (s, p, Literal("dpo", datatype=XSD.string)),
        (s, p, Literal("P2M", datatype=XSD.duration)),
        (s, p, Literal("Acme", lang="en")),
    ]
    assert list(plain_strings(typed)) == [
        (s, p, Literal("dpo")),
        (s, p, Literal("P2M", datatype=XSD.duration)),
        (s, p, Literal("Acme", lang="en")),
    ]
