"""Corpus-scale benchmark: ingest throughput, store size, query latency, peak memory.

    .venv/bin/python benchmarks/bench_scale.py --count 10000 --workers 2

Generates COUNT synthetic policies, ingests them with `policygraph ingest --workers N` in a
subprocess (peak RSS of the ingest and its workers from getrusage), then times the catalogue
queries corpus-wide (median of 3; --queries picks some) and for one policy (median over 20),
audits a sample of 200 policies, and extrapolates to a million policies linearly. Writes
benchmarks/out/scale-COUNT.json. With --queries-only the store already in --work is timed
again (after a query change).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from policygraph.audit import audit_store
from policygraph.query import catalogue, run_query
from policygraph.store import PolicyStore

HERE = Path(__file__).resolve().parent


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, help="Keep corpus and store here (default: temp).")
    parser.add_argument(
        "--queries-only",
        action="store_true",
        help="Time the queries on the store already in --work; keep the ingest numbers saved.",
    )
    parser.add_argument(
        "--queries", help="Comma-separated catalogue queries to time corpus-wide (default: all).",
    )  # fmt: skip
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="pg-scale-"))
    out = HERE / "out" / f"scale-{args.count}.json"
    out.parent.mkdir(exist_ok=True)
    if args.queries_only:
        results = json.loads(out.read_text())
    else:
        results = ingest_numbers(work, args.count, args.workers)
        out.write_text(json.dumps(results, indent=2))  # saved early: the queries take long
    store = PolicyStore(work / "store")
    names = args.queries.split(",") if args.queries else None
    results["query_ms"] = query_timings(store, names)
    results["one_policy_query_ms"] = one_policy_timings(store)
    results["audit"] = audit_rate(store, args.workers)
    scale = 1_000_000 / args.count
    results["extrapolated_to_1m"] = {
        "ingest_hours": round(results["ingest_seconds"] * scale / 3600, 1),
        "store_gb": round(results["store_mb"] * scale / 2**10, 1),
        "slowest_query_s_if_linear": round(max(results["query_ms"].values()) * scale / 1000, 1),
        "audit_hours": round(1_000_000 / results["audit"]["policies_per_second"] / 3600, 1),
    }
    out.write_text(json.dumps(results, indent=2))
    print(json.dumps({k: v for k, v in results.items() if k != "query_ms"}, indent=2))


def ingest_numbers(work: Path, count: int, workers: int) -> dict:
    corpus, store_dir = work / "corpus", work / "store"
    if not corpus.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate_corpus.py"), "--count", str(count),
             "--out", str(corpus)],
            check=True,
        )  # fmt: skip
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "policygraph", "ingest", str(corpus), "--store", str(store_dir),
         "--workers", str(workers)],
        check=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "policies": count,
        "workers": workers,
        "ingest_seconds": round(seconds, 1),
        "policies_per_second": round(count / seconds, 1),
        "store_mb": round(folder_size(store_dir) / 2**20, 1),
        "quads": PolicyStore(store_dir).count_quads(),
        "peak_rss_mb": round(peak_mb, 1),
    }


def query_timings(store: PolicyStore, names: list[str] | None) -> dict[str, float]:
    """Corpus-wide: median of 3 runs per catalogue query; one run for those slower than 10 s."""
    timings = {}
    for name, query in sorted(catalogue().items()):
        if any(p.required for p in query.params) or (names and name not in names):
            continue
        runs: list[float] = []
        while len(runs) < 3 and sum(runs) < 10:
            t = time.perf_counter()
            run_query(store, name)
            runs.append(time.perf_counter() - t)
        timings[name] = round(statistics.median(runs) * 1000, 1)
        print(f"{name:32} {timings[name]:10.1f} ms", flush=True)
    return timings


def one_policy_timings(store: PolicyStore, samples: int = 20) -> dict[str, float]:
    """Each query that takes a policy, for one policy: median over policies across the store."""
    graphs = store.policy_graphs()
    chosen = graphs[:: max(1, len(graphs) // samples)][:samples]
    timings = {}
    for name, query in sorted(catalogue().items()):
        if not any(p.name == "policy" for p in query.params):
            continue
        runs = []
        for graph in chosen:
            policy = "<" + str(graph).removesuffix("/graph") + ">"
            t = time.perf_counter()
            run_query(store, name, {"policy": policy})
            runs.append(time.perf_counter() - t)
        timings[name] = round(statistics.median(runs) * 1000, 1)
        print(f"{name:32} {timings[name]:10.1f} ms for one policy", flush=True)
    return timings


def audit_rate(store: PolicyStore, workers: int, sample: int = 200) -> dict[str, float]:
    """Audit a sample of the corpus (all laws that apply), not saved: policies per second."""
    policies = store.policy_graphs()[:sample]
    start = time.perf_counter()
    audit_store(store, policies, workers=workers, save=False)
    seconds = time.perf_counter() - start
    rate = round(len(policies) / seconds, 1)
    print(f"audit: {len(policies)} policies, {workers} workers: {rate} policies/s", flush=True)
    return {"sample": len(policies), "workers": workers, "policies_per_second": rate}


if __name__ == "__main__":
    main()
