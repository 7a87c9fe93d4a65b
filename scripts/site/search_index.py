"""The catalogue's prebuilt lunr index, made with lunr.py and read by lunr.js in the browser.

Two things must match the browser exactly, or a query silently misses:
- Stemming. lunr.py's Porter stemmer differs from lunr.js 2.3.9 (step 1c: lunr.py turns
  'survey' into 'survei', lunr.js keeps 'survey'; likewise 'day', 'employ', 'journey').
  The index is built with `stem`, a line-by-line port of lunr.js's stemmer.
- Normalisation. `normalise` folds text as scripts/entries/slug.py `fold` does (case,
  accents, other alphabets in Latin) and turns punctuation into spaces;
  docs/assets/atlas/search.js does the same to every query with the same table, from
  the generated assets/atlas/fold.js. Tests run both on the same strings through Node.
"""

from __future__ import annotations

import contextlib
import functools
import re

import lunr.builder
from lunr.builder import Builder
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token

from scripts.entries.body import SECTIONS
from scripts.entries.countries import COUNTRIES
from scripts.entries.model import Practice
from scripts.entries.slug import fold
from scripts.entries.taxonomy import Taxonomy
from scripts.site.describe import sizes, where
from scripts.site.i18n import TRANSLATED
from scripts.site.spelling import browser_rules, respell

# The first index, fetched with the catalogue: what a practice is called and where
# (boosted), and its summary, labels and organisations. Each field adds a vector per
# practice to the index: seven fields loaded five times slower.
# A translation's title has a field of its own: added to `name`, it made that field longer
# and so weighed down a translated practice's own place names (lunr scores a match against
# the field's length).
FIELDS = {"name": 10, "translated": 10, "text": 1}
# The second index, fetched on the first keystroke: the text of every section.
BODY_FIELD = "body"
TEXT_SHARD = 64  # practices per file of section texts, fetched for the snippets shown


_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() and '_'
# A word, with the parts of a compound joined by hyphens, slashes or apostrophes
# (inter-ethnic, P/CVE, Cox's): search.js uses the same two patterns.
_WORD = re.compile(r"[^\W_]+(?:[-/'\u2019\u2010\u2011][^\W_]+)*")
_JOINER = re.compile(r"[-/'\u2019\u2010\u2011]")


def normalise(text: str) -> str:
    """Folded (lower case, accents dropped, other alphabets in Latin), anything but letters
    and digits turned into spaces."""
    return _NOT_ALNUM.sub(" ", fold(text)).strip()


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


def words(text: str, parts: bool = False) -> list[str]:
    """The search words of a text, in one spelling: folded, compounds joined, respelt.

    'Inter-ethnic dialogue' gives ['interethnic', 'dialog']; with `parts` (for the index)
    each compound's parts follow it, so 'ethnic' finds it as well as 'interethnic'."""
    out: list[str] = []
    for token in _WORD.findall(fold(text)):
        if _JOINER.search(token) is None:
            out.append(respell(token))
            continue
        pieces = [piece for piece in _JOINER.split(token) if piece]
        out.append(respell("".join(pieces)))
        if parts:
            out.extend(respell(piece) for piece in pieces)
    return out


# -- synonyms ----------------------------------------------------------------------------


class Synonyms:
    """practices/synonyms.yml as search uses it: each group's terms as sequences of stems
    (so plurals match), and a token per group that the index adds to every field holding
    one of its terms."""

    def __init__(self, groups: tuple[tuple[str, ...], ...]):
        self.terms: list[tuple[tuple[str, ...], int]] = []  # (stems of a term, group number)
        for number, group in enumerate(groups):
            for term in group:
                sequence = tuple(stem(word) for word in words(term))
                if sequence:
                    self.terms.append((sequence, number))
        self.terms.sort(key=lambda item: -len(item[0]))  # longest first, as search.js matches
        self._by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for sequence, number in self.terms:
            self._by_first.setdefault(sequence[0], []).append((sequence, number))

    @staticmethod
    def token(number: int) -> str:
        # Not a word of any language, unchanged by the stemmer and the stop-word filter.
        return f"zsyn{number}"

    def tokens(self, text_words: list[str]) -> list[str]:
        """The group tokens for a field's words (query form: compounds joined)."""
        found: set[int] = set()
        text_words = [stem(word) for word in text_words]
        for position, word in enumerate(text_words):
            for sequence, number in self._by_first.get(word, ()):
                if tuple(text_words[position : position + len(sequence)]) == sequence:
                    found.add(number)
        return [self.token(number) for number in sorted(found)]

    def browser(self) -> list[list]:
        """[[stems of a term], group number] for search.js, longest terms first."""
        return [[list(sequence), number] for sequence, number in self.terms]


