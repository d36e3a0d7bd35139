import json
import re

import pytest
from click.testing import CliRunner

from policygraph.cli import main

from .conftest import EXAMPLES, ROOT

QUERIES = ROOT / "queries"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store"
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_ingest_summary_and_skip_unchanged(store_dir):
    result = run("ingest", EXAMPLES, "--store", store_dir)
    assert result.exit_code == 0, result.output
    assert "0 ingested" in result.output and "unchanged" in result.output


def test_cli_ingest_says_which_files_of_a_folder_it_did_not_read(tmp_path):
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "acme.txt").write_text("Acme Privacy Policy\n\nWe collect your email address.\n")
    (folder / "beta.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "README.md").write_text("notes")
    result = run("ingest", folder, "--store", tmp_path / "store")
    assert result.exit_code == 0, result.output
    assert "1 ingested" in result.output
    note = "note: 1 file(s) in the folders are not .txt, .md or .html and were not read, e.g. "
    assert note + str(folder / "beta.pdf") in result.output


def test_cli_export_makes_the_folder_or_says_why_it_cannot(store_dir, tmp_path):
    out = tmp_path / "new" / "folder" / "all.nq"
    assert run("export", "--store", store_dir, "--out", out).exit_code == 0
    assert out.stat().st_size > 0
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    for extra in ([], ["--view", "recipients"]):
        result = run("export", "--store", store_dir, "--out", blocked / "x.nq", *extra)
        assert result.exit_code == 1
        assert result.output.startswith(f"Error: {blocked / 'x.nq'}: cannot write (")
        assert result.output.count("\n") == 1


def test_cli_query_json_rows(store_dir):
    result = run("query", "policies", "--store", store_dir, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == len([p for p in EXAMPLES.iterdir() if p.suffix in {".md", ".txt", ".html"}
                             and p.name != "README.md"])  # fmt: skip
    assert set(rows[0]) == {"policy", "company", "company_label", "date", "source", "sha256"}


def test_cli_query_csv_header(store_dir):
    result = run("query", "rights", "--store", store_dir, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "policy,company_label,right,right_label"


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_cli_query_run_per_policy_prints_the_union_output(store_dir, tmp_path, fmt):
    """Written a policy at a time (past `per-policy above`), the output is byte for byte the
    output of one run over the union."""
    text = (QUERIES / "practices.rq").read_text()
    apart = tmp_path / "practices.rq"
    apart.write_text(re.sub(r"(?m)^# per-policy above: .*$", "# per-policy above: 0", text))
    union = tmp_path / "union" / "practices.rq"
    union.parent.mkdir()
    union.write_text(re.sub(r"(?m)^# per-policy above: .*\n", "", text))
    outputs = [run("query", path, "--store", store_dir, "--format", fmt) for path in (apart, union)]
    assert all(out.exit_code == 0 for out in outputs), outputs[0].output
    assert outputs[0].output == outputs[1].output
    assert outputs[0].output.count("\n") > 20


def test_cli_query_param_binding(store_dir):
    result = run("query", "practices", "--store", store_dir, "-p", "action=sell", "--format=json")
    assert result.exit_code == 0, result.output
    assert {row["action"] for row in json.loads(result.output)} <= {"sell"}


def test_cli_query_unknown_name_is_one_line_error(store_dir):
    result = run("query", "nonsense", "--store", store_dir)
    assert result.exit_code != 0
    assert "no query 'nonsense'" in result.output


def test_cli_query_missing_store(tmp_path):
    result = run("query", "policies", "--store", tmp_path / "absent")
    assert result.exit_code != 0
    assert "no store at" in result.output


def test_cli_failed_command_releases_the_store(store_dir):
    from policygraph.store import PolicyStore

    assert run("query", "nonsense", "--store", store_dir).exit_code != 0
    with PolicyStore(store_dir) as store:  # no "open in another process", no garbage collection
        assert store.policy_graphs()


def test_cli_validate_conforms(store_dir):
    result = run("validate", "--store", store_dir)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_cli_export_and_import(tmp_path, store_dir):
    out = tmp_path / "all.nq"
    assert run("export", "--store", store_dir, "--format", "nquads", "--out", out).exit_code == 0
    result = run("import", out, "--store", tmp_path / "copy")
    assert result.exit_code == 0, result.output
    info = run("info", "--store", tmp_path / "copy")
    assert "policies: " in info.output


def test_cli_bad_inputs_reported_and_run_continues(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "latin1.txt").write_bytes("Politique de confidentialit\xe9".encode("latin-1"))
    (tmp_path / "good.md").write_text("# Privacy Policy\n\nGoodCo collects your email address.\n")
    result = run("ingest", tmp_path, tmp_path / "missing.md", "--store", tmp_path / "store")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 4
    assert "1 ingested" in result.output


def test_cli_queries_lists_catalogue():
    result = run("queries", "--format", "csv")
    assert result.exit_code == 0
    assert "practices" in result.output
