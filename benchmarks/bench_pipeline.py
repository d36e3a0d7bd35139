"""Extraction throughput and catalogue query latency, against baselines measured in the same run.

    .venv/bin/python benchmarks/bench_pipeline.py --count 1000

1. Generates COUNT synthetic policies (benchmarks/generate_corpus.py).
2. Extraction: policies/s on one core (read + segment + extract + build), no store.
3. Store: loads the corpus into an Oxigraph store on disk (as `ingest` does: bulk loads of 64
   policies), copies it into memory (`serve --in-memory`) and loads rdflib's in-memory Dataset
   (the baseline). Times every catalogue query as `policygraph query` runs it (rows sorted by
   the `# order:` header) on all three, median of 3 runs, and the queries that take a policy
   parameter for one policy (median over 20 policies).
Writes benchmarks/out/pipeline.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Dataset

from policygraph import iris
from policygraph.build import build_graph, to_ntriples
from policygraph.corpus import BATCH, extract
from policygraph.lexicon import default_lexicon, ontology_files
from policygraph.pipeline import Pipeline
from policygraph.query import catalogue, run_query
from policygraph.read import iter_policy_paths, read_document
from policygraph.store import PolicyStore
from policygraph.vocab import ONTOLOGY_GRAPH, PREFIXES

HERE = Path(__file__).resolve().parent


def generate(count: int, out: Path) -> list[Path]:
    subprocess.run(
        [
            sys.executable,
            str(HERE / "generate_corpus.py"),
            "--count",
            str(count),
            "--out",
            str(out),
        ],
        check=True,
    )
    return list(iter_policy_paths([out]))


def time_extraction(paths: list[Path]) -> tuple[float, list]:
    pipeline = Pipeline.from_config(default_lexicon())
    start = time.perf_counter()
    built = []
    for path in paths:
        doc = extract(read_document(path), pipeline)
        built.append((iris.policy_graph(doc.document.sha256), build_graph(doc)))
    return time.perf_counter() - start, built


def one_policy_ms(store: PolicyStore, name: str, built: list) -> float:
    """Median latency of the query for one policy, over 20 policies spread through the corpus."""
    step = max(1, len(built) // 20)
    times = []
    for graph, _ in built[::step][:20]:
        policy = "<" + str(graph).removesuffix("/graph") + ">"
        start = time.perf_counter()
        run_query(store, name, {"policy": policy})
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def median_time(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--skip-rdflib", action="store_true", help="No rdflib baseline.")
    args = parser.parse_args()
    results: dict[str, object] = {"policies": args.count}
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(args.count, Path(tmp) / "corpus")
        seconds, built = time_extraction(paths)
        results["extract_seconds"] = round(seconds, 2)
        results["extract_policies_per_s"] = round(len(paths) / seconds, 1)
        print(f"extraction: {len(paths)} policies in {seconds:.1f} s "
              f"= {len(paths) / seconds:.1f} policies/s on one core")  # fmt: skip

        store = PolicyStore(Path(tmp) / "store")
        store.ensure_ontology()
        start = time.perf_counter()
        for i in range(0, len(built), BATCH):
            store.load_policy_graphs({name: to_ntriples(g) for name, g in built[i : i + BATCH]})
        store.flush()
        results["oxigraph_load_seconds"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        memory = store.copy_to_memory()
        results["copy_to_memory_seconds"] = round(time.perf_counter() - start, 2)
        triples = sum(len(g) for _, g in built)
        results["triples"] = triples

        baseline = None
        if not args.skip_rdflib:
            baseline = Dataset(default_union=True)
            for path in ontology_files():
                baseline.graph(ONTOLOGY_GRAPH).parse(path, format="turtle")
            start = time.perf_counter()
            for name, graph in built:
                target = baseline.graph(name)
                for triple in graph:
                    target.add(triple)
            results["rdflib_load_seconds"] = round(time.perf_counter() - start, 2)

        timings = {}
        for name, query in sorted(catalogue().items()):
            if any(p.required for p in query.params):
                continue
            ox_s = median_time(lambda q=query: run_query(store, q.name))
            row = {"oxigraph_ms": round(ox_s * 1000, 1)}
            mem_s = median_time(lambda q=query: run_query(memory, q.name))
            row["in_memory_ms"] = round(mem_s * 1000, 1)
            if any(p.name == "policy" for p in query.params):
                row["one_policy_ms"] = round(one_policy_ms(store, query.name, built), 1)
            if baseline is not None:
                ns = dict(PREFIXES)
                rd_s = median_time(
                    lambda q=query, ns=ns: list(baseline.query(q.text, initNs=ns)), 1
                )
                row["rdflib_ms"] = round(rd_s * 1000, 1)
                row["speedup"] = round(rd_s / ox_s, 1) if ox_s else None
            timings[name] = row
            print(f"{name:32} {row}")
        results["queries"] = timings
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "pipeline.json").write_text(json.dumps(results, indent=2))
    print(json.dumps({k: v for k, v in results.items() if k != "queries"}, indent=2))


if __name__ == "__main__":
    main()
