from django import forms
from django.utils.translation import gettext_lazy as _

from ogplocal.corrections.models import CorrectionState


class ReportForm(forms.Form):
    page = forms.CharField(widget=forms.HiddenInput, max_length=500)
    description = forms.CharField(
        label=_("What is wrong on the page?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Say what is wrong and, if you know it, what is right and where it comes from."
        ),
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_("Only if you would like an answer; never shown."),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_page(self):
        page = self.cleaned_data["page"]
        # A path of this site only: never a link elsewhere, never a scheme.
        if not page.startswith("/") or page.startswith("//") or "\\" in page:
            raise forms.ValidationError(_("This is not a page of the portal."))
        return page

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _("This report could not be accepted. Leave the last field empty."),
                code="honeypot",
            )
        return ""


class CloseForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Outcome"),
        choices=[c for c in CorrectionState.choices if c[0] != CorrectionState.OPEN],
        widget=forms.RadioSelect,
    )
    resolution = forms.CharField(
        label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
