// Unit tests of the list filters' pure functions (theme/static/js/filters.js), in node's own
// test runner: `node --test tests/js/` (run by tests/test_filters.py).
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("path");
const filters = require(path.join(__dirname, "../../plugins/perheovi/theme/static/js/filters.js"));

const none = {ages: [], languages: [], free: false, delivery: [], access: [], open: ""};
const clinic = {ages: ["expecting", "0-6"], languages: ["fi", "sv"], free: true,
                delivery: ["location", "home"], visit: true, access: ["pram"], always: false,
                spans: [[1000, 1060], [2440, 2500]]};
const helpline = {ages: [], languages: ["fi"], free: true, delivery: ["remote"], visit: false,
                  access: [], always: true, spans: []};
const school = {ages: ["7-12", "13-17"], languages: ["fi"], free: false,
                delivery: ["daycare-school"], visit: true, access: ["step-free", "lift"],
                always: false, spans: []};
const today = [600, 2040];

test("no filter keeps everything", () => {
  for (const facts of [clinic, helpline, school]) {
    assert.equal(filters.matches(facts, none, 0, today), true);
  }
  assert.equal(filters.isActive(none), false);
});

test("an age keeps entries for that age and those for every age", () => {
  const state = {...none, ages: ["0-6"]};
  assert.equal(filters.matches(clinic, state, 0, today), true);
  assert.equal(filters.matches(helpline, state, 0, today), true);  // no age: every age
  assert.equal(filters.matches(school, state, 0, today), false);
  assert.equal(filters.matches(school, {...none, ages: ["0-6", "13-17"]}, 0, today), true);
});

test("a language, free of charge and a way of delivery must all hold", () => {
  assert.equal(filters.matches(clinic, {...none, languages: ["sv"]}, 0, today), true);
  assert.equal(filters.matches(helpline, {...none, languages: ["sv"]}, 0, today), false);
  assert.equal(filters.matches(school, {...none, free: true}, 0, today), false);
  assert.equal(filters.matches(clinic, {...none, delivery: ["home"]}, 0, today), true);
  assert.equal(filters.matches(clinic, {...none, delivery: ["remote"]}, 0, today), false);
  assert.equal(filters.matches(clinic, {...none, languages: ["sv"], delivery: ["remote"]}, 0,
                               today), false);
});

test("open now is inside a span (the end excluded) or around the clock", () => {
  const state = {...none, open: "nyt"};
  assert.equal(filters.matches(clinic, state, 1000, today), true);
  assert.equal(filters.matches(clinic, state, 1059, today), true);
  assert.equal(filters.matches(clinic, state, 1060, today), false);
  assert.equal(filters.matches(clinic, state, 999, today), false);
  assert.equal(filters.matches(helpline, state, 5, today), true);
  assert.equal(filters.matches(school, state, 1000, today), false);  // no hours known
});

test("open today is a span that overlaps the Helsinki day", () => {
  const state = {...none, open: "tanaan"};
  assert.equal(filters.matches(clinic, state, 1500, today), true);  // 1000-1060 is today
  assert.equal(filters.matches(clinic, state, 1500, [1100, 2400]), false);  // none that day
  assert.equal(filters.matches(clinic, state, 1500, [2400, 3840]), true);
});

test("getting in: a wheelchair needs a step-free place, a pram one with room or no steps", () => {
  const wheelchair = {...none, access: ["wheelchair"]}, pram = {...none, access: ["pram"]};
  assert.equal(filters.matches(school, wheelchair, 0, today), true);
  assert.equal(filters.matches(clinic, wheelchair, 0, today), false);
  assert.equal(filters.matches(clinic, pram, 0, today), true);
  assert.equal(filters.matches(school, pram, 0, today), true);
  assert.equal(filters.matches(helpline, wheelchair, 0, today), true);  // nothing to visit
  assert.equal(filters.matches({...clinic, access: []}, pram, 0, today), false);
});

test("distances: haversine kilometres, the nearest place, nearest first", () => {
  const joensuu = [62.601, 29.763], lieksa = [63.316, 30.016], helsinki = [60.1699, 24.9384];
  assert.ok(Math.abs(filters.distanceKm(joensuu, lieksa) - 80.5) < 0.5);
  assert.ok(Math.abs(filters.distanceKm(helsinki, joensuu) - 373) < 1.5);  // the geodesic: 373.4
  assert.equal(filters.distanceKm(joensuu, joensuu), 0);
  assert.ok(Math.abs(filters.nearestKm("63.316,30.016;62.601,29.763", joensuu)) < 0.01);
  assert.equal(filters.nearestKm("", joensuu), Infinity);
  assert.deepEqual(filters.byDistance([5, Infinity, 1, 5, 0.5]), [4, 2, 0, 3, 1]);
});

test("the state goes into the URL and comes back, other parameters kept", () => {
  const state = {ages: ["0-6", "7-12"], languages: ["sv"], free: true, delivery: ["home"],
                 access: ["wheelchair"], open: "nyt"};
  const search = filters.writeState(state, "?q=neuvola&kunta=lieksa");
  assert.equal(search, "?q=neuvola&kunta=lieksa&ika=0-6%2C7-12&kieli=sv&tapa=home&esteeton=wheelchair&maksuton=1&auki=nyt");
  assert.deepEqual(filters.parseState(search), state);
  assert.equal(filters.writeState(none, "?q=x&ika=0-6"), "?q=x");
  assert.equal(filters.writeState(none, ""), "");
});

test("unknown values are ignored", () => {
  assert.equal(filters.parseState("?auki=<script>").open, "");
  assert.deepEqual(filters.parseState("?esteeton=stairs,pram").access, ["pram"]);
});
