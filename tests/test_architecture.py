"""Rules of the code base that a grep can check."""

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ingest" / "policygraph"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_extract_never_imports_rdflib():
    for path in (PACKAGE / "extract").glob("*.py"):
        assert "rdflib" not in _imports(path), path.name


def test_only_store_imports_oxigraph():
    for path in PACKAGE.rglob("*.py"):
        if path.name != "store.py":
            assert not _imports(path) & {"pyoxigraph", "oxrdflib"}, path.name


def test_no_dpv_iri_strings_outside_vocab():
    pattern = re.compile(r"https://w3id\.org/(dpv|policygraph)")
    for path in PACKAGE.rglob("*.py"):
        if path.name != "vocab.py":
            assert not pattern.search(path.read_text()), path.name


def test_no_print_in_library_code():
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "cli":
            continue
        tree = ast.parse(path.read_text())
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
        assert not any(getattr(c.func, "id", None) == "print" for c in calls), path.name


def test_pg_terms_used_in_code_are_declared_in_the_ontology():
    from rdflib import Graph, URIRef

    from policygraph.lexicon import ontology_files
    from policygraph.vocab import PG

    ontology = Graph()
    for path in ontology_files():
        ontology.parse(path, format="turtle")
    declared = {s for s in ontology.subjects() if isinstance(s, URIRef)}
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used |= {PG[name] for name in re.findall(r"\bPG\.(\w+)", path.read_text())}
    missing = sorted(str(term) for term in used - declared)
    assert not missing, missing
