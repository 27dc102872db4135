// The query page: runs the query through the endpoint and shows the rows as a table.
// No library and no CDN, so the page works offline.
"use strict";

const form = document.getElementById("query-form");
const editor = document.getElementById("query");
const run = document.getElementById("run");
const results = document.getElementById("results");
const status = document.getElementById("status");
const downloads = document.getElementById("downloads");
const prefixes = document.getElementById("prefixes").content.textContent;
const EXTENSIONS = {
  json: "json", xml: "xml", csv: "csv", tsv: "tsv",
  turtle: "ttl", jsonld: "jsonld", ntriples: "nt", rdfxml: "rdf",
};

function showQueryEnd() {
  // The prefix block fills the editor's first lines: show the query itself.
  editor.scrollTop = editor.scrollHeight;
}

document.getElementById("examples").addEventListener("change", (event) => {
  if (!event.target.value) return;
  editor.value = prefixes + "\n" + event.target.value;
  showQueryEnd();
});
showQueryEnd();

editor.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    form.requestSubmit();
  }
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
    th.scope = "col";
    th.textContent = name;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const binding of data.results.bindings) {
    const row = body.insertRow();
    for (const name of data.head.vars) row.appendChild(cell(binding[name]));
  }
  results.replaceChildren(table);
  const count = data.results.bindings.length;
  return count + (count === 1 ? " row" : " rows");
}

function showText(text) {
  const pre = document.createElement("pre");
  pre.textContent = text;
  results.replaceChildren(pre);
}

function showError(message) {
  const p = document.createElement("p");
  p.className = "error";
  p.setAttribute("role", "alert");
  p.textContent = message;
  results.replaceChildren(p);
}

function updateDownloads(query, kind) {
  // Links to the results just shown, in the formats that fit them (a table or a graph).
  for (const group of downloads.querySelectorAll("[data-kind]")) {
    group.hidden = group.dataset.kind !== kind;
  }
  for (const link of downloads.querySelectorAll("a[data-format]")) {
    const format = link.dataset.format;
    link.href = "/sparql?" + new URLSearchParams({ query, format });
    link.download = kind + "." + EXTENSIONS[format];
  }
  downloads.hidden = false;
}

async function errorMessage(response) {
  const text = await response.text();
  try {
    return JSON.parse(text).detail.map((d) => d.msg).join("; ");
  } catch {
    return text || response.statusText;
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const query = editor.value;
  downloads.hidden = true;
  run.disabled = true;
  results.setAttribute("aria-busy", "true");
  status.textContent = "running…";
  try {
    const response = await fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/sparql-query",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: query,
    });
    if (!response.ok) {
      showError(response.status + ": " + (await errorMessage(response)));
      status.textContent = "error " + response.status;
      return;
    }
    const type = response.headers.get("content-type") || "";
    let summary;
    let kind = "results";
    if (type.includes("sparql-results+json")) {
      const data = await response.json();
      if ("boolean" in data) {
        showText(String(data.boolean));
        summary = "answer: " + data.boolean;
      } else {
        summary = showTable(data);
      }
    } else {
      showText(await response.text());
      kind = "graph";
      summary = (response.headers.get("x-result-rows") || "?") + " triples";
    }
    if (response.headers.get("x-result-truncated")) {
      summary += " (truncated at the service's limit)";
    }
    status.textContent = summary;
    updateDownloads(query, kind);
  } catch (error) {
    showError("the service could not be reached: " + error.message);
    status.textContent = "error";
  } finally {
    run.disabled = false;
    results.removeAttribute("aria-busy");
  }
});
