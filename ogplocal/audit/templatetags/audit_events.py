"""`{% audit_rows events as rows %}`: a page of AuditEvents in words (audit/_event_table.html)."""

from django import template

from ogplocal.audit.presentation import EventRow, describe_events

register = template.Library()


@register.simple_tag
def audit_rows(events) -> list[EventRow]:
    return describe_events(events)
