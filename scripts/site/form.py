"""The suggest-a-practice form (/contribute/new/), generated from the schema and vocabularies.

The page carries a description of the fields (JSON) that docs/assets/atlas/form.js reads
to turn what was typed into the entry's Markdown file. Controls and that description come
from the same walk over scripts/entries/schema.py, so the form cannot drift from the validator.

The form opens with a quick suggestion of four things (the title, the place, what was
done and a link to a source) that anyone can send to the editors; the full entry follows
behind "Add the full details". The quick place and link are the first place's name and
the first source's address of the full entry: form.js keeps each pair the same.
"""

from __future__ import annotations

from scripts.entries.body import SECTIONS
from scripts.entries.countries import COUNTRIES
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
from scripts.site.collection import Site

LEFT_OUT = {"aliases", "last_reviewed"}  # a new entry has no former ids; the review date is today
QUICK_FIELD = "title"  # asked first, in the quick suggestion
QUICK_SECTION = "what-was-done"


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


def control(spec: Field, site: Site, key: str, top: bool = True) -> dict:
    """What templates/form.html draws for a field; `key` makes ids unique within the page.
    Only top-level fields carry `required`: inside an optional group, form.js decides."""
    kind = spec.kind
    item = kind.item if isinstance(kind, ListOf) else None
    base = {
        "name": spec.name,
        "label": spec.name.replace("_", " ").capitalize(),
        "help": spec.help,
        "required": spec.required,
        "required_attr": spec.required and top,
        "id": f"f-{key}",
    }
    if isinstance(kind, Record) or isinstance(item, Record):
        record = kind if isinstance(kind, Record) else item
        inner = [control(sub, site, f"{key}-{sub.name}", top=False) for sub in record.fields.values()]
        return {**base, "control": "record" if isinstance(kind, Record) else "records", "fields": inner}
    if isinstance(item, Term):
        terms = site.taxonomy.terms(item.vocabulary)
        return {**base, "control": "checkboxes", "terms": terms, "min": kind.min_items, "max": kind.max_items}
    if isinstance(item, Country | PracticeId):
        if isinstance(item, Country):
            options = sorted(COUNTRIES.items(), key=lambda pair: pair[1])
        else:
            options = [(p.id, p.title) for p in site.practices]
        return {**base, "control": "multiselect", "options": options, "min": kind.min_items}
    if isinstance(kind, Term):
        options = [(t.id, t.label) for t in site.taxonomy.terms(kind.vocabulary)]
        return {**base, "control": "select", "options": options}
    if isinstance(item, Text):
        return {**base, "control": "textarea", "attrs": {"placeholder": "One a line"}}
    if isinstance(kind, Text) and not kind.one_line:
        return {**base, "control": "textarea", "attrs": {"minlength": kind.min_len, "maxlength": kind.max_len}}
    input_type, attrs = "text", {}
    if isinstance(kind, Text):
        attrs = {"maxlength": kind.max_len}
    elif isinstance(kind, Url):
        input_type, attrs = "url", {"pattern": "https?://.+", "placeholder": "https://"}
    elif isinstance(kind, Email):
        input_type = "email"
    elif isinstance(kind, Number):
        input_type, attrs = "number", {"min": f"{kind.minimum:g}", "max": f"{kind.maximum:g}", "step": "any"}
    elif isinstance(kind, Count):
        input_type, attrs = "number", {"min": "1", "step": "1"}
    elif isinstance(kind, PartialDate) and not isinstance(kind, FullDate):
        attrs = {"pattern": kind.pattern.strip("^$"), "placeholder": "YYYY, YYYY-MM or YYYY-MM-DD"}
    return {**base, "control": "input", "type": input_type, "attrs": attrs}


def quick_input(spec: Field, site: Site, key: str, label: str, help_text: str) -> dict:
    """One of the quick suggestion's own inputs: the control of a field inside a list
    (the first place's name, the first source's address), under a plainer label."""
    return {**control(spec, site, key, top=False), "label": label, "help": help_text, "required": True}


def form_data(site: Site) -> dict:
    """The controls of the form and the description of the fields that form.js reads."""
    fields = [spec for spec in PRACTICE.fields.values() if spec.name not in LEFT_OUT]
    controls = [control(spec, site, spec.name) for spec in fields]
    place = PRACTICE.fields["places"].kind.item.fields["name"]
    source = PRACTICE.fields["sources"].kind.item.fields["url"]
    settings = site.settings
    return {
        "title": next(c for c in controls if c["name"] == QUICK_FIELD),
        "place": quick_input(place, site, "quick-place", "Place", "The city, municipality or area where it happened."),
        "source": quick_input(
            source, site, "quick-source", "Link to a source", "A report, article or web page that describes it."
        ),
        "quick_section": next(s for s in SECTIONS if s.key == QUICK_SECTION),
        "controls": [c for c in controls if c["name"] != QUICK_FIELD],
        "sections": [s for s in SECTIONS if s.key != QUICK_SECTION],
        "editors": {"email": settings.editors_email, "name": settings.editors_name},
        "schema": {
            "fields": [describe(spec) for spec in fields],
            "sections": [{"key": s.key, "title": s.title} for s in SECTIONS],  # the file's order
            "repository": site.repo_url,
            "branch": settings.branch,
            "editors": settings.editors_email,
        },
        "template_url": f"{site.repo_url}/blob/{settings.branch}/practices/_template.md",
    }
