/* My list: services and meeting places a family saves while browsing, kept in this browser
 * only (localStorage; nothing leaves the device), shown on the My list page with their
 * contacts and today's status, shared as a link that holds the ids (?ids=…) and printed as
 * one leaflet with each entry's QR code.
 *
 * Each entry's page holds the entry as lists draw it in a <template id="saved-entry"> and its
 * printed address and QR code (.leaflet-address): the list fetches the saved pages from this
 * same site and shows those, so it is always today's build. An enhancement: without
 * JavaScript the buttons stay hidden and the list page says so.
 */
(function () {
  "use strict";
  var STORAGE = "perheovi-list";
  var KEY = /^(service|meeting-place)\/[a-z0-9]+(-[a-z0-9]+)*\/$/;

  function valid(key) { return typeof key === "string" && KEY.test(key); }

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORAGE) || "[]");
      return Array.isArray(saved) ? saved.filter(valid) : [];
    } catch (error) {
      return [];  // storage switched off, or not ours: an empty list
    }
  }

  function store(keys) {
    try { window.localStorage.setItem(STORAGE, JSON.stringify(keys)); } catch (error) { /* off */ }
  }

  // --- a service's or meeting place's page: "Save to my list" --------------------------------
  Array.prototype.forEach.call(document.querySelectorAll("button[data-save]"), function (button) {
    var key = button.dataset.save, label = button.textContent;
    function show() {
      var saved = load().indexOf(key) !== -1;
      button.setAttribute("aria-pressed", saved ? "true" : "false");
      button.textContent = saved ? button.dataset.saved : label;
    }
    button.addEventListener("click", function () {
      var keys = load(), at = keys.indexOf(key);
      if (at === -1) { keys.push(key); } else { keys.splice(at, 1); }
      store(keys);
      show();
    });
    button.closest(".save").hidden = false;
    show();
  });

  // --- the My list page ----------------------------------------------------------------------
  var box = document.getElementById("my-list");
  if (!box) { return; }
  var text = box.dataset;
  var list = box.querySelector(".my-list__entries");
  var status = document.getElementById("my-list-status");
  var tools = document.querySelector(".my-list__tools");
  var linkField = document.getElementById("my-list-link");
  document.querySelectorAll(".no-script-note").forEach(function (note) { note.hidden = true; });

  var params = new URLSearchParams(window.location.search);
  var shared = params.has("ids");
  var keys = shared ? params.get("ids").split(",").filter(valid) : load();

  function shareLink() {
    var query = keys.length ? "?" + new URLSearchParams({ids: keys.join(",")}).toString() : "";
    return window.location.origin + window.location.pathname + query;
  }

  function entryOf(key) {
    var address = new URL(text.base + key, window.location.href);
    return fetch(address.href).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      var template = page.getElementById("saved-entry");
      var item = template && template.content.querySelector("li");
      if (!item) { throw new Error("no entry"); }
      item = document.importNode(item, true);
      // its links were written for its own page's folder
      Array.prototype.forEach.call(item.querySelectorAll("a[href]"), function (link) {
        link.setAttribute("href", new URL(link.getAttribute("href"), address).href);
      });
      var leaflet = page.querySelector(".leaflet-address");
      if (leaflet) { item.appendChild(document.importNode(leaflet, true)); }
      return item;
    }).catch(function () {
      var item = document.createElement("li");
      item.className = "entry entry--missing";
      item.textContent = text.failed;
      return item;
    });
  }

  function removeButton(key, item) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "my-list__remove no-print";
    button.textContent = text.remove;
    button.addEventListener("click", function () {
      keys = keys.filter(function (other) { return other !== key; });
      store(keys);
      item.remove();
      update();
    });
    return button;
  }

  function update() {
    status.textContent = keys.length ? (shared ? text.shared : "") : text.empty;
    linkField.href = linkField.textContent = shareLink();
    tools.hidden = !keys.length;
  }

  Promise.all(keys.map(entryOf)).then(function (items) {
    items.forEach(function (item, index) {
      if (!shared) { item.appendChild(removeButton(keys[index], item)); }
      list.appendChild(item);
    });
    update();
    if (window.perheoviOpenNow) { window.perheoviOpenNow(); }
    box.dataset.state = "done";
  });

  var keep = document.querySelector(".my-list__keep");
  keep.hidden = !shared;
  keep.addEventListener("click", function () {
    var mine = load();
    keys.forEach(function (key) { if (mine.indexOf(key) === -1) { mine.push(key); } });
    store(mine);
    keep.hidden = true;
  });
  document.querySelector(".my-list__copy").addEventListener("click", function (event) {
    var button = event.currentTarget;
    var copied = navigator.clipboard ? navigator.clipboard.writeText(linkField.href)
      : Promise.reject(new Error("no clipboard"));
    copied.then(function () { status.textContent = button.dataset.copied; }, function () {});
  });
  document.querySelector(".my-list__print").addEventListener("click", function () {
    window.print();
  });
}());
