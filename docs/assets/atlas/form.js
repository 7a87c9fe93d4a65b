/* Suggest-a-practice form: turns what was typed into the entry's Markdown file.
 * The fields come from the JSON description in the page (scripts/form.py, made from the
 * schema); nothing is sent anywhere; what was typed is kept in this browser. */
(function () {
  "use strict";

  var form = document.querySelector("[data-atlas-form]");
  if (!form) return;
  var spec = JSON.parse(document.getElementById("atlas-form-schema").textContent);
  var STORE = "atlas-suggest-practice";
  var idInput = form.querySelector("[data-id]");
  var idTouched = false;
  var problemsBox = form.querySelector("[data-problems]");
  var output = document.querySelector("[data-output]");
  var SCOPES = "[data-item],[data-record],[data-atlas-form]";

  // -- finding controls: a field's control belongs to the nearest record or list item ----

  function own(container, name) {
    var found = null;
    container.querySelectorAll('[data-field="' + name + '"]').forEach(function (el) {
      if (!found && el.parentElement.closest(SCOPES) === container) found = el;
    });
    return found;
  }

  function items(control) {
    return Array.prototype.filter.call(control.querySelectorAll("[data-item]"), function (item) {
      return item.parentElement.closest("[data-records]") === control;
    });
  }

  // -- reading --------------------------------------------------------------------------

  function read(field, control) {
    if (field.kind === "record") return readRecord(field.fields, control);
    if (field.kind === "records") {
      var list = items(control).map(function (item) { return readRecord(field.fields, item); })
        .filter(function (value) { return value !== null; });
      return list.length ? list : null;
    }
    if (field.kind === "choices") {
      var chosen = control.tagName === "SELECT"
        ? Array.prototype.filter.call(control.options, function (o) { return o.selected; })
        : Array.prototype.filter.call(control.querySelectorAll("input"), function (i) { return i.checked; });
      var values = chosen.map(function (el) { return el.value; });
      return values.length ? values : null;
    }
    if (field.kind === "lines") {
      var lines = control.value.split("\n").map(function (l) { return l.trim(); }).filter(Boolean);
      return lines.length ? lines : null;
    }
    var text = control.value.trim();
    return text ? text : null;
  }

  function readRecord(fields, container) {
    var value = {};
    fields.forEach(function (field) {
      var got = read(field, own(container, field.name));
      if (got !== null) value[field.name] = got;
    });
    return Object.keys(value).length ? value : null;
  }

  function readAll() {
    var sections = {};
    form.querySelectorAll("[data-section]").forEach(function (area) {
      sections[area.getAttribute("data-section")] = area.value;
    });
    return { id: idInput.value, idTouched: idTouched, fields: readRecord(spec.fields, form) || {}, sections: sections };
  }

  // -- writing back (restoring a saved form) --------------------------------------------

  function write(field, control, value) {
    if (field.kind === "record") return writeRecord(field.fields, control, value || {});
    if (field.kind === "records") {
      var list = value || [];
      while (items(control).length < Math.max(list.length, 1)) addItem(control);
      items(control).forEach(function (item, i) { writeRecord(field.fields, item, list[i] || {}); });
      return;
    }
    if (field.kind === "choices") {
      var wanted = value || [];
      var boxes = control.tagName === "SELECT" ? control.options : control.querySelectorAll("input");
      Array.prototype.forEach.call(boxes, function (el) {
        el[control.tagName === "SELECT" ? "selected" : "checked"] = wanted.indexOf(el.value) !== -1;
      });
      return;
    }
    control.value = field.kind === "lines" ? (value || []).join("\n") : (value || "");
  }

  function writeRecord(fields, container, value) {
    fields.forEach(function (field) { write(field, own(container, field.name), value[field.name]); });
  }

  function writeAll(state) {
    writeRecord(spec.fields, form, state.fields || {});
    idInput.value = state.id || "";
    idTouched = !!state.idTouched;
    form.querySelectorAll("[data-section]").forEach(function (area) {
      area.value = (state.sections || {})[area.getAttribute("data-section")] || "";
    });
  }

  // -- repeatable groups ------------------------------------------------------------------

  var templates = new Map();
  form.querySelectorAll("[data-records]").forEach(function (group) {
    templates.set(group, items(group)[0].cloneNode(true));
  });
  var copies = 0;

  function addItem(group) {
    copies += 1;
    var item = templates.get(group).cloneNode(true);
    item.querySelectorAll("[id]").forEach(function (el) { el.id = el.id + "-" + copies; });
    item.querySelectorAll("label[for]").forEach(function (label) {
      label.setAttribute("for", label.getAttribute("for") + "-" + copies);
    });
    group.insertBefore(item, group.querySelector(":scope > [data-add-item]"));
    return item;
  }

  form.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-item]");
    var remove = event.target.closest("[data-remove-item]");
    if (add) {
      var item = addItem(add.closest("[data-records]"));
      var first = item.querySelector("input, select, textarea");
      if (first) first.focus();
      save();
    } else if (remove) {
      var group = remove.closest("[data-records]");
      var current = remove.closest("[data-item]");
      if (items(group).length > 1) current.remove();
      else current.querySelectorAll("input, textarea, select").forEach(function (el) { el.value = ""; });
      save();
    }
  });

  // -- the id follows the title until it is edited ----------------------------------------

  var FOLD = { "đ": "dj", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i" };
  function slugify(text) {
    return text.toLowerCase().replace(/[đłøæœßı]/g, function (ch) { return FOLD[ch]; })
      .normalize("NFKD").replace(/\p{M}/gu, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80)
      .replace(/-+$/, "");
  }
  var titleInput = own(form, "title");
  titleInput.addEventListener("input", function () {
    if (!idTouched) idInput.value = slugify(titleInput.value);
  });
  idInput.addEventListener("input", function () { idTouched = true; });

  // -- checking -------------------------------------------------------------------------

  function label(control) {
    var element = control.tagName === "FIELDSET"
      ? control.querySelector("legend")
      : document.querySelector('label[for="' + control.id + '"]');
    return (element ? element.textContent : control.getAttribute("data-field")).replace("(required)", "").trim();
  }

  function check(fields, container, problems, prefix) {
    fields.forEach(function (field) {
      var control = own(container, field.name);
      var value = read(field, control);
      var name = prefix + label(control);
      if (field.required && value === null) problems.push([control, name + ": required"]);
      if (field.kind === "choices" && value) {
        if (field.max && value.length > field.max) problems.push([control, name + ": choose at most " + field.max]);
      }
      if (field.kind === "records") {
        items(control).forEach(function (item, i) {
          if (readRecord(field.fields, item) !== null) check(field.fields, item, problems, name + " " + (i + 1) + ", ");
        });
      }
      if (field.kind === "record" && value !== null) check(field.fields, control, problems, name + ", ");
      if (control.tagName !== "FIELDSET" && control.tagName !== "SELECT" && value !== null && !control.checkValidity()) {
        problems.push([control, name + ": " + control.validationMessage]);
      }
    });
  }

  function problems() {
    var found = [];
    if (!idInput.checkValidity()) found.push([idInput, "File name: lower-case letters, digits and hyphens only"]);
    check(spec.fields, form, found, "");
    form.querySelectorAll("[data-section][required]").forEach(function (area) {
      if (!area.value.trim()) found.push([area, area.getAttribute("data-title") + ": required"]);
    });
    return found;
  }

  function showProblems(found) {
    problemsBox.replaceChildren();
    problemsBox.hidden = !found.length;
    if (!found.length) return;
    var heading = document.createElement("p");
    heading.textContent = "Please complete these fields:";
    var list = document.createElement("ul");
    found.forEach(function (pair) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + (pair[0].id || "");
      link.textContent = pair[1];
      link.addEventListener("click", function (event) {
        event.preventDefault();
        (pair[0].matches("fieldset") ? pair[0].querySelector("input") : pair[0]).focus();
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    problemsBox.append(heading, list);
    problemsBox.focus();
  }

  // -- the file -------------------------------------------------------------------------

  function scalar(field, value) {
    return field.kind === "number" ? String(Number(value)) : JSON.stringify(value);
  }

  function yamlLines(fields, value, indent) {
    var lines = [];
    fields.forEach(function (field) {
      var v = value[field.name];
      if (v === undefined) return;
      if (field.kind === "record") {
        lines.push(indent + field.name + ":");
        lines.push.apply(lines, yamlLines(field.fields, v, indent + "  "));
      } else if (field.kind === "records") {
        lines.push(indent + field.name + ":");
        v.forEach(function (item) {
          var inner = yamlLines(field.fields, item, indent + "    ");
          inner[0] = indent + "  - " + inner[0].slice(indent.length + 4);
          lines.push.apply(lines, inner);
        });
      } else if (Array.isArray(v)) {
        lines.push(indent + field.name + ": [" + v.map(function (x) { return JSON.stringify(x); }).join(", ") + "]");
      } else {
        lines.push(indent + field.name + ": " + scalar(field, v));
      }
    });
    return lines;
  }

  function entryText(state) {
    var front = yamlLines(spec.fields, state.fields, "");
    front.push("last_reviewed: " + JSON.stringify(new Date().toISOString().slice(0, 10)));
    var body = [];
    form.querySelectorAll("[data-section]").forEach(function (area) {
      var text = area.value.trim() || "Not reported.";
      body.push("## " + area.getAttribute("data-title") + "\n\n" + text + "\n");
    });
    return "---\n" + front.join("\n") + "\n---\n\n" + body.join("\n");
  }

  function produce() {
    var found = problems();
    showProblems(found);
    if (found.length) return;
    var state = readAll();
    var text = entryText(state);
    var name = state.id + ".md";
    output.hidden = false;
    output.querySelector("[data-output-name]").textContent = "practices/" + name;
    output.querySelector("[data-output-text]").value = text;
    var github = output.querySelector("[data-github]");
    github.href = spec.repository + "/new/" + spec.branch + "/practices?filename=" + encodeURIComponent(name) +
      "&value=" + encodeURIComponent(text);
    output.setAttribute("data-file-name", name);
    output.scrollIntoView();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    produce();
  });
  output.querySelector("[data-copy-output]").addEventListener("click", function (event) {
    window.AtlasCopy(output.querySelector("[data-output-text]").value, event.currentTarget);
  });
  output.querySelector("[data-download]").addEventListener("click", function () {
    var blob = new Blob([output.querySelector("[data-output-text]").value], { type: "text/markdown" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = output.getAttribute("data-file-name");
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  form.querySelector("[data-reset]").addEventListener("click", function () {
    if (!window.confirm("Clear the whole form?")) return;
    window.localStorage.removeItem(STORE);
    writeAll({ fields: {}, sections: {} });
    output.hidden = true;
    showProblems([]);
  });

  // -- keep what was typed --------------------------------------------------------------

  function save() {
    try { window.localStorage.setItem(STORE, JSON.stringify(readAll())); } catch (e) { /* private mode */ }
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  try {
    var saved = window.localStorage.getItem(STORE);
    if (saved) writeAll(JSON.parse(saved));
  } catch (e) { /* nothing saved, or not readable */ }
  problemsBox.tabIndex = -1;
  form.setAttribute("data-ready", "");
})();
