/* Practice Atlas search: the query side of the prebuilt lunr index.
 * normalise() must match scripts/search_index.py normalise(); tests run both.
 * Works in the browser (window.AtlasSearch) and in Node (module.exports). */
(function (root) {
  "use strict";

  var FOLD = { "đ": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "ð": "d", "þ": "th" };

  function normalise(text) {
    return String(text)
      .toLowerCase()
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[đłøæœßıðþ]/g, function (ch) { return FOLD[ch]; })
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  }

  /* The words of a query that can match: normalised, stop words dropped. */
  function terms(lunr, query) {
    return normalise(query).split(" ").filter(function (word) {
      return word && lunr.stopWordFilter(word) !== undefined;
    });
  }

  /* Every word must match, as a whole word (stemmed as the index was) or as the start
   * of a word (for a word still being typed). Returns [{ref, score}], best first, or
   * null when the query has no searchable word. */
  function search(lunr, index, query) {
    var words = terms(lunr, query);
    if (!words.length) return null;
    var scores = null;
    words.forEach(function (word) {
      var hits = index.query(function (q) {
        q.term(word, { usePipeline: true, boost: 10 });
        q.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      });
      var found = new Map();
      hits.forEach(function (hit) { found.set(hit.ref, hit.score); });
      if (scores === null) {
        scores = found;
      } else {
        var both = new Map();
        scores.forEach(function (score, ref) {
          if (found.has(ref)) both.set(ref, score + found.get(ref));
        });
        scores = both;
      }
    });
    return Array.from(scores, function (pair) { return { ref: pair[0], score: pair[1] }; })
      .sort(function (a, b) { return b.score - a.score || (a.ref < b.ref ? -1 : 1); });
  }

  var api = { normalise: normalise, terms: terms, search: search };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.AtlasSearch = api;
})(this);
