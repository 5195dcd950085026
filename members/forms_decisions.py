"""Forms of the decision and coalition pages. The services (`members.services_decisions`,
`members.services_coalitions`) check the rules; the forms only parse."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.forms import RuleErrorsForm
from members.models import DecisionOutcome, Member, MemberStatus, PointOfContact


class DecisionForm(RuleErrorsForm, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=_("The committee's reasons"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Printed in the decision letter the applicant receives."),
    )
    national_contact = forms.CharField(
        label=_("National OGP contact"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "When not accepted: who the applicant can turn to in the country's national OGP "
            "process (name and e-mail), named in the letter (LH §1.2)."
        ),
    )


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, member):
        return f"{member.jurisdiction.name} ({member.jurisdiction.country})"


class CoordinatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.full_name or user.email} <{user.email}>"


class CoalitionForm(RuleErrorsForm, forms.Form):
    name = forms.CharField(label=_("Name of the coalition"), max_length=200)
    members = MemberChoiceField(
        label=_("Members"),
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Two to four members of the same country (LH §3.4)."),
    )
    coordinator = CoordinatorChoiceField(
        label=_("Coordinating point of contact"),
        queryset=get_user_model().objects.none(),
        help_text=_("A current point of contact of one of the members."),
    )

    def __init__(self, *args, as_of, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = (
            Member.objects.exclude(status=MemberStatus.REVOKED)
            .select_related("jurisdiction__country")
            .order_by("jurisdiction__country__name", "jurisdiction__name")
        )
        current = PointOfContact.objects.current(as_of=as_of).values("user_id")
        self.fields["coordinator"].queryset = (
            get_user_model().objects.filter(Q(pk__in=current)).order_by("full_name", "email")
        )
