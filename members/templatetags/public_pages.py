"""Template tags of the public pages (issue 22): the canonical address of a page."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's canonical address: `canonical_url` if the view gave one, else the absolute
    address of the path without its query string (filters, sort and page are views of one
    page)."""
    given = context.get("canonical_url")
    if given:
        return given
    request = context.get("request")
    if request is None:
        return ""
    return request.build_absolute_uri(request.path)
