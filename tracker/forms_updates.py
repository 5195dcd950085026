"""Forms of the quarterly tracker update and of voluntary inactivity. Fields are optional here:
the services check what is missing and say which rule and Handbook section asks for it, so every
problem is listed at once with its reference."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment
from members.forms import RuleErrorsForm, date_input
from ogplocal.documents.links import LinkField
from ogplocal.documents.validators import DocumentField
from tracker.models import CompletionLevel, MilestoneState, TrackerUpdateVersion
from tracker.services_updates import EvidenceItem, MilestoneEntry

EVIDENCE_ROWS = 3


class UpdateForm(RuleErrorsForm, forms.Form):
    """One commitment's update: its level, each milestone's state, the narrative, next steps and
    up to three pieces of evidence. `correction=True` adds the reason for a correction."""

    reason = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The earlier version stays on record and public."),
    )
    completion_level = forms.ChoiceField(
        label=_("Completion level"),
        choices=CompletionLevel.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Marking the commitment complete records today as its completion date."),
    )
    narrative = forms.CharField(
        label=_("Narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was done this quarter and what came of it."),
    )
    next_steps = forms.CharField(
        label=_("Next steps"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What comes next, and by when."),
    )

    def __init__(
        self,
        *args,
        commitment: Commitment,
        correction: bool = False,
        previous: TrackerUpdateVersion | None = None,
        **kwargs,
    ):
        if previous is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = _initial_from(previous)
        super().__init__(*args, **kwargs)
        self.correction = correction
        if not correction:
            del self.fields["reason"]
        self.milestones = list(commitment.milestones.all())
        for milestone in self.milestones:
            name = f"milestone_{milestone.number}"
            self.fields[name] = forms.ChoiceField(
                label=_("Milestone %(number)d: %(output)s")
                % {"number": milestone.number, "output": milestone.output},
                choices=MilestoneState.choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"{name}_delay_reason"] = forms.CharField(
                label=_("Reason for the delay of milestone %(number)d")
                % {"number": milestone.number},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for row in range(1, EVIDENCE_ROWS + 1):
            self.fields[f"evidence_title_{row}"] = forms.CharField(
                label=_("What it shows"), required=False, max_length=200
            )
            self.fields[f"evidence_file_{row}"] = DocumentField(
                label=_("File"),
                name=_("The evidence"),
                required=False,
                help_text=_(
                    "PDF, image, office document, CSV or text, up to 10 MB. Or give a link."
                ),
            )
            self.fields[f"evidence_link_{row}"] = LinkField(label=_("Link"), required=False)

    def milestone_rows(self):
        """(state field, delay reason field) per milestone, for the template."""
        return [
            (self[f"milestone_{m.number}"], self[f"milestone_{m.number}_delay_reason"])
            for m in self.milestones
        ]

    def evidence_rows(self):
        return [
            (
                self[f"evidence_title_{row}"],
                self[f"evidence_file_{row}"],
                self[f"evidence_link_{row}"],
            )
            for row in range(1, EVIDENCE_ROWS + 1)
        ]

    def service_values(self) -> dict:
        data = self.cleaned_data
        evidence = []
        for row in range(1, EVIDENCE_ROWS + 1):
            title = data.get(f"evidence_title_{row}") or ""
            file = data.get(f"evidence_file_{row}")
            link = data.get(f"evidence_link_{row}") or ""
            if title or file or link:
                evidence.append(EvidenceItem(title=title, file=file, link=link))
        states = {}
        for milestone in self.milestones:
            state = data.get(f"milestone_{milestone.number}")
            if state:
                states[milestone.number] = MilestoneEntry(
                    state, data.get(f"milestone_{milestone.number}_delay_reason") or ""
                )
        values = {
            "completion_level": data.get("completion_level") or "",
            "narrative": data.get("narrative") or "",
            "next_steps": data.get("next_steps") or "",
            "milestone_states": states,
            "evidence": evidence,
        }
        if self.correction:
            values["reason"] = data.get("reason") or ""
        return values


def _initial_from(version: TrackerUpdateVersion) -> dict:
    initial = {
        "completion_level": version.completion_level,
        "narrative": version.narrative,
        "next_steps": version.next_steps,
    }
    for report in version.milestones.all():
        initial[f"milestone_{report.number}"] = report.state
        initial[f"milestone_{report.number}_delay_reason"] = report.delay_reason
    return initial


class VoluntaryRequestForm(RuleErrorsForm, forms.Form):
    starts_on = forms.DateField(label=_("From"), required=False, widget=date_input())
    ends_on = forms.DateField(
        label=_("Until"),
        required=False,
        widget=date_input(),
        help_text=_("Leave empty for an open-ended period."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: elections, a change of administration, a natural disaster."),
    )


class VoluntaryDecisionForm(RuleErrorsForm, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("grant", _("Grant")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The member's points of contact read it."),
    )


class VoluntaryEndForm(RuleErrorsForm, forms.Form):
    """H2 (issue 21): the last day of a granted period, and why it ends."""

    ends_on = forms.DateField(
        label=_("Last day of the period"),
        required=False,
        widget=date_input(),
        help_text=_("The member is back to its normal obligations from the next day."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the new administration took office."),
    )
