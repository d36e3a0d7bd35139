// The PolicyGraph page: query editor + catalogue, sortable results, graph view, policy view.
"use strict";

const $ = (id) => document.getElementById(id);
let PREFIXES = {};
let CATALOGUE = [];

function shorten(value) {
  if (typeof value !== "string") return value;
  let best = null;
  for (const [prefix, ns] of Object.entries(PREFIXES)) {
    if (value.startsWith(ns) && (!best || ns.length > best[1].length)) best = [prefix, ns];
  }
  return best ? `${best[0]}:${value.slice(best[1].length)}` : value;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : String(c ?? ""));
  return node;
}

async function fetchJson(url, options) {
  const response = await fetch(url, options);
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try { message = JSON.parse(text).error || text; } catch (_) { /* not JSON */ }
    throw new Error(`${response.status}: ${message}`);
  }
  return { data: JSON.parse(text), truncated: response.headers.get("X-PolicyGraph-Truncated") === "true" };
}

// --- results table -------------------------------------------------------------------------

function cellNode(column, value) {
  if (value === null || value === undefined) return "";
  if (column === "policy" && typeof value === "string" && value.includes("/policy/")) {
    return el("a", { class: "iri", href: "/policy?iri=" + encodeURIComponent(value), title: value }, shorten(value));
  }
  if (typeof value === "string" && /^https?:\/\//.test(value)) {
    return el("span", { class: "iri", title: value }, shorten(value));
  }
  return String(value);
}

function renderTable(container, columns, rows) {
  container.innerHTML = "";
  const table = el("table");
  const headRow = el("tr");
  const tbody = el("tbody");
  let sort = { index: -1, dir: 1 };
  const fill = () => {
    tbody.innerHTML = "";
    for (const row of rows) {
      tbody.append(el("tr", {}, ...columns.map((c, i) => el("td", {}, cellNode(c, row[i])))));
    }
  };
  columns.forEach((column, index) => {
    const th = el("th", { title: "Sort by " + column }, column);
    th.addEventListener("click", () => {
      sort = { index, dir: sort.index === index ? -sort.dir : 1 };
      rows.sort((a, b) => compare(a[index], b[index]) * sort.dir);
      headRow.querySelectorAll("th").forEach((h) => h.classList.remove("sorted-asc", "sorted-desc"));
      th.classList.add(sort.dir === 1 ? "sorted-asc" : "sorted-desc");
      fill();
    });
    headRow.append(th);
  });
  table.append(el("thead", {}, headRow), tbody);
  fill();
  container.append(table);
}

function compare(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined || a === "") return 1; // blanks last
  if (b === null || b === undefined || b === "") return -1;
  const na = Number(a), nb = Number(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return String(a).localeCompare(String(b));
}

function setStatus(text, isError = false) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

function setDownloads(links) {
  $("downloads").innerHTML = "";
  for (const [label, href] of links) $("downloads").append(el("a", { href, download: "" }, label));
}

// --- running queries -----------------------------------------------------------------------

function sparqlValue(term) {
  if (!term) return null;
  if (term.type === "literal" && term.datatype && /#(integer|decimal|double|int|long)$/.test(term.datatype)) {
    return Number(term.value);
  }
  return term.value;
}

async function runSparql() {
  const query = $("editor").value;
  setStatus("Running…");
  $("results").innerHTML = "";
  $("graph").hidden = true;
  const started = performance.now();
  const body = new URLSearchParams({ query });
  const response = await fetch("/sparql", {
    method: "POST", body,
    headers: { Accept: "application/sparql-results+json, application/n-triples;q=0.9" },
  });
  const text = await response.text();
  const ms = Math.round(performance.now() - started);
  if (!response.ok) {
    let message = text;
    try { message = JSON.parse(text).error; } catch (_) { /* plain text */ }
    setStatus(`Error ${response.status}: ${message}`, true);
    setDownloads([]);
    return;
  }
  const truncated = response.headers.get("X-PolicyGraph-Truncated") === "true" ? " (truncated)" : "";
  const link = (fmt) => "/sparql?" + new URLSearchParams({ query, format: fmt });
  if ((response.headers.get("Content-Type") || "").includes("n-triples")) {
    const triples = parseNTriples(text);
    setStatus(`${triples.length} triples in ${ms} ms${truncated}`);
    setDownloads([["Turtle", link("turtle")], ["N-Triples", link("ntriples")], ["JSON-LD", link("jsonld")]]);
    renderTable($("results"), ["subject", "predicate", "object"], triples.map((t) => [t.s, t.p, t.o]));
    $("graph").hidden = false;
    drawGraph($("graph"), ...triplesToGraph(triples));
    return;
  }
  const json = JSON.parse(text);
  if ("boolean" in json) {
    setStatus(`ASK: ${json.boolean} (${ms} ms)`);
    setDownloads([["JSON", link("json")], ["XML", link("xml")]]);
    return;
  }
  const columns = json.head.vars;
  const rows = json.results.bindings.map((b) => columns.map((c) => sparqlValue(b[c])));
  setStatus(`${rows.length} rows in ${ms} ms${truncated}`);
  setDownloads([["CSV", link("csv")], ["JSON", link("json")], ["TSV", link("tsv")], ["XML", link("xml")]]);
  renderTable($("results"), columns, rows);
}

