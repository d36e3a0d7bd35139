"""Corpus runs: skipping unchanged files, replacing changed ones, workers, surviving kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF

from policygraph.corpus import ingest
from policygraph.store import PolicyStore
from policygraph.validate import validate_store
from policygraph.vocab import PG

from .conftest import EXAMPLES, ROOT

POLICY = (
    "# {name} Privacy Policy\n\nLast updated: 1 March 2024\n\n{name} collects your email address.\n"
)


def stored_policies(store_dir: Path) -> int:
    """Policies marked whole in a store another process is writing (a read-only look)."""
    try:
        store = ox.Store.read_only(str(store_dir))
    except (OSError, RuntimeError):
        return 0  # not created yet, or still being created
    mark = (ox.NamedNode(str(RDF.type)), ox.NamedNode(str(PG.PrivacyPolicy)))
    return sum(1 for _ in store.quads_for_pattern(None, *mark, None))


def write(folder: Path, name: str, extra: str = "") -> Path:
    path = folder / f"{name.lower()}.md"
    path.write_text(POLICY.format(name=name) + extra, encoding="utf-8")
    return path


def test_corpus_changed_file_replaces_its_graph(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = write(corpus, "Acme")
    store = PolicyStore(tmp_path / "store")
    assert ingest([corpus], store).ingested == [str(path)]
    (first,) = store.policy_graphs()
    write(corpus, "Acme", "We do not sell your personal information.\n")
    report = ingest([corpus], store)
    assert report.ingested == [str(path)]
    (second,) = store.policy_graphs()
    assert second != first


def test_corpus_unchanged_files_are_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "Acme")
    store = PolicyStore(tmp_path / "store")
    ingest([corpus], store)
    report = ingest([corpus], store)
    assert report.ingested == [] and len(report.unchanged) == 1


def test_corpus_two_workers_store_the_same_graphs(tmp_path):
    one, two = PolicyStore(tmp_path / "one"), PolicyStore(tmp_path / "two")
    ingest([EXAMPLES], one)
    ingest([EXAMPLES], two, workers=2)
    assert one.policy_graphs() == two.policy_graphs()
    assert one.count_quads() == two.count_quads()


def test_corpus_failure_does_not_lose_stored_policies(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "Acme")
    (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    store = PolicyStore(tmp_path / "store")
    report = ingest([corpus], store)
    assert len(report.failed) == 1 and report.failed[0][0].endswith("broken.txt")
    assert len(store.policy_graphs()) == 1


def test_corpus_survives_kill_9_and_resumes(tmp_path):
    corpus, store_dir = tmp_path / "corpus", tmp_path / "store"
    generator = ROOT / "benchmarks" / "generate_corpus.py"
    subprocess.run([sys.executable, str(generator), "--count", "300", "--out", str(corpus)],
                   check=True)  # fmt: skip
    command = [sys.executable, "-m", "policygraph", "ingest", str(corpus), "--store",
               str(store_dir)]  # fmt: skip
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    # Kill once a bulk load has stored some policies, but well before the end.
    while time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.2)
        if stored_policies(store_dir) >= 64:
            break
    if run.poll() is not None:
        pytest.skip("the run finished before it could be killed")
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    store = PolicyStore(store_dir)
    store.remove_incomplete_graphs()  # as ingest does first: a bulk load the kill cut short
    stored_before = len(store.policy_graphs())
    assert stored_before >= 64
    assert validate_store(store).conforms  # every graph left is whole
    report = ingest([corpus], store)
    assert report.ok
    assert len(report.unchanged) == stored_before
    assert len(store.policy_graphs()) == 300


def test_corpus_one_unstorable_graph_does_not_cost_its_batch(tmp_path, sample_doc):
    from policygraph import iris
    from policygraph.build import build_triples, to_ntriples
    from policygraph.corpus import Extracted, IngestReport, _store_batch

    good = to_ntriples(build_triples(sample_doc))
    bad = good + "<urn:not an iri> <urn:p> <urn:o> .\n"
    batch = [
        Extracted("a.md", source="a.md", sha256="a" * 64, ntriples=good),
        Extracted("b.md", source="b.md", sha256="b" * 64, ntriples=bad),
    ]
    store, report = PolicyStore(tmp_path / "store"), IngestReport()
    _store_batch(batch, store, report, None, store.graphs_by_source())
    assert store.policy_graphs() == [iris.policy_graph("a" * 64)]
    assert report.ingested == ["a.md"]
    assert [path for path, _ in report.failed] == ["b.md"]


def test_corpus_bulk_loads_grow_with_the_store():
    from policygraph.corpus import BATCH, MAX_BATCH, batch_size

    assert batch_size(0) == BATCH == 64
    assert batch_size(10_000) == 625
    assert batch_size(1_000_000) == MAX_BATCH
