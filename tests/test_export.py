"""Graph exports: views built from the examples store, each format checked by the tool that
reads it (XSD + networkx, Graphviz, headless Chromium, exact Neo4j headers).

No XSD for GraphML or GEXF ships in any PyPI, npm or Debian package we found, and the project
does not copy third-party schemas; so the files are validated against the minimal schemas below,
written for what we emit (element order, attribute types, id references), plus a networkx
round trip.
"""

from __future__ import annotations

import csv
import gc
import json
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from lxml import etree

from policygraph.cli import main
from policygraph.errors import PolicyGraphError
from policygraph.export import WRITERS, cytoscape, dot, gexf, graphml, html, neo4j, nodelink
from policygraph.export.views import VIEWS, build_view, select_policies
from policygraph.vocab import LEGAL_EU

GRAPHML_XSD = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:g="http://graphml.graphdrawing.org/xmlns"
  targetNamespace="http://graphml.graphdrawing.org/xmlns" elementFormDefault="qualified">
  <xs:complexType name="data" mixed="true">
    <xs:sequence><xs:any namespace="##other" processContents="skip" minOccurs="0"
      maxOccurs="unbounded"/></xs:sequence>
    <xs:attribute name="key" type="xs:NMTOKEN" use="required"/>
  </xs:complexType>
  <xs:element name="graphml">
    <xs:complexType><xs:sequence>
      <xs:element name="key" minOccurs="0" maxOccurs="unbounded"><xs:complexType>
        <xs:attribute name="id" type="xs:NMTOKEN" use="required"/>
        <xs:attribute name="for" use="required"><xs:simpleType><xs:restriction base="xs:string">
          <xs:enumeration value="graph"/><xs:enumeration value="node"/>
          <xs:enumeration value="edge"/><xs:enumeration value="all"/>
        </xs:restriction></xs:simpleType></xs:attribute>
        <xs:attribute name="attr.name" type="xs:NMTOKEN"/>
        <xs:attribute name="attr.type"><xs:simpleType><xs:restriction base="xs:string">
          <xs:enumeration value="boolean"/><xs:enumeration value="int"/>
          <xs:enumeration value="long"/><xs:enumeration value="float"/>
          <xs:enumeration value="double"/><xs:enumeration value="string"/>
        </xs:restriction></xs:simpleType></xs:attribute>
        <xs:attribute name="yfiles.type" type="xs:NMTOKEN"/>
      </xs:complexType></xs:element>
      <xs:element name="graph"><xs:complexType><xs:choice minOccurs="0" maxOccurs="unbounded">
        <xs:element name="data" type="g:data"/>
        <xs:element name="node"><xs:complexType><xs:sequence>
          <xs:element name="data" type="g:data" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence><xs:attribute name="id" type="xs:NMTOKEN" use="required"/></xs:complexType>
        </xs:element>
        <xs:element name="edge"><xs:complexType><xs:sequence>
          <xs:element name="data" type="g:data" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence>
          <xs:attribute name="id" type="xs:NMTOKEN"/>
          <xs:attribute name="source" type="xs:NMTOKEN" use="required"/>
          <xs:attribute name="target" type="xs:NMTOKEN" use="required"/>
        </xs:complexType></xs:element>
      </xs:choice>
        <xs:attribute name="edgedefault" use="required"><xs:simpleType>
          <xs:restriction base="xs:string"><xs:enumeration value="directed"/>
          <xs:enumeration value="undirected"/></xs:restriction></xs:simpleType></xs:attribute>
      </xs:complexType>
        <xs:key name="nodeId"><xs:selector xpath="g:node"/><xs:field xpath="@id"/></xs:key>
        <xs:keyref name="edgeSource" refer="g:nodeId"><xs:selector xpath="g:edge"/>
          <xs:field xpath="@source"/></xs:keyref>
        <xs:keyref name="edgeTarget" refer="g:nodeId"><xs:selector xpath="g:edge"/>
          <xs:field xpath="@target"/></xs:keyref>
      </xs:element>
    </xs:sequence></xs:complexType>
    <xs:key name="keyId"><xs:selector xpath="g:key"/><xs:field xpath="@id"/></xs:key>
    <xs:keyref name="dataKey" refer="g:keyId"><xs:selector xpath=".//g:data"/>
      <xs:field xpath="@key"/></xs:keyref>
  </xs:element>
</xs:schema>
"""

VIZ_XSD = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://gexf.net/1.3/viz"
  elementFormDefault="qualified">
  <xs:element name="color"><xs:complexType>
    <xs:attribute name="r" type="xs:unsignedByte" use="required"/>
    <xs:attribute name="g" type="xs:unsignedByte" use="required"/>
    <xs:attribute name="b" type="xs:unsignedByte" use="required"/>
    <xs:attribute name="a" type="xs:float"/>
  </xs:complexType></xs:element>
  <xs:element name="size"><xs:complexType>
    <xs:attribute name="value" type="xs:float" use="required"/>
  </xs:complexType></xs:element>
</xs:schema>
"""

GEXF_XSD = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:x="http://gexf.net/1.3"
  xmlns:viz="http://gexf.net/1.3/viz" targetNamespace="http://gexf.net/1.3"
  elementFormDefault="qualified">
  <xs:import namespace="http://gexf.net/1.3/viz" schemaLocation="viz.xsd"/>
  <xs:complexType name="attvalues"><xs:sequence>
    <xs:element name="attvalue" maxOccurs="unbounded"><xs:complexType>
      <xs:attribute name="for" type="xs:string" use="required"/>
      <xs:attribute name="value" type="xs:string" use="required"/>
    </xs:complexType></xs:element>
  </xs:sequence></xs:complexType>
  <xs:element name="gexf"><xs:complexType><xs:sequence>
    <xs:element name="meta" minOccurs="0"><xs:complexType><xs:sequence>
      <xs:element name="creator" type="xs:string" minOccurs="0"/>
      <xs:element name="description" type="xs:string" minOccurs="0"/>
    </xs:sequence><xs:attribute name="lastmodifieddate" type="xs:date"/></xs:complexType>
    </xs:element>
    <xs:element name="graph"><xs:complexType><xs:sequence>
      <xs:element name="attributes" minOccurs="0" maxOccurs="2"><xs:complexType><xs:sequence>
        <xs:element name="attribute" minOccurs="0" maxOccurs="unbounded"><xs:complexType>
          <xs:attribute name="id" type="xs:string" use="required"/>
          <xs:attribute name="title" type="xs:string" use="required"/>
          <xs:attribute name="type" use="required"><xs:simpleType>
            <xs:restriction base="xs:string"><xs:enumeration value="integer"/>
            <xs:enumeration value="long"/><xs:enumeration value="double"/>
            <xs:enumeration value="float"/><xs:enumeration value="boolean"/>
            <xs:enumeration value="string"/></xs:restriction></xs:simpleType></xs:attribute>
        </xs:complexType></xs:element>
      </xs:sequence>
        <xs:attribute name="class" use="required"><xs:simpleType><xs:restriction base="xs:string">
          <xs:enumeration value="node"/><xs:enumeration value="edge"/></xs:restriction>
        </xs:simpleType></xs:attribute>
        <xs:attribute name="mode" type="xs:string"/>
      </xs:complexType></xs:element>
      <xs:element name="nodes"><xs:complexType><xs:sequence>
        <xs:element name="node" minOccurs="0" maxOccurs="unbounded"><xs:complexType><xs:sequence>
          <xs:element name="attvalues" type="x:attvalues" minOccurs="0"/>
          <xs:element ref="viz:color"/>
          <xs:element ref="viz:size"/>
        </xs:sequence>
          <xs:attribute name="id" type="xs:string" use="required"/>
          <xs:attribute name="label" type="xs:string" use="required"/>
        </xs:complexType></xs:element>
      </xs:sequence><xs:attribute name="count" type="xs:nonNegativeInteger"/></xs:complexType>
      </xs:element>
      <xs:element name="edges"><xs:complexType><xs:sequence>
        <xs:element name="edge" minOccurs="0" maxOccurs="unbounded"><xs:complexType><xs:sequence>
          <xs:element name="attvalues" type="x:attvalues" minOccurs="0"/>
        </xs:sequence>
          <xs:attribute name="id" type="xs:string" use="required"/>
          <xs:attribute name="source" type="xs:string" use="required"/>
          <xs:attribute name="target" type="xs:string" use="required"/>
          <xs:attribute name="label" type="xs:string"/>
          <xs:attribute name="weight" type="xs:double"/>
          <xs:attribute name="type"><xs:simpleType><xs:restriction base="xs:string">
            <xs:enumeration value="directed"/><xs:enumeration value="undirected"/>
          </xs:restriction></xs:simpleType></xs:attribute>
        </xs:complexType></xs:element>
      </xs:sequence><xs:attribute name="count" type="xs:nonNegativeInteger"/></xs:complexType>
      </xs:element>
    </xs:sequence>
      <xs:attribute name="mode" type="xs:string"/>
      <xs:attribute name="defaultedgetype" use="required"><xs:simpleType>
        <xs:restriction base="xs:string"><xs:enumeration value="directed"/>
        <xs:enumeration value="undirected"/></xs:restriction></xs:simpleType></xs:attribute>
    </xs:complexType>
      <xs:key name="nodeId"><xs:selector xpath="x:nodes/x:node"/><xs:field xpath="@id"/></xs:key>
      <xs:keyref name="edgeSource" refer="x:nodeId"><xs:selector xpath="x:edges/x:edge"/>
        <xs:field xpath="@source"/></xs:keyref>
      <xs:keyref name="edgeTarget" refer="x:nodeId"><xs:selector xpath="x:edges/x:edge"/>
        <xs:field xpath="@target"/></xs:keyref>
    </xs:element>
  </xs:sequence><xs:attribute name="version" type="xs:string" fixed="1.3" use="required"/>
  </xs:complexType></xs:element>
