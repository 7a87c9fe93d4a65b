"""The standard code lists entries use besides countries: ISO 4217 currencies and ISO 639-1
languages, with their English names, from Babel's copy of the Unicode CLDR (offline)."""

from __future__ import annotations

from babel import Locale
from babel.numbers import list_currencies

_EN = Locale("en")

# Codes in use today (Babel also lists withdrawn ones such as DEM), with their names.
CURRENCIES = {code: _EN.currencies.get(code, code) for code in sorted(list_currencies()) if code in _EN.currencies}
# Two-letter language codes only: ISO 639-1.
LANGUAGES = {
    code: name for code, name in sorted(_EN.languages.items()) if len(code) == 2 and code.isalpha() and code.islower()
}
