"""Joining OGP Local: calls, applications with their Letter of Support, the selection committee,
its reviews and the decisions (LH §1.1, §1.2).

Statuses (`CallState`, `ApplicationState`) change only through the one transition function of each
(`members.services_calls.transition_call`, `transition_application`), which checks the table there
and writes the audit event (STYLE.md rule 4). Nothing filed is edited in place: submitting an
application freezes it in an `ApplicationVersion`; later edits (stage 2 of a two-stage call) are
new versions.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules import always_deny
from rules.contrib.models import RulesModel

from members.models.core import (
    MAX_POPULATION,
    REASON_MAX_LENGTH,
    Country,
    Jurisdiction,
    JurisdictionKind,
    JurisdictionTerm,
    Member,
    not_before_1990,
)
from members.rules import (
    can_edit_application,
    can_review_application,
    can_view_application,
    is_applicant_of_decision,
    is_public_call,
)
from ogplocal.accounts.rules import is_authenticated, is_support_unit
from ogplocal.documents.storage import DocumentPath
from ogplocal.documents.validators import PDFDocumentValidator

ANSWER_MAX_LENGTH = 5000
GUIDANCE_MAX_LENGTH = 20000
MESSAGE_MAX_LENGTH = 5000
LETTER_MAX_PAGES = 3  # LH §1.2: the Letter of Support is at most three pages
# The 8 points of the Letter of Support (LH §1.2), each answered in its own field.
LETTER_POINTS = range(1, 9)


class CallStages(models.IntegerChoices):
    ONE = 1, _("One stage: the full application")
    TWO = 2, _("Two stages: an expression of interest, then the full application")


class CallState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    DECIDED = "decided", _("Decided")


class Call(RulesModel):
    """A call for new members (LH §1.2): open between two dates, in one or two stages."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    guidance = models.TextField(
        _("guidance"),
        blank=True,
        max_length=GUIDANCE_MAX_LENGTH,
        validators=[MaxLengthValidator(GUIDANCE_MAX_LENGTH)],
        help_text=_("Plain text shown to applicants; blank lines separate paragraphs."),
    )
    opens_on = models.DateField(_("opens on"), validators=[not_before_1990()])
    closes_on = models.DateField(
        _("closes on"),
        validators=[not_before_1990()],
        help_text=_("The last day applications are received."),
    )
    stages = models.PositiveSmallIntegerField(
        _("stages"), choices=CallStages.choices, default=CallStages.ONE
    )
    stage1_closes_on = models.DateField(
        _("expressions of interest close on"),
        null=True,
        blank=True,
        validators=[not_before_1990()],
        help_text=_("Two-stage calls only: the last day for expressions of interest."),
    )
    first_plan_due_on = models.DateField(
        _("first action plan due on"),
        validators=[not_before_1990()],
        help_text=_("The first action plan of the members accepted in this call is due by then."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=CallState.choices, default=CallState.DRAFT
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="call_closes_after_opening"
            ),
            models.CheckConstraint(condition=Q(stages__in=[1, 2]), name="call_stages_valid"),
            models.CheckConstraint(
                condition=(Q(stages=1) & Q(stage1_closes_on__isnull=True))
                | (
                    Q(stages=2)
                    & Q(stage1_closes_on__gte=models.F("opens_on"))
                    & Q(stage1_closes_on__lte=models.F("closes_on"))
                ),
                name="call_stage1_closes_within_call",
            ),
            models.CheckConstraint(
                condition=Q(first_plan_due_on__gt=models.F("closes_on")),
                name="call_first_plan_due_after_closing",
            ),
            models.CheckConstraint(
                condition=Q(state__in=CallState.values), name="call_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(state="decided", decided_on__isnull=False)
                | (~Q(state="decided") & Q(decided_on__isnull=True)),
                name="call_decided_on_when_decided",
            ),
        ]
        rules_permissions = {
            "view": is_public_call | is_support_unit,
            "add": is_support_unit,
            "change": is_support_unit,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return self.title

    @property
    def is_two_stage(self) -> bool:
        return self.stages == CallStages.TWO


class CommitteeMember(RulesModel):
    """A member of a call's selection committee (LH §1.2): government or civil-society people
    outside the Support Unit. Recused automatically from every application of `country`."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="committee"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="committee_seats",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Their own country: they never see its applications."),
    )
    is_government = models.BooleanField(
        _("government member"),
        default=False,
        help_text=_("From a government; otherwise from civil society."),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_on = models.DateField(_("invited on"))

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["call", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="committee_member_once_per_call")
        ]
        rules_permissions = {
            "view": is_support_unit,
            "add": is_support_unit,
            "change": is_support_unit,
            "delete": is_support_unit,
        }

    def __str__(self) -> str:
        return f"{self.user} · {self.call}"


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    ACCEPTED = "accepted", _("Accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# States in which the application has been submitted (and not withdrawn).
SUBMITTED_STATES = (
    ApplicationState.SUBMITTED,
    ApplicationState.SHORTLISTED,
    ApplicationState.ACCEPTED,
    ApplicationState.NOT_ACCEPTED,
)


def _answer_field(label) -> models.TextField:
    return models.TextField(
        label,
        blank=True,
        max_length=ANSWER_MAX_LENGTH,
        validators=[MaxLengthValidator(ANSWER_MAX_LENGTH)],
    )


# The 8 points of the Letter of Support, LH §1.2 (short labels; the form shows the full text).
ANSWER_LABELS = {
    1: _("1. Commitment to OGP values and the eligibility criteria"),
    2: _("2. The value of joining OGP Local for the jurisdiction"),
    3: _("3. Ambition: future directions and priority thematic areas"),
    4: _("4. Capacity and resources: the responsible agency and the stakeholders"),
    5: _("5. Track record of open government or co-creation in the past three years"),
    6: _("6. Thematic areas where it can contribute good practices"),
    7: _("7. Willingness to take part in peer learning"),
    8: _("8. How it can spread open local government to other locals"),
}


class Application(RulesModel):
    """An application to join OGP Local in a call, with its Letter of Support (LH §1.2).

    The jurisdiction is an existing one (`jurisdiction`) or a new one; either way `jurisdiction_
    name`, `country`, `region`, `kind`, `population`, `has_elections` and `term_ends_on` hold its
    details (copied from an existing jurisdiction), so that reviewers, filters and recusal read
    one place. `term` is the term record the eligibility was judged against (existing ones).
    """

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )

    # The jurisdiction.
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("existing jurisdiction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    jurisdiction_name = models.CharField(_("jurisdiction's name"), max_length=200, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    region = models.CharField(
        _("region"),
        max_length=200,
        blank=True,
        help_text=_("The larger area it lies in, e.g. its province or state."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=JurisdictionKind.choices, blank=True)
    population = models.PositiveIntegerField(
        _("population"),
        null=True,
        blank=True,
        validators=[
            MaxValueValidator(
                MAX_POPULATION,
                _("No jurisdiction has more than 300 million inhabitants; check the number."),
            )
        ],
    )
    has_elections = models.BooleanField(_("has elections"), default=True)
    term_ends_on = models.DateField(
        _("the current administration's term ends on"),
        null=True,
        blank=True,
        validators=[not_before_1990()],
    )
    term = models.ForeignKey(
        JurisdictionTerm,
        verbose_name=_("term record"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The term record of an existing jurisdiction the application was judged on."),
    )

    # The people and organizations (LH §1.2, §2.1, §2.2).
    lead_agency = models.CharField(_("lead agency"), max_length=200, blank=True)
    senior_official_name = models.CharField(_("senior official"), max_length=200, blank=True)
    senior_official_title = models.CharField(
        _("senior official's title"), max_length=200, blank=True
    )
    senior_official_email = models.EmailField(_("senior official's e-mail address"), blank=True)
    contact_name = models.CharField(_("day-to-day point of contact"), max_length=200, blank=True)
    contact_title = models.CharField(_("point of contact's title"), max_length=200, blank=True)
    contact_email = models.EmailField(_("point of contact's e-mail address"), blank=True)
    stakeholders = models.TextField(
        _("supporting non-governmental stakeholders"),
        blank=True,
        max_length=ANSWER_MAX_LENGTH,
        validators=[MaxLengthValidator(ANSWER_MAX_LENGTH)],
        help_text=_("One organization per line."),
    )

    # The Letter of Support (LH §1.2).
    answer_1 = _answer_field(ANSWER_LABELS[1])
    answer_2 = _answer_field(ANSWER_LABELS[2])
    answer_3 = _answer_field(ANSWER_LABELS[3])
    answer_4 = _answer_field(ANSWER_LABELS[4])
    answer_5 = _answer_field(ANSWER_LABELS[5])
    answer_6 = _answer_field(ANSWER_LABELS[6])
    answer_7 = _answer_field(ANSWER_LABELS[7])
    answer_8 = _answer_field(ANSWER_LABELS[8])
    letter = models.FileField(
        _("signed Letter of Support"),
        upload_to=DocumentPath("letters-of-support"),
        blank=True,
        validators=[
            PDFDocumentValidator(
                max_pages=LETTER_MAX_PAGES, name=_("The letter"), reference="LH §1.2"
            )
        ],
    )
    letter_pages = models.PositiveSmallIntegerField(_("pages of the letter"), null=True, blank=True)
    declared_english = models.BooleanField(_("the application is in English"), default=False)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    shortlisted_on = models.DateField(
        _("shortlisted on"),
        null=True,
        blank=True,
        help_text=_("The day the application was shortlisted (kept after the decision)."),
    )
    full_submitted_on = models.DateField(
        _("full application submitted on"),
        null=True,
        blank=True,
        help_text=_("Two-stage calls: the day the shortlisted applicant submitted stage 2."),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call", "jurisdiction_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=ApplicationState.values), name="application_state_valid"
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[s.value for s in SUBMITTED_STATES])
                | Q(submitted_on__isnull=False),
                name="application_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["accepted", "not_accepted"]) | Q(decided_on__isnull=False),
                name="application_decided_has_date",
            ),
            models.CheckConstraint(
                condition=Q(population__isnull=True) | Q(population__lte=MAX_POPULATION),
                name="application_population_plausible",
            ),
            models.CheckConstraint(
                condition=Q(kind="") | Q(kind__in=JurisdictionKind.values),
                name="application_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(letter_pages__isnull=True) | Q(letter_pages__lte=LETTER_MAX_PAGES),
                name="application_letter_at_most_three_pages",
            ),
            # One live application per applicant and call; a withdrawn one may be started again.
            models.UniqueConstraint(
                fields=["call", "applicant"],
                condition=~Q(state="withdrawn"),
                name="application_one_live_per_applicant_and_call",
            ),
        ]
        rules_permissions = {
            "view": can_view_application,
            "add": is_authenticated,
            "change": can_edit_application,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.jurisdiction_name or _('New application')} · {self.call}"

    def answers(self) -> list[tuple[int, str, str]]:
        """(point, label, answer) for the 8 points of LH §1.2, in order."""
        return [(n, ANSWER_LABELS[n], getattr(self, f"answer_{n}")) for n in LETTER_POINTS]

    @property
    def is_submitted(self) -> bool:
        return self.state in SUBMITTED_STATES


class ApplicationVersion(RulesModel):
    """What was submitted, frozen: the application's fields and signatories as JSON, and the
    letter's stored name. Number 1 is the first submission; stage 2 or a later edit adds one."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_on = models.DateField(_("submitted on"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    data = models.JSONField(_("data"), default=dict)
    letter_name = models.CharField(_("letter's stored name"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("application version")
        verbose_name_plural = _("application versions")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="application_version_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="application_version_number_positive"
            ),
        ]
        rules_permissions = {
            "view": is_support_unit,
            "add": always_deny,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.application} · v{self.number}"


class SignatoryKind(models.TextChoices):
    HEAD_OF_GOVERNMENT = "head_of_government", _("Head of government")
    DELEGATED_OFFICIAL = "delegated_official", _("Senior official with delegated authority")
    NON_GOVERNMENTAL = "non_governmental", _("Non-governmental stakeholder")


GOVERNMENT_SIGNATORY_KINDS = (SignatoryKind.HEAD_OF_GOVERNMENT, SignatoryKind.DELEGATED_OFFICIAL)


class Signatory(RulesModel):
    """A signatory of the Letter of Support (LH §1.2): the head of government or a senior official
    with delegated authority, and at least one non-governmental stakeholder with legal
    personality (a registration number or equivalent, LH §1.2 note 1)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="signatories",
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organization_name = models.CharField(_("organization"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=SignatoryKind.choices)
    has_legal_personality = models.BooleanField(_("has legal personality"), default=False)
    registration_number = models.CharField(
        _("registration number"),
        max_length=100,
        blank=True,
        help_text=_("Or an equivalent proof of legal personality."),
    )

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["application", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SignatoryKind.values), name="signatory_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(has_legal_personality=False) | ~Q(registration_number=""),
                name="signatory_legal_personality_has_registration",
            ),
        ]
        rules_permissions = {
            "view": is_support_unit,
            "add": is_support_unit,
            "change": is_support_unit,
            "delete": is_support_unit,
        }

    def __str__(self) -> str:
        return self.name

    @property
    def is_government(self) -> bool:
        return self.kind in GOVERNMENT_SIGNATORY_KINDS

    @property
    def is_ngo_with_legal_personality(self) -> bool:
        return (
            self.kind == SignatoryKind.NON_GOVERNMENTAL
            and self.has_legal_personality
            and bool(self.registration_number.strip())
        )


class ApplicationMessage(RulesModel):
    """A message from the Support Unit to the applicant, shown on their application's page."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(
        _("message"),
        max_length=MESSAGE_MAX_LENGTH,
        validators=[MaxLengthValidator(MESSAGE_MAX_LENGTH)],
    )
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("message to the applicant")
        verbose_name_plural = _("messages to applicants")
        ordering = ["application", "sent_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="application_message_not_empty")
        ]
        rules_permissions = {
            "view": is_support_unit,
            "add": is_support_unit,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.application} · {self.sent_at:%Y-%m-%d}"


