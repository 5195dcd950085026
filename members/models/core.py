"""Countries, jurisdictions, the organizations and people around them, and OGP Local members.

A Member here is a jurisdiction that has been accepted (LH §1); calls, applications and selection
are in `members.models.selection`, coalitions in `members.models.coalitions`.
"""

import unicodedata
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.db.models import Case, Q, Subquery, Value, When
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from rules import always_allow, always_deny
from rules.contrib.models import RulesModel

from members.rules import (
    can_edit_member_profile,
    is_point_of_contact_for_contact,
    is_point_of_contact_for_record,
)
from ogplocal.accounts.rules import is_support_unit
from tracker import engine

# Field limits: what no real record can hold. Forms and the admin take them from the fields; the
# CheckConstraints below make the same values impossible in the database.
EARLIEST_DATE = date(1990, 1, 1)  # OGP Local began in 2016; earlier dates are typing mistakes
MAX_POPULATION = 300_000_000  # more than any subnational jurisdiction on Earth
ABOUT_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 2000


def not_before_1990():
    return MinValueValidator(EARLIEST_DATE, _("Enter a date on or after %(limit_value)s."))


def fold_for_search(text: str) -> str:
    """`text` without accents and case, for accent-insensitive search ("Bogotá" → "bogota").

    Decomposes (NFKD) and drops the combining marks, so letters of other scripts stay as they are
    (a plain ASCII transliteration would erase Cyrillic or Georgian names).
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


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
    is_ogp_member_in_good_standing = models.BooleanField(
        _("OGP member in good standing"),
        default=True,
        help_text=_(
            "Kept by the Support Unit. Jurisdictions of a country that is not may not apply "
            "(LH §1.1)."
        ),
    )

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
    has_elections = models.BooleanField(
        _("has elections"),
        default=True,
        help_text=_(
            "Without elections, an action plan lasts one to four years instead of following "
            "the administration's term (LH §3.2)."
        ),
    )
    # Maintained by save(): the name and region folded by `fold_for_search`, so that the directory
    # finds "Bogotá" for "bogota" with one indexable LIKE on SQLite and PostgreSQL alike.
    search_name = models.CharField(
        _("search name"), max_length=401, default="", editable=False, db_index=True
    )

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(population__isnull=True) | Q(population__lte=MAX_POPULATION),
                name="jurisdiction_population_plausible",
            ),
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

    def save(self, *args, **kwargs):
        self.search_name = fold_for_search(f"{self.name} {self.region}".strip())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "region"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)


class JurisdictionTermQuerySet(models.QuerySet):
    def in_force(self, *, as_of: date) -> "JurisdictionTermQuerySet":
        """Records known on `as_of`, the one in force first: the latest recorded on or before it."""
        return self.filter(recorded_on__lte=as_of).order_by("-recorded_on", "-pk")


class JurisdictionTerm(RulesModel):
    """The end of a jurisdiction's administration's term, as the Support Unit recorded it.

    The term decides eligibility (at least 16 months left on the application date, LH §1.1) and
    the latest end of an action plan (2 months before the term ends, LH §3.2), so it is a dated
    record, never edited in place: a correction is a new record with a reason that supersedes the
    earlier one from its `recorded_on`. Written only by `members.services.record_term` (Support
    Unit), possibly applying a point of contact's `TermCorrectionRequest`.

    Later filings (applications, action plans) keep a foreign key to the record they were judged
    against (`members.selectors.term_on(jurisdiction, as_of)`), so a later correction does not
    silently change why an application was eligible or a plan's end accepted.
    """

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="terms",
    )
    ends_on = models.DateField(
        _("term ends on"),
        validators=[not_before_1990()],
        help_text=_("The last day of the administration's term (LH §1.1, §3.2)."),
    )
    recorded_on = models.DateField(
        _("recorded on"),
        validators=[not_before_1990()],
        help_text=_("From this day on, this record is the term in force."),
    )
    reason = models.TextField(
        _("reason"),
        max_length=REASON_MAX_LENGTH,
        validators=[MaxLengthValidator(REASON_MAX_LENGTH)],
        help_text=_("Where the date comes from, e.g. the electoral calendar."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for records carried over from before terms had a history."),
    )

    objects = JurisdictionTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("term of office")
        verbose_name_plural = _("terms of office")
        ordering = ["jurisdiction__name", "-recorded_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=EARLIEST_DATE) & Q(recorded_on__gte=EARLIEST_DATE),
                name="jurisdiction_term_dates_plausible",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="jurisdiction_term_has_reason"),
        ]
        rules_permissions = {
            "view": always_allow,
            "add": is_support_unit,
            # Nothing recorded is edited or deleted: a new record supersedes it.
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.jurisdiction} · {self.ends_on.isoformat()}"


class TermCorrectionState(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPLIED = "applied", _("Applied")
    DECLINED = "declined", _("Declined")


class TermCorrectionRequest(RulesModel):
    """A point of contact's request to correct the recorded end of the term, with their evidence.

    The Support Unit applies it (a new `JurisdictionTerm`) or declines it, with a reason, through
    `members.services.decide_term_correction`.
    """

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="term_correction_requests",
    )
    proposed_ends_on = models.DateField(
        _("proposed end of the term"), validators=[not_before_1990()]
    )
    note = models.TextField(
        _("note"),
        max_length=REASON_MAX_LENGTH,
        validators=[MaxLengthValidator(REASON_MAX_LENGTH)],
        help_text=_("Why the recorded date is wrong, and where the right one can be checked."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_on = models.DateField(_("requested on"))
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=TermCorrectionState.choices,
        default=TermCorrectionState.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_reason = models.TextField(
        _("reason for the decision"),
        blank=True,
        max_length=REASON_MAX_LENGTH,
        validators=[MaxLengthValidator(REASON_MAX_LENGTH)],
    )
    applied_term = models.OneToOneField(
        JurisdictionTerm,
        verbose_name=_("term recorded"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction_request",
    )

    class Meta:
        verbose_name = _("term correction request")
        verbose_name_plural = _("term correction requests")
        ordering = ["-requested_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction"],
                condition=Q(state="pending"),
                name="term_correction_one_pending_per_jurisdiction",
            ),
            models.CheckConstraint(
                condition=Q(state__in=TermCorrectionState.values),
                name="term_correction_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(state="pending")
                | (Q(decided_on__isnull=False) & ~Q(decision_reason="")),
                name="term_correction_decided_with_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state="applied") | Q(applied_term__isnull=False),
                name="term_correction_applied_has_term",
            ),
            models.CheckConstraint(
                condition=Q(proposed_ends_on__gte=EARLIEST_DATE),
                name="term_correction_date_plausible",
            ),
        ]
        rules_permissions = {
            "view": is_support_unit,
            "add": is_support_unit,
            "change": is_support_unit,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.jurisdiction} · {self.proposed_ends_on.isoformat()}"


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


class MemberQuerySet(models.QuerySet):
    def page_of(self, slug: str) -> "MemberQuerySet":
        """The membership shown at `/members/<slug>/` (the jurisdiction's slug): the one that is
        not revoked, else the latest to have joined. At most one row."""
        current = (
            Member.objects.filter(jurisdiction__slug=slug)
            .annotate(
                is_revoked=Case(When(status=MemberStatus.REVOKED, then=Value(1)), default=Value(0))
            )
            .order_by("is_revoked", "-joined_on", "-pk")
            .values("pk")[:1]
        )
        return self.filter(pk=Subquery(current))


class Member(RulesModel):
    """A jurisdiction's membership of OGP Local, from its acceptance (LH §1).

    A revoked jurisdiction may apply and join again: it then has several memberships, at most one
    of them not revoked. Its page, `/members/<jurisdiction slug>/`, shows the current one.

    `joined_on`, `first_plan_due_on` and the extension are the engine's inputs: they change only
    through the services in `members.services` (with a reason, audited), never in a form.
    """

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    joined_on = models.DateField(_("joined on"), validators=[not_before_1990()])
    first_plan_due_on = models.DateField(
        _("first action plan due on"),
        validators=[not_before_1990()],
        help_text=_("The first action plan is due by this date (LH §4.1(1))."),
    )
    extension_until = models.DateField(
        _("extension until"),
        null=True,
        blank=True,
        validators=[not_before_1990()],
        help_text=_(
            "An extension of the first-plan deadline the Support Unit granted a member that has "
            "begun co-creation (RULES.md §2)."
        ),
    )
    extension_granted_on = models.DateField(
        _("extension granted on"),
        null=True,
        blank=True,
        validators=[not_before_1990()],
        help_text=_(
            "The day the Support Unit granted the extension: the daily job knows it from then on "
            "(RULES.md §6). Empty for extensions recorded before this date was kept."
        ),
    )
    extension_reason = models.TextField(
        _("reason for the extension"),
        blank=True,
        max_length=REASON_MAX_LENGTH,
        validators=[MaxLengthValidator(REASON_MAX_LENGTH)],
    )
    website = models.URLField(
        _("website"),
        blank=True,
        validators=[
            URLValidator(
                schemes=["http", "https"],
                message=_("Enter a full web address starting with https:// or http://."),
            )
        ],
    )
    about = models.TextField(
        _("about"),
        blank=True,
        max_length=ABOUT_MAX_LENGTH,
        validators=[MaxLengthValidator(ABOUT_MAX_LENGTH)],
        help_text=_("A short public description of the member."),
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

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["jurisdiction__name", "-joined_on"]
        constraints = [
            # A revoked jurisdiction may join again; two live memberships of one jurisdiction
            # would make its page, its deadlines and its letters ambiguous.
            models.UniqueConstraint(
                fields=["jurisdiction"],
                condition=~Q(status=MemberStatus.REVOKED),
                name="member_one_unrevoked_per_jurisdiction",
            ),
            models.CheckConstraint(
                condition=Q(joined_on__gte=EARLIEST_DATE), name="member_joined_on_plausible"
            ),
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
                condition=Q(extension_granted_on__isnull=True)
                | (
                    Q(extension_until__isnull=False)
                    & Q(extension_granted_on__gte=models.F("joined_on"))
                ),
                name="member_extension_granted_after_joining",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("about"), ABOUT_MAX_LENGTH),
                name="member_about_length",
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
    def slug(self) -> str:
        """The page's address: the jurisdiction's slug (one page for all its memberships)."""
        return self.jurisdiction.slug

    @property
    def is_revoked(self) -> bool:
        return self.status == MemberStatus.REVOKED

    @cached_property
    def other_memberships(self) -> list["Member"]:
        """The jurisdiction's other memberships (earlier ones, revoked), latest first."""
        return list(
            Member.objects.filter(jurisdiction_id=self.jurisdiction_id)
            .exclude(pk=self.pk)
            .order_by("-joined_on", "-pk")
        )

    @cached_property
    def term_history(self) -> list["JurisdictionTerm"]:
        """The jurisdiction's term records, the latest (the one in force) first."""
        return list(
            JurisdictionTerm.objects.filter(jurisdiction_id=self.jurisdiction_id)
            .select_related("correction_request")
            .order_by("-recorded_on", "-pk")
        )

    @property
    def current_term(self) -> "JurisdictionTerm | None":
        return self.term_history[0] if self.term_history else None

    @cached_property
    def pending_term_correction(self) -> "TermCorrectionRequest | None":
        return TermCorrectionRequest.objects.filter(
            jurisdiction_id=self.jurisdiction_id, state=TermCorrectionState.PENDING
        ).first()


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
