// Loads a lunr index twice, as lunr.py serialised it and as search/index.py packed it (then
// unpacked by the site's own search-index.js), and prints what each returns for every query
// given on stdin (JSON {serialized, packed, queries, lang}): [[ref, score], ...] per query.
const path = require("path");
const [vendor, js] = process.argv.slice(2);
const lunr = require(path.join(vendor, "lunr.min.js"));
require(path.join(vendor, "lunr.stemmer.support.min.js"))(lunr);
require(path.join(vendor, "lunr.fi.min.js"))(lunr);
require(path.join(vendor, "lunr.sv.min.js"))(lunr);
const unpackIndex = require(path.join(js, "search-index.js"));

const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const indexes = [lunr.Index.load(input.serialized), lunr.Index.load(unpackIndex(input.packed))];
const output = indexes.map((index) =>
  input.queries.map((query) =>
    index.query((q) => lunr.tokenizer(query).forEach((word) => {
      q.term(String(word), {boost: 10});
      q.term(String(word), {usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING});
    })).map((hit) => [hit.ref, hit.score])));
process.stdout.write(JSON.stringify(output));
