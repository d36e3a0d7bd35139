"""How far the GDPR audit agrees with GDPR Transparency 200's human annotations, and how fast it is.

Every dev policy is written to a temporary folder (never into the repository), extracted with
the default pipeline into an in-memory store (extract_file + replace_graph, as corpus.ingest
does), and audited with the GDPR shapes forced. A requirement counts as disclosed by the audit
when its status is "met" or "partial"; by the gold when the policy has at least one annotated
span for it. Per requirement:

    false alarm  audit says missing / not-applicable, the gold has the requirement
    miss         audit says disclosed, the gold has no span for it
    accuracy     share of policies where the two agree

Then the audit is timed with 1 and 2 worker processes (policies per second, audit only).

    .venv/bin/python benchmarks/audit_agreement.py [--data PATH] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

from policygraph import iris
from policygraph.audit import audit_store
from policygraph.corpus import extract_file
from policygraph.lexicon import default_lexicon
from policygraph.pipeline import Pipeline
from policygraph.store import PolicyStore

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "gdpr-t200-dev.jsonl"

# GDPR Transparency 200 requirement -> the audit requirement that checks it. Reviewed by hand,
# independent of any policy's gold.
MAPPING = {
    "Controller Name": "gdpr-13-1-a-controller-identity",
    "Controller Contact": "gdpr-13-1-a-controller-contact",
    "DPO Contact": "gdpr-13-1-b-dpo",
    "Data Categories": "gdpr-14-1-d-data-categories",
    "Processing Purpose": "gdpr-13-1-c-purposes",
    "Legal Basis for Processing": "gdpr-13-1-c-legal-basis",
    "Legitimate Interests for Processing": "gdpr-13-1-d-legitimate-interests",
    "Data Recipients": "gdpr-13-1-e-recipients",
    "Third-country Transfers": "gdpr-13-1-f-transfers",
    "Data Retention Period": "gdpr-13-2-a-retention",
    "Source of Data": "gdpr-14-2-f-source",
    "Automated Decision-Making": "gdpr-13-2-f-automated-decisions",
    "Right to Access": "gdpr-15-access",
    "Right to Rectification": "gdpr-16-rectification",
    "Right to Erasure": "gdpr-17-erasure",
    "Right to Restrict": "gdpr-18-restriction",
    "Right to Object": "gdpr-21-object",
    "Right to Portability": "gdpr-20-portability",
    "Right to Withdraw Consent": "gdpr-7-3-withdraw-consent",
    "Right to Lodge Complaint": "gdpr-77-complaint",
    "Mandatory Data Disclosure": "gdpr-13-2-e-provision",
}
DISCLOSED = {"met", "partial"}


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def ingest_records(records: list[dict], folder: Path, store: PolicyStore) -> dict[str, dict]:
    """Write each text to `folder`, extract and store it; returns policy IRI -> record."""
    store.ensure_ontology()
    pipeline = Pipeline.from_config(default_lexicon())
    by_policy = {}
    for record in records:
        path = folder / (re.sub(r"[^A-Za-z0-9._-]+", "_", record["id"]) + ".txt")
        path.write_text(record["text"], encoding="utf-8")
        doc, triples = extract_file(path, pipeline)
        store.replace_graph(iris.policy_graph(doc.document.sha256), triples)
        by_policy[str(iris.policy(doc.document.sha256))] = record
    return by_policy


def agreement(rows, by_policy: dict[str, dict]) -> list[dict]:
    status = {(r.policy, r.requirement): r.status for r in rows}
    table = []
    for gold_name, requirement in MAPPING.items():
        counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
        for policy, record in by_policy.items():
            gold = bool(record["gold"].get(gold_name))
            predicted = requirement is not None and status.get((policy, requirement)) in DISCLOSED
            counts[("t" if gold == predicted else "f") + ("p" if predicted else "n")] += 1
        n = sum(counts.values())
        table.append({
            "gold": gold_name, "requirement": requirement or "-",
            "gold_present": counts["tp"] + counts["fn"],
            "audit_disclosed": counts["tp"] + counts["fp"],
            "false_alarms": counts["fn"], "misses": counts["fp"],
            "accuracy": round((counts["tp"] + counts["tn"]) / n, 3) if n else 0.0,
        })  # fmt: skip
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.stderr.write(f"{args.data}: not found (GDPR Transparency 200 dev split)\n")
        return 1
    records = load(args.data)
    store = PolicyStore()
    with tempfile.TemporaryDirectory() as tmp:
        by_policy = ingest_records(records, Path(tmp), store)
    timings = {}
    report = None
    for workers in (1, 2):
        start = time.perf_counter()
        report = audit_store(store, law="gdpr", workers=workers, save=workers == 1)
        elapsed = time.perf_counter() - start
        timings[workers] = {
            "seconds": round(elapsed, 2),
            "policies_per_second": round(report.checked / elapsed, 2),
        }
    assert report is not None
    table = agreement(report.rows, by_policy)
    header = f"{'T200 requirement':36} {'audit requirement':34} gold audit FA miss  acc"
    lines = [header, "-" * len(header)]
    for t in table:
        lines.append(
            f"{t['gold']:36} {t['requirement']:34} {t['gold_present']:4} {t['audit_disclosed']:5} "
            f"{t['false_alarms']:2} {t['misses']:4} {t['accuracy']:.3f}"
        )
    mapped = [t for t in table if t["requirement"] != "-"]
    mean = sum(t["accuracy"] for t in mapped) / len(mapped)
    lines.append(f"mean accuracy over {len(mapped)} mapped requirements: {mean:.3f}")
    for workers, t in timings.items():
        lines.append(
            f"audit with {workers} worker(s): {t['seconds']} s, "
            f"{t['policies_per_second']} policies/s ({report.checked} policies)"
        )
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps({"agreement": table, "timings": timings}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
