"""Countries, jurisdictions, the organizations and people around them, and OGP Local members.

Applications, calls and selection arrive in a later issue; a Member here is a jurisdiction that
has already been accepted (LH §1).
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from rules import always_allow
from rules.contrib.models import RulesModel

from members.rules import (
    can_edit_member_profile,
    is_point_of_contact_for_contact,
    is_point_of_contact_for_record,
)
from ogplocal.accounts.rules import is_support_unit
from tracker import engine

_PUBLIC_RECORD = {
    "view": always_allow,
    "add": is_support_unit,
    "change": is_support_unit,
    "delete": is_support_unit,
}


class OgpRegion(models.TextChoices):
    AFRICA_MIDDLE_EAST = "africa_middle_east", _("Africa and the Middle East")
    ASIA_PACIFIC = "asia_pacific", _("Asia and the Pacific")
    EUROPE = "europe", _("Europe")
    LATIN_AMERICA = "latin_america", _("Latin America and the Caribbean")
    NORTH_AMERICA = "north_america", _("North America")


class Country(RulesModel):
    name = models.CharField(_("name"), max_length=100, unique=True)
    iso_code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters (ISO 3166-1 alpha-2)."))],
        help_text=_("ISO 3166-1 alpha-2, e.g. AR."),
    )
    ogp_region = models.CharField(_("OGP region"), max_length=30, choices=OgpRegion.choices)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ogp_region__in=OgpRegion.values), name="country_ogp_region_valid"
            ),
        ]
        rules_permissions = _PUBLIC_RECORD

    def __str__(self) -> str:
        # The name in the active language from django-countries' catalogues; the stored English
        # name for a code it does not know (ISO's user-assigned codes, used by tests).
        return countries.name(self.iso_code) or self.name


class JurisdictionKind(models.TextChoices):
    CITY = "city", _("City")
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY = "county", _("County")
    DISTRICT = "district", _("District")
    STATE = "state", _("State")
    PROVINCE = "province", _("Province")
    REGION = "region", _("Region")
    OTHER = "other", _("Other")


class Jurisdiction(RulesModel):
    """A local government (city, county, province, ...) of a country (LH §1)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="jurisdictions",
    )
    region = models.CharField(
        _("region"),
        max_length=200,
        blank=True,
        help_text=_("The larger area it lies in, e.g. its province or state."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=JurisdictionKind.choices)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    has_elections = models.BooleanField(
        _("has elections"),
        default=True,
        help_text=_(
            "Without elections, an action plan lasts one to four years instead of following "
            "the administration's term (LH §3.2)."
        ),
    )
    term_ends_on = models.DateField(
        _("current term ends on"),
        null=True,
        blank=True,
        help_text=_("The last day of the current administration's term (LH §1.1, §3.2)."),
    )

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"], name="jurisdiction_unique_name_in_country"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=JurisdictionKind.values), name="jurisdiction_kind_valid"
            ),
        ]
        rules_permissions = _PUBLIC_RECORD

    def __str__(self) -> str:
        return self.name


class OrganizationKind(models.TextChoices):
    GOVERNMENT_AGENCY = "government_agency", _("Government agency")
    NON_GOVERNMENTAL = "non_governmental", _("Non-governmental organization")


class Organization(RulesModel):
    """A government agency or a non-governmental stakeholder (LH §2.1, §2.2)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganizationKind.choices)
    has_legal_personality = models.BooleanField(
        _("has legal personality"),
        default=False,
        help_text=_(
            "Legally registered. A non-governmental signatory of a Letter of Support must be "
            "(LH §1.2, note 1)."
        ),
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        help_text=_("Empty for a national or international organization."),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"], name="organization_unique_name_in_country"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=OrganizationKind.values), name="organization_kind_valid"
            ),
        ]
        rules_permissions = _PUBLIC_RECORD

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.jurisdiction_id
            and self.country_id
            and self.jurisdiction.country_id != self.country_id
        ):
            raise ValidationError(
                {"jurisdiction": _("The jurisdiction must lie in the organization's country.")}
            )


class Contact(RulesModel):
    """A person the Support Unit keeps in touch with. Names are public; e-mail and phone are not."""

    full_name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        help_text=_("The person's account on the portal, if they have one."),
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["full_name"]
        rules_permissions = {
            "view": is_support_unit | is_point_of_contact_for_contact,
            "add": is_support_unit,
            "change": is_support_unit,
            "delete": is_support_unit,
        }

    def __str__(self) -> str:
        return self.full_name

    def member_ids(self) -> frozenset[int]:
        """The members this person belongs to: through a point-of-contact record naming them,
        or through their organization's jurisdiction."""
        return frozenset(
            Member.objects.filter(
                Q(points_of_contact__contact=self) | Q(jurisdiction__organizations__contacts=self)
            ).values_list("pk", flat=True)
        )


