"""Action plans (LH §3.2): the Local Open Government Strategic Vision of LH Annex 1
(sections A to I) and, in `commitments`, the commitments of Annex 2.

A plan belongs to one member, or — a joint plan (LH §3.4) — to a coalition and the jurisdictions
it covers. It is a draft until `actionplans.services.submit_plan` checks every rule of RULES.md §4,
snapshots it as an `ActionPlanVersion` and publishes it; a submitted plan is never edited in place
(STYLE.md rule 5): a later change is a new version with a reason.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rules import always_deny
from rules.contrib.models import RulesModel

from actionplans.rules import (
    can_edit_plan,
    can_record_co_creation,
    can_record_co_creation_of_plan,
    can_start_plan,
    can_view_plan,
    is_plan_of_commitment_editable,
    is_plan_of_commitment_visible,
)
from members.models.core import EARLIEST_DATE, not_before_1990
from ogplocal.documents.storage import DocumentPath
from ogplocal.documents.validators import PDFDocumentValidator

ANSWER_MAX_LENGTH = 10000
FOREWORD_MAX_LENGTH = 10000


def _answer(label, help_text=""):
    return models.TextField(
        label,
        blank=True,
        max_length=ANSWER_MAX_LENGTH,
        validators=[MaxLengthValidator(ANSWER_MAX_LENGTH)],
        help_text=help_text,
    )


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


@dataclass(frozen=True)
class Question:
    code: str  # "E.1", as Annex 1 numbers it
    field: str


@dataclass(frozen=True)
class Section:
    letter: str
    title: str
    questions: tuple[Question, ...]


# The questions of LH Annex 1, sections E, F and G, in the Handbook's order: one model field each.
# Forms, the plan page and the PDF read them from here (the labels are the fields' verbose names).
STRATEGIC_VISION: tuple[Section, ...] = (
    Section(
        "E",
        _("Open government challenges, opportunities and strategic vision"),
        (
            Question("E.1", "long_term_vision"),
            Question("E.2", "achievements"),
            Question("E.3", "challenges"),
            Question("E.4", "medium_term_goals"),
            Question("E.5", "plan_contribution"),
            Question("E.6", "administration_goals"),
        ),
    ),
    Section(
        "F",
        _("Engagement and coordination in the strategic vision and action plan"),
        (
            Question("F.1", "lead_institutions"),
            Question("F.2", "coordination_arrangements"),
            Question("F.3", "collaboration_spaces"),
            Question("F.4", "diversity_measures"),
            Question("F.5", "participants"),
            Question("F.6", "participant_group_count"),
            Question("F.7", "co_creation_meeting_count"),
            Question("F.8", "continued_collaboration"),
        ),
    ),
    Section(
        "G",
        _("Monitoring of the action plan"),
        (
            Question("G.1", "monitoring_description"),
            Question("G.2", "progress_activities"),
            Question("G.3", "agency_check_ins"),
            Question("G.4", "results_sharing"),
        ),
    ),
)


def section(letter: str) -> Section:
    return next(item for item in STRATEGIC_VISION if item.letter == letter)


class ActionPlan(RulesModel):
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plans",
        help_text=_("Empty for a joint plan, which belongs to a coalition."),
    )
    coalition = models.ForeignKey(
        "members.Coalition",
        verbose_name=_("coalition"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plans",
        help_text=_("For a joint plan only (LH §3.4)."),
    )
    jurisdictions = models.ManyToManyField(
        "members.Jurisdiction",
        verbose_name=_("jurisdictions covered"),
        blank=True,
        related_name="joint_action_plans",
        help_text=_("For a joint plan: the coalition's jurisdictions the plan covers."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=PlanState.choices, default=PlanState.DRAFT
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=0,
        help_text=_("0 while the first version is drafted; each submitted version adds one."),
    )

    # A, B: dates. The term record is the one the plan's end was judged against on submission.
    submitted_on = models.DateField(_("date submitted"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"),
        help_text=_("At least two months before the administration's term ends (LH §3.2)."),
    )
    term = models.ForeignKey(
        "members.JurisdictionTerm",
        verbose_name=_("term judged against"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The term record in force on submission (B.1)."),
    )

    # C, D
    foreword = models.TextField(
        _("foreword"),
        blank=True,
        max_length=FOREWORD_MAX_LENGTH,
        validators=[MaxLengthValidator(FOREWORD_MAX_LENGTH)],
        help_text=_(
            "Written jointly or separately by government and civil society representatives or a "
            "multi-stakeholder forum: the ambition for this plan and how they will work together "
            "in implementation and monitoring (Annex 1, C)."
        ),
    )
    introduction_letter = models.FileField(
        _("introduction letter"),
        upload_to=DocumentPath("plan-introduction-letters"),
        blank=True,
        validators=[PDFDocumentValidator(name=_("The introduction letter"))],
        help_text=_("By the head of the jurisdiction, if available (Annex 1, D). A PDF file."),
    )

    # E. Open government challenges, opportunities and strategic vision
    long_term_vision = _answer(
        _("What is the long-term vision for open government in your context and jurisdiction?")
    )
    achievements = _answer(
        _(
            "What are the achievements in open government to date (for example, recent open "
            "government reforms)?"
        )
    )
    challenges = _answer(
        _(
            "What are the current challenges or areas for improvement in open government that "
            "the jurisdiction wishes to tackle?"
        )
    )
    medium_term_goals = _answer(
        _("What are the medium-term open government goals that the government wants to achieve?")
    )
    plan_contribution = _answer(
        _("How does this action plan contribute to achieve the open government strategic vision?")
    )
    administration_goals = _answer(
        _(
            "How does the open government strategic vision contribute to the accomplishment of "
            "the current administration's overall policy goals?"
        )
    )

    # F. Engagement and coordination
    lead_institutions = _answer(
        _("What are the lead institutions responsible for the implementation of the action plan?")
    )
    coordination_arrangements = _answer(
        _(
            "What kind of institutional arrangements are in place to coordinate between "
            "government agencies and departments to implement the action plan?"
        )
    )
    collaboration_spaces = _answer(
        _(
            "What kind of spaces have you used or created to enable the collaboration between "
            "government and civil society in the co-creation and implementation of this action "
            "plan? Mention both offline and online spaces."
        )
    )
    diversity_measures = _answer(
        _(
            "What measures did you take to ensure diversity of representation (including "
            "vulnerable or marginalized populations) in these spaces?"
        )
    )
    participants = _answer(
        _(
            "Who participated in these spaces? Mention the types of groups that participated in "
            "the co-creation process (for example public sector agencies, civil society and "
            "community organizations)."
        )
    )
    participant_group_count = models.PositiveIntegerField(
        _("How many groups participated in these spaces?"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100000)],
    )
    co_creation_meeting_count = models.PositiveIntegerField(
        _("How many meetings were held in the co-creation process?"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100000)],
    )
    continued_collaboration = _answer(
        _(
            "How will government and non-governmental stakeholders continue to collaborate "
            "through the implementation of the action plan?"
        )
    )

    # G. Monitoring
    monitoring_body = models.ForeignKey(
        "monitoring.MonitoringBody",
        verbose_name=_("monitoring body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plans",
        help_text=_("The independent monitoring body for this plan (LH §3.5, Annex 1, G.1)."),
    )
    monitoring_description = _answer(
        _(
            "What is the independent monitoring body you have identified for this plan? Please "
            "describe it and include contact details."
        )
    )
    progress_activities = _answer(
        _(
            "What types of activities will you have in place to discuss progress on commitments "
            "with stakeholders?"
        )
    )
    agency_check_ins = _answer(
        _("How will you regularly check in on progress with implementing agencies?")
    )
    results_sharing = _answer(
        _("How will you share the results of your monitoring efforts with the public?")
    )

    # I
    strategy_document = models.FileField(
        _("open government strategy"),
        upload_to=DocumentPath("plan-strategies"),
        blank=True,
        validators=[PDFDocumentValidator(max_size=20 * 1024 * 1024, name=_("The strategy"))],
        help_text=_(
            "The full open government strategy, if available, or another relevant document "
            "(Annex 1, I). A PDF file."
        ),
    )

    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinating point of contact"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_action_plans",
    )
    declared_english = models.BooleanField(
        _("submitted in English"),
        default=False,
        help_text=_("Action plans are submitted in English (LH §3.2)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=PlanState.values), name="action_plan_state_valid"
            ),
            models.CheckConstraint(
                condition=(Q(member__isnull=False) & Q(coalition__isnull=True))
                | (Q(member__isnull=True) & Q(coalition__isnull=False)),
                name="action_plan_member_or_coalition",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="action_plan_ends_after_start",
                violation_error_code="plan.ends_before_start",
                violation_error_message=_("The plan must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__gte=EARLIEST_DATE), name="action_plan_dates_plausible"
            ),
            # What submission checks stays true of every submitted plan (RULES.md §4).
            models.CheckConstraint(
                condition=Q(state=PlanState.DRAFT)
                | (
                    Q(submitted_on__isnull=False)
                    & Q(monitoring_body__isnull=False)
                    & Q(declared_english=True)
                    & Q(version__gte=1)
                ),
                name="action_plan_submitted_complete",
            ),
            models.CheckConstraint(
                condition=~Q(state=PlanState.DRAFT) | Q(submitted_on__isnull=True),
                name="action_plan_draft_not_submitted",
            ),
        ]
        rules_permissions = {
            "view": can_view_plan,
            "add": can_start_plan,
            "change": can_edit_plan,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return _("%(owner)s action plan %(start)s-%(end)s") % {
            "owner": self.owner_name,
            "start": self.starts_on.year,
            "end": self.ends_on.year,
        }

    @property
    def owner_name(self) -> str:
        if self.coalition_id is not None:
            return self.coalition.name
        return self.member.jurisdiction.name

    @property
    def is_joint(self) -> bool:
        return self.coalition_id is not None

    @property
    def is_draft(self) -> bool:
        return self.state == PlanState.DRAFT

    @cached_property
    def coalition_member_ids(self) -> frozenset[int]:
        if self.coalition_id is None:
            return frozenset()
        return frozenset(self.coalition.memberships.values_list("member_id", flat=True))

    def owner_member_ids(self) -> frozenset[int]:
        """The members whose points of contact file this plan."""
        if self.member_id is not None:
            return frozenset({self.member_id})
        return self.coalition_member_ids

    @property
    def audit_member(self):
        """A plan's events are in its member's history (a joint plan's: in none yet)."""
        return self.member


class EndorsingStakeholder(RulesModel):
    """A non-governmental stakeholder that took part in co-creation and endorses the plan
    (Annex 1, H; LH §3.3.1 "Endorsement")."""

    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("action plan"),
        on_delete=models.CASCADE,
        related_name="endorsements",
    )
    organization_name = models.CharField(_("organization"), max_length=200)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    has_legal_personality = models.BooleanField(
        _("has legal personality"),
        default=False,
        help_text=_("Legally registered as an organization."),
    )

    class Meta:
        verbose_name = _("endorsing stakeholder")
        verbose_name_plural = _("endorsing stakeholders")
        ordering = ["plan_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "organization_name"], name="endorsement_organization_once"
            ),
            models.CheckConstraint(
                condition=~Q(organization_name=""), name="endorsement_has_organization"
            ),
        ]
        rules_permissions = {
            "view": is_plan_of_commitment_visible,
            "add": is_plan_of_commitment_editable,
            "change": is_plan_of_commitment_editable,
            "delete": is_plan_of_commitment_editable,
        }

    def __str__(self) -> str:
        return self.organization_name

    @property
    def audit_member(self):
        return self.plan.member


