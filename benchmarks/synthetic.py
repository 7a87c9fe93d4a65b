"""Realistic, valid synthetic practice entries for benchmarks. Written to a temp dir only."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from scripts.entries.taxonomy import Taxonomy

PLACES = [
    ("Prishtinë", ["Priština", "Pristina", "Приштина"], "XK", 42.67272, 21.16688),
    ("Gjilan", ["Gnjilane", "Гњилане"], "XK", 42.46045, 21.46986),
    ("Kumanovo", ["Куманово", "Kumanova"], "MK", 42.13279, 21.71585),
    ("Tetovo", ["Тетово", "Tetova"], "MK", 42.01, 20.97),
    ("Novi Pazar", ["Нови Пазар"], "RS", 43.13667, 20.51222),
    ("Christchurch", ["Ōtautahi"], "NZ", -43.53333, 172.63333),
    ("Mechelen", ["Malines"], "BE", 51.02574, 4.47762),
    ("Düsseldorf", ["Duesseldorf"], "DE", 51.22172, 6.77616),
    ("Tripoli", ["طرابلس", "Trablous"], "LB", 34.43352, 35.84415),
    ("Irbid", ["إربد"], "JO", 32.55556, 35.85),
    ("Surakarta", ["Solo"], "ID", -7.55611, 110.83167),
    ("Medellín", ["Medellin"], "CO", 6.25184, -75.56359),
    ("Montréal", ["Montreal"], "CA", 45.50884, -73.58781),
    ("Mombasa", ["Mvita"], "KE", -4.05466, 39.66359),
]
WORDS = [
    "municipality",
    "council",
    "youth",
    "dialogue",
    "trust",
    "community",
    "police",
    "school",
    "mayor",
    "plan",
    "network",
    "referral",
    "survey",
    "training",
    "partners",
    "budget",
    "neighbourhood",
    "volunteers",
    "prevention",
    "polarisation",
    "hate",
    "reconciliation",
    "returnees",
    "families",
    "mentors",
    "coordination",
    "strategy",
    "evaluation",
    "workshop",
]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, words: int) -> str:
    out, left = [], words
    while left > 0:
        n = min(left, rng.randint(8, 18))
        out.append(sentence(rng, n))
        left -= n
    return " ".join(out)


def entry_text(index: int, taxonomy: Taxonomy, rng: random.Random) -> str:
    place, also, country, lat, lon = PLACES[index % len(PLACES)]
    regions = rng.sample(taxonomy.ids("regions"), 1)
    themes = rng.sample(taxonomy.ids("themes"), rng.randint(1, 4))
    types = rng.sample(taxonomy.ids("types"), rng.randint(1, 3))
    body_words = rng.randint(400, 800)
    sections = [
        "Context",
        "What was done",
        "How to replicate",
        "Who was involved",
        "Resources",
        "Results",
        "Challenges and lessons",
    ]
    body = "\n\n".join(f"## {title}\n\n{paragraph(rng, body_words // len(sections))}" for title in sections)
    also_list = ", ".join(f'"{name}"' for name in also)
    return f"""---
title: "{place} {rng.choice(WORDS)} {rng.choice(WORDS)} practice {index}"
summary: "{paragraph(rng, 30)}"
regions: [{", ".join(regions)}]
countries: [{country}]
places:
  - name: "{place}"
    also: [{also_list}]
    lat: {lat}
    lon: {lon}
themes: [{", ".join(themes)}]
types: [{", ".join(types)}]
status: {rng.choice(taxonomy.ids("statuses"))}
status_as_of: 2025
started: {rng.randint(2005, 2024)}
organisations:
  - name: Municipality of {place}
    role: lead
  - name: {rng.choice(WORDS).title()} Foundation
    role: {rng.choice(taxonomy.ids("roles"))}
    url: https://example.org/{index}
evidence: {rng.choice(taxonomy.ids("evidence"))}
figures:
  - label: People reached
    value: "{rng.randint(10, 5000)}"
    source: 1
sources:
  - title: Report on practice {index}
    publisher: Example Network
    url: https://example.org/report/{index}
    date: {rng.randint(2010, 2025)}
last_reviewed: 2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}
---

{body}
"""


def write_collection(folder: Path, count: int, taxonomy_file: Path, seed: int = 1) -> Path:
    """Write `count` valid entries and the vocabularies into folder/practices."""
    from scripts.entries.taxonomy import load_taxonomy

    root = folder / "practices"
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(taxonomy_file, root / "taxonomy.yml")
    for translation in taxonomy_file.parent.glob("taxonomy.*.yml"):  # the vocabularies in other languages
        shutil.copy(translation, root / translation.name)
    taxonomy, _ = load_taxonomy(taxonomy_file)
    rng = random.Random(seed)
    for index in range(count):
        (root / f"practice-{index:05d}.md").write_text(entry_text(index, taxonomy, rng), encoding="utf-8")
    return root
