"""Ids from names in any script: 'Приштина — CSO platform' -> 'prishtina-cso-platform'."""

from __future__ import annotations

import re
import unicodedata

# Cyrillic (Russian, Serbian, Macedonian, Ukrainian) and Greek letters that Unicode
# decomposition cannot turn into ASCII.
_LETTERS = dict(
    zip(
        "абвгдђѓежзѕийјклљмнњопрстћќуфхцчџшщъыьэюяєіїґ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "dj",
            "gj",
            "e",
            "zh",
            "z",
            "dz",
            "i",
            "y",
            "j",
            "k",
            "l",
            "lj",
            "m",
            "n",
            "nj",
            "o",
            "p",
            "r",
            "s",
            "t",
            "c",
            "kj",
            "u",
            "f",
            "h",
            "c",
            "ch",
            "dz",
            "sh",
            "sht",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
            "ye",
            "i",
            "yi",
            "g",
        ],
        strict=True,
    )
)
_LETTERS.update(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        [
            "a",
            "v",
            "g",
            "d",
            "e",
            "z",
            "i",
            "th",
            "i",
            "k",
            "l",
            "m",
            "n",
            "x",
            "o",
            "p",
            "r",
            "s",
            "s",
            "t",
            "y",
            "f",
            "ch",
            "ps",
            "o",
        ],
        strict=True,
    )
)
_LETTERS.update({"đ": "dj", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "ð": "d", "þ": "th"})


def _ascii(ch: str) -> str:
    if ch in _LETTERS:
        return _LETTERS[ch]
    bare = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))  # 'ή' -> 'η'
    return "".join(_LETTERS.get(c, c) for c in bare).encode("ascii", "ignore").decode()


def slugify(text: str, limit: int = 80) -> str:
    """Lower-case ASCII words joined by hyphens; empty if nothing is left (e.g. Arabic)."""
    text = "".join(_ascii(ch) for ch in text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:limit].rstrip("-")