class ActionPlanVersion(RulesModel):
    """A submitted version of a plan, frozen: the plan and its commitments as JSON (STYLE.md
    rule 5). Version 1 is the plan as first submitted."""

    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("action plan"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("snapshot"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_on = models.DateField(_("submitted on"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=2000)

    class Meta:
        verbose_name = _("action plan version")
        verbose_name_plural = _("action plan versions")
        ordering = ["plan_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="plan_version_positive"),
            models.CheckConstraint(condition=~Q(reason=""), name="plan_version_has_reason"),
        ]
        rules_permissions = {
            "view": is_plan_of_commitment_visible,
            "add": always_deny,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.plan} · v{self.number}"

    @property
    def audit_member(self):
        return self.plan.member


# --- Co-creation record (LH §3.3.1; National Handbook §2.1.d) -----------------------------------


class MeetingKind(models.TextChoices):
    """The engine's `meetings[].kind`."""

    CO_CREATION = "co_creation", _("Co-creation")
    IMPLEMENTATION = "implementation", _("Implementation")


class Meeting(RulesModel):
    """A meeting with non-governmental stakeholders (LH §3.3.1). Append-only: a mistaken record is
    withdrawn with a reason (kept, and no longer counted), never edited in place."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.PROTECT, related_name="meetings"
    )
    held_on = models.DateField(_("held on"), validators=[not_before_1990()])
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    forum = models.CharField(_("forum"), max_length=300, help_text=_("Where and how it was held."))
    government_organizations = models.TextField(
        _("government participants"),
        max_length=2000,
        blank=True,
        validators=[MaxLengthValidator(2000)],
        help_text=_("The government agencies and offices that took part."),
    )
    government_count = models.PositiveIntegerField(
        _("number of government participants"), validators=[MaxValueValidator(100000)]
    )
    non_governmental_organizations = models.TextField(
        _("non-governmental participants"),
        max_length=2000,
        blank=True,
        validators=[MaxLengthValidator(2000)],
        help_text=_("The civil society and other non-governmental organizations that took part."),
    )
    non_governmental_count = models.PositiveIntegerField(
        _("number of non-governmental participants"), validators=[MaxValueValidator(100000)]
    )
    agenda = models.FileField(
        _("agenda"),
        upload_to=DocumentPath("meeting-agendas"),
        blank=True,
        validators=[PDFDocumentValidator(name=_("The agenda"))],
    )
    minutes = models.FileField(
        _("minutes"),
        upload_to=DocumentPath("meeting-minutes"),
        blank=True,
        validators=[PDFDocumentValidator(name=_("The minutes"))],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["plan_id", "held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=MeetingKind.values), name="meeting_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(held_on__gte=EARLIEST_DATE), name="meeting_date_plausible"
            ),
            models.CheckConstraint(condition=~Q(forum=""), name="meeting_has_forum"),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawn_reason=""),
                name="meeting_withdrawn_with_reason",
            ),
        ]
        rules_permissions = {
            "view": is_plan_of_commitment_visible,
            "add": can_record_co_creation,
            "change": can_record_co_creation_of_plan,  # withdrawing only: never edited in place
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.held_on:%Y-%m-%d} · {self.forum}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def audit_member(self):
        return self.plan.member


class ResponseKind(models.TextChoices):
    """The decisions of a reasoned response (National Handbook §2.1.d): the contribution is
    included, included with modifications, or not included."""

    INCLUDED = "included", _("Included")
    AMENDED = "amended", _("Amended")
    REJECTED = "rejected", _("Rejected")


class Contribution(RulesModel):
    """A contribution received during co-creation and the government's reasoned response to it
    (National Handbook §2.1.d). Append-only, like meetings."""

    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("action plan"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    received_on = models.DateField(_("received on"), validators=[not_before_1990()])
    contributor = models.CharField(
        _("from"),
        max_length=200,
        blank=True,
        help_text=_("The organization or person, if they agree to be named."),
    )
    summary = models.TextField(
        _("contribution"), max_length=4000, validators=[MaxLengthValidator(4000)]
    )
    response = models.CharField(_("response"), max_length=20, choices=ResponseKind.choices)
    reasons = models.TextField(
        _("reasons for the response"),
        max_length=4000,
        validators=[MaxLengthValidator(4000)],
        help_text=_("Why the contribution was included, amended or not included."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["plan_id", "received_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(response__in=ResponseKind.values), name="contribution_response_valid"
            ),
            models.CheckConstraint(
                condition=~Q(summary="") & ~Q(reasons=""), name="contribution_has_reasons"
            ),
            models.CheckConstraint(
                condition=Q(received_on__gte=EARLIEST_DATE), name="contribution_date_plausible"
            ),
        ]
        rules_permissions = {
            "view": is_plan_of_commitment_visible,
            "add": can_record_co_creation,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.received_on:%Y-%m-%d} · {self.contributor or '—'}"

    @property
    def audit_member(self):
        return self.plan.member


# The evidence repository lives in its own module; imported here so Django registers its model.
from actionplans.models_evidence import Evidence, EvidenceType  # noqa: E402, F401
