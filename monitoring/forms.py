"""Forms of the assessment pages. Each part of a form is one page that saves and resumes; the form
only parses, the services (`monitoring.services`) check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.models import (
    ASSESSMENT_EVIDENCE_MAX_SIZE,
    REQUIREMENT_HELP,
    Assessment,
    AssessmentKind,
    BodyAssignmentDecision,
    CompletionLevel,
    PotentialImpact,
    PracticeRating,
    Relevance,
    Verifiability,
)
from monitoring.services import COMMITMENT_RATING_FIELDS, PART_FIELDS
from ogplocal.documents.links import LinkField
from ogplocal.documents.validators import DocumentField
from ogplocal.validation import RuleErrorList

MET_CHOICES = (("yes", _("Met")), ("no", _("Not met")))


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_class", RuleErrorList)
        super().__init__(*args, **kwargs)


def _choice(label, choices, initial):
    return forms.ChoiceField(
        label=label,
        choices=[("", "—"), *choices],
        required=False,
        initial=initial,
    )


def _textarea(label, initial, rows=3, max_length=4000):
    return forms.CharField(
        label=label,
        required=False,
        initial=initial,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class PartForm(_Form):
    """One part of an assessment: its fields are made from the rows (inception) or the
    assessment's own fields; `groups` lists them by row for the template, `values()` gives the
    service its input."""

    def __init__(self, assessment: Assessment, part: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        self.part = part
        self.groups: list[tuple[str, str, list[str]]] = []  # (key, title, field names)
        if part == "requirements":
            for row in assessment.requirement_checks.all():
                met = {True: "yes", False: "no"}.get(row.met, "")
                self.fields[f"{row.requirement}-met"] = forms.ChoiceField(
                    label=_("Met or not met"),
                    choices=MET_CHOICES,
                    required=False,
                    initial=met,
                    widget=forms.RadioSelect,
                )
                self.fields[f"{row.requirement}-evidence"] = _textarea(
                    _("Evidence relied on"), row.evidence
                )
                self.fields[f"{row.requirement}-met"].help_text = REQUIREMENT_HELP[row.requirement]
                self._group(row.requirement, row.get_requirement_display(), ["met", "evidence"])
        elif part == "practices":
            for row in assessment.practice_ratings.all():
                self.fields[f"{row.practice}-rating"] = _choice(
                    _("Rating"), PracticeRating.choices, row.rating
                )
                self.fields[f"{row.practice}-comment"] = _textarea(_("Comments"), row.comment)
                self._group(row.practice, row.get_practice_display(), ["rating", "comment"])
        elif part == "commitments":
            choices = {
                "relevance": Relevance.choices,
                "verifiability": Verifiability.choices,
                "potential_impact": PotentialImpact.choices,
            }
            for row in assessment.commitment_ratings.all():
                key = str(row.commitment_id)
                for name in COMMITMENT_RATING_FIELDS:
                    label = row._meta.get_field(name).verbose_name.capitalize()
                    if name in choices:
                        field = _choice(label, choices[name], getattr(row, name))
                    else:
                        field = _textarea(label, getattr(row, name), rows=2)
                    self.fields[f"{key}-{name}"] = field
                title = f"{row.commitment.number}. {row.commitment.title}"
                self._group(key, title, list(COMMITMENT_RATING_FIELDS))
        else:
            for name in PART_FIELDS[part]:
                model_field = Assessment._meta.get_field(name)
                if name == "completion_level":
                    field = _choice(
                        model_field.verbose_name.capitalize(),
                        CompletionLevel.choices,
                        assessment.completion_level,
                    )
                else:
                    field = _textarea(
                        model_field.verbose_name,
                        getattr(assessment, name),
                        rows=6,
                        max_length=model_field.max_length,
                    )
                    field.help_text = model_field.help_text
                self.fields[name] = field
            self._group("", "", list(PART_FIELDS[part]))

    def _group(self, key: str, title: str, names: list[str]) -> None:
        self.groups.append((key, title, [f"{key}-{name}" if key else name for name in names]))

    def bound_groups(self):
        return [(title, [self[name] for name in names]) for _key, title, names in self.groups]

    def values(self) -> dict:
        data = self.cleaned_data
        if self.part in PART_FIELDS:
            return {name: data.get(name, "") for name in PART_FIELDS[self.part]}
        values = {}
        for key, _title, names in self.groups:
            row = {}
            for name in names:
                short = name.split("-", 1)[1]
                value = data.get(name, "")
                if short == "met":
                    value = {"yes": True, "no": False}.get(value)
                row[short] = value
            values[key] = row
        return values


class StartAssessmentForm(_Form):
    kind = forms.ChoiceField(label=_("Assessment"), choices=AssessmentKind.choices)
    commitment = forms.IntegerField(required=False, widget=forms.HiddenInput)


class OpenCommentPeriodForm(_Form):
    ends_on = forms.DateField(
        label=_("Last day for comments"),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
    )


class CommentForm(_Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=4000, required=False, widget=forms.Textarea
    )


class CorrectionForm(_Form):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FindingForm(_Form):
    met = forms.ChoiceField(
        label=_("The four minimum requirements (LH §3.3.1) are"),
        choices=MET_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    assessment = forms.TypedChoiceField(
        label=_("Assessment relied on"), coerce=int, required=False, empty_value=None
    )
    evidence = forms.CharField(
        label=_("Or the new evidence relied on"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reasons = forms.CharField(
        label=_("Reasons"), required=False, max_length=4000, widget=forms.Textarea
    )

    def __init__(self, assessments, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.assessments = {assessment.pk: assessment for assessment in assessments}
        self.fields["assessment"].choices = [("", "—")] + [
            (assessment.pk, f"{assessment} · {assessment.published_on:%Y-%m-%d}")
            for assessment in assessments
        ]


class BodyReviewForm(_Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=BodyAssignmentDecision.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BodyEndorsementForm(_Form):
    stakeholder = forms.TypedChoiceField(
        label=_("Endorsing stakeholder"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, stakeholders, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stakeholders = {stakeholder.pk: stakeholder for stakeholder in stakeholders}
        self.fields["stakeholder"].choices = [("", "—")] + [
            (stakeholder.pk, stakeholder.organization_name) for stakeholder in stakeholders
        ]


class EvidenceForm(_Form):
    """A file or a link the assessment relies on. The file is checked by the upload module
    (type by content, size); the service checks the rest (`monitoring.services.add_evidence`)."""

    title = forms.CharField(
        label=_("What it shows"),
        max_length=200,
        required=False,
        help_text=_("For example “Minutes of the forum's meeting of 12 March”."),
    )
    file = DocumentField(
        label=_("File"),
        required=False,
        max_size=ASSESSMENT_EVIDENCE_MAX_SIZE,
        name=_("The evidence file"),
        help_text=_("PDF, image, office document or CSV, up to 20 MB. Or give a link instead."),
    )
    link = LinkField(label=_("Or a link"), required=False)


class WithdrawEvidenceForm(_Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing it"),
        max_length=2000,
        required=False,
        widget=forms.TextInput(),
    )


class IntroductionForm(_Form):
    """Staff choose available reviewers of the pool to introduce to a member."""

    def __init__(self, reviewers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reviewers = {str(reviewer.pk): reviewer for reviewer in reviewers}
        self.fields["reviewers"] = forms.MultipleChoiceField(
            label=_("Trained reviewers to introduce"),
            choices=[
                (
                    key,
                    f"{reviewer.name} · {reviewer.languages}"
                    + (f" · {reviewer.get_ogp_region_display()}" if reviewer.ogp_region else ""),
                )
                for key, reviewer in self.reviewers.items()
            ],
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["note"] = forms.CharField(
            label=_("Note to the member"),
            max_length=2000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def chosen(self) -> list:
        return [self.reviewers[key] for key in self.cleaned_data.get("reviewers", [])]
