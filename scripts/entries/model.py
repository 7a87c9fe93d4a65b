"""The validated practices, as plain objects the outputs are rendered from.

The classes are made from the schema (scripts/entries/schema.py), one frozen dataclass
per record: a field added there is an attribute here, and in the open data, with no
change to this file. A missing optional value is None, or () for a list; lists are
tuples and nested records objects of their own class. Dates stay as written ('2017',
'2017-04': precision is information), except full dates (`last_reviewed`), which are
datetime.date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from scripts.entries.body import Section
from scripts.entries.schema import PRACTICE, FullDate, Kind, ListOf, Record


def _section(self, key: str) -> Section | None:
    return next((s for s in self.sections if s.key == key), None)


def record_class(name: str, record: Record, before=(), after=(), methods: dict | None = None) -> type:
    """A frozen dataclass with the record's fields in the schema's order (between the extra
    fields `before` and `after`, as (name, type, default)), and a class for each record in it."""
    fields = [(key, type_, dataclasses.field(default=default)) for key, type_, default in before]
    nested = {}
    for key, spec in record.fields.items():
        inner = _inner(spec.kind)
        if isinstance(inner, Record):
            # 'places' holds Place records; 'replication' is a Replication.
            nested[key] = record_class(_class_name(key, spec.kind), inner)
        fields.append((key, object, dataclasses.field(default=_missing(spec.kind))))
    fields += [(key, type_, dataclasses.field(default=default)) for key, type_, default in after]
    cls = dataclasses.make_dataclass(name, fields, frozen=True, namespace=methods)
    cls._record, cls._nested = record, nested  # not fields: how `make` reads the schema
    return cls


def make(cls: type, data: dict, **extra):
    """An object of a record class from cleaned (validated) values."""
    values = {key: _value(spec.kind, data.get(key), cls._nested.get(key)) for key, spec in cls._record.fields.items()}
    return cls(**extra, **values)


def _value(kind: Kind, value, nested: type | None):
    if value is None:
        return _missing(kind)
    if isinstance(kind, ListOf):
        return tuple(_value(kind.item, item, nested) for item in value)
    if isinstance(kind, Record):
        return make(nested, value)
    if isinstance(kind, FullDate):
        return dt.date.fromisoformat(value)
    return value


def _missing(kind: Kind):
    return () if isinstance(kind, ListOf) else None


def _inner(kind: Kind) -> Kind:
    return kind.item if isinstance(kind, ListOf) else kind


def _class_name(key: str, kind: Kind) -> str:
    name = key.title().replace("_", "")
    return name.removesuffix("s") if isinstance(kind, ListOf) else name


def practice_class(schema: Record = PRACTICE) -> type:
    """The Practice class of a schema: its fields, and `id`, `source_path` and `sections`,
    which come from the file rather than its front-matter."""
    return record_class(
        "Practice",
        schema,
        before=(("id", str, ""), ("source_path", str, "")),
        after=(("sections", tuple, ()),),
        methods={"section": _section},
    )


Practice = practice_class()
Replication = Practice._nested["replication"]  # pages.py lists what the entry does not report


def build_practice(
    entry_id: str, source_path: str, data: dict, sections: list[Section], cls: type = Practice
) -> Practice:
    """Make a Practice from front-matter that passed validation (cleaned values)."""
    return make(cls, data, id=entry_id, source_path=source_path, sections=tuple(sections))
