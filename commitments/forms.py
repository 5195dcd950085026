"""Forms of commitment filing (LH Annex 2). The service `commitments.services` checks the rules;
these forms only parse input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment, Milestone, OgpValue, PolicyArea, Sector
from commitments.services import COMMITMENT_FIELDS, MILESTONE_FIELDS
from members.forms import RuleErrorsForm, date_input

_VOCABULARY_COLUMNS = ("policy_area", "second_policy_area", "sector", "second_sector")


class CommitmentForm(RuleErrorsForm, forms.ModelForm):
    """Annex 2, fields 2 to 18 (field 1, the number, is given in order)."""

    policy_areas = forms.MultipleChoiceField(
        label=_("12. Primary policy areas"),
        choices=PolicyArea.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select up to two."),
    )
    sectors = forms.MultipleChoiceField(
        label=_("13. Primary sectors"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select up to two."),
    )
    ogp_values = forms.MultipleChoiceField(
        label=_("14. OGP values this commitment is relevant to"),
        choices=OgpValue.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Commitment
        fields = [
            name
            for name in COMMITMENT_FIELDS
            if name not in (*_VOCABULARY_COLUMNS, "ogp_values", "jurisdiction")
        ]
        widgets = {
            "starts_on": date_input(),
            "ends_on": date_input(),
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in (
                    "other_stakeholders",
                    "problem",
                    "status_quo",
                    "action",
                    "contribution",
                    "long_term_goal",
                    "resources",
                    "additional_information",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["policy_areas"] = self.instance.policy_areas
            self.initial["sectors"] = self.instance.sectors
            self.initial["ogp_values"] = self.instance.ogp_values
        plan = self.instance.plan if self.instance.plan_id else None
        if plan is not None and plan.is_joint:
            # LH §3.4: in a joint plan, each commitment is for one jurisdiction, or joint.
            self.fields["jurisdiction"] = forms.ModelChoiceField(
                label=_("Jurisdiction implementing it"),
                queryset=plan.jurisdictions.order_by("name"),
                required=False,
                empty_label=_("Joint: all the plan's jurisdictions"),
                initial=self.instance.jurisdiction_id,
                help_text=_(
                    "A commitment of one jurisdiction ends at least two months before that "
                    "jurisdiction's term ends; a joint one, before every jurisdiction's (LH §3.4)."
                ),
            )

    # The fieldsets of the page, in Annex 2's order.
    FIELDSETS = (
        (_("Title and timeframe (1 to 3)"), ("title", "starts_on", "ends_on")),
        (
            _("4. Leading implementing government agency"),
            (
                "lead_agency",
                "lead_agency_branch",
                "lead_contact_name",
                "lead_contact_title",
                "lead_contact_email",
                "lead_role",
            ),
        ),
        (
            _("5. Leading non-governmental stakeholder, if applicable"),
            ("ngo_name", "ngo_contact_name", "ngo_contact_title", "ngo_contact_email", "ngo_role"),
        ),
        (_("6. Other stakeholders"), ("other_stakeholders",)),
        (
            _("Description (7 to 11)"),
            ("problem", "status_quo", "action", "contribution", "long_term_goal"),
        ),
        (
            _("Policy areas, sectors and values (12 to 14)"),
            ("policy_areas", "sectors", "ogp_values"),
        ),
        (_("Resources (15 and 16)"), ("resources", "resources_secured")),
        (_("18. Additional information"), ("additional_information",)),
    )

    def fieldsets(self):
        sets = [(title, [self[name] for name in names]) for title, names in self.FIELDSETS]
        if "jurisdiction" in self.fields:
            title, fields = sets[0]
            sets[0] = (title, [self["jurisdiction"], *fields])
        return sets


class MilestoneForm(RuleErrorsForm, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = MILESTONE_FIELDS
        widgets = {
            "starts_on": date_input(),
            "ends_on": date_input(),
            "output": forms.Textarea(attrs={"rows": 3}),
        }
