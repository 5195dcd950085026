"""Read paths for public comments."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from ogplocal.comments.models import Comment


def comments_on(obj) -> QuerySet[Comment]:
    """The comments on `obj`, hidden ones included (their place says so), with their replies:
    one query."""
    return (
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
        .select_related("reply")
        .order_by("created_at", "pk")
    )


def comment_for(*, comment_id: int, user) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("content_type", "member"), pk=comment_id
    )


def recent_comments(*, user, limit: int = 100) -> list[Comment]:
    """The moderation queue: the latest comments, hidden or not, newest first."""
    return list(
        Comment.objects.select_related("content_type", "member__jurisdiction", "reply").order_by(
            "-created_at", "-pk"
        )[:limit]
    )


def no_object(*, user) -> None:
    return None
