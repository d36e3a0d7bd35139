"""An HTML report on the store: charts (matplotlib), network analytics (networkx) and CSV files.

    build_report(store, Path("report"))  ->  report/index.html, report/charts/*.png, report/*.csv

Charts are drawn on matplotlib `Figure` objects with the Agg canvas, never through pyplot, so
building a report does not switch the backend of a notebook that imports this module. Every
number comes from the SPARQL catalogue or from the export views, so the report and the exports
agree.
"""

from __future__ import annotations

import csv
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from . import __version__
from .export.views import (
    PolicyRef,
    Vocabulary,
    co_occurrence_view,
    colour,
    practices_view,
    recipients_view,
    select_policies,
)
from .query import run_query
from .render import to_records
from .store import PolicyStore
from .vocab import LOC

# Betweenness is O(V·E); past this many processors it is estimated from a fixed sample of
# source nodes (networkx's k=), which keeps a 10,000-policy report within seconds.
BETWEENNESS_SAMPLE = 300

_DATA_BY_PURPOSE = """
SELECT ?data ?purpose (COUNT(DISTINCT ?policy) AS ?policies) WHERE {
  ?practice pg:statedIn ?policy ; pg:negated false ;
            dpv:hasPersonalData ?data ; dpv:hasPurpose ?purpose .
}
GROUP BY ?data ?purpose
"""
_LAWS = """
SELECT ?law (COUNT(DISTINCT ?policy) AS ?policies) WHERE {
  ?mention a pg:LawMention ; pg:statedIn ?policy ; dpv:hasApplicableLaw ?law .
}
GROUP BY ?law ORDER BY DESC(?policies)
"""
_LAW_JURISDICTIONS = """
SELECT ?law ?jurisdiction WHERE { ?law a ?type ; dpv:hasJurisdiction ?jurisdiction . }
"""
_RIGHTS = """
SELECT ?right (COUNT(DISTINCT ?policy) AS ?policies) WHERE {
  ?mention a pg:RightMention ; pg:statedIn ?policy ; dpv:hasRight ?right .
}
GROUP BY ?right ORDER BY DESC(?policies)
"""
_DURATION = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?"
    r"(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)
_DAYS = {"y": 365.25, "mo": 30.44, "w": 7, "d": 1, "h": 1 / 24, "mi": 1 / 1440, "s": 1 / 86400}


def duration_days(duration: str) -> float | None:
    """An xsd:duration in days (years 365.25, months 30.44): `P2M` -> 60.88; None if unparsable."""
    match = _DURATION.match(duration.strip())
    if not match or duration.strip() in ("P", "PT"):
        return None
    return sum(float(v) * _DAYS[k] for k, v in match.groupdict().items() if v)


@dataclass
class Report:
    out: Path
    policies: int
    charts: list[Path] = field(default_factory=list)
    tables: list[Path] = field(default_factory=list)
    cards: int = 0

    @property
    def index(self) -> Path:
        return self.out / "index.html"


# --- drawing -----------------------------------------------------------------------------------


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _save(figure: Figure, path: Path, report: Report) -> str:
    figure.savefig(path, dpi=100)
    report.charts.append(path)
    return f"charts/{path.name}"


