from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Member
from members.services import ABOUT_MAX_LENGTH


class MemberProfileForm(forms.Form):
    """The public profile a point of contact edits. The service validates again and saves."""

    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("The member's open government page, e.g. https://gobiernoabierto.example.org"),
    )
    about = forms.CharField(
        label=_("About"),
        required=False,
        max_length=ABOUT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A short public description of the member's open government work."),
    )
    population = forms.IntegerField(label=_("Population"), required=False, min_value=0)
    term_ends_on = forms.DateField(
        label=_("Current term ends on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The last day of the current administration's term (YYYY-MM-DD)."),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        help_text=_("Optional. Kept in the member's history with the change."),
    )

    @classmethod
    def for_member(cls, member: Member, data=None) -> "MemberProfileForm":
        initial = {
            "website": member.website,
            "about": member.about,
            "population": member.jurisdiction.population,
            "term_ends_on": member.jurisdiction.term_ends_on,
        }
        return cls(data=data, initial=initial)

    def profile_data(self) -> dict:
        return {key: self.cleaned_data[key] for key in self.fields if key != "reason"}
