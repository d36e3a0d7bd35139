"""Every catalogue query runs on the ingested examples and returns the columns it declares."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from policygraph.query import (
    SelectResult,
    catalogue,
    first_rows,
    parse_query_file,
    query_parts,
    run_query,
)
from policygraph.render import to_records

from .conftest import EXAMPLES

CORE = ["policies", "practices", "recipients", "laws", "locations", "rights", "legal-bases",
        "retention", "cookies", "organisations"]  # fmt: skip
PARAMETERS = {"shares-payment-data-with": {"processor": "pgo:stripe"},
              "audit-missing": {"requirement": "gdpr-15-access"}}  # fmt: skip


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_catalogue_query_columns_match_header(examples_store, name):
    query = catalogue()[name]
    result = run_query(examples_store, name, PARAMETERS.get(name, {}))
    assert tuple(result.columns) == query.columns


@pytest.mark.parametrize("name", CORE)
def test_catalogue_core_queries_have_rows(examples_store, name):
    assert run_query(examples_store, name).rows, name


def test_catalogue_recipients_kinds_and_roles(examples_store):
    rows = to_records(run_query(examples_store, "recipients"))
    assert {r["kind"] for r in rows} == {"organisation", "category"}
    assert "processor" in {r["role"] for r in rows}
    labels = {r["recipient_label"] for r in rows}
    assert {"Stripe", "Zendesk"} & labels


def test_catalogue_every_example_company_has_practices(examples_store):
    companies = {r["company_label"] for r in to_records(run_query(examples_store, "policies"))}
    with_practices = {r["company_label"]
                      for r in to_records(run_query(examples_store, "practices"))}  # fmt: skip
    assert companies == with_practices


def test_catalogue_unnamed_purposes_keep_their_words(examples_store):
    rows = to_records(run_query(examples_store, "unnamed-purposes"))
    assert {"action": "use", "data_label": "Telephone Number",
            "purpose_text": "to send you one-time login codes by text message"}.items() <= next(
        r for r in rows if r["data_label"] == "Telephone Number").items()  # fmt: skip
    assert all(r["evidence"] and r["purpose_text"] for r in rows)


def test_catalogue_denials_are_negated_practices(examples_store):
    denials = to_records(run_query(examples_store, "denials"))
    assert any(r["action"] == "sell" for r in denials)
    sells = to_records(run_query(examples_store, "practices", {"action": "sell"}))
    negated = {r["evidence"] for r in sells if r["negated"]}
    assert {r["evidence"] for r in denials if r["action"] == "sell"} <= negated


def test_catalogue_retention_durations_are_xsd_durations(examples_store):
    durations = [r["duration"] for r in to_records(run_query(examples_store, "retention"))
                 if r["duration"]]  # fmt: skip
    assert durations and all(d.startswith("P") for d in durations)


@pytest.fixture(scope="module")
def two_versions_store(tmp_path_factory):
    """The examples plus a second, changed version of one policy under another file name: the
    company and its label are then stated in two policy graphs, as in a longitudinal corpus, and
    an organisation is labelled differently in two graphs."""
    from policygraph.audit import audit_store
    from policygraph.corpus import ingest
    from policygraph.store import PolicyStore

    folder = tmp_path_factory.mktemp("versions")
    for path in EXAMPLES.glob("*.*"):
        (folder / path.name).write_bytes(path.read_bytes())
    original = EXAMPLES / "tidewater-workspace.md"
    # Another policy names Harbourline (an example company) as a processor under another form
    # of its name, so that organisation has two labels, each in its own graph.
    changed = original.read_text(encoding="utf-8") + (
        "\n\nWe do not sell your personal data. We share your name and billing address with "
        "Harbourline Inc., which processes our invoices.\n"
    )
    (folder / "tidewater-workspace-2025.md").write_text(changed, encoding="utf-8")
    store = PolicyStore(tmp_path_factory.mktemp("store"))
    assert ingest([folder], store).ok
    audit_store(store, law="gdpr")  # the audit queries read stored audits
    return store


@pytest.mark.parametrize(
    "name", sorted(n for n, q in catalogue().items() if not any(p.required for p in q.params))
)
def test_catalogue_rows_are_not_repeated_when_a_company_has_two_policies(two_versions_store, name):
    result = run_query(two_versions_store, name)
    if not isinstance(result, SelectResult):
        return
    rows = [tuple(row) for row in result.rows]
    assert len(rows) == len(set(rows)), name


def test_catalogue_rights_coverage_counts_each_right_once(two_versions_store):
    rights: dict[str, set[str]] = {}
    for row in to_records(run_query(two_versions_store, "rights")):
        rights.setdefault(row["policy"], set()).add(row["right"])
    coverage = to_records(run_query(two_versions_store, "rights-coverage"))
    assert len({row["company_label"] for row in coverage}) < len(coverage)  # a repeated company
    for row in coverage:
        assert int(row["rights"]) == len(rights.get(row["policy"], ())), row


SCOPED = sorted(
    name
    for name, query in catalogue().items()
    if any(p.name == "policy" for p in query.params) and not any(p.required for p in query.params)
)


@pytest.mark.parametrize("name", SCOPED)
def test_catalogue_rows_of_each_policy_are_its_scoped_rows(two_versions_store, name):
    """A listing of the whole corpus is the listings of its policies, one after another: a label
    an organisation has in another policy's graph adds no rows."""
    everything = run_query(two_versions_store, name).rows
    policies = {row[0] for row in run_query(two_versions_store, "policies").rows}
    scoped = [
        row
        for p in policies
        for row in run_query(two_versions_store, name, {"policy": f"<{p}>"}).rows
    ]
    assert Counter(map(tuple, everything)) == Counter(map(tuple, scoped)), name


