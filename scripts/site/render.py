"""Generated pages as Markdown strings: practice pages, catalogue, landing pages, home parts.

Every value from an entry is HTML-escaped here (`esc`) and placed in raw HTML blocks, so
Markdown never interprets it; contributor body text goes through markdown_html first.
Links are relative to the page, so the site works from any folder of any static host.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin

from scripts.entries.body import SECTIONS
from scripts.entries.countries import COUNTRIES
from scripts.site.markdown_html import render_markdown
from scripts.entries.model import Practice
from scripts.site.search_index import normalise
from scripts.entries.taxonomy import Taxonomy

# Catalogue facets: query key -> (label, vocabulary or None, how to read a practice's values)
FACETS = {
    "region": ("Region", "regions", lambda p: p.regions),
    "country": ("Country", None, lambda p: p.countries),
    "theme": ("Theme", "themes", lambda p: p.themes),
    "type": ("Type of practice", "types", lambda p: p.types),
    "status": ("Status", "statuses", lambda p: (p.status,)),
    "evidence": ("Evidence", "evidence", lambda p: (p.evidence,)),
}
ROLE_ORDER = ("lead", "partner", "funder", "support")
_PLACEHOLDER = re.compile(r"<!--atlas-raw-\d+-->")
# Pages whose content is made of practices: Material's own search indexes the practices
# once, compactly (see mkdocs_hooks.on_post_build), not page by page.
NOT_IN_SEARCH = {"search": {"exclude": True}}
LANDING = {"region": ("regions", "Regions"), "theme": ("themes", "Themes")}  # facet -> (folder, title)


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass
class Site:
    """The validated collection and what pages need to know about it."""

    practices: list[Practice]
    taxonomy: Taxonomy
    base_url: str = "/"  # site_url from mkdocs.yml, ending in '/': for links that leave the site
    repo_url: str = ""  # repo_url from mkdocs.yml: where contributors edit and report
    branch: str = "main"
    by_id: dict[str, Practice] = field(init=False)
    _linked: dict[str, set[str]] = field(init=False, repr=False)
    fragments: dict[str, str] = field(init=False, default_factory=dict)

    def raw(self, html_text: str) -> str:
        """Set finished HTML aside and leave a placeholder in the Markdown.

        Python-Markdown parses raw HTML blocks with a slow pure-Python parser; what is
        already HTML skips it and goes back in after conversion (`restore`)."""
        key = f"<!--atlas-raw-{len(self.fragments)}-->"
        self.fragments[key] = html_text
        return f"\n{key}\n"

    def restore(self, page_html: str) -> str:
        return _PLACEHOLDER.sub(lambda m: self.fragments[m.group(0)], page_html)

    def __post_init__(self):
        # The catalogue's title order (normalised title, then id), so its script need not re-sort.
        self.practices = sorted(self.practices, key=lambda p: (normalise(p.title), p.id))
        self.by_id = {p.id: p for p in self.practices}
        # Links both ways: a practice lists what it relates to, and is listed by others.
        self._linked: dict[str, set[str]] = {p.id: set(p.related) for p in self.practices}
        for p in self.practices:
            for other in p.related:
                self._linked[other].add(p.id)

    def related(self, practice: Practice) -> list[Practice]:
        """Practices linked to this one, in either direction, in title order."""
        ids = self._linked[practice.id]
        return [self.by_id[i] for i in sorted(ids, key=lambda i: (normalise(self.by_id[i].title), i))]

    def with_term(self, facet: str, value: str) -> list[Practice]:
        values = FACETS[facet][2]
        return [p for p in self.practices if value in values(p)]

    def newest(self, count: int) -> list[Practice]:
        return sorted(self.practices, key=lambda p: (p.last_reviewed, p.id), reverse=True)[:count]

    def url(self, practice: Practice) -> str:
        return f"{self.base_url}practices/{practice.id}/"

    def edit_url(self, practice: Practice) -> str:
        """The entry's own source file, not a generated page."""
        return f"{self.repo_url}/edit/{self.branch}/practices/{practice.id}.md"

    def correction_url(self, practice: Practice) -> str:
        title = f"Correction: {practice.id}"
        query = urlencode({"template": "correction.yml", "title": title, "practice": practice.id})
        return f"{self.repo_url}/issues/new?{query}"

    def value_label(self, facet: str, value: str) -> str:
        vocabulary = FACETS[facet][1]
        return COUNTRIES[value] if vocabulary is None else self.taxonomy.label(vocabulary, value)