async function runCatalogue() {
  const name = $("catalogue").value;
  if (!name) return;
  const params = new URLSearchParams();
  for (const input of $("params").querySelectorAll("input")) {
    if (input.value.trim()) params.set(input.name, input.value.trim());
  }
  setStatus("Running…");
  $("results").innerHTML = "";
  $("graph").hidden = true;
  const started = performance.now();
  try {
    const { data, truncated } = await fetchJson(`/queries/${name}?${params}`);
    const ms = Math.round(performance.now() - started);
    const entry = CATALOGUE.find((q) => q.name === name);
    const columns = data.length ? Object.keys(data[0]) : entry.columns;
    setStatus(`${data.length} rows in ${ms} ms${truncated ? " (truncated)" : ""}`);
    const link = (fmt) => `/queries/${name}?${new URLSearchParams([...params, ["format", fmt]])}`;
    setDownloads([["CSV", link("csv")], ["JSON", link("json")]]);
    renderTable($("results"), columns, data.map((r) => columns.map((c) => r[c])));
  } catch (error) {
    setStatus(String(error.message), true);
    setDownloads([]);
  }
}

function chooseCatalogue() {
  const entry = CATALOGUE.find((q) => q.name === $("catalogue").value);
  $("params").innerHTML = "";
  $("run-rest").disabled = !entry;
  $("catalogue-description").textContent = entry ? entry.description : "";
  if (!entry) return;
  $("editor").value = entry.sparql.split("\n").filter((l) => !l.startsWith("# ")).join("\n").trim();
  for (const p of entry.parameters) {
    const input = el("input", { name: p.name, placeholder: `${p.type}${p.required ? " (required)" : ""}`, title: p.description });
    $("params").append(el("span", { class: "param" }, el("label", {}, p.name), input));
  }
}

// --- N-Triples -> graph --------------------------------------------------------------------

const NT_TERM = /<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:\^\^<[^>]*>|@[\w-]+)?/g;

function parseNTriples(text) {
  const triples = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const terms = [...line.matchAll(NT_TERM)].slice(0, 3).map((m) => {
      if (m[1] !== undefined) return { kind: "iri", value: m[1] };
      if (m[2] !== undefined) return { kind: "bnode", value: "_:" + m[2] };
      return { kind: "literal", value: JSON.parse('"' + m[3] + '"') };
    });
    if (terms.length === 3) triples.push({ s: terms[0].value, p: terms[1].value, o: terms[2].value, oKind: terms[2].kind });
  }
  return triples;
}

function triplesToGraph(triples) {
  const nodes = new Map(), edges = [];
  const add = (id, kind) => { if (!nodes.has(id)) nodes.set(id, { id, label: shorten(id), kind }); };
  triples.forEach((t, i) => {
    add(t.s, "iri");
    const target = t.oKind === "literal" ? `literal:${i}` : t.o;
    if (t.oKind === "literal") nodes.set(target, { id: target, label: t.o, kind: "literal" });
    else add(t.o, "iri");
    edges.push({ source: t.s, target, label: shorten(t.p) });
  });
  return [[...nodes.values()], edges];
}

// --- policies ------------------------------------------------------------------------------

async function showPolicies() {
  const { data } = await fetchJson("/queries/policies");
  const columns = ["policy", "company_label", "date", "source"];
  renderTable($("policy-list"), columns, data.map((r) => columns.map((c) => r[c])));
}

function groupStatements(rows) {
  const byIri = new Map();
  for (const r of rows) {
    if (!byIri.has(r.statement)) {
      byIri.set(r.statement, { iri: r.statement, types: new Set(), props: new Map(), start: r.start, end: r.end, section: r.section });
    }
    const s = byIri.get(r.statement);
    s.types.add(shorten(r.type));
    const prop = shorten(r.property);
    if (!s.props.has(prop)) s.props.set(prop, new Set());
    s.props.get(prop).add(r.value_label ?? shorten(String(r.value)));
  }
  return [...byIri.values()];
}