@pytest.mark.parametrize(
    "name", [n for n in SCOPED if catalogue()[n].order[:1] in ((), ("policy",))]
)
def test_catalogue_query_run_per_policy_gives_the_union_rows_in_order(
    two_versions_store, tmp_path, name
):
    """Above its `per-policy above` size a query runs once per policy graph: same rows, same
    order as one run over the union."""
    lines = [ln for ln in catalogue()[name].text.splitlines() if "per-policy above" not in ln]
    copy = tmp_path / f"{name}.rq"
    copy.write_text("\n".join([lines[0], "# per-policy above: 0", *lines[1:]]))
    assert parse_query_file(copy).per_policy_above == 0
    union = run_query(two_versions_store, name)
    apart = run_query(two_versions_store, str(copy))
    assert apart.columns == union.columns
    assert apart.rows == union.rows, name
    heard: list[tuple[int, int]] = []
    for _ in query_parts(two_versions_store, str(copy), progress=lambda *n: heard.append(n)):
        pass
    total = len(two_versions_store.policy_graphs())
    assert heard == [(done, total) for done in range(1, total + 1)]


def test_catalogue_first_rows_stop_early_when_run_per_policy(
    two_versions_store, tmp_path, monkeypatch
):
    """The server's first page of a query run per policy: the union's first rows, from only as
    many policies as it takes."""
    copy = tmp_path / "practices.rq"
    text = catalogue()["practices"].text
    copy.write_text(re.sub(r"(?m)^# per-policy above: .*$", "# per-policy above: 0", text))
    union = run_query(two_versions_store, "practices").rows
    for limit in (0, 5, len(union), len(union) + 1):
        result, truncated = first_rows(two_versions_store, str(copy), None, limit)
        assert result.rows == union[:limit]
        assert truncated == (len(union) > limit)
    runs = []
    query = two_versions_store.query
    monkeypatch.setattr(
        two_versions_store, "query", lambda *a, **k: runs.append(1) or query(*a, **k)
    )
    first_rows(two_versions_store, str(copy), None, 5)
    assert 0 < len(runs) < len(two_versions_store.policy_graphs())


def test_catalogue_policies_lists_each_policy_once(two_versions_store):
    """Harbourline is named "Harbourline Inc." in another policy: its own policy keeps one row."""
    policies = [row[0] for row in run_query(two_versions_store, "policies").rows]
    assert len(policies) == len(set(policies)) == 8