def page(meta: dict, body: str) -> str:
    """A Markdown page with YAML meta (the hook escapes title and description for the theme)."""
    # Each value as JSON, which YAML reads too: a thousand yaml.safe_dump calls took seconds.
    front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
    return "---\n" + front + "---\n\n" + body


def human_date(value: str | dt.date) -> str:
    """'2017', 'April 2017' or '18 July 2023': as precise as the entry."""
    text = value.isoformat() if isinstance(value, dt.date) else value
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = dt.date(2000, parts[1], 1).strftime("%B")
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


def where(practice: Practice) -> str:
    places = [place.name for place in practice.places]
    countries = [COUNTRIES[c] for c in practice.countries]
    return " · ".join([", ".join(places), ", ".join(countries)] if places else [", ".join(countries)])


def when(practice: Practice) -> str:
    if practice.started and practice.ended:
        if practice.started == practice.ended:
            return human_date(practice.started)
        return f"{human_date(practice.started)} – {human_date(practice.ended)}"
    if practice.started:
        return f"Since {human_date(practice.started)}"
    if practice.ended:
        return f"Until {human_date(practice.ended)}"
    return "Not reported"


# -- cards: one practice in a list ------------------------------------------------------


def card(practice: Practice, site: Site, root: str, heading: str = "h2") -> str:
    """A practice in a list. The data-* attributes are what the catalogue filters and sorts on;
    titles sort by their normalised text (search.js normalise), the order built here."""
    data = {
        "practice-id": practice.id,
        **{f: " ".join(values(practice)) for f, (_, _, values) in FACETS.items()},
        "reviewed": practice.last_reviewed.isoformat(),
    }
    attributes = " ".join(f'data-{name}="{esc(value)}"' for name, value in data.items())
    status = site.taxonomy.label("statuses", practice.status)
    evidence = site.taxonomy.label("evidence", practice.evidence)
    # Plain labels, not links: the catalogue's weight is its cards (theme pages are a click away).
    themes = esc(", ".join(site.taxonomy.label("themes", t) for t in practice.themes))
    return (
        f'<li class="atlas-card" {attributes}>\n'
        f'<{heading} class="atlas-card__title"><a href="{root}practices/{practice.id}/">{esc(practice.title)}</a>'
        f"</{heading}>\n"
        f'<p class="atlas-card__where">{esc(where(practice))}</p>\n'
        f'<p class="atlas-card__summary">{esc(practice.summary)}</p>\n'
        f'<p class="atlas-card__meta"><span class="atlas-badge atlas-badge--{practice.status}">{esc(status)}</span> '
        f'<span class="atlas-badge">Evidence: {esc(evidence)}</span> '
        f'<span class="atlas-card__themes">{themes}</span></p>\n'
        "</li>"
    )


def card_list(practices: list[Practice], site: Site, root: str, heading: str = "h2", attrs: str = "") -> str:
    items = "\n".join(card(p, site, root, heading) for p in practices)
    return f'<ol class="atlas-cards"{attrs}>\n{items}\n</ol>'


# -- the practice page ------------------------------------------------------------------


