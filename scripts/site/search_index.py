"""The catalogue's prebuilt lunr index, made with lunr.py and read by lunr.js in the browser.

Two things must match the browser exactly, or a query silently misses:
- Stemming. lunr.py's Porter stemmer differs from lunr.js 2.3.9 (step 1c: lunr.py turns
  'survey' into 'survei', lunr.js keeps 'survey'; likewise 'day', 'employ', 'journey').
  The index is built with `stem`, a line-by-line port of lunr.js's stemmer.
- Normalisation. `normalise` folds case and accents and turns punctuation into spaces;
  docs/assets/atlas/search.js does the same to every query. Tests run both on the
  same strings through Node.
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata

import lunr.builder
from lunr.builder import Builder
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token

from scripts.entries.countries import COUNTRIES
from scripts.entries.model import Practice
from scripts.entries.taxonomy import Taxonomy

# Letters that Unicode decomposition does not fold; the same table is in search.js.
FOLD = {"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "ð": "d", "þ": "th"}
_FOLD_RE = re.compile("[" + "".join(FOLD) + "]")

# Two fields: what a practice is called and where (boosted), and everything else. Each
# field adds a vector per practice to the index: seven fields loaded five times slower.
FIELDS = {"name": 10, "text": 1}


_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() and '_'


def normalise(text: str) -> str:
    """Lower case, accents folded, anything but letters and digits turned into spaces."""
    text = text.lower()
    if not text.isascii():  # most words are: nothing to decompose or fold in them
        text = " ".join(word if word.isascii() else _fold(word) for word in text.split(" "))
    return _NOT_ALNUM.sub(" ", text).strip()


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word)
    word = "".join(ch for ch in word if not unicodedata.category(ch).startswith("M"))
    return _FOLD_RE.sub(lambda m: FOLD[m.group(0)], word)


# -- lunr.js 2.3.9 Porter stemmer, ported as written -----------------------------------

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
    "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous",
    "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log",
}  # fmt: skip
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_c = "[^aeiou]"
_v = "[aeiouy]"
_C = _c + "[^aeiouy]*"
_V = _v + "[aeiou]*"
_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_S_V = re.compile("^(" + _C + ")?" + _v)
_RE_1A = re.compile(r"^(.+?)(ss|i)es$")
_RE2_1A = re.compile(r"^(.+?)([^s])s$")
_RE_1B = re.compile(r"^(.+?)eed$")
_RE2_1B = re.compile(r"^(.+?)(ed|ing)$")
_RE_1B_2 = re.compile(r".$")
_RE2_1B_2 = re.compile(r"(at|bl|iz)$")
_RE3_1B_2 = re.compile(r"([^aeiouylsz])\1$")
_RE4_1B_2 = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_RE_1C = re.compile(r"^(.+?[^aeiou])y$")
_RE_2 = re.compile("^(.+?)(" + "|".join(_STEP2) + ")$")
_RE_3 = re.compile("^(.+?)(" + "|".join(_STEP3) + ")$")
_RE_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
_RE2_4 = re.compile(r"^(.+?)(s|t)(ion)$")
_RE_5 = re.compile(r"^(.+?)e$")
_RE_5_1 = re.compile(r"ll$")
_RE3_5 = re.compile("^" + _C + _v + "[^aeiouwxy]$")


@functools.lru_cache(maxsize=65536)  # a collection repeats its words: stem each once
def stem(w: str) -> str:
    """The stem lunr.js 2.3.9 gives a (lower-case) word."""
    if len(w) < 3:
        return w
    first = w[0]
    if first == "y":
        w = "Y" + w[1:]
    # Step 1a
    if _RE_1A.search(w):
        w = _RE_1A.sub(r"\1\2", w, count=1)
    elif _RE2_1A.search(w):
        w = _RE2_1A.sub(r"\1\2", w, count=1)
    # Step 1b
    match = _RE_1B.search(w)
    if match:
        if _MGR0.search(match.group(1)):
            w = _RE_1B_2.sub("", w, count=1)
    else:
        match = _RE2_1B.search(w)
        if match and _S_V.search(match.group(1)):
            w = match.group(1)
            if _RE2_1B_2.search(w):
                w += "e"
            elif _RE3_1B_2.search(w):
                w = _RE_1B_2.sub("", w, count=1)
            elif _RE4_1B_2.search(w):
                w += "e"
    # Step 1c: y to i only after a consonant that is not the first letter (the lunr.js rule)
    match = _RE_1C.search(w)
    if match:
        w = match.group(1) + "i"
    # Step 2
    match = _RE_2.search(w)
    if match and _MGR0.search(match.group(1)):
        w = match.group(1) + _STEP2[match.group(2)]
    # Step 3
    match = _RE_3.search(w)
    if match and _MGR0.search(match.group(1)):
        w = match.group(1) + _STEP3[match.group(2)]
    # Step 4
    match = _RE_4.search(w)
    if match:
        if _MGR1.search(match.group(1)):
            w = match.group(1)
    else:
        match = _RE2_4.search(w)
        if match and _MGR1.search(match.group(1) + match.group(2)):
            w = match.group(1) + match.group(2)
    # Step 5
    match = _RE_5.search(w)
    if match:
        base = match.group(1)
        if _MGR1.search(base) or (_MEQ1.search(base) and not _RE3_5.search(base)):
            w = base
    if _RE_5_1.search(w) and _MGR1.search(w):
        w = _RE_1B_2.sub("", w, count=1)
    if first == "y":
        w = "y" + w[1:]
    return w


def browser_stemmer(token, i=None, tokens=None):
    """lunr.py pipeline function; serialised as 'stemmer', which lunr.js maps to its own."""
    return token.update(lambda text, metadata=None: stem(text))


browser_stemmer.label = "stemmer"


def search_document(practice: Practice, taxonomy: Taxonomy) -> dict[str, str]:
    """What a reader searches a catalogue for, normalised like a query: title and places
    (with their other names and scripts); then labels, countries, organisations, summary
    and the entry's own sub-headings."""
    labels = [taxonomy.label("themes", t) for t in practice.themes]
    labels += [taxonomy.label("types", t) for t in practice.types]
    labels += [taxonomy.label("regions", r) for r in practice.regions]
    labels += [taxonomy.label("target_groups", g) for g in practice.target_groups]
    labels += list(practice.target_groups)  # ids are words too: 'youth' finds 'Young people'
    headings = [
        line.lstrip("#").strip()
        for section in practice.sections
        for line in section.text.splitlines()
        if re.match(r"^ {0,3}#{3,6}\s", line)
    ]
    places = [name for place in practice.places for name in (place.name, *place.also)]
    text = [
        *labels,
        *(COUNTRIES[c] for c in practice.countries),
        *(o.name for o in practice.organisations),
        practice.summary,
        *headings,
    ]
    return {"name": normalise(" ".join([practice.title, *places])), "text": normalise(" ".join(text))}