class Recusal(RulesModel):
    """A conflict of interest a committee member declared on one application (LH §1.2).

    Recusal from every application of their own country is automatic and needs no row
    (`members.selectors.application_ids_recused`)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="recusals",
    )
    committee_member = models.ForeignKey(
        CommitteeMember,
        verbose_name=_("committee member"),
        on_delete=models.PROTECT,
        related_name="recusals",
    )
    reason = models.TextField(
        _("reason"),
        max_length=REASON_MAX_LENGTH,
        validators=[MaxLengthValidator(REASON_MAX_LENGTH)],
    )
    declared_on = models.DateField(_("declared on"))

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "committee_member"], name="recusal_once_per_application"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="recusal_has_reason"),
        ]
        rules_permissions = {
            "view": is_support_unit,
            "add": is_support_unit,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.committee_member} · {self.application}"


SCORE_MIN, SCORE_MAX = 1, 5


class Review(RulesModel):
    """One reviewer's reading of one application: a score per point of LH §1.2 (`Score`) and an
    overall comment. A draft until `submitted_at`; nobody sees others' scores before submitting
    their own."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="application_reviews",
    )
    comment = models.TextField(
        _("overall comment"),
        blank=True,
        max_length=ANSWER_MAX_LENGTH,
        validators=[MaxLengthValidator(ANSWER_MAX_LENGTH)],
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="review_once_per_reviewer"
            )
        ]
        rules_permissions = {
            "view": is_support_unit,
            "add": can_review_application,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.application}"