class MemberStatus(models.TextChoices):
    """The tracker engine's statuses (RULES.md §2), named once, in the engine."""

    ACTIVE = engine.ACTIVE, _("Active")
    INACTIVE = engine.INACTIVE, _("Inactive")
    PROBATION = engine.PROBATION, _("Probation")
    REVOKED = engine.REVOKED, _("Revoked")


class Member(RulesModel):
    """A jurisdiction accepted into OGP Local."""

    jurisdiction = models.OneToOneField(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="member",
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    joined_on = models.DateField(_("joined on"))
    first_plan_due_on = models.DateField(
        _("first action plan due on"),
        help_text=_("The first action plan is due by this date (LH §4.1(1))."),
    )
    extension_until = models.DateField(
        _("extension until"),
        null=True,
        blank=True,
        help_text=_(
            "An extension of the first-plan deadline the Support Unit granted a member that has "
            "begun co-creation (RULES.md §2)."
        ),
    )
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    website = models.URLField(_("website"), blank=True)
    about = models.TextField(
        _("about"), blank=True, help_text=_("A short public description of the member.")
    )

    # Materialized by the daily rules job from the tracker engine; never edited by hand.
    status = models.CharField(
        _("status"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    status_voluntary = models.BooleanField(
        _("voluntary inactivity"),
        default=False,
        help_text=_("Inactive at the member's own request (LH §4.1). Filled by the rules job."),
    )
    status_since = models.DateField(
        _("status since"), null=True, blank=True, help_text=_("Filled by the rules job.")
    )
    status_evaluated_on = models.DateField(
        _("status evaluated on"), null=True, blank=True, help_text=_("Filled by the rules job.")
    )

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["jurisdiction__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_plan_due_on__gte=models.F("joined_on")),
                name="member_first_plan_due_after_joining",
            ),
            models.CheckConstraint(
                condition=Q(extension_until__isnull=True)
                | Q(extension_until__gt=models.F("first_plan_due_on")),
                name="member_extension_after_first_plan_due",
            ),
            models.CheckConstraint(
                condition=Q(extension_until__isnull=True) | ~Q(extension_reason=""),
                name="member_extension_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status__in=MemberStatus.values), name="member_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status_voluntary=False) | Q(status=MemberStatus.INACTIVE),
                name="member_voluntary_only_when_inactive",
            ),
        ]
        rules_permissions = {
            "view": always_allow,
            "add": is_support_unit,
            "change": can_edit_member_profile,
            "delete": is_support_unit,
        }

    def __str__(self) -> str:
        return self.jurisdiction.name

    @property
    def name(self) -> str:
        return self.jurisdiction.name

    @property
    def first_plan_deadline_on(self) -> date:
        """The day the first plan is due, counting the extension (RULES.md §3, `first_plan`)."""
        return self.extension_until or self.first_plan_due_on


class PointOfContactQuerySet(models.QuerySet):
    def current(self, *, as_of: date) -> "PointOfContactQuerySet":
        """Records in force on `as_of` (`ends_on` is the last day in the role)."""
        return self.filter(Q(starts_on__lte=as_of), Q(ends_on__isnull=True) | Q(ends_on__gte=as_of))


class PointOfContact(RulesModel):
    """A person coordinating a member's OGP Local work (LH §2.1).

    One person can be the point of contact of several members: a joint action plan has one point
    of contact for all its jurisdictions (LH §3.4).
    """

    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="points_of_contact",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="points_of_contact",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="points_of_contact",
        help_text=_("The public name, title and phone shown on the member's page."),
    )
    is_primary = models.BooleanField(_("primary"), default=False)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("The last day in the role.")
    )

    objects = PointOfContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("point of contact")
        verbose_name_plural = _("points of contact")
        ordering = ["member__jurisdiction__name", "-is_primary", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "user"],
                condition=Q(ends_on__isnull=True),
                name="point_of_contact_unique_open_per_member",
            ),
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(is_primary=True, ends_on__isnull=True),
                name="point_of_contact_one_open_primary_per_member",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="point_of_contact_ends_after_start",
            ),
        ]
        rules_permissions = {
            "view": is_support_unit | is_point_of_contact_for_record,
            "add": is_support_unit,
            "change": is_support_unit,
            "delete": is_support_unit,
        }

    def __str__(self) -> str:
        return f"{self.user} · {self.member}"

    @property
    def public_name(self) -> str:
        """The name shown to the public; never the e-mail address, which is private."""
        if self.contact_id:
            return self.contact.full_name
        return self.user.full_name
