/* Interface strings in the page's language, for the other scripts: the JSON in
 * #atlas-strings (overrides/main.html), taken from the gettext catalogues at build time.
 * AtlasText("Copied") or, with values, AtlasText("Show %(num)d practices"... by its English
 * singular: AtlasText("Show %(num)d practice", { num: n }, n) picks the plural form of the
 * page's language (Intl.PluralRules: one, few, other). Loaded on every page, first. */
(function () {
  "use strict";
  var element = document.getElementById("atlas-strings");
  var strings = {};
  try {
    strings = element ? JSON.parse(element.textContent) : {};
  } catch (error) {
    strings = {};  // English, from the keys themselves
  }
  var lang = document.documentElement.lang || "en";
  var rules = window.Intl && window.Intl.PluralRules ? new window.Intl.PluralRules(lang) : null;

  window.AtlasText = function (key, values, count) {
    var text = strings[key];
    if (text && typeof text === "object") {
      text = text[rules ? rules.select(count) : (count === 1 ? "one" : "other")] || text.other;
    }
    if (typeof text !== "string") text = key;
    return text.replace(/%\((\w+)\)[sd]/g, function (match, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  };
})();
