// Runs lunr.js with lunr-languages over words given on stdin (JSON {lang: [words]}) and prints
// the terms each word becomes, as the browser's index pipeline makes them: the very files the
// site ships, from the theme's vendor folder given as the first argument.
const path = require("path");
const vendor = process.argv[2];
const lunr = require(path.join(vendor, "lunr.min.js"));
require(path.join(vendor, "lunr.stemmer.support.min.js"))(lunr);
require(path.join(vendor, "lunr.fi.min.js"))(lunr);
require(path.join(vendor, "lunr.sv.min.js"))(lunr);

const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const pipelines = {
  en: [lunr.trimmer, lunr.stopWordFilter, lunr.stemmer],
  fi: [lunr.fi.trimmer, lunr.fi.stopWordFilter, lunr.fi.stemmer],
  sv: [lunr.sv.trimmer, lunr.sv.stopWordFilter, lunr.sv.stemmer],
};
const output = {};
for (const [lang, words] of Object.entries(input)) {
  const pipeline = new lunr.Pipeline();
  pipelines[lang].forEach((fn) => pipeline.add(fn));
  output[lang] = words.map((word) => pipeline.run(lunr.tokenizer(word)).map(String));
}
process.stdout.write(JSON.stringify(output));
