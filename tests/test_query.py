import os

import pytest
from rdflib import Literal, URIRef

from policygraph.errors import QueryError
from policygraph.query import Param, bind, catalogue, parse_query_file, run_query, to_term
from policygraph.store import PolicyStore, SelectResult
from policygraph.vocab import PGO

QUERY = """# title: Companies
# description: Companies by name.
# param: company iri required "The company"
# param: limit integer optional "At most this many"
# columns: company label
SELECT ?company ?label WHERE { ?company rdfs:label ?label }
"""


@pytest.fixture
def query(tmp_path):
    path = tmp_path / "companies.rq"
    path.write_text(QUERY)
    return parse_query_file(path)


def test_query_header_parsed(query):
    assert query.name == "companies"
    assert query.title == "Companies"
    assert query.columns == ("company", "label")
    assert query.params[0] == Param("company", "iri", True, "The company")
    assert query.params[1].required is False


@pytest.mark.parametrize(
    "header,error",
    [("# param: policy iri optional\n# per-policy above: 20,000", None),
     ("# param: policy iri optional\n# per-policy above: many", "is not a number"),
     ("# per-policy above: 100", "needs a `policy` parameter"),
     ("# param: policy iri optional\n# order: label\n# per-policy above: 100", "with policy")],
)  # fmt: skip
def test_query_per_policy_threshold_parsed(tmp_path, header, error):
    path = tmp_path / "big.rq"
    path.write_text(QUERY.replace("# columns:", header + "\n# columns:"))
    if error is None:
        assert parse_query_file(path).per_policy_above == 20_000
    else:
        with pytest.raises(QueryError, match=error):
            parse_query_file(path)


def test_query_file_read_again_once_edited(query):
    # parsed files are cached; an edit (a new modification time) must not be served stale
    edited = QUERY.replace("# title: Companies", "# title: Companies by name")
    query.path.write_text(edited)
    stat = query.path.stat()
    os.utime(query.path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert parse_query_file(query.path).title == "Companies by name"


SERVER_VARIANT = "SELECT ?company ?label WHERE { ?company skos:prefLabel ?label }\n"


class RecordingServer:
    """Any store but the embedded one stands for a SPARQL server; this one notes what it runs."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def query(self, text, bindings, graphs=None):
        self.texts.append(text)
        return SelectResult(["company", "label"], [])


def test_query_server_variant_runs_on_servers_only(query, monkeypatch):
    (query.path.parent / "server").mkdir()
    (query.path.parent / "server" / query.path.name).write_text(SERVER_VARIANT)
    variant = parse_query_file(query.path)
    assert variant.server_text == SERVER_VARIANT and variant.title == "Companies"
    server = RecordingServer()
    run_query(server, str(query.path), {"company": "pgo:stripe"})
    assert server.texts == [SERVER_VARIANT]
    embedded, recorded = PolicyStore(), RecordingServer()
    monkeypatch.setattr(embedded, "query", recorded.query)
    run_query(embedded, str(query.path), {"company": "pgo:stripe"})
    assert recorded.texts == [QUERY]


def test_query_catalogue_server_variants_have_their_query():
    for name in ("dpo-contacts", "retention-durations"):
        assert "pg:statedIn" in catalogue()[name].server_text


@pytest.mark.parametrize(
    "value,expected",
    [("pgo:stripe", PGO.stripe), ("<https://example.org/x>", URIRef("https://example.org/x")),
     ("https://example.org/y", URIRef("https://example.org/y"))],
)  # fmt: skip
def test_query_iri_parameter_forms(value, expected):
    assert to_term(Param("p", "iri", True, ""), value) == expected


def test_query_integer_and_boolean_parameters():
    assert to_term(Param("n", "integer", True, ""), "7") == Literal(7)
    assert to_term(Param("b", "boolean", True, ""), "TRUE").toPython() is True
    with pytest.raises(QueryError):
        to_term(Param("n", "integer", True, ""), "seven")


def test_query_bind_rejects_unknown_and_missing(query):
    with pytest.raises(QueryError, match="unknown parameter"):
        bind(query, {"company": "pgo:x", "colour": "red"})
    with pytest.raises(QueryError, match="missing required"):
        bind(query, {})


def test_query_bind_never_pastes_text(query):
    bindings = bind(query, {"company": "pgo:acme"})
    assert bindings == {"company": PGO.acme}
    assert "acme" not in query.text


def test_catalogue_has_the_core_queries():
    names = set(catalogue())
    core = {"policies", "practices", "recipients", "laws", "locations", "rights", "legal-bases",
            "retention"}  # fmt: skip
    assert core <= names
    assert len(names - core) >= 8


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_catalogue_header_complete(name):
    q = catalogue()[name]
    assert q.title and q.description and q.columns
    # Pre-bound parameters must be projected (SPARQL substitution, SEP-0007).
    for p in q.params:
        assert p.name in q.columns, f"{name}: parameter {p.name} is not a column"
    for key in q.order:
        assert key.lstrip("-") in q.columns, f"{name}: order key {key} is not a column"
    assert "ORDER BY" not in q.text, f"{name}: order rows with the '# order:' header"


def test_sort_rows_follows_sparql_order():
    from policygraph.query import sort_rows
    from policygraph.store import SelectResult

    rows = [
        [URIRef("https://e.org/b"), Literal(2)],
        [URIRef("https://e.org/a"), Literal(10)],
        [URIRef("https://e.org/a"), None],
        [URIRef("https://e.org/a"), Literal(9)],
    ]
    result = SelectResult(["policy", "count"], rows)
    sort_rows(result, ("policy", "-count"))
    assert [(str(p)[-1], c) for p, c in result.rows] == [
        ("a", Literal(10)), ("a", Literal(9)), ("a", None), ("b", Literal(2))
    ]  # fmt: skip
    with pytest.raises(QueryError, match="not a column"):
        sort_rows(result, ("colour",))
