/* "Open now" for contact channels and locations: a progressive enhancement.
 *
 * Each <p class="open-now" data-open="gap+length,…" data-until="…" hidden> carries the open
 * spans computed at build time (minutes since the epoch, already correct for Europe/Helsinki
 * and its daylight-saving changes). This script only finds the span around "now" and words it
 * in the page language, using Helsinki's calendar whatever the device's time zone. Without
 * JavaScript the static hours tables stay complete; the status is simply not shown.
 */
(function () {
  "use strict";
  var strings = document.getElementById("open-now-strings");
  if (!strings) { return; }
  var text = strings.dataset;
  var dayNames = text.days.split(",");
  var parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Helsinki", year: "numeric", month: "numeric", day: "numeric",
    weekday: "short", hour: "numeric", minute: "numeric", hourCycle: "h23"
  });
  var WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

  function helsinki(minutes) {
    var result = {};
    parts.formatToParts(new Date(minutes * 60000)).forEach(function (part) {
      result[part.type] = part.value;
    });
    return {
      date: Date.UTC(+result.year, +result.month - 1, +result.day) / 86400000,
      day: +result.day, month: +result.month, weekday: WEEKDAYS.indexOf(result.weekday),
      hour: +result.hour % 24, minute: +result.minute
    };
  }

  function clock(local) {
    var hour = String(local.hour);
    if (text.clock.indexOf("HH") === 0 && hour.length < 2) { hour = "0" + hour; }
    var minute = (local.minute < 10 ? "0" : "") + local.minute;
    return hour + text.clock.replace(/^H+/, "").replace(/m+$/, "") + minute;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  /* [[start, end], …] of "gap+length,…", the gap from the previous span's end
   * (hours.spans_text); filters.js reads the spans through window.perheoviSpans. */
  function decode(written) {
    var last = 0;
    return written ? written.split(",").map(function (span) {
      var parts = span.split("+").map(Number), start = last + parts[0];
      last = start + parts[1];
      return [start, last];
    }) : [];
  }
  window.perheoviSpans = decode;

  function describe(element, now) {
    var spans = decode(element.dataset.open);
    if (now >= Number(element.dataset.until)) { return null; }  // site not rebuilt: say nothing
    var today = helsinki(now);
    for (var i = 0; i < spans.length; i++) {
      var start = spans[i][0], end = spans[i][1];
      if (start <= now && now < end) {
        var close = helsinki(end);
        var sameDay = close.date === today.date || (close.date === today.date + 1 &&
          close.hour === 0 && close.minute === 0);
        return {open: true, text: sameDay ? fill(text.openUntil, {time: clock(close)})
          : fill(text.openUntilDay, {day: dayNames[close.weekday], time: clock(close)})};
      }
      if (start > now) {
        var open = helsinki(start), values = {time: clock(open)};
        var days = open.date - today.date;
        var template = days === 0 ? text.opensToday : days === 1 ? text.opensTomorrow
          : days < 7 ? text.opensDay : text.opensDate;
        values.day = dayNames[open.weekday];
        values.date = open.day + "." + open.month + ".";
        return {open: false, text: fill(template, values)};
      }
    }
    return {open: false, text: text.closed};
  }

  function update() {
    var now = Math.floor(Date.now() / 60000);
    document.querySelectorAll(".open-now[data-open]").forEach(function (element) {
      var status = describe(element, now);
      if (status === null) { element.hidden = true; return; }
      if (element.textContent !== status.text) { element.textContent = status.text; }
      element.classList.toggle("open-now--open", status.open);
      element.hidden = false;
      var dated = element.previousElementSibling;  // a listed contact's line of the build date
      if (dated && dated.classList.contains("channel__today")) { dated.hidden = true; }
    });
  }

  update();
  setInterval(update, 30000);
  window.perheoviOpenNow = update;  // search.js calls it when it has drawn its results
}());
