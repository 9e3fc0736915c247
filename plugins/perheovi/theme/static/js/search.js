/* Site search: lunr.js over the prebuilt index of this language (see plugins/perheovi/search.py).
 *
 * The query comes from the URL (?q=…&kunta=…), so a search can be shared and bookmarked and
 * the form works as a plain GET form. Results are written with textContent only: catalogue
 * text and the query are never parsed as HTML. A large catalogue's index is split by area
 * (index.json lists the shards): the first search fetches the region-wide shard and the
 * chosen town's, and only the result chunks it shows.
 */
(function () {
  "use strict";
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var strings = document.getElementById("search-strings");
  if (!results || !status || !strings || typeof lunr === "undefined" ||
      !window.perheoviUnpackIndex) { return; }
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

  // The filters' script loads only when the family opens them, or when the address already
  // holds filters (a shared link): a first search fetches no more than it needs.
  var filters = document.querySelector(".search-filters");
  if (filters) {
    var box = filters.querySelector(".filters");
    var load = function () {
      if (filters.dataset.loaded) { return; }
      filters.dataset.loaded = "yes";
      var script = document.createElement("script");
      script.src = filters.dataset.script;
      document.head.appendChild(script);
    };
    box.hidden = false;
    box.addEventListener("toggle", function () { if (box.open) { load(); } });
    var asked = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(box.querySelectorAll("input[name]"), function (input) {
      if (asked.has(input.name)) { load(); }  // the filters' own names: ika, kieli…
    });
  }
  if (!query) { return; }

  var base = results.dataset.base;  // the language folder, relative to this page
  var manifest = null, shards = {};

  function fetchJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  function terms() {
    return lunr.tokenizer(query).map(String).filter(function (term) { return term.length; });
  }

  // A query is read in every site language (index.json's "cross"): its words go through each
  // other language's own pipeline, as the index built that language's field (search/index.py).
  var crossPipelines = {};
  function crossTerms(lang, word) {
    if (!crossPipelines[lang]) {
      var pipeline = new lunr.Pipeline(), own = lang === "en" ? lunr : lunr[lang];
      if (!own || !own.stemmer) { return []; }
      pipeline.add(own.trimmer, own.stopWordFilter, own.stemmer);
      crossPipelines[lang] = pipeline;
    }
    return crossPipelines[lang].runString(word);
  }

  // A number typed with spaces or a +358 ("116 111", "+358 800 123 456") as the digit strings
  // the index keeps; empty when the query is not a number.
  function numberTerms() {
    if (!/^[+0-9 ()-]+$/.test(query)) { return []; }
    var digits = query.replace(/\D/g, "");
    if (digits.length < 3) { return []; }
    return digits.indexOf("358") === 0 ? [digits, "0" + digits.slice(3)] : [digits];
  }

  // Which shards to search: shard 0 serves the whole region; a town's own services are in
  // the shard that lists it. Without a town, a split index searches the region-wide part only.
  function wanted() {
    var numbers = [0];
    manifest.shards.forEach(function (towns, number) {
      if (number && municipality && towns.indexOf(municipality) !== -1) { numbers.push(number); }
    });
    return numbers;
  }

  function loadShard(number) {
    if (!shards[number]) {
      shards[number] = fetchJson("shard-" + number + ".json").then(function (data) {
        return {number: number, areas: data.areas,
                index: lunr.Index.load(window.perheoviUnpackIndex(data.index)),
                chunks: {}};
      });
    }
    return shards[number];
  }

  function run(shard, fuzzy) {
    var words = terms(), numbers = numberTerms();
    if (!words.length) { return []; }
    var cross = manifest.cross || [];
    return shard.index.query(function (q) {
      numbers.forEach(function (digits) {
        q.term(digits, {fields: ["keywords"], usePipeline: false, boost: 100});
      });
      words.forEach(function (word) {
        if (fuzzy) {  // the word as typed too: a stemmer may cut a typo short (rådgivnig)
          var distance = word.length >= 7 ? 2 : 1;
          q.term(word, {editDistance: distance, boost: 1});
          q.term(word, {editDistance: distance, boost: 1, usePipeline: false});
          return;
        }
        q.term(word, {boost: 10});
        if (word.length >= 3) {
          q.term(word, {usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 2});
        }
        cross.forEach(function (lang) {
          crossTerms(lang, word).forEach(function (term) {
            q.term(term, {fields: ["other"], usePipeline: false, boost: 10});
            if (term.length >= 3) {
              q.term(term, {fields: ["other"], usePipeline: false, boost: 2,
                            wildcard: lunr.Query.wildcard.TRAILING});
            }
          });
        });
      });
    }).filter(function (hit) {
      var area = shard.areas[Number(hit.ref)];
      return !municipality || area.indexOf("region") !== -1 || area.indexOf(municipality) !== -1;
    }).map(function (hit) {
      // a family that chose its municipality sees the town's own services before the same
      // kind of help elsewhere or region-wide
      var own = municipality && shard.areas[Number(hit.ref)].indexOf(municipality) !== -1;
      return {shard: shard, ref: Number(hit.ref), score: hit.score * (own ? 1.5 : 1)};
    });
  }

  function searchAll(loaded, fuzzy) {
    var hits = [];
    loaded.forEach(function (shard) { hits = hits.concat(run(shard, fuzzy)); });
    return hits.sort(function (a, b) {
      return b.score - a.score || a.shard.number - b.shard.number || a.ref - b.ref;
    });
  }

  function doc(hit) {
    var chunk = Math.floor(hit.ref / manifest.chunk), chunks = hit.shard.chunks;
    if (!chunks[chunk]) {
      chunks[chunk] = fetchJson("shard-" + hit.shard.number + "-" + chunk + ".json");
    }
    return chunks[chunk].then(function (docs) { return docs[hit.ref % manifest.chunk]; });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function render(docs, fuzzy, partial) {
    var list = document.createElement("ol");
    list.className = "results";
    docs.forEach(function (doc) {
      var item = document.createElement("li");
      item.className = "result";
      item.dataset.category = doc.category;
      item.dataset.kind = doc.kind;
      if (doc.facts) {  // for filters.js, as the pages' entries carry them
        Object.keys(doc.facts).forEach(function (key) { item.dataset[key] = doc.facts[key]; });
      }
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
        var line = details.join(" · ");
        var at = doc.phone ? line.lastIndexOf(doc.phone) : -1;
        if (at < 0) {
          meta.textContent = line;
        } else {  // the number to tap, as on every page: a tel: link
          var phone = document.createElement("a");
          phone.href = "tel:" + doc.tel;
          phone.className = "result__phone";
          phone.textContent = doc.phone;
          meta.append(line.slice(0, at), phone, line.slice(at + doc.phone.length));
        }
        item.appendChild(meta);
      }
      if (doc.open) {  // worded by open-now.js, as on the pages
        var open = document.createElement("p");
        open.className = "open-now";
        open.dataset.open = doc.open;
        open.dataset.until = results.dataset.openUntil;
        open.hidden = true;
        item.appendChild(open);
      }
      list.appendChild(item);
    });
    results.textContent = "";
    if (docs.length) { results.appendChild(list); }
    if (window.perheoviOpenNow) { window.perheoviOpenNow(); }
    if (window.perheoviFilters) { window.perheoviFilters(); }
    var count = docs.length === 0 ? text.none : docs.length === 1 ? text.one : text.many;
    status.textContent = (fuzzy && docs.length ? text.fuzzy + " " : "") +
      fill(count, {count: docs.length, query: query}) +
      (partial ? " " + text.partial : "");
    results.dataset.state = "done";
  }

  status.textContent = text.searching;
  fetchJson("index.json").then(function (loaded) {
    manifest = loaded;
    var numbers = wanted();
    var partial = manifest.shards.length > 1 && !municipality;
    return Promise.all(numbers.map(loadShard)).then(function (loadedShards) {
      performance.mark("perheovi-search-start");
      var hits = searchAll(loadedShards, false);
      var fuzzy = false;
      if (!hits.length) { hits = searchAll(loadedShards, true); fuzzy = true; }
      performance.measure("perheovi-search", "perheovi-search-start");  // benchmarks/run.py
      return Promise.all(hits.slice(0, 50).map(doc))
        .then(function (docs) { render(docs, fuzzy, partial); });
    });
  }).catch(function () {
    status.textContent = text.failed;
    results.dataset.state = "failed";
    document.querySelectorAll(".no-script-note").forEach(function (note) { note.hidden = false; });
  });
}());