def practice_page(practice: Practice, site: Site) -> str:
    root = "../../"
    tax = site.taxonomy
    head = [
        f'<div class="atlas-practice" data-practice-id="{esc(practice.id)}">',
        f"<h1>{esc(practice.title)}</h1>",
        f'<p class="atlas-summary">{esc(practice.summary)}</p>',
        _facts(practice, site, root),
        _figures(practice),
        _cite(practice, site),
        f'<p class="atlas-print-only">Online, with sources and updates: {esc(site.url(practice))}</p>',
        "</div>",
    ]
    parts = [site.raw("\n".join(head))]
    # Only the headings stay Markdown, so that the table of contents lists them.
    present = [(spec, practice.section(spec.key)) for spec in SECTIONS if practice.section(spec.key)]
    for spec, section in present:
        text = _copy_section_link(spec.key) + "\n" + _block(render_markdown(section.text))
        if spec.key == "how-to-replicate" and practice.replication:
            text += "\n" + _replication(practice)
        parts += [f"## {spec.title} {{#{spec.key}}}", site.raw(text)]
    parts += ["## Sources {#sources}", site.raw(_sources(practice))]
    related = site.related(practice)
    if related:
        links = "\n".join(
            f'<li><a href="{root}practices/{p.id}/">{esc(p.title)}</a> <span class="atlas-muted">'
            f"{esc(where(p))}</span></li>"
            for p in related
        )
        parts += ["## Related practices {#related}", site.raw(f'<ul class="atlas-related">\n{links}\n</ul>')]
    tail = []
    contact = practice.contact
    if contact:
        address = contact.url or f"mailto:{contact.email}"
        tail.append(f'<p class="atlas-contact">Contact: <a href="{esc(address)}">{esc(contact.organisation)}</a></p>')
    tail.append(
        f'<p class="atlas-reviewed">Last reviewed on {esc(human_date(practice.last_reviewed))} '
        f"against its sources. Evidence level: {esc(tax.label('evidence', practice.evidence))}.</p>"
    )
    if site.repo_url:
        tail.append(
            f'<p class="atlas-improve">Something wrong or missing? <a href="{esc(site.correction_url(practice))}">'
            f'Suggest a correction</a> or <a href="{esc(site.edit_url(practice))}">edit this practice</a>.</p>'
        )
    tail += [
        f'<script src="{root}assets/atlas/copy.js" defer></script>',
        f'<script src="{root}assets/atlas/practice.js" defer></script>',
    ]
    parts.append(site.raw("\n".join(tail)))
    meta = {
        "title": practice.title,
        "description": practice.summary,
        "hide": ["navigation"],
        "atlas_type": "article",
        **NOT_IN_SEARCH,
    }
    return page(meta, "\n".join(parts) + "\n")


def _copy_section_link(key: str) -> str:
    # Shown by practice.js; without JavaScript the heading's ¶ link does the same job.
    return (
        f'<p class="atlas-section-tools" hidden><button type="button" class="atlas-copy" data-copy-link="#{key}">'
        "Copy link to this section</button></p>"
    )


def citation(practice: Practice, site: Site) -> str:
    """'Organisation. Title. Practice Atlas, year. URL': the accessed date is added in the browser."""
    leads = [o.name for o in practice.organisations if o.role == "lead"] or [practice.organisations[0].name]
    return f"{', '.join(leads)}. {practice.title}. Practice Atlas, {practice.last_reviewed.year}. {site.url(practice)}"


def _cite(practice: Practice, site: Site) -> str:
    url = site.url(practice)
    return f"""<details class="atlas-cite">
<summary>Cite or share this practice</summary>
<p><strong>Link</strong><br><code data-copy-source="link">{esc(url)}</code>
<button type="button" class="atlas-copy" data-copy-from="link" hidden>Copy link</button></p>
<p><strong>Citation</strong><br><span data-copy-source="citation">{esc(citation(practice, site))} (accessed
<span data-accessed>on the date you read it</span>).</span>
<button type="button" class="atlas-copy" data-copy-from="citation" hidden>Copy citation</button></p>
</details>"""


def _block(fragment: str) -> str:
    """Raw HTML that Markdown leaves alone: one wrapping element, blank lines around it."""
    return f'<div class="atlas-text">\n{fragment}\n</div>'


