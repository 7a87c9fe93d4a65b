"""Every generated page, as data: finished HTML from the templates, title, description,
table of contents, date and how the theme should show it.

Links inside pages are relative to the page, so the site works from any folder of any
static host. Nothing here knows which generator publishes the pages.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from babel.numbers import format_decimal
from markupsafe import Markup

from scripts.contribute.field_reference import field_reference
from scripts.entries.body import SECTIONS
from scripts.entries.model import Practice, Replication
from scripts.entries.retired import Retired
from scripts.site import i18n
from scripts.site.citation import qr_code
from scripts.site.collection import FACETS, LANDING, ROLE_ORDER, Site, citation
from scripts.site.describe import human_date
from scripts.site.form import form_data
from scripts.site.guide import render_guide
from scripts.site.i18n import N_, _, ngettext
from scripts.site.markdown_html import render_markdown
from scripts.site.templating import asset_root, render
from scripts.site.world_map import bounds_of, practice_map

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
    content_lang: str | None = None  # its text is in this language, not the interface's (CONTRIBUTING.md)
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
        if self.content_lang:
            meta["atlas_content_lang"] = self.content_lang
        return meta


def _toc(*entries: tuple[str, str]) -> tuple[TocEntry, ...]:
    return tuple((2, anchor, title, []) for anchor, title in entries)


# "What it takes" fields of newer models: asked for when the model has them and the entry not.
REPLICATION_EXTRA = (("lead", N_("the body that leads it")), ("team", N_("the team it needs")))


def _not_yet_known(practice: Practice) -> list[str]:
    """The facts a reader would want and the entry lacks, gathered in one line on the page."""
    replication = practice.replication or Replication()
    missing = []
    if not (practice.started or practice.ended):
        missing.append(_("when it started"))
    if practice.status == "unknown":
        missing.append(_("whether it still runs"))
    names = {f.name for f in dataclasses.fields(replication)}
    missing += [_(phrase) for key, phrase in REPLICATION_EXTRA if key in names and not getattr(replication, key)]
    if replication.cost in (None, "unknown"):
        missing.append(_("its cost"))
    elif "budget" in names and not replication.budget:
        missing.append(_("its budget"))  # the band is known, the sum is not
    if "legal_basis" in names and not replication.legal_basis:
        missing.append(_("its legal basis"))
    if not replication.timeframe:
        missing.append(_("how long it takes to set up"))
    if not replication.preconditions:
        missing.append(_("what must be in place first"))
    if not replication.materials:
        missing.append(_("documents to reuse"))
    return missing


def _status_as_of(practice: Practice) -> str | None:
    """When the status was last reported: the entry's `status_as_of` ('March 2024') where
    the model has it, else the year of the newest dated source."""
    as_of = getattr(practice, "status_as_of", None)
    if as_of:
        return human_date(str(as_of))
    years = [str(source.date)[:4] for source in practice.sources if source.date]
    return max(years) if years else None


def _budget(replication) -> list[dict]:
    """Budget lines as the page reads them: 'EUR 1,500,000', its year, what it covers, its source."""
    lines = []
    for item in getattr(replication, "budget", None) or ():
        amount = float(item.amount)
        # Grouped as the page's language writes numbers: 1,500,000 / 1.500.000 / 1 500 000.
        pattern = "#,##0" if amount.is_integer() else "#,##0.00"
        sum_text = format_decimal(amount, format=pattern, locale=i18n.current().babel)
        lines.append(
            {
                "sum": f"{item.currency} {sum_text}",
                "year": getattr(item, "year", None),
                "covers": getattr(item, "covers", None),
                "source": getattr(item, "source", None),
            }
        )
    return lines


def practice_page(practice: Practice, site: Site) -> Page:
    sections = [
        {"key": spec.key, "title": _(spec.title), "html": Markup(render_markdown(section.text))}
        for spec in SECTIONS
        if (section := practice.section(spec.key))
    ]
    # How to replicate comes first, beside "What it takes": it is what most readers came for.
    sections.sort(key=lambda s: s["key"] != "how-to-replicate")
    related = site.related(practice)
    by_role = [(role, [o for o in practice.organisations if o.role == role]) for role in ROLE_ORDER]
    url = site.url(practice)
    html = render(
        "practice.html",
        practice=practice,
        site=site,
        root="../../",
        sections=sections,
        related=related,
        leads=[o for o in practice.organisations if o.role == "lead"],
        partners=[(role, orgs) for role, orgs in by_role if orgs and role != "lead"],
        status_as_of=_status_as_of(practice),
        budget=_budget(practice.replication),
        not_yet_known=_not_yet_known(practice),
        dates=site.dates(practice),
        url=url,
        citation=citation(practice, site),
        translation=site.translations.get(practice.id),
        qr=qr_code(url),
    )
    toc = [("at-a-glance", _("At a glance")), ("what-it-takes", _("What it takes"))]
    toc += [(s["key"], s["title"]) for s in sections] + [("sources", _("Sources"))]
    if related:
        toc.append(("related", _("Related practices")))
    return Page(
        path=f"{i18n.current().prefix}practices/{practice.id}.md",
        title=practice.title,
        description=practice.summary,
        html=html,
        date=site.dates(practice).changed.isoformat(),
        toc=_toc(*toc),
        hide=("navigation",),
        in_search=False,
        kind="article",
        edit_url=site.edit_url(practice) if site.repo_url else None,
    )


# Cards in the catalogue's HTML, and practices a page without JavaScript: the catalogue
# draws the rest from the index data, so 5,000 practices do not make a 5 MB page.
PAGE_SIZE = 100


def catalogue_page(site: Site) -> Page:
    facets = []
    for key, (label, _vocabulary, _values) in FACETS.items():
        counts = site.counts(key)
        options = [(value, site.value_label(key, value), counts[value]) for value in site.facet_values(key, counts)]
        if options:  # no place gives its population yet: no size filter to offer
            facets.append({"key": key, "label": _(label), "options": options})
    total = len(site.practices)
    html = render(
        "catalogue.html",
        site=site,
        root="../",
        facets=facets,
        total=total,
        first_page=site.practices[:PAGE_SIZE],
        pages=_page_count(site),
        map=practice_map(site.practices),
        caption=_map_caption(site.practices),
    )
    return Page(
        path=f"{i18n.current().prefix}practices/index.md",
        title=_("Practices"),
        description=_("All %(total)d practices: filter by region, country, theme, type, status and evidence.")
        % {"total": total},
        html=html,
        date=site.newest_date(),
        hide=("navigation", "toc"),
        in_search=False,
        catalogue=True,
    )


def _page_count(site: Site) -> int:
    return max(1, -(-len(site.practices) // PAGE_SIZE))


def catalogue_pages(site: Site) -> list[Page]:
    """/practices/page/2/ onwards: the catalogue for readers without JavaScript, plain
    lists of links in title order, so every practice is reachable."""
    pages, total = _page_count(site), len(site.practices)
    out = []
    for number in range(2, pages + 1):
        start = (number - 1) * PAGE_SIZE
        chunk = site.practices[start : start + PAGE_SIZE]
        html = render(
            "catalogue_page.html",
            root="../../../",
            number=number,
            pages=pages,
            start=start + 1,
            end=start + len(chunk),
            total=total,
            practices=chunk,
        )
        out.append(
            Page(
                path=f"{i18n.current().prefix}practices/page/{number}.md",
                title=_("Practices, page %(number)d of %(pages)d") % {"number": number, "pages": pages},
                description=_("Practices %(start)d to %(end)d of %(total)d, by title.")
                % {"start": start + 1, "end": start + len(chunk), "total": total},
                html=html,
                date=site.newest_date(chunk),
                hide=("toc",),
                in_search=False,
            )
        )
    return out


def landing_page(facet: str, term_id: str, site: Site) -> Page:
    """/regions/<id>/ or /themes/<id>/: description, the practices, and pre-filtered links.
    A term with no practice keeps its page (links to it keep working), which says so."""
    folder = LANDING[facet][0]
    term = site.taxonomy.term(FACETS[facet][1], term_id)
    practices = site.with_term(facet, term_id)
    other = "theme" if facet == "region" else "region"
    counts = site.counts(other, practices)
    combos = sorted(
        ((value, site.value_label(other, value), count) for value, count in counts.items()), key=lambda c: c[1]
    )
    by_other = _("By region") if other == "region" else _("By theme")
    # One feed, beside the English page: other languages' pages link it there.
    feed = "feed.xml" if i18n.current() is i18n.DEFAULT else f"{asset_root('../../')}{folder}/{term_id}/feed.xml"
    count_heading = ngettext("%(num)d practice", "%(num)d practices", len(practices)) % {"num": len(practices)}
    html = render(
        "landing.html",
        site=site,
        root="../../",
        term=term,
        facet=facet,
        other=other,
        combos=combos,
        practices=practices,
        by_other=by_other,
        count_heading=count_heading,
        feed=feed,
        map=practice_map(practices, bounds_of(practices)) if facet == "region" and practices else None,
        caption=_map_caption(practices),
    )
    toc = [(f"by-{other}", by_other)] if combos else []
    toc += [("practices", count_heading)] if practices else []
    return Page(
        path=f"{i18n.current().prefix}{folder}/{term_id}.md",
        title=term.label,
        description=term.description,
        html=html,
        date=site.newest_date(practices) if practices else site.newest_date(),
        toc=_toc(*toc),
        in_search=False,
        feed=feed,
    )


def landing_index_page(facet: str, site: Site) -> Page:
    """/regions/ or /themes/: every term with its count; those with none are not links."""
    folder, title = LANDING[facet]
    counts = site.counts(facet)
    terms = [(term, counts[term.id]) for term in site.taxonomy.terms(FACETS[facet][1])]
    description = (
        _("Practices by region, with the number filed under each.")
        if facet == "region"
        else _("Practices by theme, with the number filed under each.")
    )
    return Page(
        path=f"{i18n.current().prefix}{folder}/index.md",
        title=_(title),
        description=description,
        html=render("landing_index.html", title=_(title), terms=terms),
        date=site.newest_date(),
    )


def field_reference_page(site: Site) -> Page:
    reference = field_reference(site.taxonomy)
    return Page(
        path=f"{i18n.current().prefix}contribute/fields.md",
        title=_("Field reference"),
        description=_("Every field of a practice entry, its format and the allowed values of each vocabulary."),
        html=render("field_reference.html", **reference["values"]),
        date=site.newest_date(),
        toc=tuple(reference["toc"]),
    )


def _editors(site: Site) -> dict:
    return {"email": site.settings.editors_email, "name": site.settings.editors_name}


def contributing_page(guide: str, site: Site) -> Page:
    repository = f"{site.repo_url}/blob/{site.settings.branch}/"
    html, toc = render_guide(guide, site.base_url, repository, "contribute/")
    if site.settings.editors_email:  # the address the guide sends people to, from the configuration
        html += render("editors.html", heading=True, **_editors(site))
        toc = [*toc, (2, "contact-the-editors", _("Contact the editors"), [])]
    return Page(
        path=f"{i18n.current().prefix}contribute/index.md",
        title=_("How to contribute"),
        description=_("Add or correct a practice: with a form, on GitHub, or locally."),
        content_lang=None if i18n.current() is i18n.DEFAULT else "en",  # the guide is not translated yet
        html=html,
        date=site.newest_date(),
        toc=tuple(toc),
    )


def form_page(site: Site) -> Page:
    return Page(
        path=f"{i18n.current().prefix}contribute/new.md",
        title=_("Suggest a practice"),
        description=_("Propose a practice: the form writes the entry's file for you."),
        html=render("form.html", root="../../", **form_data(site)),
        date=site.newest_date(),
        hide=("toc",),
        in_search=False,  # its lists of every practice and country are not content
    )


def withdrawn_page(record: Retired) -> Page:
    """/practices/<id>/ for a removed practice with no successor: say so, and why."""
    return Page(
        path=f"{i18n.current().prefix}practices/{record.id}.md",
        title=_("Practice withdrawn"),
        description=_("The practice %(id)s was withdrawn.") % {"id": record.id},
        html=render("withdrawn.html", record=record),
        date=record.retired,
    )


def home_parts(site: Site) -> dict[str, str]:
    """Computed parts of hand-written pages, by the marker that stands for them there
    (`<!-- atlas:browse -->` in docs/index.md)."""
    columns = []
    for facet in ("region", "theme"):
        folder = LANDING[facet][0]
        counts = site.counts(facet)
        terms = [(t, counts[t.id]) for t in site.taxonomy.terms(FACETS[facet][1])]  # "none yet" at 0
        columns.append((facet, folder, terms))
    return {
        "search": render("home_search.html"),
        "browse": render(
            "home_browse.html",
            columns=columns,
            by_label={"region": _("By region"), "theme": _("By theme")},
            all_label={"region": _("All regions"), "theme": _("All themes")},
        ),
        "editors": render("editors.html", **_editors(site)),  # docs/about.md
        "newest": render("home_newest.html", practices=site.newest(5), site=site),
        "map": render("map.html", map=practice_map(site.practices), root="", caption=_map_caption(site.practices)),
    }


def _map_caption(practices: list[Practice]) -> str:
    count = len(practices)
    return ngettext("Where the %(num)d practice took place", "Where the %(num)d practices took place", count) % {
        "num": count
    }
