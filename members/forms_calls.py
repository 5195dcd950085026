"""Forms of the calls and applications pages. Their limits come from the models; the services
(`members.services_calls`) validate again and raise rule-coded errors shown by RuleErrorList."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import RuleErrorsForm, date_input
from members.models import (
    LETTER_MAX_PAGES,
    MESSAGE_MAX_LENGTH,
    Application,
    Call,
    Country,
    Jurisdiction,
    Signatory,
)
from members.services_calls import (
    ANSWER_FIELDS,
    CALL_FIELDS,
    JURISDICTION_FIELDS,
    PEOPLE_FIELDS,
)
from ogplocal.documents.validators import PDFDocumentField

# The 8 points of the Letter of Support in the Handbook's words (LH §1.2), shown under each answer.
ANSWER_HELP = {
    1: _("A commitment to meet the OGP values and the eligibility criteria (LH §1.1)."),
    2: _("A clear description of the value or benefit for the jurisdiction in joining OGP Local."),
    3: _(
        "Ambition of future directions of open government action, including priority thematic "
        "areas and their alignment with OGP's strategic and thematic priorities, especially the "
        "engagement of citizens in shaping and overseeing policies and services."
    ),
    4: _(
        "Capacity and resources for co-creation and implementation, including the responsible "
        "agency in government and the main non-governmental stakeholders supporting the "
        "application."
    ),
    5: _(
        "Track record on open government or co-creation with non-governmental stakeholders: at "
        "least one open government reform or successful example of co-creation in the past "
        "three years."
    ),
    6: _(
        "Thematic policy areas where the jurisdiction can contribute good practices and lessons "
        "for other members of OGP Local."
    ),
    7: _(
        "Willingness to take part in peer learning and share experiences with other OGP Local "
        "members in the country and in thematic circles."
    ),
    8: _("How the jurisdiction can help spread open local government to other local governments."),
}


class CallForm(RuleErrorsForm, forms.ModelForm):
    class Meta:
        model = Call
        fields = list(CALL_FIELDS)
        widgets = {
            "guidance": forms.Textarea(attrs={"rows": 8}),
            "opens_on": date_input(),
            "closes_on": date_input(),
            "stage1_closes_on": date_input(),
            "first_plan_due_on": date_input(),
            "stages": forms.RadioSelect,
        }

    def _post_clean(self):
        # The service checks the model and the rules and names each problem once.
        pass


class _ApplicationPartForm(RuleErrorsForm, forms.ModelForm):
    class Meta:
        model = Application
        fields: list[str] = []

    def _post_clean(self):
        pass  # the service validates (field limits and rules) and saves


class JurisdictionPartForm(_ApplicationPartForm):
    jurisdiction = forms.ModelChoiceField(
        label=_("An existing jurisdiction"),
        queryset=Jurisdiction.objects.select_related("country").order_by("name"),
        required=False,
        empty_label=_("— A new jurisdiction (fill in the details below) —"),
        help_text=_(
            "Only if it is already known to the portal (a former member, say): its details "
            "and recorded term are then used."
        ),
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.order_by("name"), required=False
    )

    class Meta(_ApplicationPartForm.Meta):
        fields = list(JURISDICTION_FIELDS)
        labels = {
            "jurisdiction_name": _("Name of the jurisdiction"),
            "has_elections": _("The jurisdiction's government is elected"),
        }
        help_texts = {
            "term_ends_on": _(
                "The last day of the current administration's term. At least 16 months must "
                "be left on the day you submit (LH §1.1)."
            ),
            "has_elections": _("Without elections, the 16 months rule does not apply (LH §1.1)."),
            "population": _("The number of inhabitants in the latest census."),
        }
        widgets = {"term_ends_on": date_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].label_from_instance = lambda j: f"{j.name} ({j.country})"


class PeoplePartForm(_ApplicationPartForm):
    class Meta(_ApplicationPartForm.Meta):
        fields = list(PEOPLE_FIELDS)
        labels = {
            "lead_agency": _("Lead agency"),
            "senior_official_name": _("Senior official with delegated authority"),
            "senior_official_title": _("Senior official's title"),
            "senior_official_email": _("Senior official's e-mail address"),
            "contact_name": _("Day-to-day point of contact"),
            "contact_title": _("Point of contact's title"),
            "contact_email": _("Point of contact's e-mail address"),
        }
        help_texts = {
            "lead_agency": _("The government agency that leads the OGP agenda (LH §2.1)."),
            "senior_official_name": _(
                "Given delegated authority by the head of the local government to oversee its "
                "participation in OGP (LH §2.1)."
            ),
            "contact_name": _(
                "The public official who coordinates the day-to-day OGP activities: the point of "
                "contact if the jurisdiction is accepted (LH §2.1)."
            ),
        }
        widgets = {"stakeholders": forms.Textarea(attrs={"rows": 4})}


class AnswersPartForm(_ApplicationPartForm):
    class Meta(_ApplicationPartForm.Meta):
        fields = list(ANSWER_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in ANSWER_FIELDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for point, name in enumerate(ANSWER_FIELDS, start=1):
            self.fields[name].help_text = ANSWER_HELP[point]


class LetterPartForm(_ApplicationPartForm):
    letter = PDFDocumentField(
        label=_("The signed Letter of Support (PDF)"),
        required=False,
        max_pages=LETTER_MAX_PAGES,
        name=_("The letter"),
        reference="LH §1.2",
        help_text=_(
            "At most 3 pages, on the local government's letterhead, in English, signed by the "
            "signatories listed in the previous part (LH §1.2). A PDF of at most 10 MB. "
            "Uploading a new file replaces the one uploaded before."
        ),
    )

    class Meta(_ApplicationPartForm.Meta):
        fields = ["declared_english"]
        labels = {
            "declared_english": _("I declare that the application and the letter are in English"),
        }


class SignatoryForm(RuleErrorsForm, forms.ModelForm):
    class Meta:
        model = Signatory
        fields = [
            "kind",
            "name",
            "title",
            "organization_name",
            "has_legal_personality",
            "registration_number",
        ]
        labels = {
            "kind": _("Signs as"),
            "organization_name": _("Organization"),
            "has_legal_personality": _("The organization has legal personality"),
        }
        help_texts = {
            "has_legal_personality": _(
                "Legally registered. At least one non-governmental signatory must be (LH §1.2, "
                "note 1)."
            ),
        }

    def _post_clean(self):
        pass


class WithdrawForm(RuleErrorsForm, forms.Form):
    reason = forms.CharField(
        label=_("Why you withdraw (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MessageForm(RuleErrorsForm, forms.Form):
    body = forms.CharField(
        label=_("Message to the applicant"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
