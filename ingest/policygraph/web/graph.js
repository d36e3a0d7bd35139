// Graph drawing: cytoscape when scripts/setup installed it, else a small SVG layout of our own.
// nodes: [{id, label, kind, layer?}], edges: [{source, target, label}]
"use strict";

const KIND_COLOURS = {
  company: "#1f3a5a", practice: "#2f6fb3", denied: "#a32020", data: "#2e8b57",
  purpose: "#b8860b", recipient: "#7b4fa0", iri: "#2f6fb3", literal: "#6b7785", other: "#6b7785",
};
const MAX_NODES = 400; // beyond this a drawing is unreadable and slow

function drawGraph(container, nodes, edges) {
  container.innerHTML = "";
  if (nodes.length > MAX_NODES) {
    const keep = new Set(nodes.slice(0, MAX_NODES).map((n) => n.id));
    nodes = nodes.filter((n) => keep.has(n.id));
    edges = edges.filter((e) => keep.has(e.source) && keep.has(e.target));
  }
  if (window.cytoscape) return drawCytoscape(container, nodes, edges);
  return drawSvg(container, nodes, edges);
}

function drawCytoscape(container, nodes, edges) {
  const layered = nodes.every((n) => n.layer !== undefined);
  if (layered) layoutLayers(nodes, container.clientWidth || 900, layeredHeight(container, nodes));
  window.cytoscape({
    container,
    elements: [
      ...nodes.map((n) => ({
        data: { id: n.id, label: n.label, colour: KIND_COLOURS[n.kind] || "#6b7785" },
        position: layered ? { x: n.x, y: n.y } : undefined,
      })),
      ...edges.map((e, i) => ({ data: { id: "e" + i, source: e.source, target: e.target, label: e.label } })),
    ],
    style: [
      { selector: "node", style: { "background-color": "data(colour)", label: "data(label)",
        "font-size": 10, "text-valign": "center", "text-halign": "right", "text-margin-x": 4,
        width: 12, height: 12 } },
      { selector: "edge", style: { width: 1, "line-color": "#9aa7b4", "target-arrow-color": "#9aa7b4",
        "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.6 } },
    ],
    layout: layered ? { name: "preset", fit: true, padding: 20 }
      : { name: "cose", animate: false, numIter: 500 },
  });
  container.dataset.renderer = "cytoscape";
}

const SVG_NS = "http://www.w3.org/2000/svg";

function svgEl(name, attrs) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

function layeredHeight(container, nodes) {
  // Tall enough for the longest column at ~16 px a node; the view scales it to fit.
  const counts = {};
  for (const n of nodes) counts[n.layer] = (counts[n.layer] || 0) + 1;
  return Math.max(container.clientHeight || 420, 16 * Math.max(...Object.values(counts)));
}

function layoutLayers(nodes, width, height) {
  // Columns by layer (company | practices | data, purposes, recipients), spread evenly.
  const layers = new Map();
  for (const n of nodes) {
    if (!layers.has(n.layer)) layers.set(n.layer, []);
    layers.get(n.layer).push(n);
  }
  const keys = [...layers.keys()].sort((a, b) => a - b);
  keys.forEach((key, i) => {
    const column = layers.get(key);
    const x = 70 + (i * (width - 200)) / Math.max(1, keys.length - 1);
    column.forEach((n, j) => { n.x = x; n.y = ((j + 1) * height) / (column.length + 1); });
  });
}

function layoutForce(nodes, edges, width, height) {
  // A bounded spring embedder: fixed iteration count, so it always ends quickly.
  nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    n.x = width / 2 + (width / 3) * Math.cos(angle);
    n.y = height / 2 + (height / 3) * Math.sin(angle);
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const k = Math.sqrt((width * height) / Math.max(1, nodes.length)) * 0.6;
  for (let step = 0; step < 150; step++) {
    const t = 10 * (1 - step / 150) + 0.5;
    for (const n of nodes) { n.dx = 0; n.dy = 0; }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        const dx = a.x - b.x, dy = a.y - b.y, d2 = Math.max(dx * dx + dy * dy, 0.01);
        const f = (k * k) / d2;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
    }
    for (const e of edges) {
      const a = byId.get(e.source), b = byId.get(e.target);
      if (!a || !b || a === b) continue;
      const dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) || 0.1;
      const f = d / k;
      a.dx -= dx * f; a.dy -= dy * f; b.dx += dx * f; b.dy += dy * f;
    }
    for (const n of nodes) {
      const len = Math.sqrt(n.dx * n.dx + n.dy * n.dy) || 1;
      n.x = Math.min(width - 40, Math.max(40, n.x + (n.dx / len) * Math.min(len, t)));
      n.y = Math.min(height - 20, Math.max(20, n.y + (n.dy / len) * Math.min(len, t)));
    }
  }
}

function drawSvg(container, nodes, edges) {
  const width = container.clientWidth || 900;
  let height = container.clientHeight || 420;
  if (nodes.every((n) => n.layer !== undefined)) {
    height = layeredHeight(container, nodes);
    layoutLayers(nodes, width, height);
  }
  else layoutForce(nodes, edges, width, height);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, role: "img" });
  for (const e of edges) {
    const a = byId.get(e.source), b = byId.get(e.target);
    if (!a || !b) continue;
    const line = svgEl("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y });
    const title = svgEl("title", {});
    title.textContent = e.label;
    line.appendChild(title);
    svg.appendChild(line);
  }
  for (const n of nodes) {
    const g = svgEl("g", {});
    g.appendChild(svgEl("circle", { cx: n.x, cy: n.y, r: 6, fill: KIND_COLOURS[n.kind] || "#6b7785" }));
    const text = svgEl("text", { x: n.x + 9, y: n.y + 4 });
    text.textContent = n.label.length > 32 ? n.label.slice(0, 31) + "…" : n.label;
    const title = svgEl("title", {});
    title.textContent = n.id;
    g.appendChild(title);
    g.appendChild(text);
    svg.appendChild(g);
  }
  container.appendChild(svg);
  container.dataset.renderer = "svg";
}

window.drawGraph = drawGraph;
