/* Copy a text to the clipboard and say so on the button; fall back to a prompt where
 * the clipboard is not available (plain http on an intranet, older browsers). */
(function () {
  "use strict";
  window.AtlasCopy = function (text, button) {
    var label = button.textContent;
    var done = function () {
      button.textContent = "Copied";
      window.setTimeout(function () { button.textContent = label; }, 2000);
    };
    var ask = function () { window.prompt("Copy this:", text); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, ask);
    } else {
      ask();
    }
  };

  /* The address to share: the canonical one if the page has it, else the current one. */
  window.AtlasPageUrl = function () {
    var canonical = document.querySelector("link[rel=canonical]");
    return canonical ? canonical.href : window.location.href.split("#")[0].split("?")[0];
  };
})();
