"""Links filed as evidence: full http(s) addresses only."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from ogplocal.documents.links import LINK_MAX_LENGTH, LinkField, validate_link


class LinkForm(forms.Form):
    url = LinkField()


@pytest.mark.parametrize(
    "url", ["https://example.org/report", "http://data.city.gov.co/a?b=1#c", "https://x.org"]
)
def test_http_and_https_links_accepted(url):
    validate_link(url)


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "ftp://x.org/a"]
)
def test_other_schemes_refused_naming_the_rule(url):
    with pytest.raises(ValidationError) as caught:
        validate_link(url)
    assert caught.value.code == "link.scheme"
    assert "http:// or https://" in caught.value.messages[0]


@pytest.mark.parametrize("url", ["not a link", "https://", "http://exa mple.org"])
def test_something_that_is_not_an_address_refused(url):
    with pytest.raises(ValidationError) as caught:
        validate_link(url)
    assert caught.value.code == "link.invalid"


def test_too_long_link_refused():
    with pytest.raises(ValidationError) as caught:
        validate_link("https://example.org/" + "a" * LINK_MAX_LENGTH)
    assert caught.value.code == "link.too_long"


def test_form_reads_a_bare_address_as_https():
    form = LinkForm(data={"url": "example.org/report"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["url"] == "https://example.org/report"


def test_form_refuses_a_javascript_link_instead_of_prefixing_it():
    form = LinkForm(data={"url": "javascript:alert(1)"})
    assert not form.is_valid()
    assert "http:// or https://" in form.errors["url"][0]
