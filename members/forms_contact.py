"""The public form to write to a member's point of contact (issue 22). The address the message is
sent to is never shown: the portal relays the message by e-mail, with the sender as Reply-To."""

from django import forms
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX_LENGTH = 3000


class ContactPointOfContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The point of contact replies to this address. It is not published."),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("Up to 3,000 characters."),
    )
    # A honeypot: people never see it (it is off-screen and out of the tab order); bots fill it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def is_from_a_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