# -- the documents -------------------------------------------------------------------------


def search_document(practice: Practice, taxonomy: Taxonomy) -> dict[str, str]:
    """What a reader searches for first: title and places (with their other names and
    scripts); then labels, countries, organisations, summary and the sub-headings."""
    labels = _labels(practice, taxonomy)
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
        *(name for c in practice.countries for name in country_names(c)),
        *(o.name for o in practice.organisations),
        practice.summary,
        *headings,
    ]
    return {"name": " ".join([practice.title, *places]), "text": " ".join(text)}


def country_names(code: str) -> list[str]:
    """A country by every name a reader of the site may type: English and the names in each
    interface language (Kosova, Косово, Severna Makedonija)."""
    names = [COUNTRIES[code]]
    names += [n for language in TRANSLATED if (n := language.babel.territories.get(code)) and n not in names]
    return names


_MARKDOWN = re.compile(r"!?\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)|[*_`>#|]+|^\s*[-+]\s|^\s*\d+\.\s", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """A section as readable text for snippets: link text kept, Markdown marks dropped."""
    text = _MARKDOWN.sub(lambda m: m.group(1) or " ", markdown)
    return " ".join(text.split())


def _field_words(text: str, synonyms: Synonyms) -> list[str]:
    joined = words(text)
    return words(text, parts=True) + synonyms.tokens(joined)


@contextlib.contextmanager
def _words_as_tokens():
    """lunr.py's tokenizer walks text a character at a time, and copies a metadata dict for
    every word of a list: half the time of building the index. Our fields are search
    words already, so each becomes a Token directly while the index is built."""
    original = lunr.builder.Tokenizer
    lunr.builder.Tokenizer = lambda words, metadata=None, separator=None: [Token(word) for word in words]
    try:
        yield
    finally:
        lunr.builder.Tokenizer = original


def _builder(fields: dict[str, int]) -> Builder:
    builder = Builder()
    builder.pipeline.add(stop_word_filter, browser_stemmer)
    builder.search_pipeline.add(browser_stemmer)
    builder.ref("id")
    for field, boost in fields.items():
        builder.field(field, boost=boost)
    return builder


def build_index(
    practices: list[Practice],
    taxonomy: Taxonomy,
    synonyms: Synonyms | None = None,
    changed: dict[str, str] | None = None,
    also=(),
) -> dict:
    """The first index (a JSON-ready dict), with what the catalogue and search.js need to
    read queries and draw results: each practice's card (id, title, place, summary, when
    it last changed — `changed`, id -> sortable date, else last_reviewed — and its facet
    values), the spelling rules, the synonyms. `also`: the same practices in the other
    languages, with their vocabularies, whose words the index holds too.

    A result's ref is the practice's position in the order given ('0', '1', ...), the
    order of the catalogue's cards: short refs make the index a fifth smaller than ids."""
    synonyms = synonyms or Synonyms(())
    builder = _builder(FIELDS)
    with _words_as_tokens():
        for position, practice in enumerate(practices):
            fields = _document(position, practice, taxonomy, also)
            builder.add({"id": str(position), **{name: _field_words(text, synonyms) for name, text in fields.items()}})
    return {
        "index": _rounded(builder.build().serialize()),
        "practices": cards(practices, changed),
        "sections": [spec.title for spec in SECTIONS],
        "spelling": browser_rules(),
        "synonyms": synonyms.browser(),
        "shard": TEXT_SHARD,
    }


def _labels(practice: Practice, taxonomy: Taxonomy) -> list[str]:
    labels = [taxonomy.label("themes", t) for t in practice.themes]
    labels += [taxonomy.label("types", t) for t in practice.types]
    labels += [taxonomy.label("regions", r) for r in practice.regions]
    labels += [taxonomy.label("target_groups", g) for g in practice.target_groups]
    return labels


def _document(position: int, practice: Practice, taxonomy: Taxonomy, also) -> dict[str, str]:
    """One index serves every language: a practice's fields hold its words in each (the
    labels, and a translation's title and summary; country names are in every language
    already). `also`: (practices, taxonomy) of the other languages, in the same order."""
    fields = {**search_document(practice, taxonomy), "translated": ""}
    for practices, other in also:
        local = practices[position]
        if local.title != practice.title:
            fields["translated"] += " " + local.title
        extra = [local.summary] if local.summary != practice.summary else []
        fields["text"] += " " + " ".join([*_labels(local, other), *extra])
    return fields


def _rounded(index: dict) -> dict:
    """Field-vector scores to one decimal: they only rank results, and lunr.py's three
    decimals were a sixth of the first index's weight."""
    for _, vector in index["fieldVectors"]:
        vector[1::2] = [round(score, 1) for score in vector[1::2]]
    return index


def cards(practices: list[Practice], changed: dict[str, str] | None = None) -> list[list]:
    """Every practice's card, in the language being built (its place, a translation)."""
    return [_card(p, (changed or {}).get(p.id) or p.last_reviewed.isoformat()) for p in practices]


def _card(practice: Practice, changed: str) -> list:
    """A practice as catalogue.js draws it; the order of these fields is read there (FIELD)."""
    p = practice
    return [
        *(p.id, p.title, where(p), p.summary, changed),
        *(p.regions, p.countries, p.themes, p.types, p.status, p.evidence, sizes(p)),
    ]


def build_body_index(practices: list[Practice], synonyms: Synonyms | None = None, also=()) -> dict:
    """The second index: the text of every section, one document a practice (ref: its
    position). One document per section told which section matched, but made the index
    twice as large; search.js finds the section in the text it fetches for the snippet."""
    synonyms = synonyms or Synonyms(())
    builder = _builder({BODY_FIELD: 1})
    translated: dict[str, list[Practice]] = {}
    for practice in also:  # translations of some practices: their text is searched too
        translated.setdefault(practice.id, []).append(practice)
    with _words_as_tokens():
        for position, practice in enumerate(practices):
            versions = translated.get(practice.id) or [practice]
            text = " ".join(plain_text(section.text) for version in versions for section in version.sections)
            builder.add({"id": str(position), BODY_FIELD: _field_words(text, synonyms)})
    return _rounded(builder.build().serialize())


def section_texts(practices: list[Practice]) -> list[list]:
    """Shards of section texts for snippets: shard n holds practices n*TEXT_SHARD onwards,
    each as [[section number, plain text], ...]."""
    order = {spec.key: number for number, spec in enumerate(SECTIONS)}
    texts = [[[order[s.key], plain_text(s.text)] for s in p.sections] for p in practices]
    return [texts[start : start + TEXT_SHARD] for start in range(0, len(texts), TEXT_SHARD)]


def vocabulary(practices: list[Practice], taxonomy: Taxonomy, also=()) -> list[list]:
    """[[word, number of practices], ...] for 'did you mean': the words readers could have
    meant, as written after folding (not stemmed), three letters or more."""
    counts: dict[str, int] = {}
    for position, practice in enumerate(practices):
        fields = _document(position, practice, taxonomy, also)
        texts = [s.text for p in (practice, *(practices[position] for practices, _ in also)) for s in p.sections]
        seen = set(words(" ".join([*fields.values(), *set(texts)]), parts=True))
        for word in seen:
            if len(word) >= 3 and not word.isdigit() and stop_word_filter(Token(word)) is not None:
                counts[word] = counts.get(word, 0) + 1
    return sorted([word, count] for word, count in counts.items())
