/* The header search on every page: practices first, from the catalogue's prebuilt index
 * (the same files and code as the catalogue), then Material's results for the other
 * pages. Enter opens the catalogue with the query. Loaded on every page; the index and
 * its scripts are fetched only when the reader starts a search. */
(function () {
  "use strict";
  var box = document.querySelector("[data-atlas-practices-search]");
  var input = document.querySelector(".md-search__input");
  if (!box || !input) return;
  var link = box.querySelector("[data-atlas-practices-link]");
  var shown = box.querySelector("[data-atlas-practices-query]");
  var list = box.querySelector("[data-atlas-practices-results]");
  var countEl = box.querySelector("[data-atlas-practices-count]");
  var catalogue = link.getAttribute("href");
  var files = new URL(catalogue, window.location.href); // the catalogue of the page's language: its index
  var site = new URL("../../", document.currentScript.src); // this file is assets/atlas/header-search.js
  var RESULTS = 5;
  var engine = null;
  var loading = null;

  function script(name) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = new URL("assets/atlas/" + name, site).href;
      element.onload = resolve;
      element.onerror = reject;
      document.head.append(element);
    });
  }

  function json(name) {
    return fetch(new URL(name, files).href, { credentials: "same-origin" }).then(function (r) {
      return r.json();
    });
  }

  // Both indexes, as the catalogue uses them; the full text follows the first.
  function load() {
    if (!loading) {
      var scripts = script("lunr.js")
        .then(function () { return script("fold.js"); })
        .then(function () { return script("search.js"); });
      loading = Promise.all([scripts, json("search-index.json")])
        .then(function (results) {
          engine = new window.AtlasSearch.Engine(window.lunr, results[1]);
          return json("search-body.json").then(function (body) { engine.addBody(body); });
        });
    }
    return loading;
  }

  function update() {
    var query = input.value.trim();
    box.hidden = !query;
    shown.textContent = query;
    link.href = query ? catalogue + "?q=" + encodeURIComponent(query) : catalogue;
    list.replaceChildren();
    countEl.textContent = "";
    if (!query || !engine) return;
    var hits = engine.search(query) || [];
    countEl.textContent = "(" + hits.length + ")";
    hits.slice(0, RESULTS).forEach(function (hit) {
      var practice = engine.practices[hit.position];
      var item = document.createElement("li");
      var a = document.createElement("a");
      a.href = new URL(practice[0] + "/", files).href;
      var title = document.createElement("span");
      title.className = "atlas-search-practices__name";
      title.textContent = practice[1];
      var where = document.createElement("span");
      where.className = "atlas-search-practices__where";
      where.textContent = practice[2];
      a.append(title, where);
      item.append(a);
      list.append(item);
    });
  }

  input.addEventListener("focus", function () { load().then(update); });
  input.addEventListener("input", function () {
    update();
    load().then(update);
  });
  // Enter in the box opens the catalogue for the query; arrow keys still reach the results.
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && input.value.trim()) {
      event.preventDefault();
      event.stopImmediatePropagation();
      window.location.href = link.href;
    }
  }, true);
  update();
})();
