"""The catalogue on Virtuoso (Debian's virtuoso-opensource, a second SPARQL engine): the rows
the embedded store gives, loaded through scripts/virtuoso-load as the README says."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from rdflib import Literal
from rdflib.namespace import XSD

from policygraph.query import catalogue, run_query
from policygraph.remote import RemoteStore

from .conftest import ROOT, free_port, sparql_server

pytestmark = pytest.mark.skipif(
    shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None,
    reason="no Virtuoso: apt-get install virtuoso-opensource (scripts/install-test-tools)",
)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory, examples_store):
    """A Virtuoso with the examples bulk-loaded, on free ports, stopped after the module."""
    data = tmp_path_factory.mktemp("virtuoso")
    (data / "load").mkdir()
    examples_store.dump(data / "load" / "examples.nq", "nquads")
    http, sql = free_port(), free_port()
    url = f"http://127.0.0.1:{http}/sparql"
    command = [ROOT / "scripts" / "virtuoso-server", data, str(http), str(sql)]
    env = {**os.environ, "VIRTUOSO_BUFFERS": "20000"}
    # up to 60 s: the first start creates the database
    with sparql_server(command, f"{url}?query=ASK%7B%7D", seconds=60, env=env):
        loaded = subprocess.run(
            [ROOT / "scripts" / "virtuoso-load", data, str(sql)], capture_output=True, text=True
        )
        assert loaded.returncode == 0, loaded.stderr
        yield RemoteStore(url)


def _cell(value) -> object:
    """What both engines agree on: numbers by value (Virtuoso gives booleans as 1 and 0), lists
    (GROUP_CONCAT) in any order."""
    if value is None:
        return None
    if isinstance(value, Literal) and value.datatype == XSD.boolean:
        return float(value.toPython())
    try:
        return float(value)
    except ValueError:
        return tuple(sorted(str(value).split(", ")))


def _rows(store, name: str, params: dict[str, str]) -> list[tuple]:
    """Distinct rows without durations: Virtuoso 7.2 keeps durations as numbers (months or
    seconds; see scripts/virtuoso-load), and its SELECT DISTINCT leaves an odd duplicate."""
    result = run_query(store, name, params)
    rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
    durations = {c for row in rows for c, v in row.items() if "duration" in c or _is_duration(v)}
    columns = sorted(set(result.columns) - durations)
    return sorted({tuple(_cell(row[c]) for c in columns) for row in rows}, key=repr)


def _is_duration(value) -> bool:
    return isinstance(value, Literal) and value.datatype == XSD.duration


def _cases(store) -> list[tuple[str, dict[str, str]]]:
    policies = [str(g).removesuffix("/graph") for g in store.policy_graphs()]
    cases = []
    for name, query in sorted(catalogue().items()):
        if any(p.name == "policy" for p in query.params):
            cases += [(name, {"policy": f"<{p}>"}) for p in policies[:2]]
        if not any(p.required for p in query.params):
            cases.append((name, {}))
    return cases


def test_catalogue_rows_match_the_embedded_store(virtuoso, examples_store):
    assert virtuoso.policy_graphs() == examples_store.policy_graphs()
    differ = [
        (name, params)
        for name, params in _cases(examples_store)
        if _rows(virtuoso, name, params) != _rows(examples_store, name, params)
    ]
    assert differ == []
