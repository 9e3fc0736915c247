/* The search index as search/index.py packs it (pack_index), back into lunr's serialised form
 * for lunr.Index.load: every field in every term's posting, a term's number its position,
 * field vectors keyed "field/doc", ascending numbers summed back from their differences. Also loaded by node in tests/test_search_index.py. */
(function (root) {
  "use strict";
  function unpackIndex(packed) {
    var fields = packed.fields;
    var invertedIndex = packed.terms.map(function (entry, position) {
      var posting = {_index: position};
      fields.forEach(function (field) { posting[field] = {}; });
      entry[1].forEach(function (group) {  // [field, first doc, difference to the next…]
        var docs = posting[fields[group[0]]], doc = 0;
        for (var i = 1; i < group.length; i++) { doc += group[i]; docs[doc] = {}; }
      });
      return [entry[0], posting];
    });
    var fieldVectors = packed.vectors.map(function (vector) {
      var elements = vector[2].slice(), term = 0;  // [term difference, score, …]
      for (var i = 0; i < elements.length; i += 2) { term += elements[i]; elements[i] = term; }
      return [fields[vector[0]] + "/" + vector[1], elements];
    });
    return {version: packed.version, fields: fields, fieldVectors: fieldVectors,
            invertedIndex: invertedIndex, pipeline: packed.pipeline};
  }
  if (typeof module === "object" && module.exports) {
    module.exports = unpackIndex;
  } else {
    root.perheoviUnpackIndex = unpackIndex;
  }
}(this));
