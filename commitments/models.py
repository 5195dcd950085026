"""Commitments of an action plan: every field of LH Annex 2 (1 to 18), with Annex 2's
vocabularies as data, and their milestones (field 17).

A commitment is filed within a plan's draft (`commitments.services`); it counts for the tracker
from its `submitted_on` (RULES.md §2), which the plan's submission sets. In a joint plan
(LH §3.4) a commitment is for one jurisdiction (`jurisdiction`) or joint (empty).
"""

from django.conf import settings
from django.core.validators import EmailValidator, MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from actionplans.rules import is_plan_of_commitment_editable, is_plan_of_commitment_visible

TEXT_MAX_LENGTH = 10000
MAX_POLICY_AREAS = 2
MAX_SECTORS = 2


def _text(label, help_text="", blank=False):
    return models.TextField(
        label,
        blank=blank,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
        help_text=help_text,
    )


class PolicyArea(models.TextChoices):
    """Annex 2, field 12: the 22 primary policy areas."""

    FISCAL_OPENNESS = "fiscal_openness", _("Fiscal openness")
    CONFLICT_OF_INTEREST = "conflict_of_interest", _("Conflict of interest")
    ASSET_DISCLOSURE = "asset_disclosure", _("Asset disclosure")
    AUDITS_CONTROLS = "audits_controls", _("Audits and controls")
    WHISTLEBLOWER_PROTECTION = "whistleblower_protection", _("Whistleblower protection")
    OPEN_CONTRACTING = "open_contracting", _("Open contracting")
    PUBLIC_PROCUREMENT = "public_procurement", _("Public procurement")
    BENEFICIAL_OWNERSHIP = "beneficial_ownership", _("Beneficial ownership")
    CIVIC_SPACE = "civic_space", _("Civic space")
    OPEN_DATA = "open_data", _("Open data")
    RIGHT_TO_INFORMATION = "right_to_information", _("Right to information")
    ELECTIONS = "elections_political_finance", _("Elections and political finance")
    LOBBYING = "lobbying", _("Lobbying")
    LEGISLATIVE_OPENNESS = "legislative_openness", _("Legislative openness")
    INCLUSION = "inclusion", _("Inclusion")
    DIGITAL_GOVERNANCE = "digital_governance", _("Digital governance")
    PANDEMIC_RESPONSE = "pandemic_response", _("Pandemic response")
    SAFETY_NETS = "safety_nets_economic_inclusion", _("Safety nets and economic inclusion")
    TAX = "tax", _("Tax")
    STIMULUS = "stimulus_economic_recovery", _("Stimulus and economic recovery")
    REGULATORY_GOVERNANCE = "regulatory_governance", _("Regulatory governance")
    SOCIAL_ACCOUNTABILITY = "social_accountability", _("Social accountability")


class Sector(models.TextChoices):
    """Annex 2, field 13: the 15 primary sectors."""

    PRIVATE_SECTOR = "private_sector", _("Private sector")
    MEDIA_TELECOMMUNICATIONS = "media_telecommunications", _("Media and telecommunications")
    EDUCATION = "education", _("Education")
    HEALTH_NUTRITION = "health_nutrition", _("Health and nutrition")
    WATER_SANITATION = "water_sanitation_hygiene", _("Water, sanitation and hygiene")
    INFRASTRUCTURE_TRANSPORT = "infrastructure_transport", _("Infrastructure and transport")
    EXTRACTIVE_INDUSTRIES = "extractive_industries", _("Extractive industries")
    ENVIRONMENT_CLIMATE = "environment_climate", _("Environment and climate")
    LAND_SPATIAL_PLANNING = "land_spatial_planning", _("Land and spatial planning")
    SCIENCE_TECHNOLOGY = "science_technology", _("Science and technology")
    PUBLIC_SERVICES = "public_services", _("Public services (general)")
    JUSTICE = "justice", _("Justice")
    LEGISLATURE = "legislature", _("Legislature")
    CROSS_SECTORAL = "cross_sectoral", _("Cross-sectoral")
    SECURITY_PUBLIC_SAFETY = "security_public_safety", _("Security and public safety")


class OgpValue(models.TextChoices):
    """Annex 2, field 14: the OGP values a commitment is relevant to (any of them)."""

    TRANSPARENCY = "transparency", _("Transparency")
    PARTICIPATION = "participation", _("Public participation and inclusion")
    ACCOUNTABILITY = "accountability", _("Public accountability")
    TECH_TRANSPARENCY = "tech_transparency", _("Technology and innovation for transparency")
    TECH_PARTICIPATION = (
        "tech_participation",
        _("Technology and innovation for public participation"),
    )
    TECH_ACCOUNTABILITY = "tech_accountability", _("Technology and innovation for accountability")


class BranchOfGovernment(models.TextChoices):
    EXECUTIVE = "executive", _("Executive")
    LEGISLATIVE = "legislative", _("Legislative")
    JUDICIAL = "judicial", _("Judicial")
    OTHER = "other", _("Other")