def _words(text: str) -> list[str]:
    # Normalised text has single spaces and nothing for lunr's trimmer to trim.
    return text.split(" ") if text else []


@contextlib.contextmanager
def _words_as_tokens():
    """lunr.py's tokenizer walks text a character at a time, and copies a metadata dict for
    every word of a list: half the time of building the index. Our fields are normalised
    words already, so each becomes a Token directly while the index is built."""
    original = lunr.builder.Tokenizer
    lunr.builder.Tokenizer = lambda words, metadata=None, separator=None: [Token(word) for word in words]
    try:
        yield
    finally:
        lunr.builder.Tokenizer = original


def build_index(practices: list[Practice], taxonomy: Taxonomy) -> dict:
    """The serialised lunr index (a JSON-ready dict) of the practices, in the order given.

    A result's ref is the practice's position in that order ('0', '1', ...), the order of
    the catalogue's cards: short refs make the index a fifth smaller than ids would."""
    builder = Builder()
    builder.pipeline.add(stop_word_filter, browser_stemmer)
    builder.search_pipeline.add(browser_stemmer)
    builder.ref("id")
    for field, boost in FIELDS.items():
        builder.field(field, boost=boost)
    with _words_as_tokens():
        for position, practice in enumerate(practices):
            fields = search_document(practice, taxonomy)
            builder.add({"id": str(position), **{name: _words(text) for name, text in fields.items()}})
    return builder.build().serialize()
