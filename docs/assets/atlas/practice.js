/* Practice page: each heading's own ¶ link copies the address of its section; the cite
 * box copies the link or the citation; the link back leads to the catalogue view the
 * reader came from. Without JavaScript: plain links to the section and the catalogue. */
(function () {
  "use strict";

  document.querySelectorAll("a[data-copy-link]").forEach(function (anchor) {
    var hash = anchor.getAttribute("data-copy-link");
    var title = anchor.parentNode.firstChild.textContent.trim();
    anchor.title = window.AtlasText("Copy link to this section");
    anchor.setAttribute("aria-label", window.AtlasText("Copy link to the section %(title)s", { title: title }));
    anchor.addEventListener("click", function (event) {
      // Ctrl/Cmd-click and middle-click still open the section in a new tab.
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      window.history.replaceState(window.history.state, "", hash);
      window.AtlasCopy(window.AtlasPageUrl() + hash, anchor);
    });
  });

  var accessed = document.querySelector("[data-accessed]");
  if (accessed) {
    var lang = document.documentElement.lang === "en" ? "en-GB" : document.documentElement.lang;
    accessed.textContent = new Date().toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" });
  }

  document.querySelectorAll("[data-copy-from]").forEach(function (button) {
    var source = document.querySelector("[data-copy-source=" + button.getAttribute("data-copy-from") + "]");
    button.hidden = false;
    button.addEventListener("click", function () {
      window.AtlasCopy(source.textContent.replace(/\s+/g, " ").trim(), button);
    });
  });

  /* Back to results: the catalogue keeps its view in the query string (?q=youth&region=eu).
   * Came from the catalogue: back to that view, remembered for this tab, so a related
   * practice opened from here leads back too. Came from elsewhere: the whole catalogue. */
  var back = document.querySelector("[data-atlas-back]");
  if (!back) return;
  var catalogue = new URL(back.getAttribute("href"), window.location.href);
  var KEY = "atlas-results";
  var results = null;
  try {
    var from = document.referrer ? new URL(document.referrer) : null;
    var fromSite = from && from.origin === catalogue.origin;
    var path = fromSite ? from.pathname.replace(/index\.html$/, "") : "";
    if (fromSite && path === catalogue.pathname) {
      results = from.search ? catalogue.pathname + from.search : null;
      if (results) window.sessionStorage.setItem(KEY, results);
      else window.sessionStorage.removeItem(KEY);
    } else if (fromSite && path.indexOf(catalogue.pathname) === 0) {
      results = window.sessionStorage.getItem(KEY);  // another practice, reached from results
    } else {
      window.sessionStorage.removeItem(KEY);
    }
  } catch (error) {
    // A malformed referrer, or storage refused (private windows): keep the plain link.
  }
  if (results) {
    back.href = results;
    back.textContent = window.AtlasText("Back to results");
  }
})();
