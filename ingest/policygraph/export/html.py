"""A self-contained offline HTML viewer: Cytoscape.js and the graph inlined in one file.

Cytoscape.js is not vendored: `scripts/setup` installs it from npm into `.web-vendor/` (when npm is
there), and this module copies it into each page at export time, so the page needs no network.
`$POLICYGRAPH_CYTOSCAPE_JS` may point at another `cytoscape.min.js`.

When the graph is drawn the page sets `document.title` and `data-nodes` / `data-edges` on
<body> from `cy.nodes().length`, which is what the browser test reads.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import networkx as nx

from ..errors import PolicyGraphError
from ..resources import cytoscape_js
from . import cytoscape
from .views import KIND_COLOURS

# Above this many nodes the force layout (cose) takes minutes in a browser; concentric by degree
# draws at once and still puts the hubs in the middle.
_FORCE_LAYOUT_LIMIT = 800


class ViewerLibraryMissing(PolicyGraphError):
    pass


def library_path() -> Path:
    path = cytoscape_js()
    if not path.is_file():
        raise ViewerLibraryMissing(
            f"the HTML viewer needs Cytoscape.js, not found at {path}: run ./scripts/setup on a "
            "machine with npm (it installs cytoscape into .web-vendor/), or set "
            "POLICYGRAPH_CYTOSCAPE_JS to a cytoscape.min.js"
        )
    return path


def _script_json(value: object) -> str:
    # Inside <script>, "</script>" or "<!--" in a label would end or confuse the element.
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
  html, body {{ margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #222; }}
  body {{ display: flex; }}
  #side {{ width: 280px; padding: 12px; box-sizing: border-box; border-right: 1px solid #ddd;
          overflow-y: auto; background: #fafafa; }}
  #cy {{ flex: 1; height: 100%; }}
  h1 {{ font-size: 16px; margin: 0 0 4px; }}
  .muted {{ color: #666; font-size: 12px; }}
  input {{ width: 100%; box-sizing: border-box; padding: 4px 6px; margin: 8px 0; }}
  .legend span {{ display: inline-block; width: 10px; height: 10px; border-radius: 50%;
                 margin-right: 6px; }}
  .legend div {{ font-size: 12px; }}
  #details table {{ font-size: 12px; border-collapse: collapse; width: 100%; }}
  #details td {{ border-top: 1px solid #eee; padding: 2px 4px; vertical-align: top;
                word-break: break-word; }}
</style>
</head>
<body>
<div id="side">
  <h1>{heading}</h1>
  <div class="muted" id="counts">loading…</div>
  <input id="search" type="search" placeholder="Find a node by label">
  <div class="legend">{legend}</div>
  <div id="details" class="muted">Click a node or edge for its attributes.</div>
</div>
<div id="cy"></div>
<script>{library}</script>
<script type="application/json" id="graph-data">{data}</script>
<script>
(function () {{
  var doc = JSON.parse(document.getElementById("graph-data").textContent);
  var n = doc.elements.nodes.length;
  var cy = cytoscape({{
    container: document.getElementById("cy"),
    elements: doc.elements,
    style: doc.style,
    wheelSensitivity: 0.3,
    layout: {{ name: "grid" }}
  }});
  var nodes = cy.nodes().length, edges = cy.edges().length;
  document.body.setAttribute("data-nodes", nodes);
  document.body.setAttribute("data-edges", edges);
  document.title = doc.data.view + " view: " + nodes + " nodes, " + edges + " edges";
  document.getElementById("counts").textContent =
    nodes + " nodes, " + edges + " edges, " + (doc.data.policies || 0) + " policies";
  // The real layout runs after the counts are on the page: a force layout of a big graph
  // takes a while, and the page should say what it holds meanwhile.
  setTimeout(function () {{
    cy.layout(n <= {force_limit}
      ? {{ name: "cose", animate: false, randomize: true, nodeRepulsion: 8000,
          idealEdgeLength: 80 }}
      : {{ name: "concentric", concentric: function (node) {{ return node.degree(); }},
          levelWidth: function () {{ return 2; }}, animate: false }}).run();
  }}, 0);
  function show(element) {{
    var rows = Object.keys(element.data()).filter(function (k) {{
      return ["colour", "size"].indexOf(k) < 0;
    }}).map(function (k) {{
      var td1 = document.createElement("td"), td2 = document.createElement("td"),
          tr = document.createElement("tr");
      td1.textContent = k; td2.textContent = String(element.data(k));
      tr.appendChild(td1); tr.appendChild(td2); return tr;
    }});
    var table = document.createElement("table");
    rows.forEach(function (r) {{ table.appendChild(r); }});
    var details = document.getElementById("details");
    details.replaceChildren(table);
  }}
  cy.on("tap", "node, edge", function (event) {{ show(event.target); }});
  document.getElementById("search").addEventListener("input", function (event) {{
    var text = event.target.value.toLowerCase();
    cy.elements().removeClass("hidden").style("opacity", 1);
    if (!text) return;
    var hits = cy.nodes().filter(function (node) {{
      return String(node.data("label")).toLowerCase().indexOf(text) >= 0;
    }});
    cy.elements().not(hits.closedNeighborhood()).style("opacity", 0.1);
    if (hits.length) cy.fit(hits.closedNeighborhood(), 40);
  }});
}})();
</script>
</body>
</html>
"""


def write(graph: nx.MultiDiGraph, path: Path) -> None:
    """The page with the graph streamed into its JSON script element."""
    library = library_path().read_text(encoding="utf-8")
    view = str(graph.graph.get("view", "graph"))
    present = {str(a.get("kind", "")) for _, a in graph.nodes(data=True)}
    legend = "".join(
        f'<div><span style="background:{hexa}"></span>{html.escape(kind)}</div>'
        for kind, hexa in KIND_COLOURS.items() if kind in present
    )  # fmt: skip
    page = _PAGE.format(
        title=html.escape(f"PolicyGraph {view} view"),
        heading=html.escape(f"PolicyGraph: {view}"),
        legend=legend,
        library=library.replace("</script", "<\\/script"),
        data="\0",
        force_limit=_FORCE_LAYOUT_LIMIT,
    )
    before, after = page.split("\0")
    with open(path, "w", encoding="utf-8") as out:
        out.write(before)
        cytoscape.stream(graph, out, _script_json)
        out.write(after)
