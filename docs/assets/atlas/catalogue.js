/* Practice Atlas catalogue: filters, keyword search and sorting over the cards already
 * in the page. The whole state lives in the query string, so a view can be shared and
 * the back button works. Without JavaScript the full list stays as it is. */
(function () {
  "use strict";

  var root = document.querySelector("[data-atlas-catalogue]");
  if (!root) return;
  var form = root.querySelector("[data-atlas-filters]");
  var list = root.querySelector("[data-atlas-results]");
  var countEl = root.querySelector("[data-result-count]");
  var nounEl = root.querySelector("[data-result-noun]");
  var emptyEl = root.querySelector("[data-atlas-empty]");
  var queryInput = form.querySelector("input[name=q]");
  var sortSelect = form.querySelector("select[name=sort]");
  var cards = Array.prototype.slice.call(list.children);
  var facetKeys = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (el) {
    return el.getAttribute("data-facet");
  });
  var moreButton = root.querySelector("[data-atlas-more]");
  var index = null; // the lunr index, once loaded
  var typingTimer = null;
  // Results shown before "Show all": drawing thousands of cards is most of the time to
  // the first result at 5,000 practices, and a phone reader does not scroll that far.
  var FIRST_RESULTS = 200;
  var showAll = false;

  // Each card's facet values, read once: {region: ["western-balkans"], ...}, and its title
  // normalised as the page was sorted (scripts/site/collection.py), so title order needs no move.
  var values = new Map();
  var titles = new Map();
  cards.forEach(function (card) {
    titles.set(card, window.AtlasSearch.normalise(card.querySelector(".atlas-card__title").textContent));
    var own = {};
    facetKeys.forEach(function (key) {
      var raw = card.getAttribute("data-" + key) || "";
      own[key] = raw ? raw.split(" ") : [];
    });
    values.set(card, own);
  });

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("q") || "", sort: params.get("sort") || "", facets: {} };
    facetKeys.forEach(function (key) { state.facets[key] = params.getAll(key); });
    return state;
  }

  function formState() {
    var state = { q: queryInput.value, sort: sortSelect.value === "relevance" ? "" : sortSelect.value, facets: {} };
    facetKeys.forEach(function (key) {
      state.facets[key] = Array.prototype.filter.call(
        form.querySelectorAll("input[name=" + key + "]"), function (box) { return box.checked; }
      ).map(function (box) { return box.value; });
    });
    return state;
  }

  function writeForm(state) {
    queryInput.value = state.q;
    sortSelect.value = state.sort || "relevance";
    facetKeys.forEach(function (key) {
      form.querySelectorAll("input[name=" + key + "]").forEach(function (box) {
        box.checked = state.facets[key].indexOf(box.value) !== -1;
      });
      var chosen = state.facets[key].length > 0;
      var details = form.querySelector("[data-facet=" + key + "]");
      if (chosen) details.open = true;
    });
  }

  function queryString(state) {
    var params = new URLSearchParams();
    if (state.q.trim()) params.set("q", state.q.trim());
    facetKeys.forEach(function (key) {
      state.facets[key].forEach(function (value) { params.append(key, value); });
    });
    if (state.sort) params.set("sort", state.sort);
    var text = params.toString();
    return text ? "?" + text : window.location.pathname;
  }

  // Repeated values of one facet are alternatives (OR); different facets all apply (AND).
  function matches(card, state, skip) {
    var own = values.get(card);
    return facetKeys.every(function (key) {
      if (key === skip) return true;
      var wanted = state.facets[key];
      return !wanted.length || wanted.some(function (value) { return own[key].indexOf(value) !== -1; });
    });
  }

  // Search results by card: a ref is the card's position in the page as built (see
  // scripts/site/search_index.py build_index), which is the catalogue's title order.
  function searchScores(state) {
    if (!state.q.trim() || !index) return null;
    var hits = window.AtlasSearch.search(window.lunr, index, state.q);
    if (hits === null) return null;
    var scores = new Map();
    hits.forEach(function (hit) { scores.set(cards[Number(hit.ref)], hit.score); });
    return scores;
  }

  function apply(state) {
    var scores = searchScores(state);
    var inSearch = function (card) { return scores === null || scores.has(card); };
    var shown = cards.filter(function (card) { return inSearch(card) && matches(card, state, null); });

    // Counts beside each option: results if that option were added to the other filters.
    facetKeys.forEach(function (key) {
      var counts = {};
      cards.forEach(function (card) {
        if (!inSearch(card) || !matches(card, state, key)) return;
        values.get(card)[key].forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
      });
      form.querySelectorAll("input[name=" + key + "]").forEach(function (box) {
        var count = counts[box.value] || 0;
        var label = box.closest("label");
        label.querySelector(".atlas-count").textContent = count;
        label.classList.toggle("atlas-option--empty", count === 0 && !box.checked);
      });
    });

    var sort = state.sort || (scores ? "relevance" : "title");
    shown.sort(function (a, b) {
      if (sort === "relevance" && scores) {
        var diff = scores.get(b) - scores.get(a);
        if (diff) return diff;
      } else if (sort === "newest") {
        var ra = a.getAttribute("data-reviewed"), rb = b.getAttribute("data-reviewed");
        if (ra !== rb) return ra < rb ? 1 : -1;
      }
      var ta = titles.get(a), tb = titles.get(b);
      if (ta !== tb) return ta < tb ? -1 : 1;
      return a.getAttribute("data-practice-id") < b.getAttribute("data-practice-id") ? -1 : 1;
    });
    var drawn = showAll ? shown : shown.slice(0, FIRST_RESULTS);
    var visible = new Set(drawn);
    cards.forEach(function (card) {
      var hide = !visible.has(card);
      if (card.hidden !== hide) card.hidden = hide;  // untouched cards cost no style work
    });
    // Shown cards go first, in order; hidden ones stay where they are. Nothing moves when
    // the order is already right: moving thousands of cards one by one took seconds.
    var first = Array.prototype.slice.call(list.children, 0, drawn.length);
    if (!drawn.every(function (card, i) { return first[i] === card; })) {
      list.prepend.apply(list, drawn);
    }
    moreButton.parentNode.hidden = drawn.length === shown.length;
    moreButton.querySelector("[data-more-count]").textContent = shown.length;
    countEl.textContent = shown.length;
    countEl.setAttribute("data-result-count", shown.length);
    nounEl.textContent = shown.length === 1 ? "practice" : "practices";
    emptyEl.hidden = shown.length > 0;
  }

  function update(push) {
    showAll = false;
    var state = formState();
    var url = queryString(state);
    if (url !== window.location.search && !(url === window.location.pathname && !window.location.search)) {
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    }
    apply(state);
  }

  form.addEventListener("change", function (event) {
    if (event.target === queryInput) return;
    update(true);
  });
  queryInput.addEventListener("input", function () {
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(function () { update(false); }, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update(true);
  });
  form.querySelector("[data-atlas-clear]").addEventListener("click", function () {
    writeForm({ q: "", sort: "", facets: facetKeys.reduce(function (all, key) { all[key] = []; return all; }, {}) });
    update(true);
  });
  var copyButton = form.querySelector("[data-atlas-copy]");
  copyButton.addEventListener("click", function () {
    window.AtlasCopy(window.AtlasPageUrl() + window.location.search, copyButton);
  });
  moreButton.addEventListener("click", function () {
    showAll = true;
    apply(formState());
    // The button is gone: keep the keyboard where the reader was, on the next result.
    var next = list.children[FIRST_RESULTS];
    if (next) next.querySelector("a").focus();
  });
  window.addEventListener("popstate", function () {
    showAll = false;
    var state = readState();
    writeForm(state);
    apply(state);
  });

  form.hidden = false;
  var initial = readState();
  writeForm(initial);
  if (!initial.q.trim()) apply(initial);  // with a query, the index decides: wait for it

  // The page's head started downloading and parsing the index (overrides/main.html).
  window.AtlasIndexData.then(function (data) {
    index = window.lunr.Index.load(data);
    apply(formState());
    // Milliseconds from navigation to the first result on screen (the frame after the
    // change has been painted): the benchmark reads it, tests wait for it.
    window.requestAnimationFrame(function () {
      window.setTimeout(function () {
        root.setAttribute("data-search-ready", String(Math.round(window.performance.now())));
      });
    });
  });
})();
