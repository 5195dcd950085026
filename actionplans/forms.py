"""Forms of the action plan filing, one per part (LH Annex 1). Their limits come from the models;
`actionplans.services` checks the rules and raises rule-coded errors shown by RuleErrorList."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actionplans.models import (
    ActionPlan,
    Contribution,
    EndorsingStakeholder,
    Meeting,
    MeetingKind,
    ResponseKind,
)
from actionplans.models_evidence import EVIDENCE_MAX_SIZE, EvidenceType
from actionplans.services import PLAN_PARTS
from actionplans.services_cocreation import not_in_future
from members.forms import RuleErrorsForm, date_input
from monitoring.models import MonitoringBody
from ogplocal.documents.links import LinkField
from ogplocal.documents.validators import DocumentField, PDFDocumentField


class PlanDatesForm(RuleErrorsForm, forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = PLAN_PARTS["dates"]
        widgets = {"starts_on": date_input(), "ends_on": date_input()}


class ForewordForm(RuleErrorsForm, forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = PLAN_PARTS["foreword"]
        widgets = {"foreword": forms.Textarea(attrs={"rows": 10})}


def _answers_form(part: str) -> type[forms.ModelForm]:
    """The questions of one section of Annex 1 (E, F or G), labelled with their numbers."""
    textareas = {
        name: forms.Textarea(attrs={"rows": 4})
        for name in PLAN_PARTS[part]
        if ActionPlan._meta.get_field(name).get_internal_type() == "TextField"
    }
    meta = type("Meta", (), {"model": ActionPlan, "fields": PLAN_PARTS[part], "widgets": textareas})
    return type(f"Section{part.upper()}Form", (RuleErrorsForm, forms.ModelForm), {"Meta": meta})


SectionEForm = _answers_form("e")
SectionFForm = _answers_form("f")


class SectionGForm(_answers_form("g")):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["monitoring_body"]
        field.queryset = MonitoringBody.objects.filter(is_active=True).select_related("country")
        field.empty_label = _("Not chosen yet")
        field.label = _("G.1 Monitoring body")


class DocumentsForm(RuleErrorsForm, forms.ModelForm):
    introduction_letter = PDFDocumentField(
        label=_("Introduction letter (Annex 1, D)"),
        name=_("The introduction letter"),
        required=False,
        help_text=_("By the head of the jurisdiction, if available. A PDF file of up to 10 MB."),
    )
    strategy_document = PDFDocumentField(
        label=_("Open government strategy (Annex 1, I)"),
        name=_("The strategy"),
        required=False,
        max_size=20 * 1024 * 1024,
        help_text=_(
            "The full open government strategy, if available, or another relevant document. "
            "A PDF file of up to 20 MB."
        ),
    )

    class Meta:
        model = ActionPlan
        fields = PLAN_PARTS["documents"]
        labels = {"declared_english": _("This action plan is submitted in English (LH §3.2).")}
        help_texts = {"declared_english": ""}


class EndorsementForm(RuleErrorsForm, forms.ModelForm):
    class Meta:
        model = EndorsingStakeholder
        fields = ("organization_name", "contact_name", "contact_email", "has_legal_personality")


PART_FORMS = {
    "dates": PlanDatesForm,
    "foreword": ForewordForm,
    "e": SectionEForm,
    "f": SectionFForm,
    "g": SectionGForm,
    "endorsements": None,
    "documents": DocumentsForm,
}


# --- co-creation record (LH §3.3.1; National Handbook §2.1.d) -----------------------------------


def _checked_not_in_future(value, field: str, as_of):
    violation = not_in_future(value, field, as_of) if as_of is not None else None
    if violation is not None:
        raise violation.as_error()
    return value


class MeetingForm(RuleErrorsForm, forms.ModelForm):
    agenda = PDFDocumentField(
        label=_("Agenda"),
        name=_("The agenda"),
        required=False,
        help_text=_("Optional. A PDF file of up to 10 MB."),
    )
    minutes = PDFDocumentField(
        label=_("Minutes"),
        name=_("The minutes"),
        required=False,
        help_text=_("Optional. A PDF file of up to 10 MB."),
    )

    class Meta:
        model = Meeting
        fields = (
            "held_on",
            "kind",
            "forum",
            "government_organizations",
            "government_count",
            "non_governmental_organizations",
            "non_governmental_count",
            "agenda",
            "minutes",
        )
        widgets = {
            "held_on": date_input(),
            "kind": forms.RadioSelect,
            "government_organizations": forms.Textarea(attrs={"rows": 2}),
            "non_governmental_organizations": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, as_of=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.as_of = as_of
        self.fields["kind"].choices = MeetingKind.choices  # radio buttons: no empty choice

    def clean_held_on(self):
        # Checked again by the service; here so that it is listed with the form's other problems.
        return _checked_not_in_future(self.cleaned_data.get("held_on"), "held_on", self.as_of)


class MeetingWithdrawForm(RuleErrorsForm, forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The record is kept with this reason and no longer counted."),
    )


class ContributionForm(RuleErrorsForm, forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ("received_on", "contributor", "summary", "response", "reasons")
        widgets = {
            "received_on": date_input(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "response": forms.RadioSelect,
            "reasons": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "reasons": {
                "required": _("Give the reasons for the response (National Handbook §2.1.d).")
            },
            "summary": {"required": _("Summarize the contribution received.")},
        }

    def __init__(self, *args, as_of=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.as_of = as_of
        self.fields["response"].choices = ResponseKind.choices  # radio buttons: no empty choice

    def clean_received_on(self):
        value = self.cleaned_data.get("received_on")
        return _checked_not_in_future(value, "received_on", self.as_of)


# --- evidence repository (LH Annexes 4 and 5) -------------------------------------------------


class EvidenceForm(RuleErrorsForm, forms.Form):
    """One item of evidence: a file (checked by content) or a link. When replacing, the file and
    the link may both stay empty: the new version keeps the earlier one's."""

    commitment = forms.ModelChoiceField(
        label=_("About"),
        queryset=None,
        required=False,
        empty_label=_("The action plan's process (co-creation, the forum)"),
    )
    evidence_type = forms.ChoiceField(label=_("Type"), choices=EvidenceType.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    dated_on = forms.DateField(
        label=_("Date"),
        widget=date_input(),
        help_text=_("The date of the document, event or publication."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What it shows, as a primary source (LH Annex 5)."),
    )
    file = DocumentField(
        label=_("File"),
        name=_("The evidence file"),
        max_size=EVIDENCE_MAX_SIZE,
        required=False,
        help_text=_(
            "PDF, image (PNG, JPEG), office document (Word, Excel, PowerPoint, OpenDocument), "
            "CSV or plain text, up to 20 MB. Or give a link instead."
        ),
    )
    url = LinkField(
        label=_("Link"),
        required=False,
        help_text=_("A full web address (https://…) to a primary source, instead of a file."),
    )

    def __init__(self, *args, plan, replacing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = plan.commitments.order_by("number")
        self.fields["commitment"].label_from_instance = lambda c: (
            _("Commitment %(number)s: %(title)s") % {"number": c.number, "title": c.title}
        )
        if replacing:
            self.fields["reason"] = forms.CharField(
                label=_("Reason for the new version"),
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("The earlier version stays in the history with this reason."),
            )
            self.fields["file"].help_text = _(
                "Leave the file and the link empty to keep the current one. Up to 20 MB."
            )


class EvidenceWithdrawForm(RuleErrorsForm, forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The record is kept with this reason and no longer listed as current."),
    )