def _facts(practice: Practice, site: Site, root: str) -> str:
    tax = site.taxonomy
    places = [
        esc(place.name) + (f' <span class="atlas-muted">({esc(", ".join(place.also))})</span>' if place.also else "")
        for place in practice.places
    ]
    countries = [esc(COUNTRIES[c]) for c in practice.countries]
    rows = [("Where", "; ".join(places + countries))]
    rows.append(
        (
            "Region",
            ", ".join(f'<a href="{root}regions/{r}/">{esc(tax.label("regions", r))}</a>' for r in practice.regions),
        )
    )
    rows.append(("When", esc(when(practice))))
    rows.append(("Status", esc(tax.label("statuses", practice.status))))
    by_role = {role: [o for o in practice.organisations if o.role == role] for role in ROLE_ORDER}
    who = [
        f"<li>{esc(tax.label('roles', role))}: " + ", ".join(_link(o.name, o.url) for o in organisations) + "</li>"
        for role, organisations in by_role.items()
        if organisations
    ]
    rows.append(("Who", f'<ul class="atlas-who">{"".join(who)}</ul>'))
    evidence = tax.term("evidence", practice.evidence)
    rows.append(("Evidence", f"<strong>{esc(evidence.label)}</strong>: {esc(evidence.description)}"))
    replication = practice.replication
    if replication and replication.cost:
        cost = tax.term("costs", replication.cost)
        rows.append(
            ("Cost", esc(cost.label) if cost.id == "unknown" else f"{esc(cost.label)}: {esc(cost.description)}")
        )
    if replication and replication.timeframe:
        rows.append(("Time to set up", esc(replication.timeframe)))
    rows.append(
        (
            "Themes",
            ", ".join(f'<a href="{root}themes/{t}/">{esc(tax.label("themes", t))}</a>' for t in practice.themes),
        )
    )
    rows.append(
        (
            "Type",
            ", ".join(f'<a href="{root}practices/?type={t}">{esc(tax.label("types", t))}</a>' for t in practice.types),
        )
    )
    if practice.target_groups:
        rows.append(("Works with", ", ".join(esc(tax.label("target_groups", g)) for g in practice.target_groups)))
    items = "\n".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in rows)
    return f'<dl class="atlas-facts">\n{items}\n</dl>'


def _figures(practice: Practice) -> str:
    if not practice.figures:
        return ""
    items = "\n".join(
        f'<li><span class="atlas-figure__value">{esc(f.value)}</span> '
        f'<span class="atlas-figure__label">{esc(f.label)}</span>'
        + (f' <a class="atlas-figure__source" href="#source-{f.source}">[{f.source}]</a>' if f.source else "")
        + "</li>"
        for f in practice.figures
    )
    return f'<ul class="atlas-figures" aria-label="Key figures">\n{items}\n</ul>'


def _replication(practice: Practice) -> str:
    replication = practice.replication
    parts = []
    if replication.preconditions:
        items = "".join(f"<li>{esc(item)}</li>" for item in replication.preconditions)
        parts.append(f'<p class="atlas-subhead">What needs to be in place first</p>\n<ul>{items}</ul>')
    if replication.materials:
        items = "".join(f"<li>{_link(m.title, m.url)}</li>" for m in replication.materials)
        parts.append(f'<p class="atlas-subhead">Materials to reuse</p>\n<ul>{items}</ul>')
    return f'<div class="atlas-replication">\n{"".join(parts)}\n</div>' if parts else ""


def _sources(practice: Practice) -> str:
    items = []
    for number, source in enumerate(practice.sources, start=1):
        date = f", {esc(human_date(source.date))}" if source.date else ""
        items.append(f'<li id="source-{number}">{esc(source.publisher)}: {_link(source.title, source.url)}{date}</li>')
    return '<ol class="atlas-sources">\n' + "\n".join(items) + "\n</ol>"


def _link(text: str, url: str | None) -> str:
    if not url:
        return esc(text)
    return f'<a href="{esc(url)}" rel="noopener">{esc(text)}</a>'


# -- catalogue --------------------------------------------------------------------------


