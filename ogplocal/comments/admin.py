from django.contrib import admin

from ogplocal.comments.models import Comment, CommentReply


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Read-only: comments are hidden through the moderation page (a service with a reason)."""

    list_display = ["created_at", "author_name", "member", "content_type", "object_id", "hidden_at"]
    list_filter = [("hidden_at", admin.EmptyFieldListFilter), "content_type"]
    search_fields = ["author_name", "author_email", "body"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CommentReply)
class CommentReplyAdmin(admin.ModelAdmin):
    list_display = ["created_at", "comment", "author"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
