"""The HTML report: charts, analytics CSVs and policy cards from the examples store."""

from __future__ import annotations

import csv

import networkx as nx
import pytest
from lxml import etree

from policygraph.report import (
    build_report,
    duration_days,
    processor_centrality,
    recipient_communities,
)


@pytest.mark.parametrize(
    ("duration", "days"),
    [("P30D", 30), ("P2Y", 730.5), ("P2M", 60.88), ("PT10M", 10 / 1440), ("P1W", 7),
     ("P1Y6M", 365.25 + 6 * 30.44), ("", None), ("P", None), ("forever", None)],
)  # fmt: skip
def test_report_duration_days(duration, days):
    got = duration_days(duration)
    assert got == days if days is None else got == pytest.approx(days)


@pytest.fixture(scope="module")
def report(examples_store, tmp_path_factory):
    return build_report(examples_store, tmp_path_factory.mktemp("report"), max_cards=3)


def test_report_writes_page_charts_and_tables(report):
    names = {p.name for p in report.charts}
    assert {"top-recipients.png", "data-by-purpose.png", "laws.png", "jurisdictions.png",
            "rights.png", "retention.png"} <= names  # fmt: skip
    for chart in report.charts:
        assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = etree.parse(str(report.index), etree.HTMLParser())
    sources = [img.get("src") for img in page.iter("img")]
    assert all((report.out / src).is_file() for src in sources)
    assert report.cards == 3 and "4 more policies not shown" in report.index.read_text()


def test_report_centrality_csv(report):
    with (report.out / "processor-centrality.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["label"] == "Stripe" and int(rows[0]["companies"]) == 6
    assert all(0 <= float(r["betweenness"]) <= 1 for r in rows)


def test_report_communities_cover_the_network(report):
    with (report.out / "recipient-communities.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert {r["kind"] for r in rows} == {"company", "organisation"}
    assert len({r["node"] for r in rows}) == len(rows)


def test_report_analytics_on_a_hand_built_network():
    star = nx.MultiDiGraph()
    for name in "abcd":
        star.add_node(name, iri=f"urn:{name}", label=name, kind="organisation", companies=1)
    for leaf in "bcd":
        star.add_edge("a", leaf, weight=1)
    rows = {r["label"]: r for r in processor_centrality(star)}
    assert rows["a"]["betweenness"] == 1.0 and rows["b"]["betweenness"] == 0.0
    two = nx.MultiDiGraph()
    for group in ("xy", "uv"):
        two.add_node(group[0], iri=group[0], label=group[0], kind="company")
        two.add_node(group[1], iri=group[1], label=group[1], kind="organisation")
        two.add_edge(group[0], group[1], count=1)
    assert {r["community"] for r in recipient_communities(two)} == {1, 2}
