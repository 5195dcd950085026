"""`{% status_records member as records %}`: the member's status history and letters, for the
partial tracker/status/_member_letters.html on the member page."""

from django import template

from tracker.selectors_status import status_history

register = template.Library()


@register.simple_tag
def status_records(member):
    return status_history(member) if member is not None else []
