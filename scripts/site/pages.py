"""Every generated page, as data: finished HTML from the templates, title, description,
table of contents, date and how the theme should show it.

Links inside pages are relative to the page, so the site works from any folder of any
static host. Nothing here knows which generator publishes the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from scripts.contribute.field_reference import field_reference
from scripts.entries.body import SECTIONS
from scripts.entries.model import Practice
from scripts.entries.retired import Retired
from scripts.site.collection import FACETS, LANDING, ROLE_ORDER, Site, citation
from scripts.site.form import form_data
from scripts.site.guide import render_guide
from scripts.site.markdown_html import render_markdown
from scripts.site.templating import render

TocEntry = tuple  # (level, anchor, title, [children...])


@dataclass(frozen=True)
class Page:
    """One generated page. `path` is where a Markdown source would sit (`practices/x.md`);
    its address is the path without `.md` (`practices/x/`)."""

    path: str
    title: str
    description: str
    html: str
    date: str  # when its content last changed (YYYY-MM-DD): the sitemap's lastmod
    toc: tuple[TocEntry, ...] = ()
    hide: tuple[str, ...] = ()  # Material's sidebars to hide: navigation, toc
    in_search: bool = True  # in the generator's own search index (the practices have theirs)
    kind: str = "website"  # og:type
    feed: str | None = None  # the page's own Atom feed, relative to it
    catalogue: bool = False  # the catalogue: no header search, its index fetched from the head
    edit_url: str | None = None  # where its source is edited, when that is not a generated file
    extra: dict = field(default_factory=dict)

    @property
    def meta(self) -> dict:
        """The page's metadata as a generator's templates read it (MkDocs' page.meta)."""
        meta = {"title": self.title, "description": self.description, "hide": list(self.hide)}
        if not self.in_search:
            meta["search"] = {"exclude": True}
        if self.kind != "website":
            meta["atlas_type"] = self.kind
        if self.feed:
            meta["atlas_feed"] = self.feed
        if self.catalogue:
            meta["atlas_catalogue"] = True
        return meta


def _toc(*entries: tuple[str, str]) -> tuple[TocEntry, ...]:
    return tuple((2, anchor, title, []) for anchor, title in entries)


def practice_page(practice: Practice, site: Site) -> Page:
    sections = [
        {"key": spec.key, "title": spec.title, "html": Markup(render_markdown(section.text))}
        for spec in SECTIONS
        if (section := practice.section(spec.key))
    ]
    related = site.related(practice)
    by_role = [(role, [o for o in practice.organisations if o.role == role]) for role in ROLE_ORDER]
    html = render(
        "practice.html",
        practice=practice,
        site=site,
        root="../../",
        sections=sections,
        related=related,
        by_role=[(role, orgs) for role, orgs in by_role if orgs],
        url=site.url(practice),
        citation=citation(practice, site),
    )
    toc = [(s["key"], s["title"]) for s in sections] + [("sources", "Sources")]
    if related:
        toc.append(("related", "Related practices"))
    return Page(
        path=f"practices/{practice.id}.md",
        title=practice.title,
        description=practice.summary,
        html=html,
        date=practice.last_reviewed.isoformat(),
        toc=_toc(*toc),
        hide=("navigation",),
        in_search=False,
        kind="article",
        edit_url=site.edit_url(practice) if site.repo_url else None,
    )


def catalogue_page(site: Site) -> Page:
    facets = []
    for key, (label, _, _) in FACETS.items():
        counts = site.counts(key)
        options = [(value, site.value_label(key, value), counts[value]) for value in site.facet_values(key, counts)]
        facets.append({"key": key, "label": label, "options": options})
    total = len(site.practices)
    html = render("catalogue.html", site=site, root="../", facets=facets, total=total)
    return Page(
        path="practices/index.md",
        title="Practices",
        description=f"All {total} practices: filter by region, country, theme, type, status and evidence.",
        html=html,
        date=site.newest_date(),
        hide=("navigation", "toc"),
        in_search=False,
        catalogue=True,
    )


def landing_page(facet: str, term_id: str, site: Site) -> Page:
    """/regions/<id>/ or /themes/<id>/: description, the practices, and pre-filtered links."""
    folder, _ = LANDING[facet]
    term = site.taxonomy.term(FACETS[facet][1], term_id)
    practices = site.with_term(facet, term_id)
    other = "theme" if facet == "region" else "region"
    counts = site.counts(other, practices)
    combos = sorted(
        ((value, site.value_label(other, value), count) for value, count in counts.items()), key=lambda c: c[1]
    )
    noun = "practice" if len(practices) == 1 else "practices"
    html = render(
        "landing.html",
        site=site,
        root="../../",
        term=term,
        facet=facet,
        other=other,
        combos=combos,
        practices=practices,
        noun=noun,
    )
    return Page(
        path=f"{folder}/{term_id}.md",
        title=term.label,
        description=term.description,
        html=html,
        date=site.newest_date(practices) if practices else site.newest_date(),
        toc=_toc(("practices", f"{len(practices)} {noun}")),
        in_search=False,
        feed="feed.xml",
    )


def landing_index_page(facet: str, site: Site) -> Page:
    """/regions/ or /themes/: every term with its count."""
    folder, title = LANDING[facet]
    counts = site.counts(facet)
    terms = [(term, counts[term.id]) for term in site.taxonomy.terms(FACETS[facet][1])]
    return Page(
        path=f"{folder}/index.md",
        title=title,
        description=f"Practices by {facet}, with the number filed under each.",
        html=render("landing_index.html", title=title, terms=terms),
        date=site.newest_date(),
    )


def field_reference_page(site: Site) -> Page:
    reference = field_reference(site.taxonomy)
    return Page(
        path="contribute/fields.md",
        title="Field reference",
        description="Every field of a practice entry, its format and the allowed values of each vocabulary.",
        html=render("field_reference.html", **reference["values"]),
        date=site.newest_date(),
        toc=tuple(reference["toc"]),
    )


def contributing_page(guide: str, site: Site) -> Page:
    repository = f"{site.repo_url}/blob/{site.settings.branch}/"
    html, toc = render_guide(guide, site.base_url, repository, "contribute/")
    return Page(
        path="contribute/index.md",
        title="How to contribute",
        description="Add or correct a practice: with a form, on GitHub, or locally.",
        html=html,
        date=site.newest_date(),
        toc=tuple(toc),
    )


def form_page(site: Site) -> Page:
    return Page(
        path="contribute/new.md",
        title="Suggest a practice",
        description="Propose a practice: the form writes the entry's file for you.",
        html=render("form.html", **form_data(site)),
        date=site.newest_date(),
        hide=("toc",),
        in_search=False,  # its lists of every practice and country are not content
    )


def withdrawn_page(record: Retired) -> Page:
    """/practices/<id>/ for a removed practice with no successor: say so, and why."""
    return Page(
        path=f"practices/{record.id}.md",
        title="Practice withdrawn",
        description=f"The practice {record.id} was withdrawn.",
        html=render("withdrawn.html", record=record),
        date=record.retired,
    )


def home_parts(site: Site) -> dict[str, str]:
    """Computed parts of hand-written pages, by the marker that stands for them there
    (`<!-- atlas:browse -->` in docs/index.md)."""
    columns = []
    for facet in ("region", "theme"):
        folder, _ = LANDING[facet]
        counts = site.counts(facet)
        terms = [(t, counts[t.id]) for t in site.taxonomy.terms(FACETS[facet][1]) if counts[t.id]]
        columns.append((facet, folder, terms))
    return {
        "search": render("home_search.html"),
        "browse": render("home_browse.html", columns=columns),
        "newest": render("home_newest.html", practices=site.newest(5), site=site),
    }
