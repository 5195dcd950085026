"""Caching of public pages (issue 22): a short browser cache and an ETag.

Every page carries the language form's CSRF token, masked anew on each response, so two renders
of the same page never have the same bytes and a shared cache must not hand one visitor's token
to another. So: `Cache-Control: private` (the browser's own cache), five minutes for anonymous
visitors and revalidation for signed-in people, and an ETag computed with the token values left
out, so that a browser revalidating its copy gets `304 Not Modified` when nothing else changed
(its copy holds its own token, which matches its own cookie).
"""

import hashlib
import re
from functools import wraps

from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

# Status changes take effect at the start of a day and pages change when something is filed: five
# minutes of staleness is invisible to a reader and spares the rules engine on busy pages.
PUBLIC_MAX_AGE = 300

_CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def content_etag(content: bytes) -> str:
    """A strong ETag of a page's bytes without its CSRF token values."""
    digest = hashlib.sha256(_CSRF_VALUE.sub(rb"\1\2", content)).hexdigest()[:32]
    return f'"{digest}"'


def public_page(view):
    """Make a public GET page cacheable (see the module): Cache-Control, ETag, 304."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if response.streaming:
            return response
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, private=True, max_age=PUBLIC_MAX_AGE)
        response["ETag"] = content_etag(response.content)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapper
