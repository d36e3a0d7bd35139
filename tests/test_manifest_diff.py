"""Longitudinal corpora: a manifest of dated versions, and the diff between two of them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from policygraph.cli import main
from policygraph.corpus import ingest
from policygraph.diff import diff_policies, resolve_policy
from policygraph.errors import InputError
from policygraph.manifest import read_manifest
from policygraph.query import run_query
from policygraph.render import to_records
from policygraph.store import PolicyStore

V1 = """# Privacy Policy

We collect your email address to send you newsletters.
We share your email address with Mailchimp.
You have the right to access your personal data.
"""
V2 = """# Privacy Policy

We collect your email address and phone number to provide our services.
We share your email address with Mailchimp and Twilio.
We do not sell your personal information.
You have the right to access and to delete your personal data.
"""


@pytest.fixture
def versions(tmp_path):
    (tmp_path / "v1.md").write_text(V1)
    (tmp_path / "v2.md").write_text(V2)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,company,date\nv1.md,Larkspur,2021-03-01\nv2.md,Larkspur,2023-09-15\n")
    return manifest


def test_manifest_reads_csv_and_jsonl(tmp_path, versions):
    entries = read_manifest(versions)
    assert [e.path.name for e in entries] == ["v1.md", "v2.md"]
    assert entries[0].company == "Larkspur" and entries[1].date.isoformat() == "2023-09-15"
    jsonl = tmp_path / "m.jsonl"
    jsonl.write_text(json.dumps({"path": "v1.md", "company": "Larkspur"}) + "\n")
    assert read_manifest(jsonl)[0].date is None


def test_manifest_bad_date_names_the_row(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("path,date\nv1.md,15/09/2023\n")
    with pytest.raises(InputError, match="row 1"):
        read_manifest(bad)


def test_manifest_versions_are_separate_graphs_with_given_metadata(tmp_path, versions):
    store = PolicyStore(tmp_path / "store")
    assert ingest(read_manifest(versions), store).ok
    policies = to_records(run_query(store, "policies"))
    assert sorted(p["date"] for p in policies) == ["2021-03-01", "2023-09-15"]
    assert {p["company_label"] for p in policies} == {"Larkspur"}


def test_diff_lists_added_recipients_and_rights(tmp_path, versions):
    store = PolicyStore(tmp_path / "store")
    ingest(read_manifest(versions), store)
    old = resolve_policy(store, str(tmp_path / "v1.md"))
    new = resolve_policy(store, str(tmp_path / "v2.md"))
    changes = diff_policies(store, old, new)
    added = {(c.aspect, c.describe()) for c in changes if c.change == "added"}
    assert any(a == "recipient" and "twilio" in d for a, d in added)
    assert any(a == "right" and "A17" in d for a, d in added)
    assert not diff_policies(store, old, old)


def test_diff_cli(tmp_path, versions, monkeypatch):
    store = tmp_path / "store"
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", "--manifest", str(versions), "--store", str(store)])
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path)  # relative paths, as a user would type them
    result = runner.invoke(main, ["diff", "v1.md", "v2.md", "--store", str(store),
                                  "--format", "csv"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.startswith("change,aspect,statement")
    assert "added,recipient" in result.output
