"""Audit events in words: the verb's label, field labels instead of field names, the names of
related objects instead of their ids, dates and choices as people read them.

`describe_events` reads a page of events (fetched with their actor and content type) and asks the
database once per kind of related object their values name, however many events there are.
"""

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ogplocal.audit.models import AuditEvent
from ogplocal.audit.registry import humanize, verb_label

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Longer values are shown shortened, with the whole value a click away (no JavaScript needed).
SHORT_VALUE_LENGTH = 100


@dataclass(frozen=True)
class Value:
    text: str
    empty: bool = False

    @property
    def is_long(self) -> bool:
        return len(self.text) > SHORT_VALUE_LENGTH

    @property
    def short(self) -> str:
        return self.text[: SHORT_VALUE_LENGTH - 1].rstrip() + "…" if self.is_long else self.text


@dataclass(frozen=True)
class Change:
    label: str
    before: Value
    after: Value


@dataclass(frozen=True)
class EventRow:
    event: AuditEvent
    label: str
    object_type: str
    object_name: str
    actor_name: str
    changes: list[Change] = field(default_factory=list)

    @property
    def at(self) -> datetime:
        return self.event.at

    @property
    def reason(self) -> str:
        return self.event.reason

    @property
    def pk(self) -> int:
        return self.event.pk


def _resolve(model: type[models.Model] | None, name: str) -> models.Field | None:
    """The field a snapshot name stands for (`"jurisdiction.population"` follows relations)."""
    target = model
    found = None
    for step in name.split("."):
        if target is None:
            return None
        try:
            found = target._meta.get_field(step)
        except Exception:  # FieldDoesNotExist: renamed or removed since the event
            return None
        target = found.related_model if found.is_relation else None
    return found


def _is_reference(field: models.Field | None) -> bool:
    return bool(field is not None and (field.many_to_one or field.one_to_one or field.many_to_many))


def _ids(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list) else [value]


def _names_of(references: dict[type[models.Model], set[Any]]) -> dict[tuple, str]:
    names: dict[tuple, str] = {}
    for model, pks in references.items():
        # select_related() follows every non-null foreign key, so that __str__ methods that read
        # one (a member's name is its jurisdiction's) make no query of their own.
        for obj in model._default_manager.select_related().filter(pk__in=pks):
            names[(model, str(obj.pk))] = str(obj)
    return names


def _date(value: str) -> date | None:
    try:
        return parse_date(value)
    except ValueError:  # well formed, but no such day
        return None


def _text(field: models.Field | None, value: Any, names: dict[tuple, str]) -> Value:
    if value is None or value == "" or value == []:
        return Value("—", empty=True)
    if _is_reference(field):
        model = field.related_model
        return Value(
            ", ".join(
                names.get((model, str(pk)), _("%(id)s (no longer exists)") % {"id": pk})
                for pk in _ids(value)
            )
        )
    if field is not None and field.choices:
        choices = {str(key): label for key, label in field.flatchoices}
        return Value(str(choices.get(str(value), value)))
    if isinstance(value, bool):
        return Value(_("Yes") if value else _("No"))
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        try:
            moment = parse_datetime(value)
        except ValueError:  # well formed, but no such moment
            moment = None
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return Value(formats.date_format(moment, "DATETIME_FORMAT"))
    elif isinstance(value, str) and (
        isinstance(field, models.DateField)
        # or a date a service recorded under a name of its own ("proposed_ends_on")
        or (field is None and _ISO_DATE.fullmatch(value))
    ):
        day = _date(value)
        if day is not None:
            return Value(formats.date_format(day, "DATE_FORMAT"))
    if isinstance(value, (list, dict)):
        return Value(json.dumps(value, ensure_ascii=False))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Value(formats.number_format(value, force_grouping=True))
    return Value(str(value))


def _label(field: models.Field | None, name: str) -> str:
    if field is not None and hasattr(field, "verbose_name"):
        return capfirst(str(field.verbose_name))
    return humanize(name.rsplit(".", 1)[-1])


def _shown(event: AuditEvent, model) -> list[tuple[str, Any, Any]]:
    """The changes people read: not the ids a service recorded for cross-reference under a name
    that is no field (`"term_id"`); the admin's page of the event keeps them."""
    return [
        (name, before, after)
        for name, before, after in event.changes()
        if not (name.endswith("_id") and _resolve(model, name) is None)
    ]


def describe_events(events) -> list[EventRow]:
    """One `EventRow` per event, in the order given."""
    events = list(events)
    fields: dict[tuple[int, str], models.Field | None] = {}
    references: dict[type[models.Model], set[Any]] = defaultdict(set)
    for event in events:
        model = event.content_type.model_class()
        for name, before, after in _shown(event, model):
            field_ = _resolve(model, name)
            fields[(event.pk, name)] = field_
            if _is_reference(field_):
                references[field_.related_model].update(
                    str(pk) for pk in _ids(before) + _ids(after)
                )
    names = _names_of(references)

    rows = []
    for event in events:
        model = event.content_type.model_class()
        changes = [
            Change(
                label=_label(fields[(event.pk, name)], name),
                before=_text(fields[(event.pk, name)], before, names),
                after=_text(fields[(event.pk, name)], after, names),
            )
            for name, before, after in _shown(event, model)
        ]
        rows.append(
            EventRow(
                event=event,
                label=verb_label(event.verb),
                object_type=capfirst(str(model._meta.verbose_name))
                if model is not None
                else humanize(event.content_type.model),
                object_name=event.object_repr,
                actor_name=event.actor.get_full_name() if event.actor else _("The portal"),
                changes=changes,
            )
        )
    return rows