class Commitment(RulesModel):
    plan = models.ForeignKey(
        "actionplans.ActionPlan",
        verbose_name=_("action plan"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    jurisdiction = models.ForeignKey(
        "members.Jurisdiction",
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        help_text=_(
            "In a joint plan, the one jurisdiction that implements it; empty for a joint "
            "commitment (LH §3.4) and in a single member's plan."
        ),
    )
    # 1 to 3
    number = models.PositiveSmallIntegerField(_("commitment number"))
    title = models.CharField(
        _("commitment title"),
        max_length=300,
        help_text=_(
            "The specific action the commitment will achieve, e.g. “Publish judicial data”."
        ),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    submitted_on = models.DateField(
        _("submitted on"),
        null=True,
        blank=True,
        help_text=_("Set when the plan holding it is submitted; it counts from then on."),
    )

    # 4. Leading implementing government agency
    lead_agency = models.CharField(_("leading implementing agency"), max_length=200)
    lead_agency_branch = models.CharField(
        _("branch of government"),
        max_length=20,
        choices=BranchOfGovernment.choices,
        default=BranchOfGovernment.EXECUTIVE,
    )
    lead_contact_name = models.CharField(_("name of contact"), max_length=200)
    lead_contact_title = models.CharField(_("title"), max_length=200, blank=True)
    lead_contact_email = models.EmailField(_("e-mail"), blank=True)
    lead_role = models.CharField(_("role in implementation"), max_length=500, blank=True)

    # 5. Leading non-governmental stakeholder, if applicable
    ngo_name = models.CharField(
        _("leading non-governmental stakeholder"), max_length=200, blank=True
    )
    ngo_contact_name = models.CharField(_("name of contact"), max_length=200, blank=True)
    ngo_contact_title = models.CharField(_("title"), max_length=200, blank=True)
    ngo_contact_email = models.EmailField(_("e-mail"), blank=True, validators=[EmailValidator()])
    ngo_role = models.CharField(_("role in implementation"), max_length=500, blank=True)

    # 6
    other_stakeholders = _text(
        _("other stakeholders involved"),
        _(
            "Government ministries, departments, agencies, civil society organizations, "
            "community groups, private sector or working groups: one per line, with contact, "
            "title, e-mail and role."
        ),
        blank=True,
    )
    # 7 to 11
    problem = _text(
        _("problem"),
        _(
            "The economic, social, political or environmental problem this commitment seeks to "
            "resolve."
        ),
    )
    status_quo = _text(
        _("status quo"), _("The current state of the policy issue at the beginning of the plan.")
    )
    action = _text(
        _("action"),
        _("What the commitment entails, its expected results and overall objective."),
    )
    contribution = _text(
        _("how the commitment will contribute to solving the public problem"),
        _("The expected outputs and outcomes once it has been implemented."),
    )
    long_term_goal = _text(_("long-term goal of the strategic vision it relates to"), blank=True)
    # 12 to 14: up to two policy areas and sectors, as two columns each so the database can check
    # the vocabulary; any number of OGP values.
    policy_area = models.CharField(
        _("primary policy area"), max_length=40, choices=PolicyArea.choices
    )
    second_policy_area = models.CharField(
        _("second policy area"), max_length=40, choices=PolicyArea.choices, blank=True
    )
    sector = models.CharField(_("primary sector"), max_length=40, choices=Sector.choices)
    second_sector = models.CharField(
        _("second sector"), max_length=40, choices=Sector.choices, blank=True
    )
    ogp_values = models.JSONField(_("OGP values"), default=list, blank=True)
    # 15 and 16
    resources = _text(
        _("resources needed"),
        _(
            "Budget, staff, time, contributions of civil society and other organizations, and "
            "any other resources required."
        ),
        blank=True,
    )
    resources_secured = models.BooleanField(_("resources already secured"), default=False)
    # 18
    additional_information = _text(
        _("additional information"),
        _(
            "Links to other government programmes, development plans, the Sustainable "
            "Development Goals, a gender perspective analysis."
        ),
        blank=True,
    )
    removed_on = models.DateField(
        _("removed on"),
        null=True,
        blank=True,
        help_text=_("Set when a change notice removes it (LH §3.2.1.3); it is kept, not deleted."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["plan_id", "number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="commitment_number_in_plan"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="commitment_ends_after_start",
                violation_error_code="commitment.ends_before_start",
                violation_error_message=_("The commitment must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=models.F("starts_on")),
                name="commitment_completed_after_start",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="commitment_number_positive"),
            models.CheckConstraint(condition=~Q(title=""), name="commitment_has_title"),
            models.CheckConstraint(
                condition=Q(policy_area__in=PolicyArea.values)
                & (Q(second_policy_area="") | Q(second_policy_area__in=PolicyArea.values))
                & ~Q(second_policy_area=models.F("policy_area")),
                name="commitment_policy_areas_valid",
            ),
            models.CheckConstraint(
                condition=Q(sector__in=Sector.values)
                & (Q(second_sector="") | Q(second_sector__in=Sector.values))
                & ~Q(second_sector=models.F("sector")),
                name="commitment_sectors_valid",
            ),
            models.CheckConstraint(
                condition=Q(lead_agency_branch__in=BranchOfGovernment.values),
                name="commitment_branch_valid",
            ),
        ]
        rules_permissions = {
            "view": is_plan_of_commitment_visible,
            "add": is_plan_of_commitment_editable,
            "change": is_plan_of_commitment_editable,
            "delete": is_plan_of_commitment_editable,
        }

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def policy_areas(self) -> list[str]:
        return [area for area in (self.policy_area, self.second_policy_area) if area]

    @property
    def sectors(self) -> list[str]:
        return [sector for sector in (self.sector, self.second_sector) if sector]

    def get_policy_area_labels(self) -> list[str]:
        return [PolicyArea(area).label for area in self.policy_areas]

    def get_sector_labels(self) -> list[str]:
        return [Sector(sector).label for sector in self.sectors]

    def get_ogp_value_labels(self) -> list[str]:
        return [OgpValue(value).label for value in self.ogp_values if value in OgpValue.values]

    @property
    def audit_member(self):
        return self.plan.member


class Milestone(RulesModel):
    """Annex 2, field 17: an output of the commitment with its dates and who is responsible."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    number = models.PositiveSmallIntegerField(_("milestone number"))
    output = _text(_("output"), _("What the milestone delivers."))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    responsible_agency = models.CharField(_("responsible agency"), max_length=200)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["commitment_id", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "number"], name="milestone_number_in_commitment"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="milestone_ends_after_start",
                violation_error_code="milestone.ends_before_start",
                violation_error_message=_("The milestone must not end before it starts."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="milestone_number_positive"),
            models.CheckConstraint(condition=~Q(output=""), name="milestone_has_output"),
        ]
        rules_permissions = {
            "view": is_plan_of_commitment_visible,
            "add": is_plan_of_commitment_editable,
            "change": is_plan_of_commitment_editable,
            "delete": is_plan_of_commitment_editable,
        }

    def __str__(self) -> str:
        return f"{self.commitment.number}.{self.number} {self.output[:60]}"

    @property
    def plan(self):
        return self.commitment.plan

    @property
    def audit_member(self):
        return self.commitment.plan.member


class ChangeKind(models.TextChoices):
    """LH §3.2.1.3: what a change to a submitted commitment does."""

    REMOVE = "remove", _("Remove the commitment")
    TIMELINE = "timeline", _("Change the timeline")
    MILESTONES = "milestones", _("Change milestones")
    OTHER = "other", _("Other change")


class CommitmentVersion(RulesModel):
    """A frozen version of a submitted commitment: every Annex 2 field and its milestones as JSON.
    Version 1 is the commitment as submitted with its plan; each change notice adds the next."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("snapshot"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    reason = models.TextField(_("reason"), max_length=TEXT_MAX_LENGTH)

    class Meta:
        verbose_name = _("commitment version")
        verbose_name_plural = _("commitment versions")
        ordering = ["commitment_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "number"], name="commitment_version_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="commitment_version_positive"),
        ]
        rules_permissions = {"view": is_plan_of_commitment_visible}

    def __str__(self) -> str:
        return f"{self.commitment} · v{self.number}"

    @property
    def plan(self):
        return self.commitment.plan


class ChangeNotice(RulesModel):
    """A change to a submitted commitment (LH §3.2.1.3), proposed by a point of contact with the
    record of the non-governmental stakeholders consulted and the decision process. It is
    communicated to the Support Unit (recorded and shown to staff), not approved."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        related_name="change_notices",
    )
    kind = models.CharField(_("kind of change"), max_length=20, choices=ChangeKind.choices)
    description = _text(_("what changes and why"))
    consulted = _text(
        _("non-governmental stakeholders consulted"),
        _("Who was consulted, when and how, and what they said."),
    )
    decision_process = _text(_("decision process"), _("How the change was decided, and by whom."))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_on = models.DateField(_("proposed on"))
    version = models.OneToOneField(
        CommitmentVersion,
        verbose_name=_("resulting version"),
        on_delete=models.PROTECT,
        related_name="change_notice",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("change notice")
        verbose_name_plural = _("change notices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ChangeKind.values), name="change_notice_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(consulted=""), name="change_notice_consulted"),
            models.CheckConstraint(
                condition=~Q(decision_process=""), name="change_notice_decision_process"
            ),
        ]
        rules_permissions = {"view": is_plan_of_commitment_visible}

    def __str__(self) -> str:
        return f"{self.commitment} · {self.get_kind_display()}"

    @property
    def plan(self):
        return self.commitment.plan

    @property
    def audit_member(self):
        return self.commitment.plan.member
