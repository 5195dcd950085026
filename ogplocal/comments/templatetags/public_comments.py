"""`{% load public_comments %}{% comment_section obj %}`: the comments on a tracker update, a
published assessment or a commitment, with the member's replies and the form to add one. Pages of
other apps include it with these two tags; it renders nothing for a row that is not open to
comments (not registered, or not public)."""

from django import template

from members.rules import POINT_OF_CONTACT
from ogplocal.accounts.roles import held
from ogplocal.accounts.rules import is_support_unit
from ogplocal.comments import registry
from ogplocal.comments.forms import CommentForm
from ogplocal.comments.selectors import comments_on

register = template.Library()


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comment_section(context, obj, heading_level: int = 2):
    request = context.get("request")
    user = getattr(request, "user", None)
    entry = registry.commentable(obj) if obj is not None else None
    if entry is None or not registry.is_public(obj):
        return {"open": False}
    member = entry.member(obj)
    form = CommentForm(
        user=user,
        initial={"target": obj._meta.label_lower, "target_id": obj.pk},
    )
    return {
        "open": True,
        "request": request,
        "obj": obj,
        "anchor": f"comments-{obj._meta.model_name}-{obj.pk}",
        # A page listing many rows may attach them, loaded at once (`prefetched_comments`).
        "comments": list(
            comments_on(obj)
            if getattr(obj, "prefetched_comments", None) is None
            else obj.prefetched_comments
        ),
        "form": form,
        "can_moderate": is_support_unit(user),
        "can_reply": member is not None and member.pk in held(user, POINT_OF_CONTACT),
        "heading": f"h{heading_level}",
        "csrf_token": context.get("csrf_token"),
    }
