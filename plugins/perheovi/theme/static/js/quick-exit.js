/* Quick exit (GOV.UK "Exit this page"): leave at once for a neutral page, with location.replace
 * so that Back does not return here; also on Shift pressed three times within two seconds.
 * Without JavaScript the button is a plain link to the same page. */
(function () {
  "use strict";
  var button = document.querySelector(".quick-exit__button");
  if (!button) { return; }
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.hidden = true;
    window.location.replace(button.href);
  }
  button.addEventListener("click", leave);
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) { return; }
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < 2000; });
    presses.push(now);
    if (presses.length >= 3) { leave(); }
  });
}());
