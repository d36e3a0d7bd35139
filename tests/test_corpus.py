"""Corpus runs: skipping unchanged files, replacing changed ones, workers, surviving kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policygraph.corpus import ingest
from policygraph.store import PolicyStore
from policygraph.validate import validate_store

from .conftest import EXAMPLES, ROOT

POLICY = (
    "# {name} Privacy Policy\n\nLast updated: 1 March 2024\n\n{name} collects your email address.\n"
)


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
    deadline = time.monotonic() + 60
    # Kill once some policies are stored (the store folder grows) but well before the end.
    while time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.5)
        if sum(f.stat().st_size for f in store_dir.rglob("*") if f.is_file()) > 3_000_000:
            break
    if run.poll() is not None:
        pytest.skip("the run finished before it could be killed")
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    store = PolicyStore(store_dir)
    stored_before = len(store.policy_graphs())
    assert validate_store(store).conforms  # every graph that is there is whole
    report = ingest([corpus], store)
    assert report.ok
    assert len(report.unchanged) == stored_before
    assert len(store.policy_graphs()) == 300
