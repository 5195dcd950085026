"""Checking permissions in views: what a person may not see answers 404, as in pretalx.

A 403 would confirm that the object exists; a 404 tells an outsider nothing. Views that change
things are also wrapped in `login_required`, so that an anonymous visitor is sent to sign in
rather than told the page does not exist.
"""

from django.http import Http404


def permission_or_404(user, perm: str, obj=None) -> None:
    """Raise Http404 unless `user` has `perm` (on `obj`)."""
    if not user.has_perm(perm, obj):
        raise Http404
