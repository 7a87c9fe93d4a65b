"""A practice's place and time in plain words, as pages, cards and search results show them."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_skeleton

from scripts.entries.codes import LANGUAGES
from scripts.entries.countries import COUNTRIES
from scripts.entries.model import Practice
from scripts.site import i18n
from scripts.site.i18n import N_, _


def human_date(value: str | dt.date) -> str:
    """'2017', 'April 2017' or '18 July 2023' (in the page's language): as precise as the entry."""
    text = value.isoformat() if isinstance(value, dt.date) else value
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    locale = i18n.current().babel
    day = dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    if len(parts) == 2:  # the month as it stands alone, with its year: 'April 2017', 'prill 2017'
        return format_skeleton("yMMMM", day, locale=locale)
    return format_date(day, "long", locale=locale)


def language_name(code: str) -> str:
    """A document's language (ISO 639-1) named in the page's language: 'English', 'anglisht'."""
    language = i18n.current()
    if language is i18n.DEFAULT:
        return LANGUAGES[code]
    return language.babel.languages.get(code) or LANGUAGES[code]


def country_name(code: str) -> str:
    """The country's name in the page's language (Kosovo's XK too: CLDR has it)."""
    language = i18n.current()
    if language is i18n.DEFAULT:
        return COUNTRIES[code]
    return language.babel.territories.get(code) or COUNTRIES[code]


def where(practice: Practice) -> str:
    places = [place.name for place in practice.places]
    countries = [country_name(c) for c in practice.countries]
    return " · ".join([", ".join(places), ", ".join(countries)] if places else [", ".join(countries)])


def when(practice: Practice) -> str:
    if practice.started and practice.ended:
        if practice.started == practice.ended:
            return human_date(practice.started)
        return f"{human_date(practice.started)} – {human_date(practice.ended)}"
    if practice.started:
        return _("Since %(date)s") % {"date": human_date(practice.started)}
    if practice.ended:
        return _("Until %(date)s") % {"date": human_date(practice.ended)}
    return _("Not reported")


# Place sizes readers compare with their own town: (id, label, up to this many people).
SIZES = (
    ("under-20k", N_("Under 20,000 people"), 20_000),
    ("20k-100k", N_("20,000 to 100,000"), 100_000),
    ("100k-500k", N_("100,000 to 500,000"), 500_000),
    ("500k-2m", N_("500,000 to 2 million"), 2_000_000),
    ("over-2m", N_("Over 2 million"), None),
)
SIZE_LABELS = {size: label for size, label, _ in SIZES}


def sizes(practice: Practice) -> tuple[str, ...]:
    """The size bands of the practice's places whose population an entry gives."""
    bands = []
    for place in practice.places:
        if place.population is None:
            continue
        value = place.population.value
        band = next(size for size, _, limit in SIZES if limit is None or value < limit)
        if band not in bands:
            bands.append(band)
    return tuple(bands)
