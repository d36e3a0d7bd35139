"""Extraction on a Dask cluster gives the same store as a single-process ingest."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from policygraph.cli import main
from policygraph.corpus import ingest
from policygraph.distributed import extract_on_cluster
from policygraph.errors import PipelineError
from policygraph.store import PolicyStore

from .conftest import EXAMPLES

distributed = pytest.importorskip("dask.distributed", reason="pip install -e '.[dask]'")


@pytest.fixture(scope="module")
def scheduler():
    """A two-process local cluster: the same protocol as a real one, on loopback."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:  # fmt: skip
        yield cluster.scheduler_address


def _contents(store: PolicyStore) -> dict[str, int]:
    return {str(g): len(store.graph(g)) for g in store.policy_graphs()}


def test_distributed_ingest_equals_single_process(scheduler, tmp_path, examples_store):
    store = PolicyStore(tmp_path / "store")
    report = ingest([EXAMPLES], store, scheduler=scheduler)
    assert report.ok, report.failed
    assert _contents(store) == _contents(examples_store)
    assert store.count_quads() == examples_store.count_quads()
    again = ingest([EXAMPLES], store, scheduler=scheduler)
    assert again.ingested == [] and len(again.unchanged) == len(report.ingested)


def test_distributed_window_bounds_work_in_flight(scheduler, tmp_path):
    files = sorted(p for p in EXAMPLES.iterdir() if p.name != "README.md")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in files:
        shutil.copy(path, corpus / path.name)
    (corpus / "empty.txt").write_text("")
    given = [*sorted(corpus.iterdir()), corpus / "missing.md"]
    results = list(extract_on_cluster(iter(given), None, scheduler, window=2))
    assert sorted(r.path for r in results) == sorted(map(str, given))
    failed = {r.path: r.error for r in results if r.error}
    assert set(failed) == {str(corpus / "empty.txt"), str(corpus / "missing.md")}


def test_cli_ingest_scheduler(scheduler, tmp_path):
    store = tmp_path / "store"
    result = CliRunner().invoke(
        main, ["ingest", str(EXAMPLES), "--store", str(store), "--scheduler", scheduler]
    )
    assert result.exit_code == 0, result.output
    assert "7 ingested" in result.output


def test_unreachable_scheduler_is_a_pipeline_error(tmp_path):
    with pytest.raises(PipelineError, match="cannot reach the Dask scheduler"):
        list(extract_on_cluster([EXAMPLES / "a.md"], None, "tcp://127.0.0.1:9", connect_timeout=1))
