"""Forms of a change to a submitted commitment (LH §3.2.1.3): the change's record, the commitment
as it will be (the filing form), and its milestones. `commitments.services_changes` checks the
rules; these forms only parse input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commitments.models import ChangeKind, ChangeNotice
from commitments.services import MILESTONE_FIELDS
from members.forms import RuleErrorsForm, date_input


class ChangeNoticeForm(RuleErrorsForm, forms.ModelForm):
    class Meta:
        model = ChangeNotice
        fields = ["kind", "description", "consulted", "decision_process"]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "consulted": forms.Textarea(attrs={"rows": 3}),
            "decision_process": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The service names what is missing with its rule and Handbook section.
        self.fields["consulted"].required = False
        self.fields["decision_process"].required = False
        self.fields["kind"].choices = ChangeKind.choices

    def _post_clean(self):
        """No model validation here: the service checks the record."""


class MilestoneRowForm(RuleErrorsForm, forms.Form):
    output = forms.CharField(label=_("Output"), widget=forms.Textarea(attrs={"rows": 2}))
    starts_on = forms.DateField(label=_("Starts on"), widget=date_input())
    ends_on = forms.DateField(label=_("Ends on"), widget=date_input())
    responsible_agency = forms.CharField(label=_("Responsible agency"), max_length=200)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)


MilestoneRowFormSet = forms.formset_factory(MilestoneRowForm, extra=1, can_delete=True)


def milestone_rows(formset) -> list[dict]:
    """The milestones as they will be: the current ones kept (changed or not), new ones filled."""
    rows = []
    for index, form in enumerate(formset.forms):
        kept = index < formset.initial_form_count() or form.has_changed()
        if kept and form.cleaned_data and not form.cleaned_data.get("DELETE"):
            rows.append({name: form.cleaned_data.get(name) for name in MILESTONE_FIELDS})
    return rows