def _barh(path: Path, labels: list[str], values: list[float], title: str, xlabel: str,
          report: Report, colours: list[str] | None = None) -> str:  # fmt: skip
    figure = _figure(7.5, max(2.0, 0.32 * len(labels) + 1.0))
    ax = figure.add_subplot()
    if labels:
        ax.barh(range(len(labels)), values, color=colours or "#1f77b4")
        ax.set_yticks(range(len(labels)), [_short(label, 48) for label in labels])
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.invert_yaxis()
        for index, value in enumerate(values):
            ax.text(value, index, f" {value:g}", va="center", fontsize=8)
    else:
        ax.text(0.5, 0.5, "nothing stated", ha="center", va="center", transform=ax.transAxes)
        ax.set_yticks([])
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_xlabel(xlabel)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(figure, path, report)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _heatmap(path: Path, rows: list[dict], vocab: Vocabulary, report: Report) -> str:
    by_data: Counter[str] = Counter()
    by_purpose: Counter[str] = Counter()
    cells: dict[tuple[str, str], int] = {}
    for row in rows:
        data, purpose, count = row["data"], row["purpose"], int(row["policies"])
        cells[data, purpose] = count
        by_data[data] += count
        by_purpose[purpose] += count
    data_axis = [d for d, _ in by_data.most_common(18)]
    purpose_axis = [p for p, _ in by_purpose.most_common(12)]
    figure = _figure(9.5, max(3.0, 0.34 * len(data_axis) + 2.4))
    ax = figure.add_subplot()
    if data_axis and purpose_axis:
        matrix = [[cells.get((d, p), 0) for p in purpose_axis] for d in data_axis]
        image = ax.imshow(matrix, cmap="Blues", aspect="auto")
        ax.set_yticks(range(len(data_axis)), [_short(vocab.label(_ref(d)), 32) for d in data_axis])
        ax.set_xticks(range(len(purpose_axis)),
                      [_short(vocab.label(_ref(p)), 26) for p in purpose_axis],
                      rotation=40, ha="right")  # fmt: skip
        peak = max(max(r) for r in matrix) or 1
        for i, line in enumerate(matrix):
            for j, value in enumerate(line):
                if value:
                    ax.text(j, i, str(value), ha="center", va="center", fontsize=7,
                            color="white" if value > peak / 2 else "black")  # fmt: skip
        figure.colorbar(image, ax=ax, label="policies", shrink=0.8)
    else:
        ax.text(0.5, 0.5, "no practice states both data and purpose", ha="center", va="center")
    ax.set_title("Data types by purpose (policies stating the pair)", loc="left", fontsize=11)
    return _save(figure, path, report)


def _ref(iri: str):
    from rdflib import URIRef

    return URIRef(iri)


def _histogram(path: Path, durations: list[dict], report: Report) -> tuple[str, int]:
    days: list[float] = []
    weights: list[int] = []
    unparsed = 0
    for row in durations:
        value = duration_days(str(row["duration"])) if row["duration"] else None
        if value is None or value <= 0:
            unparsed += int(row["statements"])
            continue
        days.append(value)
        weights.append(int(row["statements"]))
    figure = _figure(7.5, 3.2)
    ax = figure.add_subplot()
    if days:
        import numpy as np

        # Retention spans minutes to decades: log-spaced bins keep both ends readable.
        low, high = max(min(days), 1 / 1440), max(days)
        bins = np.geomspace(low / 1.2, high * 1.2, 24)
        ax.hist(days, bins=bins, weights=weights, color="#2ca02c", edgecolor="white")
        ax.set_xscale("log")
        ticks = [
            t for t in (1 / 24, 1, 7, 30, 90, 365, 365 * 3, 365 * 10) if low / 2 <= t <= high * 2
        ]
        names = {1 / 24: "1 h", 1: "1 d", 7: "1 w", 30: "1 mo", 90: "3 mo", 365: "1 y",
                 365 * 3: "3 y", 365 * 10: "10 y"}  # fmt: skip
        ax.set_xticks(ticks, [names[t] for t in ticks])
    else:
        ax.text(0.5, 0.5, "no retention durations stated", ha="center", va="center")
    ax.set_title("Stated retention durations", loc="left", fontsize=11)
    ax.set_xlabel("duration (log scale)")
    ax.set_ylabel("statements")
    ax.spines[["top", "right"]].set_visible(False)
    return _save(figure, path, report), unparsed


