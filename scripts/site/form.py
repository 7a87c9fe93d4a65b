"""The suggest-a-practice form (/contribute/new/), generated from the schema and vocabularies.

The page carries a description of the fields (JSON) that docs/assets/atlas/form.js reads
to turn what was typed into the entry's Markdown file. Controls and that description come
from the same walk over scripts/schema.py, so the form cannot drift from the validator.
"""

from __future__ import annotations

import json

from scripts.entries.body import SECTIONS
from scripts.entries.countries import COUNTRIES
from scripts.site.render import Site, esc, page
from scripts.entries.schema import (
    PRACTICE,
    Count,
    Country,
    Email,
    Field,
    FullDate,
    ListOf,
    Number,
    PartialDate,
    PracticeId,
    Record,
    Term,
    Text,
    Url,
)  # fmt: skip

LEFT_OUT = {"aliases", "last_reviewed"}  # a new entry has no former ids; the review date is today


def describe(spec: Field) -> dict:
    """One field for form.js: how to read it and how to write it as YAML."""
    kind = spec.kind
    item = kind.item if isinstance(kind, ListOf) else None
    field: dict = {"name": spec.name, "required": spec.required}
    if isinstance(kind, Record):
        field.update(kind="record", fields=[describe(s) for s in kind.fields.values()])
    elif isinstance(item, Record):
        field.update(kind="records", fields=[describe(s) for s in item.fields.values()], min=kind.min_items)
    elif isinstance(item, Term | Country | PracticeId):
        field.update(kind="choices", min=kind.min_items, max=kind.max_items)
    elif isinstance(item, Text):
        field.update(kind="lines")
    elif isinstance(kind, Number | Count):
        field.update(kind="number")
    else:
        field.update(kind="text")
    return field


def _label(spec: Field) -> str:
    name = spec.name.replace("_", " ").capitalize()
    need = ' <span class="atlas-required">(required)</span>' if spec.required else ""
    return f"{esc(name)}{need}"


def _hint(spec: Field) -> str:
    return f'<span class="atlas-hint">{esc(spec.help)}</span>'


def _control(spec: Field, site: Site, key: str, top: bool) -> str:
    """The HTML control(s) for a field; `key` makes ids unique within the page. Only
    top-level fields carry `required`: inside an optional group, form.js decides."""
    kind = spec.kind
    item = kind.item if isinstance(kind, ListOf) else None
    attrs = f'data-field="{spec.name}"' + (" required" if spec.required and top else "")
    control_id = f"f-{key}"
    if isinstance(kind, Record) or isinstance(item, Record):
        record = kind if isinstance(kind, Record) else item
        inner = "\n".join(_row(sub, site, f"{key}-{sub.name}", top=False) for sub in record.fields.values())
        if isinstance(kind, Record):
            return (
                f'<fieldset class="atlas-group" data-field="{spec.name}" data-record>\n'
                f"<legend>{_label(spec)}</legend>\n{_hint(spec)}\n{inner}\n</fieldset>"
            )
        return (
            f'<fieldset class="atlas-group" data-field="{spec.name}" data-records>\n<legend>{_label(spec)}</legend>\n'
            f'{_hint(spec)}\n<div class="atlas-item" data-item>\n{inner}\n'
            '<button type="button" class="atlas-copy" data-remove-item>Remove</button>\n</div>\n'
            f'<button type="button" class="atlas-copy" data-add-item>Add another</button>\n</fieldset>'
        )
    if isinstance(item, Term):
        boxes = "\n".join(
            f'<label class="atlas-option"><input type="checkbox" value="{t.id}"> {esc(t.label)} '
            f'<span class="atlas-hint">{esc(t.description)}</span></label>'
            for t in site.taxonomy.terms(item.vocabulary)
        )
        limits = f' data-min="{kind.min_items}"' + (f' data-max="{kind.max_items}"' if kind.max_items else "")
        return (
            f'<fieldset class="atlas-group" data-field="{spec.name}"{limits} data-choices>\n'
            f"<legend>{_label(spec)}</legend>\n{_hint(spec)}\n{boxes}\n</fieldset>"
        )
    if isinstance(item, Country | PracticeId):
        if isinstance(item, Country):
            options = sorted(COUNTRIES.items(), key=lambda pair: pair[1])
        else:
            options = [(p.id, p.title) for p in site.practices]
        choices = "\n".join(f'<option value="{esc(value)}">{esc(text)}</option>' for value, text in options)
        return (
            f'<label for="{control_id}">{_label(spec)}</label> {_hint(spec)}\n'
            f'<select id="{control_id}" multiple size="6" {attrs} data-min="{kind.min_items}">\n{choices}\n</select>'
        )
    if isinstance(kind, Term):
        choices = "\n".join(
            f'<option value="{t.id}">{esc(t.label)}</option>' for t in site.taxonomy.terms(kind.vocabulary)
        )
        return (
            f'<label for="{control_id}">{_label(spec)}</label> {_hint(spec)}\n'
            f'<select id="{control_id}" {attrs}>\n<option value="">Choose…</option>\n{choices}\n</select>'
        )
    if isinstance(item, Text) or (isinstance(kind, Text) and not kind.one_line):
        extra = ' placeholder="One a line"' if item else f' minlength="{kind.min_len}" maxlength="{kind.max_len}"'
        return (
            f'<label for="{control_id}">{_label(spec)}</label> {_hint(spec)}\n'
            f'<textarea id="{control_id}" rows="3" {attrs}{extra}></textarea>'
        )
    input_type, extra = "text", ""
    if isinstance(kind, Text):
        extra = f' maxlength="{kind.max_len}"'
    elif isinstance(kind, Url):
        input_type, extra = "url", ' pattern="https?://.+" placeholder="https://"'
    elif isinstance(kind, Email):
        input_type = "email"
    elif isinstance(kind, Number):
        input_type, extra = "number", f' min="{kind.minimum:g}" max="{kind.maximum:g}" step="any"'
    elif isinstance(kind, Count):
        input_type, extra = "number", ' min="1" step="1"'
    elif isinstance(kind, PartialDate) and not isinstance(kind, FullDate):
        extra = f' pattern="{kind.pattern.strip("^$")}" placeholder="YYYY, YYYY-MM or YYYY-MM-DD"'
    return (
        f'<label for="{control_id}">{_label(spec)}</label> {_hint(spec)}\n'
        f'<input id="{control_id}" type="{input_type}" {attrs}{extra}>'
    )


