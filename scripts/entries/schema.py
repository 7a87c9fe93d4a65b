"""The one definition of a practice entry's front-matter.

The validator, the JSON Schema, the contributor field reference and the entry template
are all derived from PRACTICE below, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from scripts.entries import gazetteer
from scripts.entries.codes import CURRENCIES, LANGUAGES
from scripts.entries.countries import COUNTRIES
from scripts.entries.load import Lines, type_name
from scripts.entries.problems import ERROR, WARNING, character_problem, closest, did_you_mean
from scripts.entries.taxonomy import KEBAB, VOCABULARIES, Taxonomy

INVALID = object()  # what a check returns for a value it reported as wrong
# ASCII digits only, and whole-string matches: Python's \d, int() and float() also take
# '٢٠١٧', '²', '1_000' and ' nan', which no reader or program downstream expects.
PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
DIGITS = re.compile(r"[0-9]+")
DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
COUNTRY_CODES = {name.casefold(): code for code, name in COUNTRIES.items()}
COUNTRY_CODES.update({"uk": "GB", "great britain": "GB", "usa": "US", "macedonia": "MK"})
EARLIEST_YEAR = 1900
MARKUP = re.compile(r"<[A-Za-z/!?][^<>]*>?|&#?[A-Za-z0-9]+;")


@dataclass
class Context:
    """What checks need besides the value: the vocabularies and today's date, and the
    countries of the entry being checked (to suggest a place's coordinates there)."""

    taxonomy: Taxonomy
    today: dt.date
    countries: tuple[str, ...] = ()


class At:
    """Where a value sits (path, label, line) and where its problems go."""

    def __init__(self, report: Callable, lines: Lines, path: tuple = (), label: str = ""):
        self.report = report
        self.lines = lines
        self.path = path
        self.label = label

    @property
    def line(self) -> int:
        return self.lines(self.path)

    def error(self, message: str) -> object:
        self.report(self.line, self.label or "front-matter", message, ERROR)
        return INVALID

    def warning(self, message: str) -> None:
        self.report(self.line, self.label or "front-matter", message, WARNING)

    def field(self, key: str, label: str | None = None) -> At:
        name = label or key
        return At(self.report, self.lines, (*self.path, key), f"{self.label}.{name}" if self.label else name)

    def item(self, index: int, own_label: bool) -> At:
        # A scalar item is named by its list ('regions'); the quoted value and the line
        # identify it. A record item gets its position: 'organisations[2]'.
        label = f"{self.label}[{index + 1}]" if own_label else self.label
        return At(self.report, self.lines, (*self.path, index), label)


def digits_hint(text: str) -> str:
    """Point out digits of another script, which look right but are not 0-9."""
    return " (digits 0-9 only)" if any(c.isdigit() and not c.isascii() for c in text) else ""


class Kind:
    """How one value is checked, cleaned, described and expressed in JSON Schema."""

    scalar = True
    allowed = "\n"  # control characters a value may hold; each kind refuses a line break its own way

    def check(self, value: object, at: At, ctx: Context) -> object:
        if not isinstance(value, str):
            return at.error(f"must be {self.describe(ctx.taxonomy)}, not a {type_name(value)}")
        problem = character_problem(value, self.allowed)  # before strip(), which drops some
        if problem:
            return at.error(problem)
        return self.check_text(value.strip(), at, ctx)

    def check_text(self, text: str, at: At, ctx: Context) -> object:
        return text

    def describe(self, taxonomy: Taxonomy) -> str:
        return "text"

    def json_schema(self, taxonomy: Taxonomy) -> dict:
        return {"type": "string"}


class Text(Kind):
    def __init__(self, max_len: int, min_len: int = 1, one_line: bool = True):
        self.max_len, self.min_len, self.one_line = max_len, min_len, one_line
        self.allowed = "\n" if one_line else "\n\t"

    def check_text(self, text, at, ctx):
        if self.one_line and "\n" in text:
            return at.error("must be on one line")
        markup = MARKUP.search(text)
        if markup:
            # Plain text only: templates escape it, but some theme templates print titles as they are.
            return at.error(f"must be plain text; '{markup.group(0)}' looks like HTML")
        if len(text) > self.max_len:
            return at.error(f"is {len(text)} characters long; the limit is {self.max_len}")
        if len(text) < self.min_len:
            return at.error(f"is {len(text)} characters long; write at least {self.min_len}")
        return text

    def describe(self, taxonomy):
        if self.min_len > 1:
            return f"text of {self.min_len}–{self.max_len} characters"
        return f"text of at most {self.max_len} characters" + (", one line" if self.one_line else "")

    def json_schema(self, taxonomy):
        schema = {"type": "string", "minLength": self.min_len, "maxLength": self.max_len}
        if self.one_line:
            schema["pattern"] = "^[^\\n]*$"
        return schema


class Term(Kind):
    """One id from a vocabulary in practices/taxonomy.yml."""

    def __init__(self, vocabulary: str):
        self.vocabulary = vocabulary

    def check_text(self, text, at, ctx):
        ids = ctx.taxonomy.ids(self.vocabulary)
        if text in ids:
            return text
        noun = VOCABULARIES[self.vocabulary]
        hint = did_you_mean(text, ids) or did_you_mean(text, self._labels(ctx.taxonomy))
        if not hint and len(ids) <= 8:
            hint = f"; use one of: {', '.join(ids)}"
        elif not hint:
            hint = f"; see the {self.vocabulary} in practices/taxonomy.yml"
        return at.error(f"'{text}' is not a known {noun}{hint}")

    def _labels(self, taxonomy):
        # 'Western Balkans' typed as a label still finds its id.
        return {t.label.lower().replace(" ", "-"): t.id for t in taxonomy.terms(self.vocabulary)}

    def describe(self, taxonomy):
        ids = taxonomy.ids(self.vocabulary)
        if len(ids) <= 8:
            return "one of " + ", ".join(f"`{i}`" for i in ids)
        return f"a {VOCABULARIES[self.vocabulary]} id from the {self.vocabulary} vocabulary"

    def json_schema(self, taxonomy):
        return {"type": "string", "enum": list(taxonomy.ids(self.vocabulary))}


class Country(Kind):
    def check_text(self, text, at, ctx):
        if text in COUNTRIES:
            return text
        if text.upper() in COUNTRIES:
            return at.error(f"'{text}' must be written in capitals: '{text.upper()}'")
        code = COUNTRY_CODES.get(text.casefold())
        if code:
            return at.error(f"'{text}' is a country name; use its two-letter code '{code}'")
        return at.error(f"'{text}' is not an ISO 3166-1 alpha-2 country code (two capital letters; XK for Kosovo)")

    def describe(self, taxonomy):
        return "an ISO 3166-1 alpha-2 country code (`XK` for Kosovo)"

    def json_schema(self, taxonomy):
        return {"type": "string", "enum": sorted(COUNTRIES)}


class PartialDate(Kind):
    """YYYY, YYYY-MM or YYYY-MM-DD: sources often give only a year."""

    full_only = False
    formats = "YYYY, YYYY-MM or YYYY-MM-DD"
    pattern = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"

    def check_text(self, text, at, ctx):
        match = PARTIAL_DATE.fullmatch(text)
        if not match or (self.full_only and match.group(3) is None):
            return at.error(f"'{text}' is not a date; write {self.formats}{digits_hint(text)}")
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError:
            return at.error(f"'{text}' is not a real date")
        if not EARLIEST_YEAR <= year <= ctx.today.year + 10:
            return at.error(f"year {year} is out of range ({EARLIEST_YEAR}–{ctx.today.year + 10})")
        return text

    def describe(self, taxonomy):
        return f"a date: {self.formats}"

    def json_schema(self, taxonomy):
        return {"type": "string", "pattern": self.pattern}


class FullDate(PartialDate):
    full_only = True
    formats = "YYYY-MM-DD"
    pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"

    def check_text(self, text, at, ctx):
        result = super().check_text(text, at, ctx)
        if result is not INVALID and dt.date.fromisoformat(text) > ctx.today:
            return at.error(f"'{text}' is in the future")
        return result


class Url(Kind):
    def check_text(self, text, at, ctx):
        if any(c.isspace() for c in text):
            return at.error(f"'{text}' contains spaces; a web address has none")
        try:
            parts = urlsplit(text)
        except ValueError:  # an unclosed '[' or a host that is no IPv6 address
            return at.error(f"'{text}' has no valid host name; '[' and ']' may only enclose an IPv6 address")
        if parts.scheme.lower() not in ("http", "https"):
            return at.error(f"'{text}' must be a web address starting with https:// or http://")
        try:
            port = parts.port
        except ValueError:  # not a number, or above 65535
            port = 0
        if port == 0:
            return at.error(f"'{text}' has an invalid port number; leave it out or use one from 1 to 65535")
        host = parts.hostname or ""
        ipv6 = parts.netloc.rpartition("@")[2].startswith("[")
        if not ipv6 and ("." not in host or host.startswith(".") or not all(c.isalnum() or c in "-._" for c in host)):
            return at.error(f"'{text}' has no valid host name")
        return text

    def describe(self, taxonomy):
        return "a web address starting with `https://` or `http://`"

    def json_schema(self, taxonomy):
        return {"type": "string", "format": "uri", "pattern": "^[hH][tT][tT][pP][sS]?://[^\\s]+$"}


class Email(Kind):
    def check_text(self, text, at, ctx):
        if not EMAIL.fullmatch(text):
            return at.error(f"'{text}' is not an e-mail address")
        return text

    def describe(self, taxonomy):
        return "an e-mail address of a role or office, never of a private person"

    def json_schema(self, taxonomy):
        return {"type": "string", "format": "email", "pattern": EMAIL.pattern}


class Number(Kind):
    def __init__(self, minimum: float, maximum: float):
        self.minimum, self.maximum = minimum, maximum

    def check_text(self, text, at, ctx):
        if not DECIMAL.fullmatch(text):
            return at.error(f"'{text}' is not a number; write digits 0-9 and a point for decimals, like 41.99 or -12.5")
        number = float(text)
        if not math.isfinite(number) or not self.minimum <= number <= self.maximum:
            return at.error(f"{text} is out of range ({self.minimum:g} to {self.maximum:g})")
        return int(number) if "." not in text else number  # 20000 stays 20000 in the open data

    def describe(self, taxonomy):
        return f"a decimal number from {self.minimum:g} to {self.maximum:g}"

    def json_schema(self, taxonomy):
        return {"type": "number", "minimum": self.minimum, "maximum": self.maximum}


class Count(Kind):
    """A whole number from 1 up: the position of a source in `sources`."""

    def check_text(self, text, at, ctx):
        if not DIGITS.fullmatch(text) or not text.strip("0"):
            return at.error(f"'{text}' must be a whole number from 1{digits_hint(text)}")
        if len(text.lstrip("0")) > 6:  # and int() refuses texts of over 4,300 digits
            return at.error(f"'{text}' is too large; give the position of the source in 'sources' (1 for the first)")
        return int(text)

    def describe(self, taxonomy):
        return "a whole number from 1"

    def json_schema(self, taxonomy):
        return {"type": "integer", "minimum": 1}


class Whole(Kind):
    """A whole number, such as a population: digits 0-9 only, thousands not separated."""

    def __init__(self, maximum: int):
        self.maximum = maximum

    def check_text(self, text, at, ctx):
        if not DIGITS.fullmatch(text):
            return at.error(
                f"'{text}' must be a whole number written with digits 0-9 only, e.g. 75051{digits_hint(text)}"
            )
        if len(text) > len(str(self.maximum)) or int(text) > self.maximum:
            return at.error(f"{text} is out of range (0 to {self.maximum:,})")
        return int(text)

    def describe(self, taxonomy):
        return "a whole number, digits only"

    def json_schema(self, taxonomy):
        return {"type": "integer", "minimum": 0, "maximum": self.maximum}


class Code(Kind):
    """One code of a standard list (ISO 4217 currencies, ISO 639-1 languages)."""

    def __init__(self, codes: dict[str, str], what: str, example: str):
        self.codes, self.what, self.example = codes, what, example

    def check_text(self, text, at, ctx):
        if text in self.codes:
            return text
        for code in (text.upper(), text.lower()):
            if code in self.codes:
                return at.error(f"'{text}' must be written '{code}'")
        by_name = {name.casefold(): code for code, name in self.codes.items()}
        code = by_name.get(text.casefold())
        if code:
            return at.error(f"'{text}' is a name; use its code '{code}'")
        return at.error(f"'{text}' is not {self.what} (e.g. '{self.example}')")

    def describe(self, taxonomy):
        return f"{self.what}, e.g. `{self.example}`"

    def json_schema(self, taxonomy):
        return {"type": "string", "enum": sorted(self.codes)}


class MonthOrYear(PartialDate):
    """YYYY or YYYY-MM, not in the future: when a source last showed something."""

    formats = "YYYY or YYYY-MM"
    pattern = r"^[0-9]{4}(-(0[1-9]|1[0-2]))?$"

    def check_text(self, text, at, ctx):
        if len(text) > 7 and PARTIAL_DATE.fullmatch(text):
            return at.error(f"'{text}' gives a day; write the year or the month: '{text[:7]}'")
        result = super().check_text(text, at, ctx)
        if result is not INVALID and _date_floor(text) > ctx.today:
            return at.error(f"'{text}' is in the future")
        return result


class Year(MonthOrYear):
    formats = "YYYY"
    pattern = r"^[0-9]{4}$"

    def check_text(self, text, at, ctx):
        if len(text) > 4 and PARTIAL_DATE.fullmatch(text):
            return at.error(f"'{text}' must be a year only: '{text[:4]}'")
        return super().check_text(text, at, ctx)


class PracticeId(Kind):
    def check_text(self, text, at, ctx):
        if not KEBAB.fullmatch(text):
            return at.error(f"'{text}' is not a practice id (lower-case words joined by hyphens)")
        return text

    def describe(self, taxonomy):
        return "a practice id (its file name without `.md`)"

    def json_schema(self, taxonomy):
        return {"type": "string", "pattern": KEBAB.pattern}


class ListOf(Kind):
    scalar = False

    def __init__(self, item: Kind, min_items: int = 0, max_items: int | None = None):
        self.item, self.min_items, self.max_items = item, min_items, max_items

    def check(self, value, at, ctx):
        if not isinstance(value, list):
            at.error("must be a list: put each item on its own line, starting with '- '")
            if isinstance(value, str) and self.item.scalar:
                self.item.check(value, at, ctx)  # also name a wrong term, all mistakes at once
            return INVALID
        counted = True
        if self.max_items is not None and len(value) > self.max_items:
            counted = at.error(f"has {len(value)} items; at most {self.max_items} are allowed")
        if len(value) < self.min_items:
            counted = at.error(f"needs at least {self.min_items} item{'s' * (self.min_items > 1)}")
        cleaned, seen = [], set()
        for index, item in enumerate(value):
            item_at = at.item(index, own_label=not self.item.scalar)
            if item is None or item == "":
                item_at.error("an item is empty; remove the '- ' line or fill it in")
                continue
            result = self.item.check(item, item_at, ctx)
            if result is INVALID:
                continue
            if self.item.scalar:
                if result in seen:
                    item_at.error(f"'{result}' is listed twice")
                    continue
                seen.add(result)
            cleaned.append(result)
        return cleaned if counted is True else INVALID

    def describe(self, taxonomy):
        if self.max_items:
            count = f"{self.min_items} to {self.max_items} items"
        elif self.min_items:
            count = f"{self.min_items} or more items"
        else:
            count = "items"
        return f"a list of {count}, each {self.item.describe(taxonomy)}"

    def json_schema(self, taxonomy):
        schema = {"type": "array", "items": self.item.json_schema(taxonomy)}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.max_items:
            schema["maxItems"] = self.max_items
        if self.item.scalar:
            schema["uniqueItems"] = True
        return schema


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    required: bool = False
    help: str = ""
    example: str = ""


class Record(Kind):
    """A set of named fields; unknown names are errors so a typo never vanishes."""

    scalar = False

    def __init__(
        self,
        *fields: Field,
        rule: Callable | None = None,
        computed: dict | None = None,
        missing: Callable | None = None,
    ):
        self.fields = {f.name: f for f in fields}
        self.rule = rule
        self.computed = computed or {}
        # missing(names, written, at, ctx) -> the names it reported itself, in one message
        self.missing = missing

    def check(self, value, at, ctx):
        if not isinstance(value, dict):
            names = ", ".join(self.fields)
            return at.error(f"must be a set of 'key: value' lines ({names}), not a {type_name(value)}")
        cleaned: dict[str, object] = {}
        guessed: set[str] = set()
        for key, item in value.items():
            if key in self.fields:
                continue
            if key in self.computed:
                at.field(key).error(f"is computed by the build {self.computed[key]}; remove it")
                continue
            guess = closest(key, tuple(self.fields))
            if guess and guess not in value:
                at.field(key).error(f"unknown field; did you mean '{guess}'?")
                guessed.add(guess)
                if item not in (None, "", []):  # check the value as if spelt right
                    self.fields[guess].kind.check(item, at.field(key), ctx)
            else:
                at.field(key).error(f"unknown field; the fields here are: {', '.join(self.fields)}")
        absent = [
            name
            for name, spec in self.fields.items()
            if spec.required and name not in guessed and value.get(name) in (None, "", [])
        ]
        reported = self.missing(absent, value, at, ctx) if self.missing and absent else set()
        for name, spec in self.fields.items():
            item = value.get(name)
            if item in (None, "", []):
                if name in absent and name not in reported:
                    at.field(name).error("is empty; it is required" if name in value else "required field is missing")
                continue
            result = spec.kind.check(item, at.field(name), ctx)
            if result is not INVALID:
                cleaned[name] = result
        if self.rule:
            self.rule(cleaned, value, at, ctx)
        return cleaned

    def describe(self, taxonomy):
        return "the fields " + ", ".join(f"`{name}`" for name in self.fields)

    def json_schema(self, taxonomy):
        return {
            "type": "object",
            "properties": {
                name: {"description": spec.help, **spec.kind.json_schema(taxonomy)}
                for name, spec in self.fields.items()
            },
            "required": [name for name, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        }


# -- rules that involve several fields of one record ---------------------------------


# Each rule gets the cleaned values (only those that passed) and the values as written.


def _place_missing(names: list[str], written: dict, at: At, ctx: Context) -> set[str]:
    """Coordinates missing: one message, with GeoNames' coordinates for the name."""
    missing = {"lat", "lon"} & set(names)
    if len(missing) == 1:
        at.error(f"lat and lon go together: {missing.pop()} is missing")
        return {"lat", "lon"}
    if not missing:
        return set()
    name = written.get("name") if isinstance(written.get("name"), str) else ""
    others = [a for a in written.get("also") or () if isinstance(a, str)]
    found = gazetteer.suggest([name, *others], ctx.countries) if name else None
    if found:
        hint = f"GeoNames has {found.name} ({found.country}) at lat: {found.lat}, lon: {found.lon}"
    else:
        hint = "give the decimal degrees of its centre, e.g. lat: 42.13, lon: 21.72"
    at.error(f"lat and lon are required, so that the practice is on the map; {hint}")
    return {"lat", "lon"}


def _contact_rule(contact: dict, written: dict, at: At, ctx: Context) -> None:
    if not written.get("url") and not written.get("email"):
        at.error("give a url or a role e-mail address")


def _practice_rule(entry: dict, written: dict, at: At, ctx: Context) -> None:
    started, ended = entry.get("started"), entry.get("ended")
    if started and ended:
        # Compare at the coarser precision: '2017' does not come after '2017-05'.
        size = min(len(started), len(ended))
        if ended[:size] < started[:size]:
            at.field("ended").error(f"'{ended}' is before started ('{started}')")
    if ended and _date_floor(ended) > ctx.today:
        at.field("ended").error(f"'{ended}' is in the future; leave 'ended' out until it has ended")
    if started and _date_floor(started) > ctx.today and entry.get("status") not in (None, "planned"):
        at.field("started").error(f"'{started}' is in the future; use status 'planned'")
    if ended and entry.get("status") in ("ongoing", "planned"):
        at.field("status").error(f"is '{entry['status']}' but the practice has 'ended'")
    count = len(entry.get("sources", ()))
    replication = entry.get("replication") or {}
    numbered = [("figures", i, f, f.get("source")) for i, f in enumerate(entry.get("figures", ()))]
    numbered += [("replication", i, b, b.get("source")) for i, b in enumerate(replication.get("budget", ()))]
    numbered += [
        ("places", i, p, (p.get("population") or {}).get("source")) for i, p in enumerate(entry.get("places", ()))
    ]
    for where, index, _, number in numbered:
        if number is not None and count and number > count:
            field = at.field(where)
            if where == "replication":
                field = field.field("budget").item(index, True)
            else:
                field = field.item(index, True)
                if where == "places":
                    field = field.field("population")
            field.field("source").error(f"there is no source number {number}; the entry lists {count}")
    _status_rule(entry, at, ctx)
    _cost_rule(replication, at.field("replication"))
    reviewed = entry.get("last_reviewed")
    if reviewed and (ctx.today - dt.date.fromisoformat(reviewed)).days > 2 * 365:
        at.field("last_reviewed").warning(f"'{reviewed}' is more than two years ago; please review the entry")


STATUS_AS_OF_YEARS = 3  # a status older than this is probably out of date
CHECKED_DAYS = 365  # ...unless an editor looked for newer reports within this many days


def _checked_lately(entry: dict, ctx: Context) -> bool:
    """An old status is a question for an editor, answered by a recent `last_reviewed`: the
    page still says when the status was last reported, so readers see its age."""
    reviewed = entry.get("last_reviewed")
    return bool(reviewed) and (ctx.today - dt.date.fromisoformat(reviewed)).days <= CHECKED_DAYS


def _status_rule(entry: dict, at: At, ctx: Context) -> None:
    status, as_of = entry.get("status"), entry.get("status_as_of")
    if status in ("ongoing", "completed") and not as_of:
        at.field("status").error(
            f"is '{status}': add status_as_of, the year (or YYYY-MM) in which a source last showed it {status}"
        )
    if as_of and _date_floor(as_of).year < ctx.today.year - STATUS_AS_OF_YEARS and not _checked_lately(entry, ctx):
        at.field("status_as_of").warning(
            f"'{as_of}' is more than {STATUS_AS_OF_YEARS} years ago; check whether the status still holds,"
            " then set last_reviewed to the day you checked"
        )
    started = entry.get("started")
    if as_of and started and as_of[: min(len(as_of), len(started))] < started[: min(len(as_of), len(started))]:
        at.field("status_as_of").error(f"'{as_of}' is before started ('{started}')")


# Cost bands by the total of a budget in US dollars. The rates are rough yearly averages
# (2024), only to tell a band: a budget in another currency is not checked.
COST_BANDS = (("none", 0), ("low", 50_000), ("medium", 500_000))  # (band, up to this many dollars)
PER_DOLLAR = {
    "USD": 1, "EUR": 0.92, "GBP": 0.79, "CHF": 0.88, "SEK": 10.6, "NOK": 10.7, "DKK": 6.9, "CAD": 1.37,
    "AUD": 1.52, "NZD": 1.65, "JPY": 151, "MKD": 56.7, "ALL": 94, "RSD": 108, "BAM": 1.8, "KES": 135,
    "IDR": 15800, "PHP": 57, "INR": 83.5, "BDT": 115, "LKR": 300, "KGS": 87, "COP": 4070, "ZAR": 18.3,
    "JOD": 0.71, "IQD": 1310, "TRY": 32.8, "UAH": 40, "MDL": 17.8, "GEL": 2.7, "KZT": 470,
}  # fmt: skip


def _cost_rule(replication: dict, at: At) -> None:
    budget, cost = replication.get("budget"), replication.get("cost")
    if not budget or not cost:
        return
    if cost == "unknown":
        at.field("cost").error("is 'unknown' but a budget is given; choose the band the budget falls in")
        return
    dollars = [b["amount"] / PER_DOLLAR[b["currency"]] for b in budget if b.get("currency") in PER_DOLLAR]
    if len(dollars) != len(budget):
        return
    total = sum(dollars)
    band = next((name for name, limit in COST_BANDS if total <= limit), "high")
    if band != cost:
        at.field("cost").error(
            f"is '{cost}' but the budget comes to about US${total:,.0f}, which is '{band}' "
            f"(low: up to US$50,000; medium: up to US$500,000; high: more)"
        )


def _date_floor(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], *[*parts[1:], 1, 1][:2])


POPULATION = Record(
    Field("value", Whole(100_000_000), True, "How many people live there."),
    Field("year", Year(), True, "The year the count is for."),
    Field("source", Count(), False, "Which entry of `sources` gives it (1 for the first)."),
)
PLACE = Record(
    Field("name", Text(120), True, "The place's name as most readers know it."),
    Field("also", ListOf(Text(120)), False, "Other names of the same place: spellings, languages, scripts."),
    Field("lat", Number(-90, 90), True, "Latitude in decimal degrees; the validator suggests it from GeoNames."),
    Field("lon", Number(-180, 180), True, "Longitude in decimal degrees."),
    Field("population", POPULATION, False, "Its population, so that readers find places of their own size."),
    missing=_place_missing,
)
ORGANISATION = Record(
    Field("name", Text(200), True, "The organisation's full name."),
    Field("role", Term("roles"), True, "What it did in the practice."),
    Field("url", Url(), False, "Its website."),
)
FIGURE = Record(
    Field("label", Text(120), True, "What was counted."),
    Field("value", Text(60), True, "The number, as the source gives it."),
    Field("source", Count(), False, "Which entry of `sources` gives it (1 for the first)."),
)
MATERIAL = Record(
    Field("title", Text(200), True, "Title of the handbook, plan or tool."),
    Field("url", Url(), True, "Where to get it."),
    Field("language", Code(LANGUAGES, "an ISO 639-1 language code", "en"), False, "The language it is written in."),
    Field("kind", Term("material_kinds"), False, "What kind of document it is."),
)
BUDGET = Record(
    Field("amount", Number(0, 1e13), True, "The sum, digits only: 1500000, not 1.5m."),
    Field("currency", Code(CURRENCIES, "an ISO 4217 currency code", "EUR"), True, "Its currency."),
    Field("year", Year(), False, "The year of the figure."),
    Field("covers", Text(200), False, "What it pays for, e.g. 'the coordinator's post for three years'."),
    Field("source", Count(), False, "Which entry of `sources` gives it (1 for the first)."),
)
LEGAL_BASIS = Record(
    Field("title", Text(300), True, "The law, decree, national strategy or council decision."),
    Field("url", Url(), False, "Where to read it."),
    Field("year", Year(), False, "The year it was adopted."),
)
REPLICATION = Record(
    Field(
        "lead", Text(300), False, "The body or unit that leads, e.g. 'Mayor's office; Department for Social Affairs'."
    ),
    Field("team", Text(600, one_line=False), False, "Who takes part and the staff it needs, as the sources say."),
    Field("cost", Term("costs"), False, "Rough cost band of copying it; must agree with `budget` where one is given."),
    Field("budget", ListOf(BUDGET), False, "What it cost, as the sources give it."),
    Field("timeframe", Text(200), False, "How long it takes to set up, e.g. 'five months to draft the plan'."),
    Field("legal_basis", ListOf(LEGAL_BASIS), False, "The law, decree, strategy or decision it rests on."),
    Field("preconditions", ListOf(Text(300)), False, "What must be in place first."),
    Field("materials", ListOf(MATERIAL), False, "Public handbooks, plans or templates to reuse."),
)
SOURCE = Record(
    Field("title", Text(300), True, "Title of the report, article or page."),
    Field("publisher", Text(200), True, "Who published it."),
    Field("url", Url(), False, "Where to read it."),
    Field("date", PartialDate(), False, "When it was published; leave out if not known."),
)
CONTACT = Record(
    Field("organisation", Text(200), True, "The organisation to contact."),
    Field("url", Url(), False, "Its contact page."),
    Field("email", Email(), False, "A role address such as info@…, never a private person's."),
    rule=_contact_rule,
)

PRACTICE = Record(
    Field(
        "title",
        Text(120),
        True,
        "What was done and where.",
        "Kumanovo Community Action Team and Local Prevention Action Plan",
    ),
    Field(
        "summary",
        Text(400, min_len=50, one_line=False),
        True,
        "Two or three plain sentences that stand alone in lists, previews and feeds.",
    ),
    Field("regions", ListOf(Term("regions"), 1), True, "Where it happened.", "[western-balkans]"),
    Field("countries", ListOf(Country(), 1), True, "Country codes; shown as names.", "[MK]"),
    Field("places", ListOf(PLACE), False, "Cities or areas, with alternate names."),
    Field(
        "themes",
        ListOf(Term("themes"), 1, 4),
        True,
        "What it is about.",
        "[violent-extremism-prevention, national-local-cooperation]",
    ),
    Field(
        "types",
        ListOf(Term("types"), 1, 3),
        True,
        "What kind of practice it is.",
        "[multi-stakeholder-body, local-action-plan]",
    ),
    Field("status", Term("statuses"), True, "Whether it still runs.", "ongoing"),
    Field(
        "status_as_of",
        MonthOrYear(),
        False,
        "The year (or month) in which a source last showed the status; required for `ongoing` and `completed`.",
        "2024",
    ),
    Field("started", PartialDate(), False, "When it started; leave out if no source says.", "2017"),
    Field("ended", PartialDate(), False, "When it ended; not before `started`.", "2019-06"),
    Field("organisations", ListOf(ORGANISATION, 1), True, "Who ran, funded and supported it."),
    Field(
        "target_groups",
        ListOf(Term("target_groups")),
        False,
        "Whom it works with.",
        "[youth, municipal-staff]",
    ),
    Field(
        "evidence",
        Term("evidence"),
        True,
        "How well its effects are known, as far as the sources show; most practices are `described` or `monitored`.",
        "described",
    ),
    Field("figures", ListOf(FIGURE), False, "Key numbers, each with its source."),
    Field("replication", REPLICATION, False, "What a municipality needs to copy it."),
    Field(
        "related",
        ListOf(PracticeId()),
        False,
        "Ids of practices that share a model or programme.",
        "[kumanovo-tetovo-peer-learning]",
    ),
    Field("sources", ListOf(SOURCE, 1), True, "Where every fact in the entry comes from."),
    Field("contact", CONTACT, False, "An organisation to ask; no private persons."),
    Field(
        "aliases",
        ListOf(PracticeId()),
        False,
        "Former ids of this entry; each old link redirects here. Never reuse one.",
        "[old-id]",
    ),
    Field(
        "last_reviewed",
        FullDate(),
        True,
        "When someone last checked the entry against its sources.",
        "2026-11-23",
    ),
    rule=_practice_rule,
    computed={
        "id": "from the file name",
        "url": "from the file name",
        "slug": "from the file name",
        "last_modified": "from the repository history",
        "promising": "from the evidence level",
    },
)
