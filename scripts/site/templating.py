"""The Jinja2 environment every generated page and file is rendered with.

Autoescaping is on for every template, so entry and vocabulary text is always escaped;
the only markup that reaches a page unescaped is a body section after cmark-gfm and nh3
(scripts/site/markdown_html.py), passed in as `Markup`.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from scripts.entries.codes import LANGUAGES
from scripts.entries.countries import COUNTRIES
from scripts.site.collection import FACETS
from scripts.site.describe import human_date, when, where
from scripts.site.world_map import world_size

TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, whatever its file name: .xml feeds too
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        human_date=human_date,
        where=where,
        when=when,
        country=COUNTRIES.__getitem__,
        language=LANGUAGES.__getitem__,
    )
    env.globals["card_facets"] = _card_facets
    env.globals["world_size"] = world_size()
    return env


def render(template: str, **values) -> str:
    return environment().get_template(template).render(**values)


def _card_facets(practice) -> list[tuple[str, tuple[str, ...]]]:
    return [(key, tuple(values(practice))) for key, (_, _, values) in FACETS.items()]
