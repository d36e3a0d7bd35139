"""Corpus-scale benchmark: ingest throughput, store size, query latency, peak memory.

    .venv/bin/python benchmarks/bench_scale.py --count 10000 --workers 2

Generates COUNT synthetic policies, ingests them with `policygraph ingest --workers N` in a
subprocess (peak RSS of the ingest and its workers from getrusage), then times every catalogue
query without required parameters (median of 3) and extrapolates to a million policies
linearly. Writes benchmarks/out/scale-COUNT.json.
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

from policygraph.query import bind, catalogue
from policygraph.store import PolicyStore

HERE = Path(__file__).resolve().parent


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, help="Keep corpus and store here (default: temp).")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="pg-scale-"))
    corpus, store_dir = work / "corpus", work / "store"
    if not corpus.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate_corpus.py"), "--count", str(args.count),
             "--out", str(corpus)],
            check=True,
        )  # fmt: skip
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "policygraph", "ingest", str(corpus), "--store", str(store_dir),
         "--workers", str(args.workers)],
        check=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    store = PolicyStore(store_dir)
    results: dict[str, object] = {
        "policies": args.count,
        "workers": args.workers,
        "ingest_seconds": round(seconds, 1),
        "policies_per_second": round(args.count / seconds, 1),
        "store_mb": round(folder_size(store_dir) / 2**20, 1),
        "quads": store.count_quads(),
        "peak_rss_mb": round(peak_mb, 1),
    }
    timings = {}
    for name, query in sorted(catalogue().items()):
        if any(p.required for p in query.params):
            continue
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            store.query(query.text, bind(query, {}))
            runs.append(time.perf_counter() - t)
        timings[name] = round(statistics.median(runs) * 1000, 1)
        print(f"{name:32} {timings[name]:8.1f} ms", flush=True)
    results["query_ms"] = timings
    scale = 1_000_000 / args.count
    results["extrapolated_to_1m"] = {
        "ingest_hours": round(seconds * scale / 3600, 1),
        "store_gb": round(folder_size(store_dir) * scale / 2**30, 1),
        "slowest_query_s_if_linear": round(max(timings.values()) * scale / 1000, 1),
    }
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / f"scale-{args.count}.json").write_text(json.dumps(results, indent=2))
    print(json.dumps({k: v for k, v in results.items() if k != "query_ms"}, indent=2))


if __name__ == "__main__":
    main()
