"""The member page's tracker section (`tracker/updates/_member.html`), read through the selector
that asks the engine which quarters are tracked and when each update is due."""

from django import template
from django.utils import timezone

from tracker.selectors_updates import member_tracker

register = template.Library()


@register.simple_tag(takes_context=True)
def tracker_of(context, member):
    request = context["request"]
    as_of = getattr(request, "as_of", None) or timezone.localdate()
    return member_tracker(member, user=request.user, as_of=as_of)


@register.simple_tag(takes_context=True)
def may_file_update(context, commitment) -> bool:
    return context["request"].user.has_perm("tracker.file_update", commitment)
