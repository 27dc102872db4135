// The query page: runs the query through the endpoint and shows the rows as a table.
// No library and no CDN, so the page works offline.
"use strict";

const form = document.getElementById("query-form");
const editor = document.getElementById("query");
const results = document.getElementById("results");
const status = document.getElementById("status");
const downloads = document.getElementById("downloads");
const prefixes = document.getElementById("prefixes").innerHTML
  .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

document.getElementById("examples").addEventListener("change", (event) => {
  if (event.target.value) editor.value = prefixes + "\n" + event.target.value;
});

function entityLink(iri) {
  // Graph IRIs dereference on this host: https://w3id.org/rubin/dmops/{type}/{key} -> /id/{type}/{key}
  const base = "https://w3id.org/rubin/dmops/";
  if (iri.startsWith(base) && !iri.includes("#")) return "/id/" + iri.slice(base.length);
  return iri;
}

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const a = document.createElement("a");
    a.href = entityLink(term.value);
    a.textContent = term.value;
    td.appendChild(a);
  } else {
    td.textContent = term.value + (term["xml:lang"] ? "@" + term["xml:lang"] : "");
  }
  return td;
}

function showTable(data) {
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const name of data.head.vars) {
    const th = document.createElement("th");
    th.textContent = name;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const binding of data.results.bindings) {
    const row = body.insertRow();
    for (const name of data.head.vars) row.appendChild(cell(binding[name]));
  }
  results.replaceChildren(table);
  status.textContent = data.results.bindings.length + " rows";
}

function showText(text) {
  const pre = document.createElement("pre");
  pre.textContent = text;
  results.replaceChildren(pre);
}

function updateDownloads() {
  for (const link of downloads.querySelectorAll("a[data-format]")) {
    link.href = "/sparql?" + new URLSearchParams({ query: editor.value, format: link.dataset.format });
  }
  downloads.hidden = false;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  status.textContent = "running…";
  const response = await fetch("/sparql", {
    method: "POST",
    headers: {
      "Content-Type": "application/sparql-query",
      "Accept": "application/sparql-results+json, text/turtle;q=0.9",
    },
    body: editor.value,
  });
  const type = response.headers.get("content-type") || "";
  if (!response.ok) {
    const error = await response.json().catch(() => ({ detail: [{ msg: response.statusText }] }));
    const p = document.createElement("p");
    p.className = "error";
    p.textContent = response.status + ": " + error.detail.map((d) => d.msg).join("; ");
    results.replaceChildren(p);
    status.textContent = "error";
    return;
  }
  if (type.includes("sparql-results+json")) {
    const data = await response.json();
    if ("boolean" in data) { showText(String(data.boolean)); status.textContent = "answer"; }
    else showTable(data);
  } else {
    showText(await response.text());
    status.textContent = "graph";
  }
  updateDownloads();
});
