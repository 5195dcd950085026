"""Rule-coded validation errors: one `ValidationError` carrying every failed rule (STYLE.md rule 2).

A service checks the business rules of RULES.md §4 and collects what fails as `RuleViolation`s,
then calls `raise_if(violations)`: nothing is raised when all is well, otherwise ONE
`ValidationError` whose entries carry the rule's code (`term.too_far`, `plan.ends_too_late`) and its
Handbook section in `params["handbook"]`. Field limits (lengths, ranges, dates before 1990) stay on
the models, where forms and the admin pick them up.

Forms show these errors through `RuleErrorList` (`error_class=RuleErrorList`), whose template
`validation/errors.html` prints the message, the Handbook section in brackets, and the code as a
`data-rule` attribute:

    <li data-rule="term.too_far">The term must end within 10 years of … <span>(LH §1.1)</span></li>
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.renderers import TemplatesSetting
from django.forms.utils import ErrorList


@dataclass(frozen=True)
class RuleViolation:
    """One failed rule: `code` as in RULES.md (`area.rule`), a translated `message`, the Handbook
    section (`"LH §1.1"`) or RULES.md section it comes from, and the form field it concerns
    (None: the whole form)."""

    code: str
    message: str
    handbook: str = ""
    field: str | None = None

    def as_error(self) -> ValidationError:
        # The message carries no %-placeholders of its own, so Django's `message % params` leaves
        # it as it is; `params` is where the Handbook section travels.
        return ValidationError(self.message, code=self.code, params={"handbook": self.handbook})


def raise_if(violations: Iterable[RuleViolation | None]) -> None:
    """Raise one ValidationError for every violation given (None entries are skipped), grouped by
    field; do nothing when there are none."""
    errors: dict[str, list[ValidationError]] = {}
    for violation in violations:
        if violation is not None:
            errors.setdefault(violation.field or NON_FIELD_ERRORS, []).append(violation.as_error())
    if errors:
        raise ValidationError(errors)


def rule_codes(error: ValidationError) -> set[str]:
    """The codes of every entry of `error` (for tests and the API)."""
    if hasattr(error, "error_dict"):
        entries = [entry for entries in error.error_dict.values() for entry in entries]
    else:
        entries = error.error_list
    return {entry.code for entry in entries if entry.code}


class RuleErrorList(ErrorList):
    """A form's error list that shows each entry's Handbook section and rule code."""

    template_name = "validation/errors.html"
    template_name_ul = "validation/errors.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The form renderer only searches the apps and Django's own form templates; the partial
        # lives with the project's templates (templates/validation/errors.html).
        self.renderer = TemplatesSetting()

    def get_context(self):
        entries = []
        for error in self.as_data():
            params = error.params if isinstance(error.params, dict) else {}
            entries.append(
                {
                    "message": next(iter(error)),
                    # Only rule codes ("term.too_far") are shown; Django's own ("invalid") are not.
                    "code": error.code if error.code and "." in error.code else "",
                    "handbook": params.get("handbook", ""),
                }
            )
        return {"errors": self, "entries": entries, "error_class": self.error_class}


def field_errors(obj, names: Iterable[str]) -> dict[str, list[ValidationError]]:
    """The model's own field checks (lengths, ranges, formats) on `names` only, as a dict: an old
    problem in another field must not stop someone from saving theirs."""
    names = set(names)
    others = [field.name for field in obj._meta.fields if field.name not in names]
    try:
        obj.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return dict(error.error_dict)
    return {}


def raise_all(
    violations: Iterable[RuleViolation | None],
    *field_checks: dict[str, list[ValidationError]],
    rename: dict[str, str] | None = None,
) -> None:
    """Like `raise_if`, adding the field errors of `field_checks` (from `field_errors`), with
    model field names renamed to the caller's by `rename`: one ValidationError for everything."""
    errors: dict[str, list[ValidationError]] = {}
    for checks in field_checks:
        for name, entries in checks.items():
            errors.setdefault((rename or {}).get(name, name), []).extend(entries)
    for violation in violations:
        if violation is not None:
            errors.setdefault(violation.field or NON_FIELD_ERRORS, []).append(violation.as_error())
    if errors:
        raise ValidationError(errors)
