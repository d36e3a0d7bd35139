"""Every catalogue query runs on the ingested examples and returns the columns it declares."""

from __future__ import annotations

import pytest

from policygraph.query import catalogue, run_query
from policygraph.render import to_records

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


@pytest.mark.parametrize("name", ["practices", "recipients", "rights", "laws", "retention"])
def test_catalogue_policy_scoped_query_matches_the_union(examples_store, name):
    everything = to_records(run_query(examples_store, name))
    policy = everything[0]["policy"]
    scoped = to_records(run_query(examples_store, name, {"policy": f"<{policy}>"}))
    key = lambda r: sorted((k, str(v)) for k, v in r.items())  # noqa: E731
    assert sorted(map(key, scoped)) == sorted(key(r) for r in everything if r["policy"] == policy)