function policyGraph(policy, statements) {
  // company -> practices -> data, purposes, recipients
  const nodes = new Map(), edges = [];
  const companyId = policy.company || policy.policy;
  nodes.set(companyId, { id: companyId, label: policy.company_label || shorten(companyId), kind: "company", layer: 0 });
  const roles = { "dpv:hasPersonalData": "data", "dpv:hasPurpose": "purpose", "dpv:hasDataProcessor": "recipient",
    "dpv:hasThirdParty": "recipient", "dpv:hasRecipient": "recipient" };
  for (const s of statements) {
    if (!s.types.has("dpv:Process") && !s.types.has("pg:DeniedPractice")) continue;
    const denied = s.types.has("pg:DeniedPractice");
    const action = [...(s.props.get("dpv:hasProcessing") || [])].join(", ") || "practice";
    nodes.set(s.iri, { id: s.iri, label: (denied ? "not " : "") + action, kind: denied ? "denied" : "practice", layer: 1 });
    edges.push({ source: companyId, target: s.iri, label: "states" });
    for (const [prop, values] of s.props) {
      if (!roles[prop]) continue;
      for (const v of values) {
        const id = `${roles[prop]}:${v}`;
        if (!nodes.has(id)) nodes.set(id, { id, label: v, kind: roles[prop], layer: 2 });
        edges.push({ source: s.iri, target: id, label: prop });
      }
    }
  }
  return [[...nodes.values()], edges];
}

// Offsets are Unicode code points (Python string indices); JS strings count UTF-16 units.
function renderPolicyText(chars, statements, current) {
  const box = $("policy-text");
  box.innerHTML = "";
  const spans = [...new Map(statements.map((s) => [`${s.start}-${s.end}`, s])).values()]
    .sort((a, b) => a.start - b.start);
  let pos = 0, currentMark = null;
  for (const s of spans) {
    if (s.start < pos) continue; // overlapping sentences: keep the first
    box.append(chars.slice(pos, s.start).join(""));
    const mark = el("mark", { "data-span": `${s.start}-${s.end}` }, chars.slice(s.start, s.end).join(""));
    if (current && current.start === s.start && current.end === s.end) { mark.className = "current"; currentMark = mark; }
    box.append(mark);
    pos = s.end;
  }
  box.append(chars.slice(pos).join(""));
  // Scroll the text box only, not the page, so the clicked statement stays in view.
  if (currentMark) box.scrollTop = currentMark.offsetTop - box.clientHeight / 3;
}

async function showPolicy(iri) {
  const { data } = await fetchJson("/api/policy?iri=" + encodeURIComponent(iri));
  $("policy-title").textContent = data.title || data.company_label || shorten(iri);
  $("policy-meta").textContent = [data.company_label, data.date, data.source, iri].filter(Boolean).join(" · ");
  const statements = groupStatements(data.statements);
  const chars = Array.from(data.text);
  $("statement-count").textContent = `(${statements.length})`;
  const list = $("statements");
  list.innerHTML = "";
  for (const s of statements) {
    const props = [...s.props]
      .filter(([p, vs]) => !(["pg:hedged", "pg:negated"].includes(p) && vs.has("false")))
      .sort(([a], [b]) => (b === "dpv:hasProcessing") - (a === "dpv:hasProcessing"))
      .map(([p, vs]) => `${p}: ${[...vs].join(", ")}`).join(" · ");
    const li = el("li", { "data-start": s.start, "data-end": s.end, title: s.iri },
      el("div", { class: "kind" }, [...s.types].join(", ") + (s.section ? ` — ${s.section}` : "")),
      el("div", { class: "props" }, props));
    li.addEventListener("click", () => {
      list.querySelectorAll("li.selected").forEach((x) => x.classList.remove("selected"));
      li.classList.add("selected");
      renderPolicyText(chars, statements, s);
    });
    list.append(li);
  }
  $("statement-filter").oninput = (e) => {
    const needle = e.target.value.toLowerCase();
    for (const li of list.children) li.hidden = needle && !li.textContent.toLowerCase().includes(needle);
  };
  renderPolicyText(chars, statements, null);
  drawGraph($("policy-graph"), ...policyGraph(data, statements));
}

// --- start ---------------------------------------------------------------------------------

async function start() {
  PREFIXES = (await fetchJson("/api/prefixes")).data;
  const params = new URLSearchParams(location.search);
  const show = (id) => { for (const v of ["view-query", "view-policies", "view-policy"]) $(v).hidden = v !== id; };
  if (location.pathname === "/policy") {
    $("nav-policies").classList.add("active");
    if (params.get("iri")) { show("view-policy"); await showPolicy(params.get("iri")); }
    else { show("view-policies"); await showPolicies(); }
    return;
  }
  $("nav-query").classList.add("active");
  show("view-query");
  CATALOGUE = (await fetchJson("/queries")).data;
  for (const q of CATALOGUE) $("catalogue").append(el("option", { value: q.name }, `${q.name} — ${q.title}`));
  $("catalogue").addEventListener("change", chooseCatalogue);
  $("run-rest").addEventListener("click", runCatalogue);
  $("run-sparql").addEventListener("click", runSparql);
  $("editor").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) runSparql(); });
}

// data-ready tells scripted browsers (and the tests) that the buttons now do something.
start().then(() => { document.body.dataset.ready = "true"; }).catch((error) => {
  document.querySelector("main:not([hidden])")?.prepend(el("p", { class: "error" }, String(error.message || error)));
});
