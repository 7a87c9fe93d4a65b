"""The validated practices, as plain objects the outputs are rendered from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from scripts.entries.body import Section


@dataclass(frozen=True)
class Place:
    name: str
    also: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Organisation:
    name: str
    role: str
    url: str | None = None


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    source: int | None = None


@dataclass(frozen=True)
class Material:
    title: str
    url: str


@dataclass(frozen=True)
class Replication:
    cost: str | None = None
    timeframe: str | None = None
    preconditions: tuple[str, ...] = ()
    materials: tuple[Material, ...] = ()


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    url: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Contact:
    organisation: str
    url: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Practice:
    """One practice. Dates stay as written (`2017`, `2017-04`): precision is information."""

    id: str
    source_path: str
    title: str
    summary: str
    regions: tuple[str, ...]
    countries: tuple[str, ...]
    themes: tuple[str, ...]
    types: tuple[str, ...]
    status: str
    organisations: tuple[Organisation, ...]
    evidence: str
    sources: tuple[Source, ...]
    last_reviewed: dt.date
    sections: tuple[Section, ...] = ()
    places: tuple[Place, ...] = ()
    started: str | None = None
    ended: str | None = None
    target_groups: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    replication: Replication | None = None
    related: tuple[str, ...] = ()
    contact: Contact | None = None
    aliases: tuple[str, ...] = field(default=())

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def build_practice(entry_id: str, source_path: str, data: dict, sections: list[Section]) -> Practice:
    """Make a Practice from front-matter that passed validation (cleaned values)."""

    def records(cls, items):
        return tuple(cls(**_tuples(item)) for item in items or ())

    replication = data.get("replication")
    if replication is not None:
        replication = Replication(
            cost=replication.get("cost"),
            timeframe=replication.get("timeframe"),
            preconditions=tuple(replication.get("preconditions", ())),
            materials=records(Material, replication.get("materials")),
        )
    contact = data.get("contact")
    return Practice(
        id=entry_id,
        source_path=source_path,
        title=data["title"],
        summary=data["summary"],
        regions=tuple(data["regions"]),
        countries=tuple(data["countries"]),
        themes=tuple(data["themes"]),
        types=tuple(data["types"]),
        status=data["status"],
        organisations=records(Organisation, data["organisations"]),
        evidence=data["evidence"],
        sources=records(Source, data["sources"]),
        last_reviewed=dt.date.fromisoformat(data["last_reviewed"]),
        sections=tuple(sections),
        places=records(Place, data.get("places")),
        started=data.get("started"),
        ended=data.get("ended"),
        target_groups=tuple(data.get("target_groups", ())),
        figures=records(Figure, data.get("figures")),
        replication=replication,
        related=tuple(data.get("related", ())),
        contact=Contact(**contact) if contact else None,
        aliases=tuple(data.get("aliases", ())),
    )


def _tuples(item: dict) -> dict:
    return {key: tuple(value) if isinstance(value, list) else value for key, value in item.items()}
