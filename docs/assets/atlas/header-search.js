/* The header search's first line: search the practices for what was typed, in the
 * catalogue (see overrides/partials/search.html). Loaded on every page. */
(function () {
  "use strict";
  var box = document.querySelector("[data-atlas-practices-search]");
  var input = document.querySelector(".md-search__input");
  if (!box || !input) return;
  var link = box.querySelector("[data-atlas-practices-link]");
  var shown = box.querySelector("[data-atlas-practices-query]");
  var base = link.getAttribute("href");

  function update() {
    var query = input.value.trim();
    box.hidden = !query;
    shown.textContent = query;
    link.href = query ? base + "?q=" + encodeURIComponent(query) : base;
  }
  input.addEventListener("input", update);
  // Enter goes to the catalogue when Material has no result of its own to open.
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && input.value.trim() && !document.querySelector(".md-search-result__item")) {
      event.preventDefault();
      window.location.href = link.href;
    }
  });
  update();
})();
