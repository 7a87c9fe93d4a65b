/* Suggest-a-practice form. Its first part, the quick suggestion (title, place, what was
 * done, a source link), becomes a short text to e-mail to the editors; with the full
 * details it becomes the entry's Markdown file. The fields come from the JSON description
 * in the page (scripts/site/form.py, made from the schema); nothing is sent anywhere; what
 * was typed is kept in this browser. */
(function () {
  "use strict";

  var form = document.querySelector("[data-atlas-form]");
  if (!form) return;
  var spec = JSON.parse(document.getElementById("atlas-form-schema").textContent);
  var STORE = "atlas-suggest-practice";
  var idInput = form.querySelector("[data-id]");
  var idTouched = false;
  var idPreview = form.querySelector("[data-id-preview]");
  var idRow = form.querySelector("[data-id-row]");
  var idEdit = form.querySelector("[data-id-edit]");
  var full = form.querySelector("[data-full]");
  var problemBoxes = {
    quick: form.querySelector('[data-problems="quick"]'),
    file: form.querySelector('[data-problems="file"]')
  };
  var quickOutput = form.querySelector("[data-quick-output]");
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
    return {
      id: idInput.value, idTouched: idTouched, full: full.open,
      fields: readRecord(spec.fields, form) || {}, sections: sections
    };
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
    full.open = !!state.full;
    idRow.hidden = !idTouched;
    idEdit.hidden = idTouched;
    syncQuick();
    showId();
  }

  // -- the quick suggestion's place and link are the first place and source of the entry --

  var QUICK = { place: ["places", "name"], source: ["sources", "url"] };

  function quickInput(key) { return form.querySelector('[data-quick="' + key + '"]'); }

  function firstControl(key) {
    return own(items(own(form, QUICK[key][0]))[0], QUICK[key][1]);
  }

  function syncQuick() {
    Object.keys(QUICK).forEach(function (key) { quickInput(key).value = firstControl(key).value; });
  }

  // Registered before `save` below, so that what is saved already has both copies.
  form.addEventListener("input", function (event) {
    var key = event.target.getAttribute("data-quick");
    if (key) {
      firstControl(key).value = event.target.value;
      return;
    }
    Object.keys(QUICK).forEach(function (other) {
      if (event.target === firstControl(other)) quickInput(other).value = event.target.value;
    });
  });

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
      syncQuick();
      save();
    }
  });

  // -- the id follows the title until it is edited ----------------------------------------

  // The id `atlas-new` would give: the slug of assets/atlas/fold.js (loaded before this file).
  var titleInput = own(form, "title");
  titleInput.addEventListener("input", function () {
    if (!idTouched) idInput.value = window.AtlasFold.slug(titleInput.value);
  });
  idInput.addEventListener("input", function () { idTouched = true; });

  // The id is shown, not asked: "Edit" opens its field.
  function showId() { idPreview.textContent = idInput.value || "…"; }
  function openId() {
    idRow.hidden = false;
    idEdit.hidden = true;
    idEdit.setAttribute("aria-expanded", "true");
  }
  titleInput.addEventListener("input", showId);
  idInput.addEventListener("input", showId);
  idEdit.addEventListener("click", function () {
    openId();
    idInput.focus();
  });

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

  function quickSection() { return form.querySelector(".atlas-quick [data-section]"); }

  function quickProblems() {
    var found = [];
    [titleInput, quickInput("place"), quickSection(), quickInput("source")].forEach(function (control) {
      var name = label(control);
      if (!control.value.trim()) found.push([control, name + ": required"]);
      else if (!control.checkValidity()) found.push([control, name + ": " + control.validationMessage]);
    });
    return found;
  }

  function problems() {
    var found = [];
    if (!idInput.value || !idInput.checkValidity()) {
      openId();
      found.push([idInput, "File name: lower-case letters, digits and hyphens only"]);
    }
    check(spec.fields, form, found, "");
    form.querySelectorAll("[data-section][required]").forEach(function (area) {
      if (!area.value.trim()) found.push([area, area.getAttribute("data-title") + ": required"]);
    });
    return found;
  }

  function showProblems(problemsBox, found) {
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
    spec.sections.forEach(function (section) {  // the file's order, not the form's
      var area = form.querySelector('[data-section="' + section.key + '"]');
      var text = area.value.trim() || "Not reported.";
      body.push("## " + section.title + "\n\n" + text + "\n");
    });
    return "---\n" + front.join("\n") + "\n---\n\n" + body.join("\n");
  }

  function suggestionText() {
    return [
      "Title: " + titleInput.value.trim(),
      "Place: " + quickInput("place").value.trim(),
      "Source: " + quickInput("source").value.trim(),
      "",
      "What was done:",
      quickSection().value.trim()
    ].join("\n") + "\n";
  }

  function suggest() {
    var found = quickProblems();
    showProblems(problemBoxes.quick, found);
    if (found.length) return;
    var text = suggestionText();
    var subject = "Practice suggestion: " + titleInput.value.trim();
    var query = "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(text);
    quickOutput.hidden = false;
    quickOutput.querySelector("[data-quick-text]").value = text;
    var mail = quickOutput.querySelector("[data-mail]");
    if (mail) mail.href = "mailto:" + spec.editors + query;
    var issue = quickOutput.querySelector("[data-issue]");
    if (issue) {
      issue.href = spec.repository + "/issues/new?title=" + encodeURIComponent(subject) +
        "&body=" + encodeURIComponent(text);
    }
    quickOutput.scrollIntoView({ block: "nearest" });
  }

  function produce() {
    var found = problems();
    showProblems(problemBoxes.file, found);
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
    // The button pressed, or, for Enter in a field, the part of the form it is in.
    var pressed = event.submitter && event.submitter.getAttribute("data-action");
    if (pressed === "file" || (full.open && full.contains(document.activeElement))) produce();
    else suggest();
  });
  quickOutput.querySelector("[data-copy-quick]").addEventListener("click", function (event) {
    window.AtlasCopy(quickOutput.querySelector("[data-quick-text]").value, event.currentTarget);
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
    quickOutput.hidden = true;
    showProblems(problemBoxes.quick, []);
    showProblems(problemBoxes.file, []);
  });

  // -- keep what was typed --------------------------------------------------------------

  function save() {
    try { window.localStorage.setItem(STORE, JSON.stringify(readAll())); } catch (e) { /* private mode */ }
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  full.addEventListener("toggle", save);  // the full details stay open after a reload
  try {
    var saved = window.localStorage.getItem(STORE);
    if (saved) writeAll(JSON.parse(saved));
  } catch (e) { /* nothing saved, or not readable */ }
  showId();
  problemBoxes.quick.tabIndex = -1;
  problemBoxes.file.tabIndex = -1;
  form.setAttribute("data-ready", "");
})();
