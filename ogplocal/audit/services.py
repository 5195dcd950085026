"""Writing the audit trail. Services call `record_event` inside their own transaction.

`record_event` also files the event under a member's history (`AuditEvent.member`): callers need
not pass the member, it is derived from the object as `ogplocal.audit.registry` describes.
"""

import json
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from ogplocal.audit.models import AuditEvent
from ogplocal.audit.registry import member_of

_REPR_LENGTH = AuditEvent._meta.get_field("object_repr").max_length


def _json_safe(value: Any) -> Any:
    # Dates, decimals, UUIDs and lazy strings become what DjangoJSONEncoder makes of them, so a
    # snapshot compares equal to what the JSONField gives back after a round trip.
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _field_value(obj: models.Model, name: str) -> Any:
    field = obj._meta.get_field(name)
    if field.many_to_many:
        if obj.pk is None:
            return []
        return sorted(related.pk for related in getattr(obj, name).all())
    if getattr(field, "attname", None) is None:  # reverse relations are not snapshots
        raise ValueError(f"{type(obj).__name__}.{name} is not a stored field")
    value = getattr(obj, field.attname)  # a foreign key is recorded as its primary key
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The JSON-safe values of `fields` of `obj`.

    A name may follow one-to-one and foreign keys with dots (`"jurisdiction.population"`) when a
    service changes the object and a related one together; a missing related object gives None.
    """
    values: dict[str, Any] = {}
    for name in fields:
        *path, last = name.split(".")
        target: Any = obj
        for step in path:
            target = getattr(target, step, None)
            if target is None:
                break
        values[name] = None if target is None else _field_value(target, last)
    return _json_safe(values)


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The names whose values differ between two snapshots of the same fields."""
    return [name for name in after if before.get(name) != after.get(name)]


class _Derive:
    def __repr__(self) -> str:
        return "DERIVE"


# The default of `record_event(member=…)`: find the member from the object.
DERIVE: Any = _Derive()


def record_event(
    *,
    actor,
    verb: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    member: Any = DERIVE,
) -> AuditEvent:
    """Write one audit row about `obj`. `actor` is a user, or None when the portal acted.

    `member` is the member whose history the event belongs to (an instance, a primary key, or
    None for no member's); left out, it is derived from `obj` (`registry.member_of`).
    """
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if member is DERIVE:
        member = member_of(obj)
    member_id = member.pk if isinstance(member, models.Model) else member
    return AuditEvent.objects.create(
        actor=actor,
        member_id=member_id,
        verb=verb,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:_REPR_LENGTH],
        before=_json_safe(before or {}),
        after=_json_safe(after or {}),
        reason=reason,
    )