class Score(RulesModel):
    """One reviewer's score (1 to 5) of one point of LH §1.2, with a comment."""

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores"
    )
    point = models.PositiveSmallIntegerField(
        _("point"), validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )
    comment = models.TextField(
        _("comment"),
        blank=True,
        max_length=ANSWER_MAX_LENGTH,
        validators=[MaxLengthValidator(ANSWER_MAX_LENGTH)],
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["review", "point"]
        constraints = [
            models.UniqueConstraint(fields=["review", "point"], name="score_once_per_point"),
            models.CheckConstraint(
                condition=Q(point__gte=1) & Q(point__lte=8), name="score_point_in_letter"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN) & Q(score__lte=SCORE_MAX),
                name="score_in_range",
            ),
        ]
        rules_permissions = {
            "view": is_support_unit,
            "add": always_deny,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.review} · {self.point}: {self.score}"


class DecisionOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class Decision(RulesModel):
    """The committee's consensus decision on an application, with its reasons and the PDF
    decision letter sent to the applicant (LH §1.2)."""

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="decision",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=DecisionOutcome.choices)
    reasons = models.TextField(
        _("reasons"),
        max_length=ANSWER_MAX_LENGTH,
        validators=[MaxLengthValidator(ANSWER_MAX_LENGTH)],
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), validators=[not_before_1990()])
    national_contact = models.TextField(
        _("national OGP contact"),
        blank=True,
        max_length=REASON_MAX_LENGTH,
        validators=[MaxLengthValidator(REASON_MAX_LENGTH)],
        help_text=_("Not accepted: who to contact in the country's national OGP process."),
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    letter_pdf = models.FileField(
        _("decision letter"), upload_to=DocumentPath("decision-letters"), blank=True
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=DecisionOutcome.values), name="decision_outcome_valid"
            ),
            models.CheckConstraint(condition=~Q(reasons=""), name="decision_has_reasons"),
            models.CheckConstraint(
                condition=Q(outcome="accepted", member__isnull=False)
                | Q(outcome="not_accepted", member__isnull=True),
                name="decision_member_only_when_accepted",
            ),
        ]
        rules_permissions = {
            "view": is_support_unit | is_applicant_of_decision,
            "add": is_support_unit,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.application} · {self.get_outcome_display()}"
