"""Links filed as evidence: absolute web addresses, http or https only.

A link is shown to the public as ``<a href>``: ``javascript:``, ``data:``, ``file:`` and
``ftp:`` addresses are refused (``link.scheme``) along with anything that is not a full address
(``link.invalid``). On a model: ``models.URLField(max_length=LINK_MAX_LENGTH,
validators=[validate_link])``; on a form: ``LinkField()`` (a bare ``example.org/report`` is read as
``https://example.org/report``).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

LINK_MAX_LENGTH = 2000
LINK_SCHEMES = ("http", "https")

_url = URLValidator(schemes=list(LINK_SCHEMES))


def validate_link(value: str) -> None:
    """Refuse anything but an absolute http(s) address, with a message naming the rule."""
    value = (value or "").strip()
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme and scheme not in LINK_SCHEMES and "." not in scheme:
        raise ValidationError(
            _("A link must start with http:// or https://; “%(scheme)s:” links are not accepted."),
            code="link.scheme",
            params={"scheme": scheme},
        )
    if len(value) > LINK_MAX_LENGTH:
        raise ValidationError(
            _("A link is at most %(limit)d characters long."),
            code="link.too_long",
            params={"limit": LINK_MAX_LENGTH},
        )
    try:
        _url(value)
    except ValidationError as error:
        raise ValidationError(
            _("Enter a full web address, such as https://example.org/report."),
            code="link.invalid",
        ) from error


class LinkField(forms.URLField):
    """A form field for one http(s) link."""

    default_validators: list = []

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", LINK_MAX_LENGTH)
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)
        self.validators.append(validate_link)

    def to_python(self, value):
        # Django's URLField would prepend "https://" to "javascript:alert(1)"; refuse it first.
        if value not in self.empty_values:
            text = str(value).strip()
            scheme = text.split(":", 1)[0].lower() if ":" in text else ""
            if scheme and scheme not in LINK_SCHEMES and "." not in scheme and "/" not in scheme:
                validate_link(text)
        return super().to_python(value)
