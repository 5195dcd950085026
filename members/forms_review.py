"""Forms of the review pages: they parse input; the services in `members.services_review` decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.country_choices import CountryChoiceField
from members.models import (
    ANSWER_MAX_LENGTH,
    LETTER_POINTS,
    REASON_MAX_LENGTH,
    SCORE_MAX,
    SCORE_MIN,
    Country,
    Review,
)
from ogplocal.validation import RuleErrorList

SCORE_CHOICES = [(score, str(score)) for score in range(SCORE_MIN, SCORE_MAX + 1)]


class ReviewForm(forms.Form):
    """A score (1 to 5) and a comment per point of the letter, and an overall comment. `submit`
    (the button pressed) asks for the review to be submitted rather than saved as a draft."""

    comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, review: Review | None = None, **kwargs):
        kwargs.setdefault("error_class", RuleErrorList)
        initial = kwargs.setdefault("initial", {})
        if review is not None:
            initial["comment"] = review.comment
            for score in review.scores.all():
                initial[f"score_{score.point}"] = score.score
                initial[f"comment_{score.point}"] = score.comment
        super().__init__(*args, **kwargs)
        for point in LETTER_POINTS:
            self.fields[f"score_{point}"] = forms.TypedChoiceField(
                label=_("Score of point %(point)d") % {"point": point},
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{point}"] = forms.CharField(
                label=_("Comment on point %(point)d") % {"point": point},
                required=False,
                max_length=ANSWER_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def point_fields(self, point: int) -> tuple[forms.BoundField, forms.BoundField]:
        return self[f"score_{point}"], self[f"comment_{point}"]

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {
            point: (
                self.cleaned_data.get(f"score_{point}"),
                self.cleaned_data.get(f"comment_{point}", ""),
            )
            for point in LETTER_POINTS
        }


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("What is the conflict of interest?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the Support Unit reads this."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_class", RuleErrorList)
        super().__init__(*args, **kwargs)


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of their account"),
        help_text=_("The person signs up first; then invite them by the address they used."),
    )
    country = CountryChoiceField(
        label=_("Their country"),
        queryset=Country.objects.all(),
        empty_label=None,
        help_text=_("They never see this country's applications."),
    )
    is_government = forms.TypedChoiceField(
        label=_("They come from"),
        choices=[("false", _("civil society")), ("true", _("a government"))],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
        initial="false",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_class", RuleErrorList)
        super().__init__(*args, **kwargs)


class ShortlistForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=500)
