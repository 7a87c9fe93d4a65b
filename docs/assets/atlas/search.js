/* Practice Atlas search: the query side of the prebuilt lunr indexes.
 * words() must give what scripts/site/search_index.py words() gives; tests run both
 * through Node. The spelling rules and synonyms arrive with the index, from Python.
 * Works in the browser (window.AtlasSearch) and in Node (module.exports); either way
 * assets/atlas/fold.js, generated from scripts/entries/slug.py, must be loaded first
 * (in Node: require it before this file). */
(function (root) {
  "use strict";

  if (!globalThis.AtlasFold) throw new Error("search.js needs assets/atlas/fold.js, loaded before it");
  var fold = globalThis.AtlasFold.fold; // lower case, accents dropped, other alphabets in Latin
  var WORD = /[\p{L}\p{N}]+(?:[-/'\u2019\u2010\u2011][\p{L}\p{N}]+)*/gu;
  var JOINER = /[-/'\u2019\u2010\u2011]/;

  /* Folded, anything but letters and digits turned into spaces. */
  function normalise(text) {
    return fold(text).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function compileRules(rules) {
    return (rules || []).map(function (rule) { return [new RegExp(rule[0]), rule[1]]; });
  }

  function respell(word, rules) {
    for (var i = 0; i < rules.length; i++) word = word.replace(rules[i][0], rules[i][1]);
    return word;
  }

  /* The search words of a text: folded, compounds joined, respelt ('inter-ethnic' ->
   * 'interethnic'); with `parts`, each compound's parts follow it. */
  function words(text, rules, parts) {
    var out = [];
    (fold(text).match(WORD) || []).forEach(function (token) {
      if (!JOINER.test(token)) {
        out.push(respell(token, rules));
        return;
      }
      var pieces = token.split(new RegExp(JOINER.source, "g")).filter(Boolean);
      out.push(respell(pieces.join(""), rules));
      if (parts) pieces.forEach(function (piece) { out.push(respell(piece, rules)); });
    });
    return out;
  }

  function isStopWord(lunr, word) {
    return lunr.stopWordFilter(word) === undefined;
  }

  /* A query as clauses that must all match. A clause is a list of alternatives, each a
   * list of words that must all match: a synonym's words, or its group's token. */
  function clauses(lunr, query, config) {
    var list = words(query, config.rules);
    // Synonym terms are compared by stems, as the index tagged them: plurals match.
    var stems = list.map(function (word) { return lunr.stemmer(new lunr.Token(word)).toString(); });
    var out = [];
    var i = 0;
    while (i < list.length) {
      var match = null;
      for (var s = 0; s < config.synonyms.length && !match; s++) {
        var term = config.synonyms[s][0];
        if (term.every(function (w, k) { return stems[i + k] === w; })) match = term;
      }
      if (match) {
        var tokens = [];
        config.synonyms.forEach(function (entry) {
          var same = entry[0].length === match.length && entry[0].every(function (w, k) { return w === match[k]; });
          var token = "zsyn" + entry[1];
          if (same && tokens.indexOf(token) === -1) tokens.push(token);
        });
        var written = list.slice(i, i + match.length);
        var own = written.filter(function (w) { return !isStopWord(lunr, w); });
        var alternatives = tokens.map(function (token) { return [token]; });
        if (own.length) alternatives.unshift(own);
        out.push({ words: written, alternatives: alternatives });
        i += match.length;
      } else {
        if (!isStopWord(lunr, list[i])) out.push({ words: [list[i]], alternatives: [[list[i]]] });
        i += 1;
      }
    }
    return out;
  }

  /* Refs scored for one word in one index: whole words stemmed as the index was, and
   * words that start with it (a word still being typed). */
  function wordHits(lunr, index, word) {
    var found = new Map();
    if (!index) return found;
    var exact = word.indexOf("zsyn") === 0;
    index.query(function (q) {
      q.term(word, { usePipeline: true, boost: 10 });
      if (!exact) q.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
    }).forEach(function (hit) { found.set(hit.ref, hit.score); });
    return found;
  }

  // Matches deep in a section count for less than in the title, places or summary.
  var BODY_WEIGHT = 0.3;

  function Engine(lunr, data) {
    this.lunr = lunr;
    this.meta = lunr.Index.load(data.index);
    this.body = null;
    this.practices = data.practices;
    this.sections = data.sections;
    this.shard = data.shard;
    this.config = { rules: compileRules(data.spelling), synonyms: data.synonyms || [] };
    this.cache = new Map();
  }

  Engine.prototype.addBody = function (data) {
    this.body = this.lunr.Index.load(data);
    this.cache.clear();
  };

  /* practice position -> {score, meta} for one word: `meta` when it matched the title,
   * places or summary, not only the text of a section. */
  Engine.prototype.hits = function (word) {
    if (this.cache.has(word)) return this.cache.get(word);
    var result = new Map();
    wordHits(this.lunr, this.meta, word).forEach(function (score, ref) {
      result.set(Number(ref), { score: score, meta: true });
    });
    wordHits(this.lunr, this.body, word).forEach(function (score, ref) {
      var position = Number(ref);
      var entry = result.get(position);
      if (!entry) result.set(position, entry = { score: 0, meta: false });
      entry.score += score * BODY_WEIGHT;
    });
    this.cache.set(word, result);
    return result;
  };

  // Both matched: scores add up; a snippet is needed if either matched only in a section.
  function combine(a, b) {
    return { score: a.score + b.score, meta: a.meta && b.meta };
  }

  function intersect(a, b) {
    if (a === null) return b;
    var both = new Map();
    a.forEach(function (entry, position) {
      var other = b.get(position);
      if (other) both.set(position, combine(entry, other));
    });
    return both;
  }

  Engine.prototype.clauseHits = function (clause) {
    var self = this;
    var union = new Map();
    clause.alternatives.forEach(function (alternative) {
      var both = alternative.reduce(function (found, word) { return intersect(found, self.hits(word)); }, null);
      (both || new Map()).forEach(function (entry, position) {
        var previous = union.get(position);
        if (!previous || previous.score < entry.score) union.set(position, entry);
      });
    });
    return union;
  };

  /* [{position, score, inText}] best first, or null when the query has no searchable
   * word. `inText`: some word matched only in the text of a section, so the result
   * should show a snippet (see passage()). */
  Engine.prototype.search = function (query) {
    var self = this;
    var parts = clauses(this.lunr, query, this.config);
    if (!parts.length) return null;
    var scores = parts.reduce(function (found, clause) { return intersect(found, self.clauseHits(clause)); }, null);
    return Array.from(scores, function (pair) {
      var entry = pair[1];
      return { position: pair[0], score: entry.score, inText: !entry.meta };
    }).sort(function (a, b) { return b.score - a.score || a.position - b.position; });
  };

  /* The words of the query, each with how many practices it finds alone. */
  Engine.prototype.wordCounts = function (query) {
    var self = this;
    return clauses(this.lunr, query, this.config).map(function (clause) {
      return { word: clause.words.join(" "), count: self.clauseHits(clause).size };
    });
  };

  /* The stems of the query's words, and of the synonyms they stand for, to mark them
   * in a snippet. */
  Engine.prototype.stems = function (query) {
    var lunr = this.lunr;
    var synonyms = this.config.synonyms;
    var set = new Set();
    clauses(lunr, query, this.config).forEach(function (clause) {
      clause.words.forEach(function (word) { set.add(lunr.stemmer(new lunr.Token(word)).toString()); });
      clause.alternatives.forEach(function (alternative) {
        if (alternative.length !== 1 || alternative[0].indexOf("zsyn") !== 0) return;
        var group = Number(alternative[0].slice(4));
        synonyms.forEach(function (entry) {
          if (entry[1] === group) entry[0].forEach(function (stem) { set.add(stem); });
        });
      });
    });
    return set;
  };

  /* The first section (in order) with a matched word, and a passage of it:
   * {section: number, pieces: [[text, isMatch], ...]}, or null. `sections` is a
   * practice's [[section number, text], ...] from its search-text shard. */
  Engine.prototype.passage = function (sections, query) {
    for (var i = 0; i < sections.length; i++) {
      var pieces = this.snippet(sections[i][1], query);
      if (pieces) return { section: sections[i][0], pieces: pieces };
    }
    return null;
  };

  /* A short passage of `text` around the first matched word: [[text, isMatch], ...]. */
  Engine.prototype.snippet = function (text, query, size) {
    // `tokens` alternates words and the white space between them.
    var lunr = this.lunr;
    var rules = this.config.rules;
    var stems = this.stems(query);
    var prefixes = Array.from(stems);
    var tokens = String(text).split(/(\s+)/);
    var matched = tokens.map(function (token) {
      if (!token.trim()) return false;
      return words(token, rules).some(function (word) {
        var stem = lunr.stemmer(new lunr.Token(word)).toString();
        return stems.has(stem) || prefixes.some(function (p) { return p.length > 2 && word.indexOf(p) === 0; });
      });
    });
    var first = matched.indexOf(true);
    if (first === -1) return null;
    var length = size || 28; // about this many words, a third of them before the match
    var start = Math.max(0, first - Math.round(length * 2 / 3));
    var end = Math.min(tokens.length, start + length * 2);
    var pieces = [];
    if (start > 0) pieces.push(["… ", false]);
    for (var i = start; i < end; i++) pieces.push([tokens[i], matched[i]]);
    if (end < tokens.length) pieces.push([" …", false]);
    return pieces;
  };

  /* The word of the index's vocabulary nearest to `word` (edit distance 1, or 2 for
   * longer words), most frequent first; null if none. */
  function suggest(word, vocabulary) {
    var limit = word.length > 6 ? 2 : 1;
    var best = null;
    vocabulary.forEach(function (entry) {
      var candidate = entry[0];
      if (candidate === word || Math.abs(candidate.length - word.length) > limit) return;
      var distance = editDistance(word, candidate, limit);
      if (distance > limit) return;
      if (!best || distance < best.distance || (distance === best.distance && entry[1] > best.count)) {
        best = { word: candidate, distance: distance, count: entry[1] };
      }
    });
    return best && best.word;
  }

  /* Levenshtein distance with adjacent transpositions, stopping once over `limit`. */
  function editDistance(a, b, limit) {
    var previous = [], current = [], before = [];
    for (var j = 0; j <= b.length; j++) previous[j] = j;
    for (var i = 1; i <= a.length; i++) {
      current = [i];
      var smallest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          current[j] = Math.min(current[j], before[j - 2] + 1);
        }
        if (current[j] < smallest) smallest = current[j];
      }
      if (smallest > limit) return limit + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  var api = {
    fold: fold, normalise: normalise, words: words, compileRules: compileRules,
    Engine: Engine, suggest: suggest, editDistance: editDistance,
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.AtlasSearch = api;
})(this);
