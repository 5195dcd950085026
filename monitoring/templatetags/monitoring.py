"""`{% member_monitoring member as monitoring %}`: the member page's section on assessments and
findings (monitoring/_member_monitoring.html), read through the selector with the request's date,
so that the member page (another app's view) needs one include line only."""

from django import template
from django.utils import timezone

from monitoring.selectors import member_monitoring as member_monitoring_data
from ogplocal.accounts.rules import is_support_unit

register = template.Library()


@register.simple_tag(takes_context=True)
def member_monitoring(context, member) -> dict:
    request = context.get("request")
    as_of = getattr(request, "as_of", None) or timezone.localdate()
    user = getattr(request, "user", None)
    data = member_monitoring_data(member, as_of=as_of, user=user)
    data["can_record_finding"] = user is not None and is_support_unit(user)
    return data
