"""One spelling for words that English writes two ways, at index and at query time.

British and American spellings, and a few other pairs, are rewritten to one form word
by word, after accents are folded and before stemming, in Python (the index) and in the
browser (the query) from this one table: search.js receives it with the index.
Each rule is a regular expression in the subset Python and JavaScript read alike; the
stems are listed, not guessed, so that 'four' never becomes 'for' nor 'hour' 'hor'.
The form chosen is only an internal key: readers never see it.
"""

from __future__ import annotations

import functools
import re

# (pattern, replacement): applied in order to each lower-case, accent-free word.
RULES: tuple[tuple[str, str], ...] = (
    # -ise / -ize, -isation / -ization, -yse / -yze (organise, radicalization, analyse)
    (r"iz(e|es|ed|ing|er|ers|ation|ations)$", r"is\1"),
    (r"yz(e|es|ed|ing|er|ers)$", r"ys\1"),
    # -our / -or, listed stems only (neighbourhood, rumour, antirumour, behaviour)
    (
        r"(rum|neighb|behavi|col|hon|lab|fav|harb|hum|vig|endeav|flav|sav|val|arm|clam|parl|tum|vap|splend|cand|rig)our",
        r"\1or",
    ),
    # -tre / -ter (centre, theatre, metre)
    (r"(cent|theat|fib|lit|met|spect|calib|meag|lust|somb)re(s?)$", r"\1er\2"),
    # -ence / -ense (defence, offence, licence, pretence)
    (r"(def|off|lic|pret)ence(s?)$", r"\1ense\2"),
    # -ogue / -og (dialogue, catalogue)
    (r"(dial|catal|monol|prol|epil|anal)ogue(s?)$", r"\1og\2"),
    # doubled l (counselling, travelled, enrolment)
    (r"(counsel|travel|model|label|cancel|fuel|level|signal|channel|total)l(ing|ed|er|ers|or|ors)$", r"\1\2"),
    (r"^enroll(s?|ed|ing|ment|ments)$", r"enrol\1"),
    (r"^fulfill(s?|ed|ing|ment)$", r"fulfil\1"),
    # programme / program, judgement / judgment, practise / practice, ageing / aging
    (r"programme(s?)$", r"program\1"),
    (r"(judg|acknowledg)ement(s?)$", r"\1ment\2"),
    (r"^practis(e|es|ed|ing)$", r"practic\1"),
    (r"^ageing$", r"aging"),
)


@functools.cache
def _compiled() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(pattern), replacement) for pattern, replacement in RULES)


@functools.lru_cache(maxsize=65536)
def respell(word: str) -> str:
    """The one spelling of a normalised word: 'radicalization' -> 'radicalisation'."""
    for pattern, replacement in _compiled():
        word = pattern.sub(replacement, word, count=1)
    return word


def browser_rules() -> list[list[str]]:
    """The rules for search.js: JavaScript writes a group in a replacement as $1, not \\1."""
    return [[pattern, re.sub(r"\\(\d)", r"$\1", replacement)] for pattern, replacement in RULES]
