from django import forms
from django.utils.translation import gettext_lazy as _

from ogplocal.comments.models import BODY_MAX_LENGTH, NAME_MAX_LENGTH


class CommentForm(forms.Form):
    """A comment; `target` names the row ("app_label.model" and its id). `website` is a honeypot:
    hidden from people (and from assistive technology), filled in by bots."""

    target = forms.CharField(widget=forms.HiddenInput)
    target_id = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Your name"), max_length=NAME_MAX_LENGTH, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("Never shown; the Support Unit may write to you about your comment."),
    )
    body = forms.CharField(
        label=_("Your comment"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.signed_in = user is not None and user.is_authenticated
        if self.signed_in:
            del self.fields["email"]
            self.fields["name"].initial = user.get_full_name()
            self.fields["name"].help_text = _("Shown with your comment.")
        else:
            self.fields["name"].required = True
            self.fields["email"].required = True

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _("This comment could not be accepted. Leave the last field empty."),
                code="honeypot",
            )
        return ""


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it hidden?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept with the comment for the Support Unit; the page says only that it was hidden "
            "by moderators."
        ),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("The member's reply"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
