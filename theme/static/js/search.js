/* Site search: lunr.js over the prebuilt index of this language (see plugins/perheovi/search.py).
 *
 * The query comes from the URL (?q=…&kunta=…), so a search can be shared and bookmarked and
 * the form works as a plain GET form. Results are written with textContent only: catalogue
 * text and the query are never parsed as HTML.
 */
(function () {
  "use strict";
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var strings = document.getElementById("search-strings");
  if (!results || !status || !strings || typeof lunr === "undefined") { return; }
  var text = strings.dataset;
  var params = new URLSearchParams(window.location.search);
  var query = (params.get("q") || "").trim().slice(0, 200);
  var municipality = params.get("kunta") || "";
  var input = document.getElementById("q");
  var select = document.getElementById("kunta");
  input.value = query;
  if (select && select.querySelector('option[value="' + CSS.escape(municipality) + '"]')) {
    select.value = municipality;
  } else {
    municipality = "";
  }
  document.querySelectorAll(".no-script-note").forEach(function (note) { note.hidden = true; });
  if (!query) { return; }

  var base = results.dataset.base;  // the language folder, relative to this page
  var data = null, index = null, stores = {};

  function fetchJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  function terms() {
    return lunr.tokenizer(query).map(String).filter(function (term) { return term.length; });
  }

  function run(fuzzy) {
    var words = terms();
    if (!words.length) { return []; }
    return index.query(function (q) {
      words.forEach(function (word) {
        if (fuzzy) {
          q.term(word, {editDistance: word.length >= 7 ? 2 : 1, boost: 1});
          return;
        }
        q.term(word, {boost: 10});
        if (word.length >= 3) {
          q.term(word, {usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 2});
        }
      });
    });
  }

  function inMunicipality(hit) {
    if (!municipality) { return true; }
    var area = data.areas[Number(hit.ref)];
    return area.indexOf("region") !== -1 || area.indexOf(municipality) !== -1;
  }

  function load(refs) {
    var chunks = {};
    refs.forEach(function (ref) { chunks[Math.floor(ref / data.chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (chunk) {
      if (stores[chunk]) { return stores[chunk]; }
      stores[chunk] = fetchJson("store-" + chunk + ".json");
      return stores[chunk];
    })).then(function () {
      return Promise.all(refs.map(function (ref) {
        return stores[Math.floor(ref / data.chunk)].then(function (chunk) {
          return chunk[ref % data.chunk];
        });
      }));
    });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function render(docs, fuzzy) {
    var list = document.createElement("ol");
    list.className = "results";
    docs.forEach(function (doc) {
      var item = document.createElement("li");
      item.className = "result";
      item.dataset.category = doc.category;
      item.dataset.kind = doc.kind;
      var heading = document.createElement("h2");
      var link = document.createElement("a");
      link.href = base + doc.key;
      link.textContent = doc.name;
      heading.appendChild(link);
      item.appendChild(heading);
      var details = [doc.provider, doc.where, doc.contact].filter(Boolean);
      if (details.length) {
        var meta = document.createElement("p");
        meta.className = "result__meta";
        meta.textContent = details.join(" · ");
        item.appendChild(meta);
      }
      list.appendChild(item);
    });
    results.textContent = "";
    if (docs.length) { results.appendChild(list); }
    var count = docs.length === 0 ? text.none : docs.length === 1 ? text.one : text.many;
    status.textContent = (fuzzy && docs.length ? text.fuzzy + " " : "") +
      fill(count, {count: docs.length, query: query});
    results.dataset.state = "done";
  }

  status.textContent = text.searching;
  fetchJson("index.json").then(function (loaded) {
    data = loaded;
    index = lunr.Index.load(loaded.index);
    performance.mark("perheovi-search-start");
    var hits = run(false).filter(inMunicipality);
    var fuzzy = false;
    if (!hits.length) { hits = run(true).filter(inMunicipality); fuzzy = true; }
    performance.measure("perheovi-search", "perheovi-search-start");  // for benchmarks/run.py
    return load(hits.slice(0, 50).map(function (hit) { return Number(hit.ref); }))
      .then(function (docs) { render(docs, fuzzy); });
  }).catch(function () {
    status.textContent = text.failed;
    results.dataset.state = "failed";
    document.querySelectorAll(".no-script-note").forEach(function (note) { note.hidden = false; });
  });
}());
