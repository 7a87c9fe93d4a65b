"""Maps of the practices, drawn at build time as SVG from Natural Earth's country
boundaries shipped with the site (data/countries-110m.json, public domain): no tile
server, no request to another host, the same offline, in print and without JavaScript.

The outline is one file, assets/atlas/world.svg, cached by the browser; a map is data for
templates/_macros.html: the part of the world it shows, and a dot per place with the
practices there. Longitude and latitude are drawn as they are
(equirectangular), which keeps a dot where a reader expects it on a small map.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from scripts.entries.model import Practice

DATA = Path(__file__).parent / "data" / "countries-110m.json"
WORLD = (-170.0, -58.0, 190.0, 84.0)  # west, south, east, north: the inhabited world
MARGIN = 4.0  # degrees around a region's practices


@dataclass
class Dot:
    x: float
    y: float
    place: str
    practices: list[Practice] = field(default_factory=list)

    @property
    def ids(self) -> str:
        return " ".join(p.id for p in self.practices)


@dataclass
class Map:
    view_box: str  # of the world outline (assets/atlas/world.svg), cropped to the map's area
    dots: list[Dot]
    width: float
    radius: float  # of a dot, in the map's units

    @property
    def practices(self) -> list[Practice]:
        return [p for dot in self.dots for p in dot.practices]


@functools.cache
def _rings() -> tuple[tuple[tuple[tuple[float, float], ...], ...], ...]:
    """Every country's rings as (lon, lat) points, decoded from the TopoJSON once."""
    topology = json.loads(DATA.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # quantized and delta-encoded
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> tuple[tuple[float, float], ...]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return tuple(points)

    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        countries.append(tuple(ring(r) for polygon in polygons for r in polygon))
    return tuple(countries)


def _xy(lon: float, lat: float) -> tuple[float, float]:
    """A point on the world outline (assets/atlas/world.svg): degrees east of WORLD's west
    edge and south of its north edge."""
    west, _, _, north = WORLD
    return round(lon - west, 2), round(north - lat, 2)


@functools.cache
def world_outline() -> list[str]:
    """SVG path data of every country, points closer than half a degree dropped: the file
    every map of the site shows under its dots (about 70 kB, 25 kB compressed, cached)."""
    paths = []
    for country in _rings():
        parts = []
        for ring in country:
            points, last = [], None
            for lon, lat in ring:
                x, y = _xy(lon, lat)
                point = (round(x, 1), round(y, 1))
                if last is None or abs(point[0] - last[0]) + abs(point[1] - last[1]) >= 0.8:
                    points.append(point)
                    last = point
            if len(points) > 2:
                parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in points) + "Z")
        if parts:
            paths.append("".join(parts))
    return paths


def world_size() -> tuple[float, float]:
    west, south, east, north = WORLD
    return east - west, north - south


def practice_map(practices: list[Practice], bounds: tuple[float, float, float, float] | None = None) -> Map:
    """The dots of these practices on the world outline, shown whole or cropped to
    `bounds` (west, south, east, north)."""
    west, south, east, north = bounds or WORLD
    x0, y0 = _xy(west, north)
    width, height = east - west, north - south
    dots: dict[tuple[int, int], Dot] = {}
    grid = width / 150  # places closer than this share a dot
    for practice in practices:
        for place in practice.places[:1]:  # its main place: one dot a practice
            if place.lat is None or place.lon is None:
                continue
            x, y = _xy(place.lon, place.lat)
            key = (round(x / grid), round(y / grid))
            dots.setdefault(key, Dot(x, y, place.name)).practices.append(practice)
    view_box = f"{x0:g} {y0:g} {width:g} {height:g}"
    # About six pixels across on a laptop screen, whether the map shows the world or a region.
    return Map(view_box, sorted(dots.values(), key=lambda d: (d.y, d.x)), width, round(max(width / 220, 0.2), 2))


def bounds_of(practices: list[Practice]) -> tuple[float, float, float, float] | None:
    """The area around these practices' places, for a region's map; None if they have none."""
    points = [(p.lon, p.lat) for practice in practices for p in practice.places[:1] if p.lat is not None]
    if not points:
        return None
    west = min(lon for lon, _ in points) - MARGIN
    east = max(lon for lon, _ in points) + MARGIN
    south = min(lat for _, lat in points) - MARGIN
    north = max(lat for _, lat in points) + MARGIN
    # At least 20 degrees across and a 2:1 shape, so one city does not fill the map.
    width = max(east - west, 20.0, 2 * (north - south))
    middle = (west + east) / 2
    height = width / 2
    centre = (south + north) / 2
    return (middle - width / 2, max(centre - height / 2, -85.0), middle + width / 2, min(centre + height / 2, 85.0))
