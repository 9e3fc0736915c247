// Runs lunr.js with lunr-languages over words given on stdin (JSON {lang: [words]}) and prints
// the terms each word becomes, as the browser's index pipeline makes them.
const path = require("path");
const modules = process.argv[2];
const lunr = require(path.join(modules, "lunr"));
require(path.join(modules, "lunr-languages", "lunr.stemmer.support.js"))(lunr);
require(path.join(modules, "lunr-languages", "lunr.fi.js"))(lunr);
require(path.join(modules, "lunr-languages", "lunr.sv.js"))(lunr);

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
