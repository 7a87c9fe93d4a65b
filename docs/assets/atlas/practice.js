/* Practice page: copy a link to a section, and copy the link or a citation. */
(function () {
  "use strict";

  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    button.closest(".atlas-section-tools").hidden = false;
    button.addEventListener("click", function () {
      window.AtlasCopy(window.AtlasPageUrl() + button.getAttribute("data-copy-link"), button);
    });
  });

  var accessed = document.querySelector("[data-accessed]");
  if (accessed) {
    accessed.textContent = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  document.querySelectorAll("[data-copy-from]").forEach(function (button) {
    var source = document.querySelector("[data-copy-source=" + button.getAttribute("data-copy-from") + "]");
    button.hidden = false;
    button.addEventListener("click", function () {
      window.AtlasCopy(source.textContent.replace(/\s+/g, " ").trim(), button);
    });
  });
})();
