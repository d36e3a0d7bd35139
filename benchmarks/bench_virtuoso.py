"""The catalogue on Virtuoso against the embedded store: load time, query latency, result size.

    .venv/bin/python benchmarks/bench_virtuoso.py --store /tmp/pg-scale/store --work /tmp/virtuoso

Exports the embedded store as N-Quads into WORK/load, starts scripts/virtuoso-server (WORK is its
data folder) and bulk-loads with scripts/virtuoso-load (timed), then times every catalogue query
corpus-wide and for single policies through RemoteStore, as `policygraph query --store URL`
does. Each corpus-wide query is also timed with CSV results straight from the server, to tell
Virtuoso's own time from its JSON writer and our parsing. Each query may run `--cap` seconds
(Virtuoso's MaxQueryExecutionTime, and the client's timeout); after a query fails or times out
the server is restarted, since Virtuoso goes on running a query its client has left and would
slow the next one. The embedded store's timings for the same corpus come from bench_scale.py.
Writes benchmarks/out/virtuoso-POLICIES.json. Needs Debian's virtuoso-opensource (the server
script installs it as root).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

from policygraph.errors import StoreError
from policygraph.query import catalogue, resolve, run_query
from policygraph.remote import RemoteStore, prologue
from policygraph.store import PolicyStore

HERE = Path(__file__).resolve().parent
SCRIPTS = HERE.parent / "scripts"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(work: Path, http: int, sql: int, cap: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [SCRIPTS / "virtuoso-server", work, str(http), str(sql)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={
            **os.environ,
            "VIRTUOSO_BUFFERS": os.environ.get("VIRTUOSO_BUFFERS", "680000"),
            "VIRTUOSO_MAX_SECONDS": str(cap),
        },
    )
    for _ in range(1200):  # a large database takes a while to open
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{http}/sparql?query=ASK%7B%7D", timeout=1)
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"virtuoso-server exited with {server.returncode}") from None
            time.sleep(0.5)
    raise SystemExit("Virtuoso did not answer within 10 minutes")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=120)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def csv_ms(url: str, name: str, cap: int) -> tuple[float, int]:
    """Milliseconds for the query's CSV results (Virtuoso's time without JSON), and bytes."""
    text = resolve(name).text
    body = urllib.parse.urlencode({"query": prologue(text) + text}).encode()
    request = urllib.request.Request(url, data=body, headers={"Accept": "text/csv"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=cap + 30) as response:
        size = len(response.read())
    return round((time.perf_counter() - started) * 1000, 1), size


def timed(store: RemoteStore, name: str, params: dict[str, str]) -> tuple[float, int]:
    started = time.perf_counter()
    rows = len(run_query(store, name, params).rows)
    return (time.perf_counter() - started) * 1000, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True, help="Embedded store to copy.")
    parser.add_argument("--work", type=Path, required=True, help="Virtuoso's data folder.")
    parser.add_argument("--queries", help="Comma-separated corpus-wide queries (default: all).")
    parser.add_argument("--cap", type=int, default=120, help="Seconds a query may run.")
    args = parser.parse_args()
    names = args.queries.split(",") if args.queries else None
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict = {}
    dump = args.work / "load" / "corpus.nq"
    fresh = not (args.work / "virtuoso.db").exists()
    if fresh and not dump.exists():
        dump.parent.mkdir(exist_ok=True)
        started = time.perf_counter()
        PolicyStore(args.store).dump(dump, "nquads")
        results["export_seconds"] = round(time.perf_counter() - started, 1)
    http, sql = free_port(), free_port()
    server = start(args.work, http, sql, args.cap)
    try:
        if fresh:
            started = time.perf_counter()
            subprocess.run([SCRIPTS / "virtuoso-load", args.work, str(sql)], check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
            results["load_seconds"] = round(time.perf_counter() - started, 1)
        url = f"http://127.0.0.1:{http}/sparql"
        store = RemoteStore(url, timeout=args.cap + 30)
        graphs = store.policy_graphs()
        results["policies"] = len(graphs)
        results["store_mb"] = round((args.work / "virtuoso.db").stat().st_size / 2**20, 1)
        results["corpus_wide"] = {}
        for name, query in sorted(catalogue().items()):
            if any(p.required for p in query.params) or (names and name not in names):
                continue
            runs = []
            try:
                while len(runs) < 3 and sum(r[0] for r in runs) < 10_000:
                    runs.append(timed(store, name, {}))
                server_ms, size = csv_ms(url, name, args.cap)
            except (StoreError, OSError) as exc:  # refused, over the cap: the others still count
                results["corpus_wide"][name] = {"error": str(exc)[:300]}
                print(f"{name:32} {str(exc)[:150]}", flush=True)
                stop(server)
                server = start(args.work, http, sql, args.cap)
                continue
            ms = round(statistics.median(r[0] for r in runs), 1)
            results["corpus_wide"][name] = {"ms": ms, "rows": runs[0][1], "csv_ms": server_ms,
                                            "csv_bytes": size}  # fmt: skip
            print(f"{name:32} {ms:10.1f} ms  (CSV {server_ms:8.1f} ms)  {runs[0][1]} rows",
                  flush=True)  # fmt: skip
        chosen = graphs[:: max(1, len(graphs) // 20)][:20]
        results["one_policy_ms"] = {}
        for name, query in sorted(catalogue().items()):
            if not any(p.name == "policy" for p in query.params):
                continue
            runs = [
                timed(store, name, {"policy": "<" + str(g).removesuffix("/graph") + ">"})[0]
                for g in chosen
            ]
            results["one_policy_ms"][name] = round(statistics.median(runs), 1)
            print(f"{name:32} {results['one_policy_ms'][name]:10.1f} ms for one policy")
    finally:
        stop(server)
    out = HERE / "out" / f"virtuoso-{results['policies']}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
