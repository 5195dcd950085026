"""The one way a view loads its object and checks a permission on it (pretalx's
`PermissionRequired`): what a person may not see answers 404, as in pretalx.

A 403 would confirm that the object exists; a 404 tells an outsider nothing. A view that changes
things (any permission but a `view_…` one) first sends an anonymous visitor to sign in, rather
than telling them the page does not exist.

    @object_permission_required(selectors.member_by_slug, "members.change_member")
    def member_edit(request, member): …

The selector is called with the URL's keyword arguments, `user=request.user` and, if it takes
one, `as_of=request.as_of`; it answers 404 for what does not exist or is out of the user's scope.
`tests/test_url_policy.py` checks that every view with URL parameters is wrapped this way and
that no view calls `has_perm` by hand.
"""

import inspect
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest
from django.utils import timezone

# Set on every wrapped view, so that tests can find views that load objects another way.
MARKER = "object_permission"


def _is_view_permission(permission: str) -> bool:
    return permission.partition(".")[2].startswith("view_")


def load_object(request: HttpRequest, selector: Callable, permission: str, **url_kwargs):
    """`selector(**url_kwargs, user=…, [as_of=…])`, or Http404 unless the user has `permission`."""
    arguments = dict(url_kwargs, user=request.user)
    if "as_of" in inspect.signature(selector).parameters:
        arguments["as_of"] = getattr(request, "as_of", None) or timezone.localdate()
    obj = selector(**arguments)
    if not request.user.has_perm(permission, obj):
        raise Http404
    return obj


def object_permission_required(selector: Callable, permission: str):
    """Decorate a function view `view(request, obj)` to receive the object its URL names."""

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, **url_kwargs):
            if not _is_view_permission(permission) and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = load_object(request, selector, permission, **url_kwargs)
            return view(request, obj)

        setattr(wrapper, MARKER, (selector, permission))
        return wrapper

    return decorator


class ObjectPermissionMixin:
    """The same for class-based views: set `selector` and `permission`; `get_object()` loads."""

    selector: Callable
    permission: str

    def dispatch(self, request, *args, **kwargs):
        if not _is_view_permission(self.permission) and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.object = load_object(request, type(self).selector, self.permission, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return self.object
