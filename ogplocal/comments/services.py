"""Every write on public comments: posting, hiding (moderation), replying (the member's right)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ogplocal.audit.services import record_event
from ogplocal.comments import registry
from ogplocal.comments.models import Comment, CommentReply


@transaction.atomic
def post_comment(*, target, user, name: str, email: str, body: str) -> Comment:
    """A comment on `target` (a registered, public row) by a signed-in `user` or by `name` and
    `email`. The e-mail address is kept for the Support Unit and never shown."""
    entry = registry.commentable(target)
    if entry is None or not registry.is_public(target):
        raise ValidationError(_("Comments are not open on this page."), code="comment.closed")
    signed_in = user is not None and user.is_authenticated
    name = (name or "").strip() or (signed_in and (user.get_full_name() or "")) or ""
    if not name:
        raise ValidationError({"name": _("Give a name to sign the comment with.")})
    if not signed_in and not (email or "").strip():
        raise ValidationError({"email": _("Give an e-mail address; it is never shown.")})
    comment = Comment(
        target=target,
        member=entry.member(target),
        author=user if signed_in else None,
        author_name=name,
        author_email="" if signed_in else email.strip(),
        body=body.strip(),
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def hide_comment(*, comment: Comment, actor, reason: str) -> Comment:
    """Moderation: hide a comment with a reason; its place says "hidden by moderators"."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the comment is hidden.")})
    comment = Comment.objects.select_for_update(of=("self",)).get(pk=comment.pk)
    if comment.is_hidden:
        raise ValidationError(_("This comment is already hidden."), code="comment.hidden")
    comment.hidden_at = timezone.now()
    comment.hidden_by = actor
    comment.hidden_reason = reason
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    record_event(actor=actor, verb="comment.hidden", obj=comment, reason=reason)
    return comment


@transaction.atomic
def reply_to_comment(*, comment: Comment, actor, body: str) -> CommentReply:
    """The member's reply beside a visible comment, once."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write the reply.")})
    if comment.is_hidden:
        raise ValidationError(_("A hidden comment cannot be answered."), code="comment.hidden")
    if CommentReply.objects.filter(comment=comment).exists():
        raise ValidationError(_("The member has already replied to this comment."))
    reply = CommentReply(comment=comment, body=body, author=actor)
    reply.full_clean()
    reply.save()
    record_event(actor=actor, verb="comment.replied", obj=comment, after={"reply": body})
    return reply