</xs:schema>
"""


def _schema(tmp_path: Path, name: str) -> etree.XMLSchema:
    (tmp_path / "viz.xsd").write_text(VIZ_XSD)
    (tmp_path / "graphml.xsd").write_text(GRAPHML_XSD)
    (tmp_path / "gexf.xsd").write_text(GEXF_XSD)
    return etree.XMLSchema(etree.parse(str(tmp_path / name)))


def _validate(schema: etree.XMLSchema, path: Path) -> None:
    document = etree.parse(str(path))
    assert schema.validate(document), schema.error_log.filter_from_errors()[:3]


@pytest.fixture(scope="module")
def views(examples_store) -> dict[str, nx.MultiDiGraph]:
    return {view: build_view(examples_store, view) for view in VIEWS}


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


# --- views -------------------------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_export_view_has_typed_attributes(views, view):
    graph = views[view]
    assert graph.number_of_nodes() > 0 and graph.number_of_edges() > 0
    for _, attrs in graph.nodes(data=True):
        assert {"label", "kind", "iri"} <= set(attrs)
        assert all(isinstance(v, str | int | float) for v in attrs.values()), attrs
    for *_, attrs in graph.edges(data=True):
        assert "relation" in attrs
        assert all(isinstance(v, str | int | float) for v in attrs.values()), attrs


def test_export_practices_edges_count_practices(views):
    graph = views["practices"]
    edges = list(graph.edges(data=True))
    assert {a["relation"] for *_, a in edges} == {"data", "purpose", "recipient"}
    assert all(a["count"] >= 1 and isinstance(a["negated"], bool) for *_, a in edges)
    assert any(a["negated"] for *_, a in edges)  # the examples deny selling
    companies = [n for n, a in graph.nodes(data=True) if a["kind"] == "company"]
    assert len(companies) == 7
    assert all(graph.in_degree(c) == 0 for c in companies)


def test_export_recipients_is_bipartite_with_categories(views):
    graph = views["recipients"]
    kinds = nx.get_node_attributes(graph, "kind")
    for u, v in graph.edges():
        assert (kinds[u], kinds[v]) == ("company", "organisation")
    stripe = graph.nodes["pgo:stripe"]
    assert stripe["category"] == "Payment services" and stripe["bipartite"] == 1


def test_export_data_flows_weight_counts_companies(views):
    graph = views["data-flows"]
    assert all(graph.nodes[u]["kind"] == "data" for u, _ in graph.edges())
    assert max(a["weight"] for *_, a in graph.edges(data=True)) <= 7


def test_export_co_occurrence_weights_match_shared_clients(views):
    graph = views["co-occurrence"]
    assert graph.graph["undirected"] is True
    for u, v, attrs in graph.edges(data=True):
        assert u < v
        assert 1 <= attrs["weight"] <= min(graph.nodes[u]["companies"], graph.nodes[v]["companies"])


def test_export_selects_policies_and_law(examples_store):
    refs = select_policies(examples_store)
    one = build_view(examples_store, "practices", policies=[refs[0].policy])
    assert [a["kind"] for _, a in one.nodes(data=True)].count("company") == 1
    gdpr = select_policies(examples_store, law=LEGAL_EU["law-GDPR"])
    assert 0 < len(gdpr) < len(refs)
    with pytest.raises(PolicyGraphError, match="no policy"):
        select_policies(examples_store, [refs[0].policy + "-missing"])


def test_export_full_view_keeps_literals_on_nodes(views):
    graph = views["full"]
    evidence = [a for _, a in graph.nodes(data=True) if a["kind"] == "evidence"]
    assert evidence and all(isinstance(a["start"], int) and a["exact"] for a in evidence)
    assert not any(a["iri"].startswith('"') for _, a in graph.nodes(data=True))


# --- formats -----------------------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_export_graphml_validates_and_reads_back(views, view, tmp_path):
    graph = views[view]
    path = tmp_path / f"{view}.graphml"
    graphml.write(graph, path)
    _validate(_schema(tmp_path, "graphml.xsd"), path)
    back = nx.read_graphml(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(), graph.number_of_edges())  # fmt: skip
    by_iri = {a["iri"]: a for _, a in back.nodes(data=True)}
    for _, attrs in graph.nodes(data=True):
        assert {k: by_iri[attrs["iri"]][k] for k in attrs} == attrs
    text = path.read_text()
    assert 'yfiles.type="nodegraphics"' in text and "<y:NodeLabel>" in text


@pytest.mark.parametrize("view", VIEWS)
def test_export_gexf_validates_and_reads_back(views, view, tmp_path):
    graph = views[view]
    path = tmp_path / f"{view}.gexf"
    gexf.write(graph, path)
    _validate(_schema(tmp_path, "gexf.xsd"), path)
    back = nx.read_gexf(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(), graph.number_of_edges())  # fmt: skip
    for node, attrs in graph.nodes(data=True):
        got = back.nodes[node]
        assert {k: got[k] for k in attrs} == attrs
        assert got["viz"]["size"] > 0 and set(got["viz"]["color"]) >= {"r", "g", "b"}


def test_export_dot_quotes_and_escapes():
    assert dot.quote('a "b" \\N\nc') == '"a \\"b\\" \\\\N\\nc"'
    graph = nx.MultiDiGraph(view="x")
    graph.add_node('odd "id"', label="line\nbreak", kind="company", iri="urn:x")
    graph.add_edge('odd "id"', 'odd "id"', relation="self", label="}")
    text = dot.dumps(graph)
    assert '"odd \\"id\\"" -> "odd \\"id\\""' in text


@pytest.mark.parametrize("view", VIEWS)
def test_export_dot_renders_with_graphviz(views, view, tmp_path):
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed (scripts/install-test-tools installs it)")
    path = tmp_path / f"{view}.dot"
    dot.write(views[view], path)
    done = subprocess.run(["dot", "-Tsvg", str(path), "-o", str(tmp_path / "out.svg")],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    svg = etree.parse(str(tmp_path / "out.svg"))
    nodes = svg.findall(".//{http://www.w3.org/2000/svg}g[@class='node']")
    assert len(nodes) == views[view].number_of_nodes()


def test_export_neo4j_headers_exact(views, tmp_path):
    neo4j.write(views["practices"], tmp_path)
    with (tmp_path / "nodes.csv").open() as f:
        assert next(csv.reader(f)) == ["id:ID", "label", ":LABEL", "category:string",
                                       "country:string", "iri:string", "policies:long"]  # fmt: skip
    with (tmp_path / "relationships.csv").open() as f:
        rows = list(csv.reader(f))
    assert rows[0] == [":START_ID", ":END_ID", ":TYPE", "action:string", "count:long",
                       "label:string", "negated:boolean", "role:string"]  # fmt: skip
    assert {r[2] for r in rows[1:]} == {"DATA", "PURPOSE", "RECIPIENT"}
    assert len(rows) - 1 == views["practices"].number_of_edges()
    cypher = (tmp_path / "load.cypher").read_text()
    assert "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv'" in cypher
    assert "CREATE (a)-[r:`DATA`]->(b)" in cypher


def test_export_neo4j_names():
    assert neo4j.node_label("legal-basis") == "LegalBasis"
    assert neo4j.relationship_type("hasPersonalData") == "HAS_PERSONAL_DATA"
    assert neo4j.relationship_type("flows-to") == "FLOWS_TO"


def test_export_cytoscape_structure(views):
    doc = cytoscape.document(views["recipients"])
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    ids = {n["data"]["id"] for n in nodes}
    assert len(nodes) == views["recipients"].number_of_nodes()
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    assert len({e["data"]["id"] for e in edges}) == len(edges)
    assert doc["style"][0]["selector"] == "node"
    assert all({"selector", "style"} == set(rule) for rule in doc["style"])
    json.dumps(doc)


def test_export_cytoscape_streamed_file_is_the_document(views, tmp_path):
    cytoscape.write(views["practices"], tmp_path / "g.cyjs")
    assert json.loads((tmp_path / "g.cyjs").read_text()) == cytoscape.document(views["practices"])


def test_export_node_link_round_trip(views, tmp_path):
    nodelink.write(views["practices"], tmp_path / "g.json")
    written = json.loads((tmp_path / "g.json").read_text())
    assert written == nx.node_link_data(views["practices"], edges="links")
    back = nx.node_link_graph(written, edges="links")
    assert nx.utils.graphs_equal(back, views["practices"])


def test_export_html_without_library_names_setup(views, tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYGRAPH_CYTOSCAPE_JS", str(tmp_path / "missing.js"))
    with pytest.raises(html.ViewerLibraryMissing, match="scripts/setup"):
        html.write(views["practices"], tmp_path / "v.html")


@pytest.mark.parametrize("view", ["practices", "co-occurrence"])
def test_export_html_opens_in_chromium(views, view, tmp_path):
    try:
        html.library_path()
    except html.ViewerLibraryMissing as exc:
        pytest.skip(str(exc))
    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium (scripts/install-browser installs it)")
    path = tmp_path / "viewer.html"
    html.write(views[view], path)
    assert "<script src" not in path.read_text()  # self-contained: nothing to fetch
    done = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000",
         "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    dom = etree.HTML(done.stdout)
    body = dom.find("body")
    assert body is not None and body.get("data-nodes") == str(views[view].number_of_nodes())
    assert body.get("data-edges") == str(views[view].number_of_edges())


# --- CLI ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store_dir(examples_store, tmp_path_factory) -> Path:
    """A copy of the examples store the CLI can open (Oxigraph locks a store per process)."""
    from policygraph.store import PolicyStore

    folder = tmp_path_factory.mktemp("export-cli")
    examples_store.dump(folder / "all.nq", "nquads")
    copy = PolicyStore(folder / "store")
    copy.load(folder / "all.nq", "nquads")
    copy.flush()
    del copy
    gc.collect()
    return folder / "store"


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_export_cli_writes_each_format(store_dir, tmp_path, fmt):
    if fmt == "html":
        try:
            html.library_path()
        except html.ViewerLibraryMissing as exc:
            pytest.skip(str(exc))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", "--store", str(store_dir), "--view",
                                       "recipients", "--format", fmt, "--out", str(out),
                                       "--law", "legal-eu:law-GDPR"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_export_cli_rdf_still_default(store_dir, examples_store, tmp_path):
    out = tmp_path / "all.nq"
    result = CliRunner().invoke(main, ["export", "--store", str(store_dir),
                                       "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert out.read_text().count("\n") == examples_store.count_quads()


def test_export_cli_graph_format_needs_view(store_dir, tmp_path):
    result = CliRunner().invoke(main, ["export", "--store", str(store_dir), "--format",
                                       "gexf", "--out", str(tmp_path / "x.gexf")])  # fmt: skip
    assert result.exit_code == 2 and "--view" in result.output
