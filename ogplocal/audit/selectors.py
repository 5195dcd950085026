"""Reading the audit trail."""

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet

from ogplocal.audit.models import AuditEvent

if TYPE_CHECKING:
    from members.models import Member


def _with_joins(events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    # What the shared event table shows of each event, fetched with it.
    return events.select_related("actor", "content_type").order_by("-at", "-id")


def events_for(*objs: models.Model) -> QuerySet[AuditEvent]:
    """The events about any of `objs` themselves, newest first (the admin's History page)."""
    condition = Q(pk__in=[])
    for obj in objs:
        content_type = ContentType.objects.get_for_model(obj)
        condition |= Q(content_type=content_type, object_id=str(obj.pk))
    return _with_joins(AuditEvent.objects.filter(condition))


def events_for_member(member: "Member | int") -> QuerySet[AuditEvent]:
    """A member's whole history, newest first: the events about the member, its jurisdiction
    and everything else filed under it (`AuditEvent.member`), read through one index."""
    return _with_joins(AuditEvent.objects.filter(member=member))
