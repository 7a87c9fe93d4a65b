"""The validated collection and the questions pages ask of it: facets, related practices,
landing pages, addresses, and the plain-text forms of places and dates."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from scripts.entries.model import Practice
from scripts.entries.taxonomy import Taxonomy
from scripts.entries.translation import Translation
from scripts.site import i18n
from scripts.site.describe import SIZE_LABELS, SIZES, country_name, human_date, sizes
from scripts.site.history import Dates, EntryDates, entry_dates
from scripts.site.i18n import N_, _
from scripts.site.search_index import normalise

# Catalogue facets: query key -> (label, vocabulary or None, how to read a practice's values)
FACETS = {
    "region": (N_("Region"), "regions", lambda p: p.regions),
    "country": (N_("Country"), None, lambda p: p.countries),
    "theme": (N_("Theme"), "themes", lambda p: p.themes),
    "type": (N_("Type of practice"), "types", lambda p: p.types),
    "status": (N_("Status"), "statuses", lambda p: (p.status,)),
    "evidence": (N_("Evidence"), "evidence", lambda p: (p.evidence,)),
    "size": (N_("Size of the place"), None, sizes),
}
LANDING = {"region": ("regions", N_("Regions")), "theme": ("themes", N_("Themes"))}  # facet -> (folder, title)
ROLE_ORDER = ("lead", "partner", "funder", "support")


@dataclass(frozen=True)
class Settings:
    """What the site needs from its configuration (mkdocs.yml or another generator's)."""

    base_url: str = "/"  # the published address, ending in '/': for links that leave the site
    repo_url: str = ""  # where contributors edit and report
    branch: str = "main"
    # The editors' contact (mkdocs.yml `extra: editors:`), for contributors without GitHub.
    editors_email: str = ""
    editors_name: str = "the editors"


def settings_from(config) -> Settings:
    """Settings from mkdocs.yml's values (a dict, or MkDocs' config, which is one): site_url,
    repo_url, the branch in edit_uri ('edit/<branch>/docs/') and `extra: editors`."""
    editors = (config.get("extra") or {}).get("editors") or {}
    found = {"editors_email": str(editors.get("email") or "").strip()}
    if editors.get("name"):
        found["editors_name"] = str(editors["name"]).strip()
    return Settings(
        base_url=(config.get("site_url") or "/").rstrip("/") + "/",
        repo_url=(config.get("repo_url") or "").rstrip("/"),
        branch=(config.get("edit_uri") or "edit/main/").strip("/").split("/")[1],
        **found,
    )


@dataclass
class Site:
    """The validated collection and what pages need to know about it."""

    practices: list[Practice]
    taxonomy: Taxonomy
    settings: Settings = field(default_factory=Settings)
    history: dict[str, Dates] = field(default_factory=dict, repr=False)  # practices/ file -> commits (history.py)
    translations: dict[str, Translation] = field(default_factory=dict)  # id -> its text in the site's language
    by_id: dict[str, Practice] = field(init=False)
    _linked: dict[str, set[str]] = field(init=False, repr=False)
    _dates: dict[str, EntryDates] = field(init=False, repr=False)
    # Cards as the pages of this site's language show them (templating.py), rendered once.
    rendered_cards: dict[tuple, str] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self):
        # The catalogue's title order (normalised title, then id), so its script need not re-sort.
        self.practices = sorted(self.practices, key=lambda p: (normalise(p.title), p.id))
        self.by_id = {p.id: p for p in self.practices}
        # Links both ways: a practice lists what it relates to, and is listed by others.
        self._linked = {p.id: set(p.related) for p in self.practices}
        for p in self.practices:
            for other in p.related:
                self._linked[other].add(p.id)
        self._dates = {p.id: entry_dates(self.history.get(f"{p.id}.md"), p.last_reviewed) for p in self.practices}

    @property
    def base_url(self) -> str:
        return self.settings.base_url

    @property
    def repo_url(self) -> str:
        return self.settings.repo_url

    def translated(self, taxonomy: Taxonomy, translations: dict[str, Translation]) -> Site:
        """The collection in another language: the vocabularies' labels, and the title,
        summary and sections of each practice that has a translation in it."""
        practices = [
            dataclasses.replace(p, title=t.title, summary=t.summary, sections=t.sections)
            if (t := translations.get(p.id))
            else p
            for p in self.practices
        ]
        local = dataclasses.replace(self, practices=practices, taxonomy=taxonomy, translations=translations)
        # The English order in every language: the search files refer to practices by position.
        local.practices = [local.by_id[p.id] for p in self.practices]
        return local

    def related(self, practice: Practice) -> list[Practice]:
        """Practices linked to this one, in either direction, in title order."""
        ids = self._linked[practice.id]
        return [self.by_id[i] for i in sorted(ids, key=lambda i: (normalise(self.by_id[i].title), i))]

    def with_term(self, facet: str, value: str) -> list[Practice]:
        values = FACETS[facet][2]
        return [p for p in self.practices if value in values(p)]

    def counts(self, facet: str, practices: list[Practice] | None = None) -> Counter:
        values = FACETS[facet][2]
        return Counter(v for p in (self.practices if practices is None else practices) for v in values(p))

    def dates(self, practice: Practice) -> EntryDates:
        """When it was first published and last changed (the repository's history, else last_reviewed)."""
        return self._dates[practice.id]

    def newest(self, count: int) -> list[Practice]:
        """The most recently added or changed practices, newest first (in title order within a time)."""
        return sorted(self.practices, key=lambda p: self._dates[p.id].changed_stamp, reverse=True)[:count]

    def newest_date(self, practices: list[Practice] | None = None) -> str:
        chosen = self.practices if practices is None else practices
        return max((self._dates[p.id].changed.isoformat() for p in chosen), default="2000-01-01")

    def url(self, practice: Practice) -> str:
        """Its permanent address, in the language of the page being built."""
        return f"{self.base_url}{i18n.current().prefix}practices/{practice.id}/"

    def edit_url(self, practice: Practice) -> str:
        """The entry's own source file, not a generated page."""
        return f"{self.repo_url}/edit/{self.settings.branch}/practices/{practice.id}.md"

    def correction_url(self, practice: Practice) -> str:
        title = f"Correction: {practice.id}"
        query = urlencode({"template": "correction.yml", "title": title, "practice": practice.id})
        return f"{self.repo_url}/issues/new?{query}"

    def value_label(self, facet: str, value: str) -> str:
        vocabulary = FACETS[facet][1]
        if vocabulary:
            return self.taxonomy.label(vocabulary, value)
        return _(SIZE_LABELS[value]) if facet == "size" else country_name(value)

    def facet_values(self, facet: str, counts: Counter) -> list[str]:
        """The values present, in vocabulary order (countries by name, sizes small first)."""
        vocabulary = FACETS[facet][1]
        if vocabulary:
            return [t for t in self.taxonomy.ids(vocabulary) if t in counts]
        if facet == "size":
            return [size for size, _, _ in SIZES if size in counts]
        return sorted(counts, key=lambda code: normalise(country_name(code)))  # any script or accent


def citation(practice: Practice, site: Site) -> str:
    """'"Title." Practice Atlas, last reviewed 23 November 2026. URL': Practice Atlas publishes
    the entry and the organisations are its subject, not its authors. The accessed date is
    added in the browser; citation.py gives the same for reference managers."""
    title = practice.title.replace('"', "'")
    if not title.endswith((".", "?", "!")):
        title += "."
    reviewed = _("last reviewed %(date)s") % {"date": human_date(practice.last_reviewed)}
    return f'"{title}" Practice Atlas, {reviewed}. {site.url(practice)}'