def _policy_picture(graph: nx.MultiDiGraph, path: Path) -> None:
    """A small drawing of one policy's practices graph (company in the middle)."""
    simple = nx.Graph(graph)
    figure = Figure(figsize=(3.2, 2.4), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    if simple.number_of_nodes():
        pos = nx.spring_layout(simple, seed=1, k=1.2 / max(1, simple.number_of_nodes()) ** 0.5)
        lines = [(pos[u], pos[v]) for u, v in simple.edges()]
        ax.add_collection(LineCollection(lines, colors="#cccccc", linewidths=0.6, zorder=1))
        xs, ys, colours, sizes = [], [], [], []
        for node, attrs in graph.nodes(data=True):
            xs.append(pos[node][0])
            ys.append(pos[node][1])
            colours.append(colour(str(attrs.get("kind", ""))))
            sizes.append(90 if attrs.get("kind") == "company" else 18)
        ax.scatter(xs, ys, c=colours, s=sizes, zorder=2, linewidths=0)
        ax.margins(0.08)
    figure.savefig(path, dpi=100)


# --- analytics ---------------------------------------------------------------------------------


def processor_centrality(network: nx.MultiDiGraph) -> list[dict[str, object]]:
    """Degree and betweenness centrality of processors in the co-occurrence network."""
    simple = nx.Graph()
    simple.add_nodes_from(network.nodes(data=True))
    for u, v, attrs in network.edges(data=True):
        simple.add_edge(u, v, weight=attrs.get("weight", 1))
    if not simple.number_of_nodes():
        return []
    degree = nx.degree_centrality(simple)
    sample = BETWEENNESS_SAMPLE if simple.number_of_nodes() > BETWEENNESS_SAMPLE else None
    betweenness = nx.betweenness_centrality(simple, k=sample, seed=0 if sample else None)
    rows = [
        {"organisation": attrs["iri"], "label": attrs.get("label", ""),
         "category": attrs.get("category", ""), "companies": attrs.get("companies", 0),
         "partners": simple.degree(node), "degree_centrality": round(degree[node], 4),
         "betweenness": round(betweenness[node], 4)}
        for node, attrs in simple.nodes(data=True)
    ]  # fmt: skip
    rows.sort(key=lambda r: (-int(r["companies"]), -float(r["betweenness"]), str(r["label"])))
    return rows


def recipient_communities(network: nx.MultiDiGraph) -> list[dict[str, object]]:
    """Louvain communities of the company--organisation network (seeded, so reproducible)."""
    simple = nx.Graph()
    simple.add_nodes_from(network.nodes(data=True))
    for u, v, attrs in network.edges(data=True):
        weight = attrs.get("count", 1) + (simple[u][v]["weight"] if simple.has_edge(u, v) else 0)
        simple.add_edge(u, v, weight=weight)
    simple.remove_nodes_from([n for n in list(simple) if simple.degree(n) == 0])
    if not simple.number_of_edges():
        return []
    communities = nx.algorithms.community.louvain_communities(simple, weight="weight", seed=0)
    communities = sorted(communities, key=len, reverse=True)
    rows = []
    for index, members in enumerate(communities, start=1):
        for node in sorted(members, key=lambda n: (-simple.degree(n), n)):
            attrs = simple.nodes[node]
            rows.append({"community": index, "node": attrs["iri"], "label": attrs.get("label", ""),
                         "kind": attrs.get("kind", ""), "degree": simple.degree(node)})  # fmt: skip
    return rows


def _write_csv(
    path: Path, rows: list[dict[str, object]], columns: list[str], report: Report
) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    report.tables.append(path)


# --- the report --------------------------------------------------------------------------------


def build_report(store: PolicyStore, out: Path, max_cards: int = 60) -> Report:
    """Write out/index.html with its charts and CSV files; returns what was written."""
    out = Path(out)
    charts = out / "charts"
    (charts / "policies").mkdir(parents=True, exist_ok=True)
    refs = select_policies(store)
    report = Report(out, policies=len(refs))
    vocab = Vocabulary(store)
    sections: list[str] = []

    ranked = to_records(run_query(store, "processors-ranked"))
    top = ranked[:20]
    sections.append(_section("Top recipients", _img(_barh(
        charts / "top-recipients.png", [str(r["label"]) for r in top],
        [int(r["companies"]) for r in top], "Organisations receiving data, by companies",
        "companies", report,
        colours=[colour("organisation")] * len(top)), "Top recipients"),
        f"{len(ranked)} organisations receive data from at least one company."))  # fmt: skip

    pairs = to_records(store.select(_DATA_BY_PURPOSE))
    sections.append(_section("Data types by purpose",
                             _img(_heatmap(charts / "data-by-purpose.png", pairs, vocab, report),
                                  "Data types by purpose")))  # fmt: skip

    all_laws = to_records(store.select(_LAWS))
    laws = all_laws[:20]
    places = _jurisdictions(store, all_laws)[:20]
    law_chart = _barh(charts / "laws.png", [vocab.label(_ref(str(r["law"]))) for r in laws],
                      [int(r["policies"]) for r in laws], "Laws named", "policies", report,
                      colours=[colour("law")] * len(laws))  # fmt: skip
    place_chart = _barh(charts / "jurisdictions.png",
                        [vocab.label(r["jurisdiction"]) for r in places],
                        [int(r["policies"]) for r in places], "Jurisdictions of the laws named",
                        "policies", report, colours=[colour("location")] * len(places))  # fmt: skip
    sections.append(
        _section(
            "Laws and jurisdictions", _img(law_chart, "Laws") + _img(place_chart, "Jurisdictions")
        )
    )

    rights = to_records(store.select(_RIGHTS))[:24]
    coverage = to_records(run_query(store, "rights-coverage"))
    none = sum(1 for r in coverage if not r["rights"])
    gdpr = sum(int(r["gdpr_rights"]) for r in coverage) / max(1, len(coverage))
    ccpa = sum(int(r["ccpa_rights"]) for r in coverage) / max(1, len(coverage))
    sections.append(_section("Rights coverage", _img(_barh(
        charts / "rights.png", [vocab.label(_ref(str(r["right"]))) for r in rights],
        [int(r["policies"]) for r in rights], "Rights stated", "policies", report,
        colours=[colour("right")] * len(rights)), "Rights"),
        f"On average a policy states {gdpr:.1f} GDPR rights and {ccpa:.1f} CCPA/CPRA rights; "
        f"{none} of {len(coverage)} state none."))  # fmt: skip

    durations = to_records(run_query(store, "retention-durations"))
    chart, unparsed = _histogram(charts / "retention.png", durations, report)
    sections.append(
        _section(
            "Retention durations",
            _img(chart, "Retention durations"),
            f"{unparsed} retention statements give a condition but no duration.",
        )
    )

    sections.append(_analytics(store, refs, vocab, report))
    sections.append(_cards(store, refs, vocab, charts / "policies", report, max_cards))

    out.joinpath("index.html").write_text(_page(report, sections), encoding="utf-8")
    return report


def _jurisdictions(store: PolicyStore, laws: list[dict]) -> list[dict[str, object]]:
    """Policies per jurisdiction, each law counted under one jurisdiction: DPV gives the GDPR
    the EU plus every EEA member (NO, IS, LI), which would triple-count it; a law that names
    the EU is counted under the EU, any other under its first jurisdiction."""
    places: dict[str, set] = {}
    for row in store.select(_LAW_JURISDICTIONS).rows:
        places.setdefault(str(row[0]), set()).add(row[1])
    totals: Counter = Counter()
    for law in laws:
        found = places.get(str(law["law"]))
        if found:
            place = LOC.EU if LOC.EU in found else sorted(found)[0]
            totals[place] += int(law["policies"])
    return [{"jurisdiction": k, "policies": v} for k, v in totals.most_common()]


def _analytics(store: PolicyStore, refs: list[PolicyRef], vocab: Vocabulary,
               report: Report) -> str:  # fmt: skip
    centrality = processor_centrality(co_occurrence_view(store, refs, vocab))
    _write_csv(report.out / "processor-centrality.csv", centrality,
               ["organisation", "label", "category", "companies", "partners",
                "degree_centrality", "betweenness"], report)  # fmt: skip
    communities = recipient_communities(recipients_view(store, refs, vocab))
    _write_csv(
        report.out / "recipient-communities.csv",
        communities,
        ["community", "node", "label", "kind", "degree"],
        report,
    )
    sampled = len(centrality) > BETWEENNESS_SAMPLE
    rows = "".join(
        f"<tr><td>{html.escape(str(r['label']))}</td><td>{html.escape(str(r['category']))}</td>"
        f"<td class=n>{r['companies']}</td><td class=n>{r['partners']}</td>"
        f"<td class=n>{float(r['degree_centrality']):.3f}</td>"
        f"<td class=n>{float(r['betweenness']):.3f}</td></tr>"
        for r in centrality[:15]
    )
    groups: dict[int, list[dict]] = {}
    for row in communities:
        groups.setdefault(int(row["community"]), []).append(row)
    community_rows = "".join(
        f"<tr><td class=n>{index}</td>"
        f"<td class=n>{sum(1 for m in members if m['kind'] == 'company')}</td>"
        f"<td class=n>{sum(1 for m in members if m['kind'] != 'company')}</td>"
        f"<td>{html.escape(_main_members(members))}</td></tr>"
        for index, members in list(groups.items())[:12]
    )
    note = (f" Betweenness is estimated from {BETWEENNESS_SAMPLE} sampled sources."
            if sampled else "")  # fmt: skip
    return _section(
        "Network analytics",
        "<h3>Processors</h3><p class=muted>Co-occurrence network: two processors are linked when "
        f"a company shares data with both. {len(centrality)} processors.{note} "
        "Full table: <a href='processor-centrality.csv'>processor-centrality.csv</a>.</p>"
        "<table><tr><th>processor</th><th>category</th><th>companies</th><th>partners</th>"
        f"<th>degree centrality</th><th>betweenness</th></tr>{rows}</table>"
        "<h3>Communities</h3><p class=muted>Louvain communities of the company–organisation "
        f"network: {len(groups)} communities. Members: "
        "<a href='recipient-communities.csv'>recipient-communities.csv</a>.</p>"
        "<table><tr><th>#</th><th>companies</th><th>organisations</th><th>main organisations</th>"
        f"</tr>{community_rows}</table>",
    )


def _main_members(members: list[dict]) -> str:
    organisations = [str(m["label"]) for m in members if m["kind"] != "company"]
    return ", ".join(organisations[:6]) + (" …" if len(organisations) > 6 else "")


def _cards(store: PolicyStore, refs: list[PolicyRef], vocab: Vocabulary, folder: Path,
           report: Report, max_cards: int) -> str:  # fmt: skip
    dates = {str(r["policy"]): r for r in to_records(run_query(store, "policies"))}
    chosen = sorted(refs, key=lambda r: ((r.company_label or "").lower(), str(r.policy)))
    cards = []
    for ref in chosen[:max_cards]:
        graph = practices_view(store, [ref], vocab)
        name = f"{_slug(ref.company_label or 'policy')}-{str(ref.policy).rsplit('/', 1)[-1]}.png"
        _policy_picture(graph, folder / name)
        kinds = Counter(attrs.get("kind") for _, attrs in graph.nodes(data=True))
        practices = sum(1 for *_, a in graph.edges(data=True) if not a.get("negated"))
        denials = sum(1 for *_, a in graph.edges(data=True) if a.get("negated"))
        meta = dates.get(str(ref.policy), {})
        cards.append(
            f"<div class=card><img src='charts/policies/{name}' alt='practices graph' "
            f"width=320 height=240><h3>{html.escape(ref.company_label or str(ref.policy))}</h3>"
            f"<p class=muted>{html.escape(str(meta.get('date') or 'undated'))} · "
            f"{html.escape(str(meta.get('source') or ''))}</p>"
            f"<p>{kinds['data']} data types · {kinds['purpose']} purposes · "
            f"{kinds['organisation']} organisations · {kinds['category']} recipient categories"
            f"<br>{practices} practice links · {denials} denials</p></div>"
        )
    report.cards = len(cards)
    more = len(refs) - len(cards)
    tail = f"<p class=muted>{more} more policies not shown (raise --max-cards).</p>" if more else ""
    legend = " ".join(
        f"<span style='color:{colour(kind)}'>●</span> {kind}"
        for kind in ("company", "data", "purpose", "organisation", "category")
    )
    return _section(
        "Policies",
        f"<p class=muted>Each picture is the policy's practices graph: "
        f"{legend}.</p><div class=cards>{''.join(cards)}</div>{tail}",
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "policy"


def _img(src: str, alt: str) -> str:
    return f"<img class=chart src='{src}' alt='{html.escape(alt)}'>"


def _section(title: str, body: str, lead: str = "") -> str:
    lead_html = f"<p>{html.escape(lead)}</p>" if lead else ""
    return f"<section><h2>{html.escape(title)}</h2>{lead_html}{body}</section>"


_CSS = """
body { font: 15px/1.5 system-ui, sans-serif; color: #222; margin: 0 auto; max-width: 1180px;
       padding: 24px 32px; }
h1 { margin-bottom: 0; }
h2 { border-bottom: 2px solid #eee; padding-bottom: 4px; margin-top: 36px; }
.muted { color: #666; font-size: 13px; }
img.chart { max-width: 100%; display: block; margin: 8px 0 16px; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; }
th, td { text-align: left; padding: 3px 10px; border-bottom: 1px solid #eee; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 14px; }
.card { border: 1px solid #ddd; border-radius: 8px; padding: 8px 10px; background: #fcfcfc; }
.card h3 { margin: 4px 0 0; font-size: 16px; } .card p { margin: 4px 0; font-size: 13px; }
.card img { display: block; margin: 0 auto; }
.stats span { display: inline-block; margin-right: 24px; font-size: 14px; }
.stats b { font-size: 22px; display: block; }
"""


def _page(report: Report, sections: list[str]) -> str:
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        "<title>PolicyGraph report</title>"
        f"<style>{_CSS}</style></head><body><h1>PolicyGraph report</h1>"
        f"<p class=muted>{report.policies} policies · generated {date.today().isoformat()} by "
        f"PolicyGraph {html.escape(__version__)}</p>{''.join(sections)}</body></html>\n"
    )


__all__ = ["Report", "build_report", "duration_days", "processor_centrality",
           "recipient_communities"]  # fmt: skip
