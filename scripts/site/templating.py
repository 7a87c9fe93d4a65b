"""The Jinja2 environment every generated page and file is rendered with.

Autoescaping is on for every template, so entry and vocabulary text is always escaped;
the only markup that reaches a page unescaped is a body section after cmark-gfm and nh3
(scripts/site/markdown_html.py), passed in as `Markup`.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from markupsafe import Markup

from scripts.site import i18n
from scripts.site.collection import FACETS
from scripts.site.describe import country_name, human_date, language_name, when, where
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
        extensions=["jinja2.ext.i18n"],
    )
    # The language comes from i18n.using() at render time, so one environment serves all.
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(i18n._, i18n.ngettext, newstyle=True)
    env.filters.update(
        human_date=human_date,
        where=where,
        when=when,
        country=country_name,
        language=language_name,
    )
    env.globals["card_facets"] = _card_facets
    env.globals["rendered_card"] = _rendered_card
    env.globals["entry_lang"] = _entry_lang
    env.globals["asset_root"] = asset_root
    env.globals["world_size"] = world_size()
    return env


def render(template: str, **values) -> str:
    values.setdefault("language_tag", i18n.current().tag)
    return environment().get_template(template).render(**values)


def asset_root(root: str) -> str:
    """The site's root seen from a page whose in-language root is `root`: pages of other
    languages sit one folder deeper (sq/...), and the assets are shared by all."""
    return root + "../" * i18n.current().prefix.count("/")


def _entry_lang(practice=None) -> Markup:
    """Entries are written in English: their text says so on a page in another language
    (WCAG 3.1.2), so screen readers and translation tools read it right. A practice with a
    translation in the page's language needs no mark."""
    language = i18n.text_language(practice.id if practice is not None else None)
    return Markup("") if language is i18n.current() else Markup(' lang="{}"').format(language.tag)


def _rendered_card(practice, site, root: str, level: int) -> Markup:
    """A practice's card (macro `card`): the same on the catalogue and on each region and
    theme page that lists it at the same depth, so rendered once per language (`site` is
    the collection in the page's language)."""
    key = (practice.id, root, level)
    card = site.rendered_cards.get(key)
    if card is None:
        card = site.rendered_cards[key] = (
            environment().get_template("_macros.html").module.card(practice, site, root, level)
        )
    return card


def _card_facets(practice) -> list[tuple[str, tuple[str, ...]]]:
    return [(key, tuple(values(practice))) for key, (_, _, values) in FACETS.items()]
