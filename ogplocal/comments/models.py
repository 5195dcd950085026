"""Public comments on tracker updates, published assessments and commitments (issue 22), with
moderation by the Support Unit and the member's right of reply.

A comment is never deleted or edited: moderators hide it with a reason, and the page says it was
hidden by moderators. The writer's e-mail address is kept for the Support Unit only, never shown.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from rules.predicates import always_allow, always_deny

from ogplocal.accounts.rules import is_support_unit

BODY_MAX_LENGTH = 3000
NAME_MAX_LENGTH = 100


class Comment(RulesModel):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_comments",
        help_text=_("The member the commented row belongs to: its points of contact may reply."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    author_name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    author_email = models.EmailField(
        _("e-mail address"), blank=True, help_text=_("Never shown; for the Support Unit only.")
    )
    body = models.TextField(
        _("comment"), max_length=BODY_MAX_LENGTH, validators=[MaxLengthValidator(BODY_MAX_LENGTH)]
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.TextField(_("reason for hiding"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(author_name=""), name="comment_has_name"),
            models.CheckConstraint(condition=~Q(body=""), name="comment_has_body"),
            models.CheckConstraint(
                condition=Q(author__isnull=False) | ~Q(author_email=""),
                name="comment_has_account_or_email",
            ),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True)
                | (Q(hidden_by__isnull=False) & ~Q(hidden_reason="")),
                name="comment_hidden_with_reason",
            ),
        ]
        rules_permissions = {
            "view": always_allow,
            "add": always_allow,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:60]}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def audit_member(self):
        return self.member


class CommentReply(RulesModel):
    """The member's reply beside a comment, by one of its points of contact (one per comment)."""

    comment = models.OneToOneField(
        Comment, verbose_name=_("comment"), on_delete=models.PROTECT, related_name="reply"
    )
    body = models.TextField(
        _("reply"), max_length=BODY_MAX_LENGTH, validators=[MaxLengthValidator(BODY_MAX_LENGTH)]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reply of the member")
        verbose_name_plural = _("replies of the member")
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="reply_has_body")]
        rules_permissions = {
            "view": always_allow,
            "add": is_support_unit,
            "change": always_deny,
            "delete": always_deny,
        }

    @property
    def audit_member(self):
        return self.comment.member