def _row(spec: Field, site: Site, key: str, top: bool = True) -> str:
    return f'<div class="atlas-row">\n{_control(spec, site, key, top)}\n</div>'


def form_page(site: Site) -> str:
    fields = [spec for spec in PRACTICE.fields.values() if spec.name not in LEFT_OUT]
    rows = "\n".join(_row(spec, site, spec.name) for spec in fields)
    sections = "\n".join(
        f'<div class="atlas-row">\n<label for="s-{s.key}">{esc(s.title)}'
        + (' <span class="atlas-required">(required)</span>' if s.required else "")
        + f'</label>\n<textarea id="s-{s.key}" rows="5" data-section="{s.key}" data-title="{esc(s.title)}"'
        + (" required" if s.required else "")
        + "></textarea>\n</div>"
        for s in SECTIONS
    )
    description = json.dumps(
        {"fields": [describe(spec) for spec in fields], "repository": site.repo_url, "branch": site.branch}
    ).replace("</", "<\\/")  # so no '</script>' can end the block early
    body = f"""# Suggest a practice

Fill in what the sources say, then turn it into the practice's file: copy it, download
it, or open it on GitHub to propose it. Nothing is sent anywhere until you do; what you
type is kept in this browser if you reload the page. Please read the
[writing guide](index.md#writing-a-good-entry) first.

<noscript><p>This form needs JavaScript. Without it, copy the
<a href="{esc(site.repo_url)}/blob/{esc(site.branch)}/practices/_template.md">entry template</a> instead.</p></noscript>

<form class="atlas-form" data-atlas-form novalidate>
<div class="atlas-row">
<label for="f-id">File name (the permanent id) <span class="atlas-required">(required)</span></label>
<span class="atlas-hint">Lower-case words joined by hyphens; made from the title until you change it.</span>
<input id="f-id" type="text" data-id required pattern="[a-z0-9]+(-[a-z0-9]+)*" maxlength="80">
</div>
{rows}
<h2 id="text">The text</h2>
<p class="atlas-hint">Write every sentence yourself. Leave a section empty if the sources say nothing about it.</p>
{sections}
<div class="atlas-form-actions">
<button type="submit" class="md-button md-button--primary">Create the file</button>
<button type="button" class="md-button" data-reset>Start again</button>
</div>
<div class="atlas-form-problems" role="alert" data-problems hidden></div>
</form>

<section class="atlas-output" data-output hidden aria-labelledby="output-title">
<h2 id="output-title">Your file</h2>
<p><code data-output-name></code></p>
<textarea rows="16" readonly data-output-text aria-labelledby="output-title"></textarea>
<p>
<button type="button" class="md-button" data-copy-output>Copy</button>
<button type="button" class="md-button" data-download>Download</button>
<a class="md-button md-button--primary" data-github href="#" rel="noopener">Open on GitHub</a>
</p>
</section>

<script type="application/json" id="atlas-form-schema">{description}</script>
<script src="../../assets/atlas/copy.js" defer></script>
<script src="../../assets/atlas/form.js" defer></script>
"""
    meta = {
        "title": "Suggest a practice",
        "description": "Propose a practice: the form writes the entry's file for you.",
        "hide": ["toc"],
        "search": {"exclude": True},  # its lists of every practice and country are not content
    }
    return page(meta, body)
