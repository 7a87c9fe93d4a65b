/* Copy a text to the clipboard and say so on the control; fall back to a prompt where
 * the clipboard is not available (plain http on an intranet, older browsers). */
(function () {
  "use strict";
  var status;

  /* Screen readers hear "Copied" too: one polite status region, made when first needed. */
  function announce(text) {
    if (!status) {
      status = document.createElement("p");
      status.className = "atlas-visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  window.AtlasCopy = function (text, control) {
    var done = function () {
      // A button says "Copied" for two seconds; a heading's ¶ link shows it beside itself (CSS).
      var button = control.tagName === "BUTTON";
      if (button && !control.hasAttribute("data-label")) control.setAttribute("data-label", control.textContent);
      if (button) control.textContent = window.AtlasText("Copied");
      control.setAttribute("data-copied", "");
      announce(window.AtlasText(control.hasAttribute("data-copy-link") ? "Link copied" : "Copied"));
      window.clearTimeout(control.atlasCopied);
      control.atlasCopied = window.setTimeout(function () {
        if (button) control.textContent = control.getAttribute("data-label");
        control.removeAttribute("data-copied");
      }, 2000);
    };
    var ask = function () { window.prompt(window.AtlasText("Copy this:"), text); };
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
