"""The interface languages: which ones the site ships, their gettext catalogues, and the
language pages are being built in.

Strings are marked in templates with `_()` / `ngettext()` / `{% trans %}` and in Python
with `_()` (translated when called) or `N_()` (marked only: constants translated where
they are shown). `python -m scripts.translations` extracts them into
scripts/site/locales/messages.pot and merges it into each language's messages.po, which
translators edit with the tools they know (Poedit, Weblate). The catalogues are compiled
in memory at build time: no .mo file is committed or generated into the tree.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext as gettext_module
import io
import json
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALES = Path(__file__).parent / "locales"
TEMPLATE = LOCALES / "messages.pot"


@dataclass(frozen=True)
class Language:
    code: str  # the folder of its pages (/sq/...) and of its catalogue
    tag: str  # BCP 47, for <html lang> and hreflang
    locale: str  # Babel's locale: dates, numbers, plurals, country names
    name: str  # in the language itself, for the switcher

    @property
    def prefix(self) -> str:
        """Where its pages sit: '' for English (the addresses links were made with), 'sq/'."""
        return "" if self is DEFAULT else f"{self.code}/"

    @property
    def babel(self) -> Locale:
        return Locale.parse(self.locale)


# Serbian in Latin script first; Cyrillic would be one more Language ('sr-cyrl', 'sr-Cyrl',
# 'sr_Cyrl') with its own catalogue, or a transliteration of this one.
DEFAULT = Language("en", "en", "en_GB", "English")  # dates as the entries write them: 15 January 2026
LANGUAGES = (
    DEFAULT,
    Language("sq", "sq", "sq", "Shqip"),
    Language("mk", "mk", "mk", "Македонски"),
    Language("sr", "sr-Latn", "sr_Latn", "Srpski"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
TRANSLATED = LANGUAGES[1:]


class CatalogueError(ValueError):
    """A shipped language's catalogue is incomplete or does not compile."""


def catalogue_path(language: Language) -> Path:
    return LOCALES / language.code / "LC_MESSAGES" / "messages.po"


def catalogue_problems(language: Language) -> list[str]:
    """Every reason the language cannot ship: a string missing, fuzzy or untranslated, a
    format that differs from the original, a wrong number of plural forms."""
    path = catalogue_path(language)
    shown = path.relative_to(LOCALES.parent.parent.parent)
    if not path.exists():
        return [f"{shown}: missing; run python -m scripts.translations"]
    try:
        with path.open("rb") as handle:
            catalogue = read_po(handle, locale=language.locale, abort_invalid=True)
        with TEMPLATE.open("rb") as handle:
            template = read_po(handle)
    except Exception as exc:  # babel raises several kinds for a broken file
        return [f"{shown}: does not compile: {exc}"]
    problems = []
    for message in template:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        have = catalogue.get(message.id, context=message.context)
        strings = (have.string if isinstance(have.string, (list, tuple)) else [have.string]) if have else [""]
        if have is None or not all(strings):
            problems.append(f"{shown}: no translation for {key!r}")
        elif have.fuzzy:
            problems.append(f"{shown}: the translation of {key!r} is marked fuzzy; check it and remove the mark")
        elif any("<" in text or ">" in text for text in strings):
            # Translations are plain text: the templates mark them safe, so markup would reach pages.
            problems.append(f"{shown}: the translation of {key!r} contains '<' or '>'; translations are plain text")
        elif isinstance(message.id, (list, tuple)) and len(strings) != catalogue.num_plurals:
            problems.append(f"{shown}: {key!r} needs {catalogue.num_plurals} plural forms")
    for message, errors in catalogue.check():
        for error in errors:
            problems.append(f"{shown}:{message.lineno}: {error}")
    return problems


@functools.cache
def translations(code: str) -> gettext_module.NullTranslations:
    language = BY_CODE[code]
    if language is DEFAULT:
        return gettext_module.NullTranslations()
    problems = catalogue_problems(language)
    if problems:
        raise CatalogueError("\n".join(problems))
    with catalogue_path(language).open("rb") as handle:
        catalogue = read_po(handle, locale=language.locale)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled)


_current: contextvars.ContextVar[Language] = contextvars.ContextVar("atlas_language", default=DEFAULT)
# Practices whose text is in the language being built (a translation beside the entry).
_translated: contextvars.ContextVar[frozenset] = contextvars.ContextVar("atlas_translated", default=frozenset())


@contextlib.contextmanager
def using(language: Language, translated: frozenset[str] = frozenset()):
    """Build in `language`: every `_()` inside answers in it; `translated` are the ids of
    the practices whose text is in it too."""
    translations(language.code)  # fail early on an incomplete catalogue
    token, texts = _current.set(language), _translated.set(translated)
    try:
        yield language
    finally:
        _current.reset(token)
        _translated.reset(texts)


def text_language(practice_id: str | None = None) -> Language:
    """The language a practice's text is in on the pages being built (its entry's, English,
    unless a translation in the page's language exists)."""
    return current() if practice_id in _translated.get() else DEFAULT


def current() -> Language:
    return _current.get()


def _(message: str) -> str:
    return translations(current().code).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current().code).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a constant for extraction; translate it with `_()` where it is shown."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for extraction; translate it with `ngettext()` where it is shown."""
    return singular, plural


# Strings the scripts in docs/assets/atlas write, by their English text: each page carries
# them in its language (overrides/main.html, #atlas-strings), read by assets/atlas/text.js.
SCRIPT_STRINGS = (
    N_("Evidence: %(level)s"),
    N_("Remove the filter %(facet)s: %(value)s"),
    N_("Your filters hide every match for “%(query)s”."),
    N_("Each word alone finds:"),
    N_("Did you mean %(suggestion)s?"),
    N_("Copied"),
    N_("Link copied"),
    N_("Copy this:"),
    N_("Copy link to this section"),
    N_("Copy link to the section %(title)s"),
    N_("Back to results"),
)
SCRIPT_PLURALS = (  # (singular, plural): the script picks the form for its count
    N_plural("practice", "practices"),
    N_plural("Show %(num)d practice", "Show %(num)d practices"),
    N_plural(
        "Show the %(num)d practice that matches without the filters",
        "Show the %(num)d practices that match without the filters",
    ),
)


@functools.cache  # every page of a language carries the same
def script_strings(code: str | None) -> str:
    """The scripts' strings in a language, as JSON safe inside a <script> element. A plural
    is given by CLDR category ('one', 'few', 'other'), as the browser's Intl.PluralRules
    names them."""
    language = BY_CODE.get(code or "", DEFAULT)
    catalogue = translations(language.code)
    data: dict[str, object] = {text: catalogue.gettext(text) for text in SCRIPT_STRINGS}
    rule = language.babel.plural_form
    for singular, plural in SCRIPT_PLURALS:
        forms = {}
        for number in range(0, 200):  # a number of each category, to ask gettext for its form
            forms.setdefault(rule(number), catalogue.ngettext(singular, plural, number))
        data[singular] = forms
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c")
