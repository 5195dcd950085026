"""Reading the audit trail."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet

from ogplocal.audit.models import AuditEvent


def events_for(*objs: models.Model) -> QuerySet[AuditEvent]:
    """The events about any of `objs`, newest first, with their actors."""
    condition = Q(pk__in=[])
    for obj in objs:
        content_type = ContentType.objects.get_for_model(obj)
        condition |= Q(content_type=content_type, object_id=str(obj.pk))
    return AuditEvent.objects.filter(condition).select_related("actor").order_by("-at", "-id")
