/* Practice Atlas catalogue: filters, full-text search and sorting over every practice.
 * The page's HTML holds the first cards only (without JavaScript, the list is paged);
 * the rest are drawn from the index data, which carries each practice's card. The whole
 * state lives in the query string, so a view can be shared and the back button works. */
(function () {
  "use strict";
  var T = window.AtlasText; // assets/atlas/text.js: strings in the page's language

  var root = document.querySelector("[data-atlas-catalogue]");
  if (!root) return;
  var form = root.querySelector("[data-atlas-filters]");
  var list = root.querySelector("[data-atlas-results]");
  var countEl = root.querySelector("[data-result-count]");
  var nounEl = root.querySelector("[data-result-noun]");
  var emptyEl = root.querySelector("[data-atlas-empty]");
  var helpEl = root.querySelector("[data-atlas-help]");
  var chipsEl = root.querySelector("[data-atlas-chips]");
  var pager = root.querySelector("[data-atlas-pager]");
  var moreButton = root.querySelector("[data-atlas-more]");
  var queryInput = form.querySelector("input[name=q]");
  var sortSelect = form.querySelector("select[name=sort]");
  var panel = form.querySelector("[data-atlas-panel]");
  var toggle = form.querySelector("[data-atlas-toggle]");
  var showButton = form.querySelector("[data-atlas-show]");
  var base = root.getAttribute("data-atlas-base"); // the folder of the search files
  var textLang = root.getAttribute("data-atlas-text-lang"); // the entries' language, where not the page's
  var translated = new Set(); // practices whose text is in the page's language
  var pageRoot = root.getAttribute("data-atlas-root"); // the site's root, relative to this page
  var facetKeys = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (el) {
    return el.getAttribute("data-facet");
  });
  // Each facet's values as the index data lists them: [id, title, where, summary, changed,
  // regions, countries, themes, types, status, evidence, sizes] (scripts/site/search_index.py).
  var FIELD = { region: 5, country: 6, theme: 7, type: 8, status: 9, evidence: 10, size: 11 };
  // Results drawn before "Show all": drawing thousands of cards is most of the time to the
  // first result at 5,000 practices, and a phone reader does not scroll that far.
  var FIRST_RESULTS = 200;
  var SNIPPETS = 20; // snippets drawn: the results a reader looks at first
  var labels = {}; // facet -> value -> label, read from the filter options
  facetKeys.forEach(function (key) {
    labels[key] = {};
    form.querySelectorAll("input[name=" + key + "]").forEach(function (box) {
      labels[key][box.value] = box.getAttribute("data-label");
    });
  });

  var data = null; // the index data, once loaded
  var engine = null; // the search engine over it
  var cards = []; // position -> card element, made when first drawn
  var values = []; // position -> {facet: [values]}
  var bodyRequested = false;
  var inText = new Set(); // positions whose match is in a section's text: they get a snippet
  var shards = new Map(); // shard number -> promise of its section texts
  var vocabulary = null; // promise of the words for "did you mean"
  var showAll = false;
  var typingTimer = null;
  var helpDrawn = 0; // which drawing of the help a late suggestion belongs to

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

  function emptyFacets() {
    return facetKeys.reduce(function (all, key) { all[key] = []; return all; }, {});
  }

  function writeForm(state) {
    queryInput.value = state.q;
    sortSelect.value = state.sort || "relevance";
    facetKeys.forEach(function (key) {
      form.querySelectorAll("input[name=" + key + "]").forEach(function (box) {
        box.checked = state.facets[key].indexOf(box.value) !== -1;
      });
      if (state.facets[key].length) form.querySelector("[data-facet=" + key + "]").open = true;
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

  function active(state) {
    return facetKeys.some(function (key) { return state.facets[key].length; });
  }

  // Repeated values of one facet are alternatives (OR); different facets all apply (AND).
  function matches(position, state, skip) {
    var own = values[position];
    return facetKeys.every(function (key) {
      if (key === skip) return true;
      var wanted = state.facets[key];
      return !wanted.length || wanted.some(function (value) { return own[key].indexOf(value) !== -1; });
    });
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // A card as scripts/site/templates/_macros.html draws it, from the index data; entry text
  // only ever becomes text nodes.
  function card(position) {
    if (cards[position]) return cards[position];
    var practice = data.practices[position];
    var own = values[position];
    var li = element("li", "atlas-card");
    li.setAttribute("data-practice-id", practice[0]);
    facetKeys.forEach(function (key) { li.setAttribute("data-" + key, own[key].join(" ")); });
    li.setAttribute("data-changed", practice[4]);
    var heading = element("h2", "atlas-card__title");
    var summary = element("p", "atlas-card__summary", practice[3]);
    // Entries are in English on a page in another language, unless translated (WCAG 3.1.2).
    if (textLang && !translated.has(practice[0])) {
      heading.lang = textLang;
      summary.lang = textLang;
    }
    var link = element("a", null, practice[1]);
    link.href = pageRoot + "practices/" + practice[0] + "/";
    heading.append(link);
    var meta = element("p", "atlas-card__meta");
    meta.append(
      element("span", "atlas-badge atlas-badge--" + own.status[0], labels.status[own.status[0]]), " ",
      element("span", "atlas-badge", T("Evidence: %(level)s", { level: labels.evidence[own.evidence[0]] })), " ",
      element("span", "atlas-card__themes", own.theme.map(function (t) { return labels.theme[t]; }).join(", "))
    );
    li.append(heading, element("p", "atlas-card__where", practice[2]), summary, meta);
    cards[position] = li;
    return li;
  }

  function searchScores(state) {
    inText.clear();
    if (!state.q.trim() || !engine) return null;
    var hits = engine.search(state.q);
    if (hits === null) return null;
    var scores = new Map();
    hits.forEach(function (hit) {
      scores.set(hit.position, hit.score);
      if (hit.inText) inText.add(hit.position);
    });
    return scores;
  }

  function apply(state) {
    var scores = searchScores(state);
    var all = data.practices.map(function (_, position) { return position; });
    var found = scores === null ? all : all.filter(function (position) { return scores.has(position); });
    var shown = found.filter(function (position) { return matches(position, state, null); });

    // Counts beside each option: results if that option were added to the other filters.
    // Options that would give nothing are hidden, unless chosen.
    facetKeys.forEach(function (key) {
      var counts = {};
      found.forEach(function (position) {
        if (!matches(position, state, key)) return;
        values[position][key].forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
      });
      form.querySelectorAll("input[name=" + key + "]").forEach(function (box) {
        var count = counts[box.value] || 0;
        var label = box.closest("label");
        label.querySelector(".atlas-count").textContent = count;
        label.hidden = count === 0 && !box.checked;
      });
    });

    var sort = state.sort || (scores ? "relevance" : "title");
    var changed = function (position) { return data.practices[position][4]; };
    shown.sort(function (a, b) {
      if (sort === "relevance" && scores) {
        var diff = scores.get(b) - scores.get(a);
        if (diff) return diff;
      } else if (sort === "newest" && changed(a) !== changed(b)) {
        return changed(a) < changed(b) ? 1 : -1;
      }
      return a - b; // positions are the catalogue's title order
    });
    var drawn = showAll ? shown : shown.slice(0, FIRST_RESULTS);
    list.replaceChildren.apply(list, drawn.map(card));
    moreButton.parentNode.hidden = drawn.length === shown.length;
    moreButton.querySelector("[data-more-count]").textContent = shown.length;
    countEl.textContent = shown.length;
    countEl.setAttribute("data-result-count", shown.length);
    nounEl.textContent = T("practice", {}, shown.length);
    showButton.textContent = T("Show %(num)d practice", { num: shown.length }, shown.length);
    emptyEl.hidden = shown.length > 0;
    if (pager) pager.hidden = true; // pages are for readers without JavaScript
    drawChips(state);
    drawMap(shown);
    root.classList.remove("atlas-catalogue--pending");
    if (scores) drawSnippets(drawn, state);
    drawHelp(state, shown.length);
  }

  // The map follows the results: a dot shows while one of its practices is a result. Its
  // outline is fetched when the reader opens it, not before the first result.
  var dots = root.querySelectorAll("[data-atlas-map] a[data-practice-ids]");
  var mapBox = root.querySelector("[data-atlas-map-box]");
  if (mapBox) {
    mapBox.addEventListener("toggle", function () {
      var outline = mapBox.querySelector("image[data-href]");
      if (mapBox.open && outline) {
        outline.setAttribute("href", outline.getAttribute("data-href"));
        outline.removeAttribute("data-href");
      }
    });
  }
  function drawMap(shown) {
    var ids = new Set(shown.map(function (position) { return data.practices[position][0]; }));
    dots.forEach(function (dot) {
      var on = dot.getAttribute("data-practice-ids").split(" ").some(function (id) { return ids.has(id); });
      dot.classList.toggle("atlas-map__off", !on);
    });
  }

  // The chosen filters above the results, each removable with one click.
  function drawChips(state) {
    chipsEl.replaceChildren();
    var count = 0;
    facetKeys.forEach(function (key) {
      var legend = form.querySelector("[data-facet=" + key + "] summary").textContent.trim();
      state.facets[key].forEach(function (value) {
        count += 1;
        var button = element("button", "atlas-chip", legend + ": " + (labels[key][value] || value));
        button.type = "button";
        button.setAttribute("aria-label", T("Remove the filter %(facet)s: %(value)s", { facet: legend, value: labels[key][value] || value }));
        button.addEventListener("click", function () {
          var box = form.querySelector("input[name=" + key + "][value='" + CSS.escape(value) + "']");
          box.checked = false;
          update(true);
          queryInput.focus();
        });
        var item = element("li");
        item.append(button);
        chipsEl.append(item);
      });
    });
    chipsEl.hidden = count === 0;
    toggle.querySelector("[data-active-count]").textContent = count ? " (" + count + ")" : "";
  }

  // The full text is searched once its index has arrived: fetched on the first keystroke
  // (or at once when the page opens with a query), not with the page.
  function loadBody() {
    if (bodyRequested || !engine) return;
    bodyRequested = true;
    fetch(base + "search-body.json", { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        engine.addBody(body);
        apply(formState());
        // When full-text results are on screen (the frame after they were painted):
        // the benchmark reads it.
        window.requestAnimationFrame(function () {
          window.setTimeout(function () {
            root.setAttribute("data-full-text-ready", String(Math.round(window.performance.now())));
          });
        });
      });
  }

  function fetchJson(name) {
    return fetch(base + name, { credentials: "same-origin" }).then(function (response) { return response.json(); });
  }

  function shard(number) {
    if (!shards.has(number)) shards.set(number, fetchJson("search-text/" + number + ".json"));
    return shards.get(number);
  }

  // A result that matched only in its text shows where: the section and a passage with
  // the matched words marked.
  function drawSnippets(drawn, state) {
    drawn.slice(0, SNIPPETS).forEach(function (position) {
      var item = cards[position];
      var old = item.querySelector(".atlas-card__snippet");
      if (old) old.remove();
      if (!inText.has(position)) return;
      shard(Math.floor(position / engine.shard)).then(function (texts) {
        if (formState().q !== state.q || item.querySelector(".atlas-card__snippet")) return;
        var passage = engine.passage(texts[position % engine.shard], state.q);
        if (!passage) return;
        var p = element("p", "atlas-card__snippet");
        p.append(element("span", "atlas-card__section", engine.sections[passage.section] + ": "));
        passage.pieces.forEach(function (piece) {
          p.append(piece[1] ? element("mark", null, piece[0]) : piece[0]);
        });
        item.querySelector(".atlas-card__summary").after(p);
      });
    });
  }

  function link(text, params) {
    var a = element("a", null, text);
    a.href = "?" + params.toString();
    return a;
  }

  // Nothing matches: say what would, rather than a dead end.
  function drawHelp(state, shownCount) {
    var drawing = ++helpDrawn;
    helpEl.replaceChildren();
    helpEl.hidden = true;
    if (shownCount > 0 || !state.q.trim() || !engine) return;
    var all = engine.search(state.q) || [];
    if (active(state) && all.length) {
      var clear = element("button", "md-button",
        T("Show the %(num)d practice that matches without the filters", { num: all.length }, all.length));
      clear.type = "button";
      clear.addEventListener("click", function () {
        writeForm({ q: state.q, sort: state.sort, facets: emptyFacets() });
        update(true);
      });
      var p = element("p");
      p.append(T("Your filters hide every match for “%(query)s”.", { query: state.q.trim() }) + " ", clear);
      helpEl.append(p);
    }
    var counts = engine.wordCounts(state.q);
    if (counts.length > 1) {
      var words = element("p", null, T("Each word alone finds:") + " ");
      counts.forEach(function (entry, i) {
        var params = new URLSearchParams(window.location.search);
        params.set("q", entry.word);
        if (i) words.append(", ");
        words.append(link(entry.word, params), " (" + entry.count + ")");
      });
      helpEl.append(words);
    }
    if (!vocabulary) vocabulary = fetchJson("search-words.json");
    vocabulary.then(function (known) {
      if (drawing !== helpDrawn) return;
      var changed = false;
      var better = counts.map(function (entry) {
        if (entry.count > 0 || entry.word.indexOf(" ") !== -1) return entry.word;
        var guess = window.AtlasSearch.suggest(entry.word, known);
        if (guess) changed = true;
        return guess || entry.word;
      }).join(" ");
      if (!changed) return;
      var params = new URLSearchParams(window.location.search);
      params.set("q", better);
      // The suggestion is a link inside the sentence, wherever the language puts it.
      var parts = T("Did you mean %(suggestion)s?", { suggestion: "\u0000" }).split("\u0000");
      var p = element("p", "atlas-suggest", parts[0]);
      p.append(link(better, params), parts[1] || "");
      helpEl.prepend(p);
      helpEl.hidden = false;
    });
    helpEl.hidden = !helpEl.childNodes.length;
  }

  function update(push) {
    showAll = false;
    var state = formState();
    var url = queryString(state);
    if (url !== window.location.search && !(url === window.location.pathname && !window.location.search)) {
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    }
    if (data) apply(state);
  }

  // On a phone the filters open as a panel over the results, with a live count.
  function openPanel(open) {
    form.classList.toggle("atlas-filters--open", open);
    toggle.setAttribute("aria-expanded", String(open));
    if (open) {
      panel.querySelector("summary").focus();
    } else {
      toggle.focus();
    }
  }

  toggle.addEventListener("click", function () { openPanel(toggle.getAttribute("aria-expanded") !== "true"); });
  showButton.addEventListener("click", function () {
    openPanel(false);
    list.scrollIntoView({ block: "start" });
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && form.classList.contains("atlas-filters--open")) openPanel(false);
  });
  form.addEventListener("change", function (event) {
    if (event.target === queryInput) return;
    update(true);
  });
  queryInput.addEventListener("input", function () {
    loadBody();
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(function () { update(false); }, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update(true);
  });
  form.querySelector("[data-atlas-clear]").addEventListener("click", function () {
    writeForm({ q: "", sort: "", facets: emptyFacets() });
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
    if (data) apply(state);
  });

  var initial = readState();
  writeForm(initial);

  // The page's head started downloading and parsing the index (overrides/main.html).
  window.AtlasIndexData.then(function (indexData) {
    data = indexData;
    translated = new Set(data.translated || []);
    engine = new window.AtlasSearch.Engine(window.lunr, data);
    values = data.practices.map(function (practice) {
      var own = {};
      facetKeys.forEach(function (key) {
        var field = practice[FIELD[key]];
        own[key] = Array.isArray(field) ? field : [field];
      });
      return own;
    });
    // The cards already in the page are reused, not drawn again.
    var position = new Map(data.practices.map(function (practice, i) { return [practice[0], i]; }));
    Array.prototype.forEach.call(list.children, function (item) {
      cards[position.get(item.getAttribute("data-practice-id"))] = item;
    });
    if (initial.q.trim()) loadBody();
    apply(formState());
    // Milliseconds from navigation to the first result on screen (the frame after the
    // change has been painted): the benchmark reads it, tests wait for it.
    window.requestAnimationFrame(function () {
      window.setTimeout(function () {
        root.setAttribute("data-search-ready", String(Math.round(window.performance.now())));
      });
    });
  }).catch(function () {
    root.classList.remove("atlas-catalogue--pending"); // no index: the first page of cards stays
  });
})();
