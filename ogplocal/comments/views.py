"""Public comments: post (anyone, rate limited, honeypot), hide (the Support Unit), reply (a point
of contact of the member), and the Support Unit's moderation queue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from ogplocal.accounts.permissions import object_permission_required
from ogplocal.comments import registry, selectors, services
from ogplocal.comments.forms import CommentForm, HideForm, ReplyForm
from ogplocal.comments.models import Comment

# Per address: a person writes a few comments an hour; a script is stopped at the sixth.
POST_RATE = "5/h"


def _page_of(comment_or_target) -> str:
    target = getattr(comment_or_target, "target", comment_or_target)
    return registry.commentable(target).page(target)


def _form_page(request, form, target, *, status: int) -> HttpResponse:
    return render(
        request,
        "comments/comment_form_page.html",
        {"form": form, "target": target, "target_url": target and _page_of(target)},
        status=status,
    )


@require_POST
@ratelimit(key="ip", rate=POST_RATE, method="POST", block=False)
def post(request: HttpRequest) -> HttpResponse:
    form = CommentForm(request.POST, user=request.user)
    target = registry.target_of(request.POST.get("target", ""), request.POST.get("target_id", ""))
    if target is None:
        form.is_valid()
        form.add_error(None, _("Comments are not open on this page."))
        return _form_page(request, form, None, status=400)
    if getattr(request, "limited", False):
        form.is_valid()
        form.add_error(
            None, _("You have written several comments in a short time. Try again in an hour.")
        )
        return _form_page(request, form, target, status=429)
    if not form.is_valid():
        return _form_page(request, form, target, status=400)
    try:
        comment = services.post_comment(
            target=target,
            user=request.user,
            name=form.cleaned_data["name"],
            email=form.cleaned_data.get("email", ""),
            body=form.cleaned_data["body"],
        )
    except ValidationError as error:
        for field, errors in error.message_dict.items() if hasattr(error, "error_dict") else []:
            form.add_error(field if field in form.fields else None, errors)
        if not hasattr(error, "error_dict"):
            form.add_error(None, error.messages)
        return _form_page(request, form, target, status=400)
    messages.success(request, _("Your comment is published."))
    return redirect(f"{_page_of(target)}#comment-{comment.pk}")


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.comment_for, "comments.moderate_comment")
def hide(request: HttpRequest, comment: Comment) -> HttpResponse:
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hide_comment(
                comment=comment, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The comment is hidden."))
            return redirect(f"{_page_of(comment)}#comment-{comment.pk}")
    return render(
        request, "comments/hide.html", {"form": form, "comment": comment, "page": _page_of(comment)}
    )


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.comment_for, "comments.reply_comment")
def reply(request: HttpRequest, comment: Comment) -> HttpResponse:
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reply_to_comment(
                comment=comment, actor=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Your reply is published beside the comment."))
            return redirect(f"{_page_of(comment)}#comment-{comment.pk}")
    return render(
        request,
        "comments/reply.html",
        {"form": form, "comment": comment, "page": _page_of(comment)},
    )


@require_GET
@object_permission_required(selectors.no_object, "comments.moderate_comments")
def moderation(request: HttpRequest, _nothing) -> HttpResponse:
    comments = selectors.recent_comments(user=request.user)
    rows = [(comment, _page_of(comment)) for comment in comments]
    return render(request, "comments/moderation.html", {"rows": rows})
