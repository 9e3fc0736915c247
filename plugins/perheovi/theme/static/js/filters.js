/* Filters for a list of services and meeting places: the child's age, a language, free of
 * charge, how it is given, getting in with a wheelchair or a pram, open now or today; and a
 * sort by distance from the browser's location. An enhancement: without JavaScript every
 * entry shows these facts in its own line (lists.facts_line) and the form stays hidden.
 *
 * Each entry (li.entry) carries its facts as data-* attributes (lists.facts_data). The state is
 * in the URL's query (?ika=0-6&kieli=sv&maksuton=1&tapa=home&auki=nyt), so a filtered list can
 * be shared and Back undoes a change; a live region says how many entries are shown. Nothing
 * is stored and nothing is sent anywhere. The pure functions below are tested in node
 * (tests/js/filters.test.js); the rest ties them to the page.
 */
(function (root) {
  "use strict";

  var KEYS = {ages: "ika", languages: "kieli", free: "maksuton", delivery: "tapa",
              access: "esteeton", open: "auki"};
  // what each "getting in" choice needs of one of the places (model.ACCESS_FEATURES)
  var ACCESS = {wheelchair: ["step-free"], pram: ["step-free", "pram"]};

  /* The filter state from a query string: {ages: [], languages: [], free: false,
   * delivery: [], open: "" | "nyt" | "tanaan"}; unknown values are kept out by the caller. */
  function parseState(search) {
    var params = new URLSearchParams(search);
    function list(key) {
      return params.getAll(key).join(",").split(",").filter(Boolean);
    }
    var open = params.get(KEYS.open) || "";
    return {
      ages: list(KEYS.ages),
      languages: list(KEYS.languages),
      free: params.get(KEYS.free) === "1",
      delivery: list(KEYS.delivery),
      access: list(KEYS.access).filter(function (value) { return ACCESS[value]; }),
      open: open === "nyt" || open === "tanaan" ? open : ""
    };
  }

  /* The state back into `search` (a query string), other parameters kept (?q=, ?kunta=). */
  function writeState(state, search) {
    var params = new URLSearchParams(search);
    Object.keys(KEYS).forEach(function (name) { params.delete(KEYS[name]); });
    ["ages", "languages", "delivery", "access"].forEach(function (name) {
      if (state[name].length) { params.set(KEYS[name], state[name].join(",")); }
    });
    if (state.free) { params.set(KEYS.free, "1"); }
    if (state.open) { params.set(KEYS.open, state.open); }
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function isActive(state) {
    return Boolean(state.ages.length || state.languages.length || state.free ||
                   state.delivery.length || state.access.length || state.open);
  }

  function overlaps(spans, from, until) {
    return spans.some(function (span) { return span[0] < until && from < span[1]; });
  }

  /* Whether an entry with `facts` ({ages, languages, free, delivery, visit, access, always,
   * spans}) shows under `state` at `now` (minutes since the epoch), with `today` its Helsinki
   * day as [start, end) minutes. Within a choice any ticked value will do; across choices all
   * must. An entry for no particular age is for every age; one with no place to visit needs
   * no entrance (a phone line), so it stays under "I use a wheelchair". */
  function matches(facts, state, now, today) {
    function any(wanted, has) {
      return !wanted.length || wanted.some(function (value) { return has.indexOf(value) !== -1; });
    }
    if (state.ages.length && facts.ages.length && !any(state.ages, facts.ages)) { return false; }
    if (!any(state.languages, facts.languages)) { return false; }
    if (state.free && !facts.free) { return false; }
    if (!any(state.delivery, facts.delivery)) { return false; }
    if (facts.visit && !state.access.every(function (need) {
      return any(ACCESS[need], facts.access);
    })) { return false; }
    if (state.open === "nyt") { return facts.always || overlaps(facts.spans, now, now + 1); }
    if (state.open === "tanaan") {
      return facts.always || overlaps(facts.spans, today[0], today[1]);
    }
    return true;
  }

  /* Kilometres between two [lat, lon] points on the Earth (haversine). */
  function distanceKm(a, b) {
    var rad = Math.PI / 180, dLat = (b[0] - a[0]) * rad, dLon = (b[1] - a[1]) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  /* The nearest of an entry's places ("lat,lon;lat,lon") to `here`: Infinity without any. */
  function nearestKm(places, here) {
    return (places ? places.split(";") : []).reduce(function (best, place) {
      return Math.min(best, distanceKm(here, place.split(",").map(Number)));
    }, Infinity);
  }

  /* The positions of `distances` nearest first; equal ones (and those without a place, last)
   * keep their order. */
  function byDistance(distances) {
    return distances.map(function (km, index) { return index; }).sort(function (a, b) {
      return (distances[a] - distances[b]) || (a - b) || 0;
    });
  }

  var core = {parseState: parseState, writeState: writeState, matches: matches,
              isActive: isActive, distanceKm: distanceKm, nearestKm: nearestKm,
              byDistance: byDistance};
  if (typeof module === "object" && module.exports) { module.exports = core; return; }

  // --- the page ------------------------------------------------------------------------------
  var form = document.querySelector("form.filters__form");
  var status = document.getElementById("filters-status");
  if (!form || !status) { return; }
  var box = form.closest(".filters");
  var scope = document.querySelector(form.dataset.scope) || document;
  var text = form.dataset;

  function words(value) { return value ? value.split(" ") : []; }

  function factsOf(entry) {
    var live = entry.querySelector(".open-now[data-open]");
    return {
      ages: words(entry.dataset.ages),
      languages: words(entry.dataset.languages),
      free: entry.dataset.free === "yes",
      delivery: words(entry.dataset.delivery),
      visit: entry.dataset.visit === "yes",
      access: words(entry.dataset.access),
      always: entry.dataset.always === "yes",
      spans: live && root.perheoviSpans ? root.perheoviSpans(live.dataset.open) : []
    };
  }

  function helsinkiDay(now) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {timeZone: "Europe/Helsinki", hour: "numeric",
      minute: "numeric", hourCycle: "h23"}).formatToParts(new Date(now * 60000))
      .forEach(function (part) { parts[part.type] = part.value; });
    var start = now - (+parts.hour % 24) * 60 - (+parts.minute);
    return [start, start + 24 * 60];  // (a day of a clock change is an hour off at its end)
  }

  // The form's inputs carry the URL's own names and values: both ways go through the URL form.
  function fromForm() {
    return parseState(new URLSearchParams(new FormData(form)).toString());
  }

  function toForm(state) {
    var params = new URLSearchParams(writeState(state, ""));
    Array.prototype.forEach.call(form.querySelectorAll("input[name]"), function (input) {
      input.checked = params.getAll(input.name).join(",").split(",").indexOf(input.value) !== -1;
    });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function apply(state) {
    performance.mark("perheovi-filter-start");  // benchmarks/run.py reads the measure
    var now = Math.floor(Date.now() / 60000), today = helsinkiDay(now);
    var entries = scope.querySelectorAll("li.entry, li.result");
    var shown = 0;
    Array.prototype.forEach.call(entries, function (entry) {
      var visible = matches(factsOf(entry), state, now, today);
      entry.hidden = !visible;
      shown += visible ? 1 : 0;
    });
    // a topic or a list left empty says so rather than vanishing (a path's step stays)
    Array.prototype.forEach.call(scope.querySelectorAll("ul.entries, ol.results"), function (list) {
      var any = list.querySelector("li:not([hidden])") !== null;
      var note = list.nextElementSibling;
      if (!note || !note.classList.contains("filters__none")) {
        note = document.createElement("p");
        note.className = "filters__none";
        note.textContent = text.none;
        list.parentNode.insertBefore(note, list.nextSibling);
      }
      note.hidden = any || !entries.length;
      var topic = list.closest("details.topic");
      if (topic) {  // its count: the entries the filters leave
        topic.classList.toggle("topic--filtered-out", !any);
        var count = topic.querySelector(".topic__count");
        if (count) {
          if (!count.dataset.all) { count.dataset.all = count.textContent; }
          count.textContent = isActive(state)
            ? "(" + list.querySelectorAll("li.entry:not([hidden])").length + ")" : count.dataset.all;
        }
      }
    });
    status.textContent = isActive(state)
      ? fill(text.shown, {shown: shown, total: entries.length}) : "";
    if (isActive(state)) { box.open = true; }
    performance.measure("perheovi-filter", "perheovi-filter-start");
  }

  function onChange() {
    var state = fromForm();
    var search = writeState(state, window.location.search);
    if (search !== window.location.search) {
      history.pushState(null, "", window.location.pathname + search + window.location.hash);
    }
    apply(state);
  }

  function start() {  // after open-now.js, which reads the spans (scripts run in order)
    box.hidden = false;
    var initial = parseState(window.location.search);
    toForm(initial);
    apply(initial);
  }

  form.addEventListener("change", onChange);
  form.addEventListener("reset", function () { setTimeout(onChange, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("popstate", function () {
    var state = parseState(window.location.search);
    toForm(state);
    apply(state);
  });
  // --- sort by distance: the location stays in this page, never in the URL or anywhere -------
  var sortButton = form.querySelector(".filters__distance");
  var sortLabel = sortButton && sortButton.textContent;

  function lists() { return scope.querySelectorAll("ul.entries, ol.results"); }

  function sortBy(here) {
    Array.prototype.forEach.call(lists(), function (list) {
      var items = Array.prototype.filter.call(list.children, function (item) {
        return item.matches("li.entry, li.result");
      });
      items.forEach(function (item, index) {
        if (!item.dataset.order) { item.dataset.order = String(index); }
      });
      if (!here) {  // back to the page's own order
        items.sort(function (a, b) { return a.dataset.order - b.dataset.order; });
      } else {
        var km = items.map(function (item) { return nearestKm(item.dataset.places, here); });
        items = byDistance(km).map(function (index) {
          var item = items[index], shown = item.querySelector(".entry__distance");
          if (!shown && isFinite(km[index])) {
            shown = document.createElement("span");
            shown.className = "entry__distance";
            var title = item.querySelector(".entry__title, h2");
            title.parentNode.insertBefore(shown, title.nextSibling);
          }
          if (shown) { shown.textContent = fill(text.km, {km: km[index].toFixed(1)}); }
          return item;
        });
      }
      items.forEach(function (item) {
        if (!here) {
          var shown = item.querySelector(".entry__distance");
          if (shown) { shown.remove(); }
        }
        list.appendChild(item);
      });
    });
  }

  if (sortButton) {
    sortButton.addEventListener("click", function () {
      if (sortButton.getAttribute("aria-pressed") === "true") {
        sortBy(null);
        sortButton.setAttribute("aria-pressed", "false");
        sortButton.textContent = sortLabel;
        status.textContent = "";
        return;
      }
      if (!navigator.geolocation) { status.textContent = text.noLocation; return; }
      navigator.geolocation.getCurrentPosition(function (position) {
        sortBy([position.coords.latitude, position.coords.longitude]);
        sortButton.setAttribute("aria-pressed", "true");
        status.textContent = text.sorted;
      }, function () { status.textContent = text.noLocation; }, {maximumAge: 600000, timeout: 15000});
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {  // loaded later by search.js
    start();
  }
  // search.js draws its results after this runs: it calls this again
  root.perheoviFilters = function () { apply(fromForm()); };
}(this));
