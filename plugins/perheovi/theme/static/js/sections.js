/* A municipality page's topics are collapsible sections (<details>): the one opened is kept in
 * the URL's fragment only (shareable; Back and reload keep it; nothing is stored), and a
 * link to #topic opens it. Without JavaScript the sections open and close all the same. */
(function () {
  "use strict";
  var sections = document.querySelectorAll("details.topic[id]");
  function openFromUrl() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.matches("details.topic")) { target.open = true; }
  }
  Array.prototype.forEach.call(sections, function (section) {
    section.addEventListener("toggle", function () {
      if (section.open) {
        history.replaceState(null, "", "#" + section.id);
      } else if (window.location.hash === "#" + section.id) {
        history.replaceState(null, "", window.location.pathname + window.location.search);
      }
    });
  });
  window.addEventListener("hashchange", openFromUrl);
  openFromUrl();
}());