def catalogue_page(site: Site) -> str:
    root = "../"
    facets = "\n".join(_facet(key, site) for key in FACETS)
    total = len(site.practices)
    catalogue = f"""<div class="atlas-catalogue" data-atlas-catalogue>
<form class="atlas-filters" role="search" aria-label="Filter practices" hidden data-atlas-filters>
<div class="atlas-filters__search">
<label for="atlas-q">Search practices</label>
<input id="atlas-q" type="search" name="q" autocomplete="off" placeholder="Words, places, organisations">
</div>
<div class="atlas-filters__facets">
{facets}
</div>
<div class="atlas-filters__actions">
<label for="atlas-sort">Sort by</label>
<select id="atlas-sort" name="sort">
<option value="relevance">Relevance</option>
<option value="newest">Newest first</option>
<option value="title">Title</option>
</select>
<button type="button" class="md-button" data-atlas-clear>Clear all</button>
<button type="button" class="md-button" data-atlas-copy>Copy link to this view</button>
</div>
</form>
<p class="atlas-result-status" role="status">
<strong data-result-count="{total}">{total}</strong> <span data-result-noun>practices</span>
</p>
<p class="atlas-browse">Browse by <a href="{root}regions/">region</a> or by <a href="{root}themes/">theme</a>.</p>
{card_list(site.practices, site, root, "h2", " data-atlas-results")}
<p class="atlas-empty" hidden data-atlas-empty>No practice matches. Remove a filter or try other words.</p>
<p class="atlas-more" hidden>
<button type="button" class="md-button" data-atlas-more>Show all <span data-more-count></span> practices</button>
</p>
</div>
<script src="{root}assets/atlas/lunr.js" defer></script>
<script src="{root}assets/atlas/search.js" defer></script>
<script src="{root}assets/atlas/copy.js" defer></script>
<script src="{root}assets/atlas/catalogue.js" defer></script>"""
    meta = {
        "title": "Practices",
        "description": f"All {total} practices: filter by region, country, theme, type, status and evidence.",
        "hide": ["navigation", "toc"],
        "atlas_catalogue": True,  # overrides/partials/search.html leaves Material's search out
        **NOT_IN_SEARCH,
    }
    return page(meta, "# Practices\n" + site.raw(catalogue))


def _facet(key: str, site: Site) -> str:
    label, vocabulary, values = FACETS[key]
    counts = Counter(v for p in site.practices for v in values(p))
    if vocabulary:
        order = [t for t in site.taxonomy.ids(vocabulary) if t in counts]
    else:
        order = sorted(counts, key=lambda code: COUNTRIES[code])
    options = "\n".join(
        f'<label class="atlas-option"><input type="checkbox" name="{key}" value="{esc(value)}"> '
        f"{esc(site.value_label(key, value))} "
        f'<span class="atlas-count" data-count-for="{esc(value)}">{counts[value]}</span></label>'
        for value in order
    )
    return (
        f'<details class="atlas-facet" data-facet="{key}">\n<summary>{label}</summary>\n'
        f'<fieldset>\n<legend class="atlas-visually-hidden">{label}</legend>\n{options}\n</fieldset>\n</details>'
    )


# -- landing pages ----------------------------------------------------------------------


def landing_page(facet: str, term_id: str, site: Site) -> str:
    """/regions/<id>/ or /themes/<id>/: description, the practices, and pre-filtered links."""
    vocabulary = FACETS[facet][1]
    term = site.taxonomy.term(vocabulary, term_id)
    root = "../../"
    practices = site.with_term(facet, term_id)
    other = "theme" if facet == "region" else "region"
    combos = Counter(v for p in practices for v in FACETS[other][2](p))
    combo_links = ", ".join(
        f'<a href="{root}practices/?{facet}={term_id}&amp;{other}={value}">'
        f"{esc(site.value_label(other, value))}</a> ({count})"
        for value, count in sorted(combos.items(), key=lambda item: site.value_label(other, item[0]))
    )
    noun = "practice" if len(practices) == 1 else "practices"
    parts = [
        f"<h1>{esc(term.label)}</h1>",
        f'<p class="atlas-summary">{esc(term.description)}</p>',
        f'<p><a class="md-button" href="{root}practices/?{facet}={term_id}">Search and filter these '
        f"{len(practices)} {noun} in the catalogue</a></p>",
    ]
    if combo_links:
        parts.append(f'<p class="atlas-combos">By {other}: {combo_links}</p>')
    parts += ["", f"## {len(practices)} {noun} {{#practices}}", ""]
    if practices:
        parts.append(site.raw(card_list(practices, site, root, "h3")))
    else:
        parts.append(f'<p>No practice is filed here yet. <a href="{root}contribute/fields/">Add one</a>.</p>')
    parts.append(f'<p class="atlas-feed"><a href="feed.xml">Follow new {esc(term.label)} practices (Atom feed)</a></p>')
    meta = {"title": term.label, "description": term.description, "atlas_feed": "feed.xml", **NOT_IN_SEARCH}
    return page(meta, "\n".join(parts) + "\n")


