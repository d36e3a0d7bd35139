"""Concurrent clients against `policygraph serve`: throughput and p50/p95 latency per query.

    .venv/bin/python benchmarks/generate_corpus.py --count 1000 --out /tmp/corpus
    .venv/bin/policygraph ingest /tmp/corpus --store /tmp/bench-store
    .venv/bin/python benchmarks/bench_server.py --store /tmp/bench-store --clients 8 --seconds 20

Starts the server as a subprocess on a free 127.0.0.1 port, then runs `--clients` threads (urllib)
for `--seconds`, each cycling through catalogue queries over REST. Per-policy queries
(`practices?policy=IRI` and the like, what the web page and most researchers' scripts run) get a
random policy each time; whole-corpus queries run as they are. Results go to
benchmarks/out/server.json. Standard library only; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
PER_POLICY = [
    "practices", "recipients", "rights", "retention", "cookies", "laws", "locations",
    "denials", "legal-bases", "children", "dpo-contacts",
]  # fmt: skip
CORPUS = ["policies"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 60) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def start_server(store: Path, port: int, timeout: float) -> subprocess.Popen:
    command = [
        sys.executable, "-c", "from policygraph.cli import main; main()", "serve",
        "--store", str(store), "--port", str(port), "--timeout", str(timeout),
    ]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            get(f"http://127.0.0.1:{port}/queries", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start within 30 s")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run(base: str, clients: int, seconds: float, policies: list[str], names: list[str]) -> dict:
    samples: dict[str, list[float]] = {name: [] for name in names}
    errors: dict[str, int] = {name: 0 for name in names}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        i = seed
        while time.monotonic() < stop:
            name = names[i % len(names)]
            i += 1
            params = {"policy": rng.choice(policies)} if name in PER_POLICY else {}
            url = f"{base}/queries/{name}?{urllib.parse.urlencode(params)}"
            started = time.perf_counter()
            status, _ = get(url)
            ms = (time.perf_counter() - started) * 1000
            with lock:
                if status == 200:
                    samples[name].append(ms)
                else:
                    errors[name] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)  # a request in flight at the end may take a while
    elapsed = time.monotonic() - started
    everything = [ms for values in samples.values() for ms in values]
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(everything),
        "throughput_rps": round(len(everything) / elapsed, 1),
        "p50_ms": round(percentile(everything, 50), 1) if everything else None,
        "p95_ms": round(percentile(everything, 95), 1) if everything else None,
        "queries": {
            name: {
                "n": len(values),
                "errors": errors[name],
                "p50_ms": round(statistics.median(values), 1) if values else None,
                "p95_ms": round(percentile(values, 95), 1) if values else None,
            }
            for name, values in samples.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--timeout", type=float, default=10, help="the server's query timeout")
    parser.add_argument("--queries", nargs="*", default=PER_POLICY + CORPUS)
    args = parser.parse_args()
    if not args.store.is_dir():
        raise SystemExit(f"no store at {args.store}; see this script's docstring to build one")
    port = free_port()
    server = start_server(args.store, port, args.timeout)
    base = f"http://127.0.0.1:{port}"
    try:
        _, body = get(base + "/queries/policies")
        policies = sorted({row["policy"] for row in json.loads(body)})
        result = run(base, args.clients, args.seconds, policies, args.queries)
    finally:
        server.terminate()
        server.wait(timeout=30)
    result["policies"] = len(policies)
    OUT.mkdir(exist_ok=True)
    (OUT / "server.json").write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"{result['policies']} policies, {args.clients} clients, {result['seconds']} s: "
        f"{result['requests']} requests, {result['throughput_rps']} req/s, "
        f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms"
    )
    for name, stats in result["queries"].items():
        print(f"  {name:<14} n={stats['n']:<5} errors={stats['errors']:<3} "
              f"p50={stats['p50_ms']} ms  p95={stats['p95_ms']} ms")  # fmt: skip


if __name__ == "__main__":
    main()
