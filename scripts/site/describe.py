"""A practice's place and time in plain words, as pages, cards and search results show them."""

from __future__ import annotations

import datetime as dt

from scripts.entries.countries import COUNTRIES
from scripts.entries.model import Practice


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


# Place sizes readers compare with their own town: (id, label, up to this many people).
SIZES = (
    ("under-20k", "Under 20,000 people", 20_000),
    ("20k-100k", "20,000 to 100,000", 100_000),
    ("100k-500k", "100,000 to 500,000", 500_000),
    ("500k-2m", "500,000 to 2 million", 2_000_000),
    ("over-2m", "Over 2 million", None),
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
