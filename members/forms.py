"""Forms derived from the models, so that their limits (lengths, ranges, dates) are the models'.

Errors come back from the services as rule-coded ValidationErrors and are shown by
`ogplocal.validation.RuleErrorList` (message, Handbook section, `data-rule` code).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Jurisdiction, Member, TermCorrectionRequest
from ogplocal.validation import RuleErrorList


def date_input() -> forms.DateInput:
    """The browser's date picker. ISO format, which is what a `type="date"` input reads and sends;
    a rejected value is re-rendered as it was sent."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RuleErrorsForm:
    """Errors listed with their rule code and Handbook section; a service's error naming a field
    the form does not have goes above the form."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_class", RuleErrorList)
        super().__init__(*args, **kwargs)

    def add_error(self, field, error):
        if field is None and hasattr(error, "error_dict"):
            for name, entries in error.error_dict.items():
                super().add_error(name if name in self.fields else None, entries)
            return
        super().add_error(field, error)


class MemberProfileForm(RuleErrorsForm, forms.ModelForm):
    """The public profile a point of contact edits, and a request to correct the term's end.

    The service (`members.services.update_member_profile`) validates again and saves.
    """

    website = Member._meta.get_field("website").formfield(
        label=_("Website"),
        assume_scheme="https",
        help_text=_("The member's open government page, e.g. https://gobiernoabierto.example.org"),
    )
    population = Jurisdiction._meta.get_field("population").formfield(
        label=_("Population"),
        help_text=_("The number of inhabitants in the latest census."),
    )
    proposed_term_ends_on = TermCorrectionRequest._meta.get_field("proposed_ends_on").formfield(
        label=_("The term actually ends on"),
        required=False,
        widget=date_input(),
        help_text=_(
            "Only if the date shown on the member's page is wrong. The Support Unit checks it "
            "and records the new date."
        ),
    )
    term_correction_note = TermCorrectionRequest._meta.get_field("note").formfield(
        label=_("Where the Support Unit can check the date"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        help_text=_("Optional. Kept in the member's history with the change."),
    )

    class Meta:
        model = Member
        fields = ["website", "about"]
        labels = {"about": _("About")}
        help_texts = {
            "about": _("A short public description of the member's open government work."),
        }
        widgets = {"about": forms.Textarea(attrs={"rows": 6})}

    @classmethod
    def for_member(cls, member: Member, data=None) -> "MemberProfileForm":
        # A copy: validating the form must not change the member the view goes on to show.
        instance = Member.objects.select_related("jurisdiction").get(pk=member.pk)
        return cls(
            data=data,
            instance=instance,
            initial={"population": member.jurisdiction.population},
        )

    def profile_data(self) -> dict:
        data = {key: self.cleaned_data[key] for key in ("website", "about", "population")}
        if self.cleaned_data.get("proposed_term_ends_on") or self.cleaned_data.get(
            "term_correction_note"
        ):
            data["proposed_term_ends_on"] = self.cleaned_data.get("proposed_term_ends_on")
            data["term_correction_note"] = self.cleaned_data.get("term_correction_note") or ""
        return data


class TermForm(RuleErrorsForm, forms.Form):
    """The Support Unit records the end of a jurisdiction's term (admin)."""

    ends_on = forms.DateField(label=_("The term ends on"), widget=date_input())
    recorded_on = forms.DateField(
        label=_("Recorded on"),
        widget=date_input(),
        help_text=_("From this day on, this date is the term in force."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where the date comes from, e.g. the electoral calendar."),
    )


class TermDecisionForm(RuleErrorsForm, forms.Form):
    """The Support Unit applies or declines a point of contact's correction request (admin)."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("apply", _("Apply: record the proposed date")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=date_input())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ExtensionForm(RuleErrorsForm, forms.Form):
    """The Support Unit extends the first action plan's deadline (admin)."""

    until = forms.DateField(label=_("Extended until"), widget=date_input())
    granted_on = forms.DateField(
        label=_("Granted on"),
        widget=date_input(),
        help_text=_("The day the Support Unit decided the extension (RULES.md §6)."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the member's page, e.g. how far co-creation has come."),
    )


class MemberDatesForm(RuleErrorsForm, forms.Form):
    """The Support Unit corrects the joining date and the first plan's due date (admin)."""

    joined_on = forms.DateField(label=_("Joined on"), widget=date_input())
    first_plan_due_on = forms.DateField(label=_("First action plan due on"), widget=date_input())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
