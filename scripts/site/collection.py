"""The validated collection and the questions pages ask of it: facets, related practices,
landing pages, addresses, and the plain-text forms of places and dates."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from scripts.entries.countries import COUNTRIES
from scripts.entries.model import Practice
from scripts.entries.taxonomy import Taxonomy
from scripts.site.search_index import normalise

# Catalogue facets: query key -> (label, vocabulary or None, how to read a practice's values)
FACETS = {
    "region": ("Region", "regions", lambda p: p.regions),
    "country": ("Country", None, lambda p: p.countries),
    "theme": ("Theme", "themes", lambda p: p.themes),
    "type": ("Type of practice", "types", lambda p: p.types),
    "status": ("Status", "statuses", lambda p: (p.status,)),
    "evidence": ("Evidence", "evidence", lambda p: (p.evidence,)),
}
LANDING = {"region": ("regions", "Regions"), "theme": ("themes", "Themes")}  # facet -> (folder, title)
ROLE_ORDER = ("lead", "partner", "funder", "support")


@dataclass(frozen=True)
class Settings:
    """What the site needs from its configuration (mkdocs.yml or another generator's)."""

    base_url: str = "/"  # the published address, ending in '/': for links that leave the site
    repo_url: str = ""  # where contributors edit and report
    branch: str = "main"


@dataclass
class Site:
    """The validated collection and what pages need to know about it."""

    practices: list[Practice]
    taxonomy: Taxonomy
    settings: Settings = field(default_factory=Settings)
    by_id: dict[str, Practice] = field(init=False)
    _linked: dict[str, set[str]] = field(init=False, repr=False)

    def __post_init__(self):
        # The catalogue's title order (normalised title, then id), so its script need not re-sort.
        self.practices = sorted(self.practices, key=lambda p: (normalise(p.title), p.id))
        self.by_id = {p.id: p for p in self.practices}
        # Links both ways: a practice lists what it relates to, and is listed by others.
        self._linked = {p.id: set(p.related) for p in self.practices}
        for p in self.practices:
            for other in p.related:
                self._linked[other].add(p.id)

    @property
    def base_url(self) -> str:
        return self.settings.base_url

    @property
    def repo_url(self) -> str:
        return self.settings.repo_url

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

    def newest(self, count: int) -> list[Practice]:
        return sorted(self.practices, key=lambda p: (p.last_reviewed, p.id), reverse=True)[:count]

    def newest_date(self, practices: list[Practice] | None = None) -> str:
        chosen = self.practices if practices is None else practices
        return max((p.last_reviewed.isoformat() for p in chosen), default="2000-01-01")

    def url(self, practice: Practice) -> str:
        return f"{self.base_url}practices/{practice.id}/"

    def edit_url(self, practice: Practice) -> str:
        """The entry's own source file, not a generated page."""
        return f"{self.repo_url}/edit/{self.settings.branch}/practices/{practice.id}.md"

    def correction_url(self, practice: Practice) -> str:
        title = f"Correction: {practice.id}"
        query = urlencode({"template": "correction.yml", "title": title, "practice": practice.id})
        return f"{self.repo_url}/issues/new?{query}"

    def value_label(self, facet: str, value: str) -> str:
        vocabulary = FACETS[facet][1]
        return COUNTRIES[value] if vocabulary is None else self.taxonomy.label(vocabulary, value)

    def facet_values(self, facet: str, counts: Counter) -> list[str]:
        """The values present, in vocabulary order (countries by name)."""
        vocabulary = FACETS[facet][1]
        if vocabulary:
            return [t for t in self.taxonomy.ids(vocabulary) if t in counts]
        return sorted(counts, key=lambda code: COUNTRIES[code])


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


def citation(practice: Practice, site: Site) -> str:
    """'Organisation. Title. Practice Atlas, year. URL': the accessed date is added in the browser."""
    leads = [o.name for o in practice.organisations if o.role == "lead"] or [practice.organisations[0].name]
    return f"{', '.join(leads)}. {practice.title}. Practice Atlas, {practice.last_reviewed.year}. {site.url(practice)}"
