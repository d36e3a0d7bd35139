"""Time graph exports and the HTML report on synthetic corpora.

    python benchmarks/bench_export.py --count 1000 --count 10000
    python benchmarks/bench_export.py --count 10000 --views practices,recipients,co-occurrence

For each size: generate a corpus (benchmarks/generate_corpus.py), ingest it with
`policygraph ingest DIR --store ... --workers 2` (reused when the store already holds it), then
time every view in every format and `policygraph report`. Each format's peak memory above the
view's graph (`FORMAT_mb`, RSS sampled every 50 ms) shows that writers stream: a writer that built
the whole file in memory would hold about the file's size. Results: benchmarks/out/export.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "ingest"))

from policygraph.export import WRITERS  # noqa: E402
from policygraph.export.views import VIEWS, build_view  # noqa: E402
from policygraph.report import build_report  # noqa: E402
from policygraph.store import PolicyStore  # noqa: E402


def prepare(count: int, work: Path, workers: int) -> Path:
    corpus, store = work / f"corpus-{count}", work / f"store-{count}"
    if not corpus.is_dir():
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), "--count", str(count),
                        "--out", str(corpus)], check=True)  # fmt: skip
    if not store.is_dir():
        started = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "policygraph"), "ingest", str(corpus),
                        "--store", str(store), "--workers", str(workers)], check=True)  # fmt: skip
        print(f"{count}: ingest {time.perf_counter() - started:.1f} s", flush=True)
    return store


def rss_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def peak_above(action: Callable[[], None]) -> int:
    """Peak resident memory while `action` runs, minus the memory before it (bytes)."""
    base, peak, done = rss_bytes(), [0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], rss_bytes())
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        action()
    finally:
        done.set()
        sampler.join()
    return max(0, max(peak[0], rss_bytes()) - base)


def bench(count: int, store_path: Path, out: Path, formats: list[str], views: list[str]) -> dict:
    store = PolicyStore(store_path)
    result: dict = {"policies": count, "views": {}}
    for view in views:
        started = time.perf_counter()
        graph = build_view(store, view)
        entry = {"build_s": round(time.perf_counter() - started, 2),
                 "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}  # fmt: skip
        print(count, view, entry, flush=True)
        for fmt in formats:
            target = out / f"{count}-{view}.{fmt}"
            started = time.perf_counter()
            above = peak_above(partial(WRITERS[fmt], graph, target))
            entry[f"{fmt}_s"] = round(time.perf_counter() - started, 2)
            entry[f"{fmt}_mb"] = round(above / 2**20)
            print(count, view, fmt, entry[f"{fmt}_s"], "s", entry[f"{fmt}_mb"], "MB", flush=True)
        result["views"][view] = entry
        del graph
    started = time.perf_counter()
    report = build_report(store, out / f"report-{count}")
    result["report_s"] = round(time.perf_counter() - started, 2)
    result["report_cards"] = report.cards
    # ru_maxrss is KiB on Linux: the peak of the whole run, views and report included.
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(count, "report", result["report_s"], "s", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/policygraph-bench-export"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--formats", default=",".join(WRITERS),
                        help="comma-separated formats (default: all)")  # fmt: skip
    parser.add_argument("--views", default=",".join(VIEWS),
                        help="comma-separated views (default: all)")  # fmt: skip
    args = parser.parse_args()
    out = args.work / "out"
    out.mkdir(parents=True, exist_ok=True)
    formats = [f for f in args.formats.split(",") if f]
    views = [v for v in args.views.split(",") if v]
    results = [bench(n, prepare(n, args.work, args.workers), out, formats, views)
               for n in args.count or [1000]]  # fmt: skip
    target = HERE / "out" / "export.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