def landing_index_page(facet: str, site: Site) -> str:
    """/regions/ or /themes/: every term with its count."""
    _, title = LANDING[facet]
    items = "\n".join(
        _term_item(facet, term, site, "", f'<br><span class="atlas-muted">{esc(term.description)}</span>')
        for term in site.taxonomy.terms(FACETS[facet][1])
    )
    body = f'# {title}\n\n<ul class="atlas-terms">\n{items}\n</ul>\n'
    meta = {"title": title, "description": f"Practices by {facet}, with the number filed under each."}
    return page(meta, body)


def _term_item(facet: str, term, site: Site, prefix: str, extra: str = "") -> str:
    """A vocabulary term as a list item: link to its landing page and its practice count."""
    count = len(site.with_term(facet, term.id))
    return (
        f'<li><a href="{prefix}{term.id}/">{esc(term.label)}</a> <span class="atlas-count">{count}</span>{extra}</li>'
    )


# -- contributing ---------------------------------------------------------------------


def contributing_page(guide: str, site: Site) -> str:
    """CONTRIBUTING.md as the site's /contribute/ page: one text for the repository and the
    site. Its links are relative to the repository, so they are pointed there."""
    repository = f"{site.repo_url}/blob/{site.branch}/"

    def absolute(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"^[a-z]+:|^#", target):
            return match.group(0)
        return f"{match.group(1)}({urljoin(repository, target)})"

    body = re.sub(r"(\[[^\]]*\])\(([^)\s]+)\)", absolute, guide)
    body = body.replace(
        "Open **Suggest a practice** on the site (Contribute → Suggest a practice).",
        "Open [Suggest a practice](new.md).",
    ).replace("the\nfield reference (Contribute → Field reference on the site)", "the\n[field reference](fields.md)")
    meta = {
        "title": "How to contribute",
        "description": "Add or correct a practice: with a form, on GitHub, or locally.",
    }
    return page(meta, body)


# -- home page parts (replace markers in docs/index.md) ---------------------------------


def home_search() -> str:
    return (
        '<form class="atlas-home-search" action="practices/" method="get" role="search">\n'
        '<label for="home-q">Search the practices</label>\n'
        '<input id="home-q" type="search" name="q" placeholder="For example: youth, action plan, Prishtinë">\n'
        '<button type="submit" class="md-button md-button--primary">Search</button>\n'
        "</form>"
    )


def home_browse(site: Site) -> str:
    columns = []
    for facet in ("region", "theme"):
        folder, _ = LANDING[facet]
        items = "\n".join(
            _term_item(facet, term, site, f"{folder}/")
            for term in site.taxonomy.terms(FACETS[facet][1])
            if site.with_term(facet, term.id)
        )
        columns.append(
            f'<div class="atlas-browse-column"><h3>By {facet}</h3>\n<ul class="atlas-terms">\n{items}\n</ul>\n'
            f'<p><a href="{folder}/">All {folder}</a></p></div>'
        )
    return '<div class="atlas-browse-grid">\n' + "\n".join(columns) + "\n</div>"


def home_newest(site: Site, count: int = 5) -> str:
    return card_list(site.newest(count), site, "", "h3")
