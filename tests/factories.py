"""factory_boy factories for the portal's core models, shared by every test package.

Users get a verified allauth e-mail address (e-mail verification is mandatory) and the password
`PASSWORD`. Traits: `UserFactory(staff=True)`, `UserFactory(staff=True, with_totp=True)` (TOTP
secret `TOTP_SECRET`; `ogplocal.accounts.demo.current_totp_code(TOTP_SECRET)` gives the code).
"""

from datetime import date
from string import ascii_uppercase

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_countries import countries
from factory.django import DjangoModelFactory

from members.models import (
    Contact,
    Country,
    Jurisdiction,
    JurisdictionKind,
    JurisdictionTerm,
    Member,
    MemberStatus,
    OgpRegion,
    Organization,
    OrganizationKind,
    PointOfContact,
    TermCorrectionRequest,
)
from monitoring.models import MonitoringBody, MonitoringBodyReviewer, ReviewerRole
from ogplocal.accounts.models import User
from ogplocal.audit.models import AuditEvent
from ogplocal.audit.registry import member_of

PASSWORD = "correct-horse-battery-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        staff = factory.Trait(is_staff=True)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    is_active = True
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """The allauth address of the login e-mail; `verified_email=False` leaves it unverified."""
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )

    @factory.post_generation
    def with_totp(self, create, extracted, **kwargs):
        """`with_totp=True`: a TOTP authenticator (allauth.mfa) with the secret TOTP_SECRET."""
        if create and extracted:
            Authenticator.objects.create(
                user=self, type=Authenticator.Type.TOTP, data={"secret": encrypt(TOTP_SECRET)}
            )


# Codes no real country has (ISO 3166's user-assigned AA, QM-QZ, XA-XZ, ZZ first, then every
# other pair django-countries does not know): a generated country never collides with one a test
# names explicitly ("ES"), and shows its own name ("Country 7") in every language.
UNASSIGNED_ISO_CODES = [
    code
    for code in dict.fromkeys(
        ["AA", "ZZ"]
        + [f"Q{chr(c)}" for c in range(ord("M"), ord("Z") + 1)]
        + [f"X{chr(c)}" for c in range(ord("A"), ord("Z") + 1)]
        + [a + b for a in ascii_uppercase for b in ascii_uppercase]
    )
    if code not in countries
]


class CountryFactory(DjangoModelFactory):
    """A new country, never an existing one: asking for a code that is already in the database
    fails loudly instead of handing back that country with another name or region."""

    class Meta:
        model = Country

    iso_code = factory.Sequence(lambda n: UNASSIGNED_ISO_CODES[n % len(UNASSIGNED_ISO_CODES)])
    name = factory.Sequence(lambda n: f"Country {n}")
    ogp_region = OgpRegion.LATIN_AMERICA

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        existing = model_class.objects.filter(iso_code=kwargs["iso_code"]).first()
        if existing is not None:
            raise ValueError(
                f"CountryFactory: {kwargs['iso_code']} already exists ({existing.name!r}); "
                "pass that country to the factories that need it instead of creating it again"
            )
        return super()._create(model_class, *args, **kwargs)


class JurisdictionFactory(DjangoModelFactory):
    class Meta:
        model = Jurisdiction
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Jurisdiction {n}")
    slug = factory.Sequence(lambda n: f"jurisdiction-{n}")
    country = factory.SubFactory(CountryFactory)
    region = "Central Province"
    kind = JurisdictionKind.CITY
    population = 250_000
    has_elections = True

    @factory.post_generation
    def term_ends_on(self, create, extracted, **kwargs):
        """A term record ending on `term_ends_on` (2028-12-31 unless given; False: none), recorded
        on 2016-01-01 so that it is in force on any date a test picks."""
        if create and extracted is not False:
            JurisdictionTerm.objects.create(
                jurisdiction=self,
                ends_on=extracted or date(2028, 12, 31),
                recorded_on=date(2016, 1, 1),
                reason="Electoral calendar.",
            )


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    kind = OrganizationKind.NON_GOVERNMENTAL
    has_legal_personality = True
    jurisdiction = factory.SubFactory(JurisdictionFactory)
    country = factory.LazyAttribute(
        lambda o: o.jurisdiction.country if o.jurisdiction else CountryFactory()
    )
    website = "https://civic.example.org/"


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    full_name = factory.Faker("name")
    title = "Open Government Coordinator"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = factory.Sequence(lambda n: f"+54 11 5555 {n:04d}")
    organization = None
    user = None


class MemberFactory(DjangoModelFactory):
    class Meta:
        model = Member

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    joined_on = date(2024, 2, 1)
    first_plan_due_on = factory.LazyAttribute(lambda o: o.joined_on + relativedelta(months=6))
    extension_until = None
    extension_reason = ""
    website = "https://opengov.example.org/"
    about = "An open local government."
    status = MemberStatus.ACTIVE
    status_since = factory.LazyAttribute(lambda o: o.joined_on)


class PointOfContactFactory(DjangoModelFactory):
    """A current point of contact; its contact card names the same person as the account."""

    class Meta:
        model = PointOfContact

    member = factory.SubFactory(MemberFactory)
    user = factory.SubFactory(UserFactory)
    contact = factory.SubFactory(
        ContactFactory,
        full_name=factory.SelfAttribute("..user.full_name"),
        user=factory.SelfAttribute("..user"),
    )
    is_primary = False
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - relativedelta(years=1))
    ends_on = None


class MonitoringBodyFactory(DjangoModelFactory):
    class Meta:
        model = MonitoringBody

    name = factory.Sequence(lambda n: f"Monitoring Body {n}")
    slug = factory.Sequence(lambda n: f"monitoring-body-{n}")
    country = factory.SubFactory(CountryFactory)
    organization = None
    is_active = True


class MonitoringBodyReviewerFactory(DjangoModelFactory):
    class Meta:
        model = MonitoringBodyReviewer

    body = factory.SubFactory(MonitoringBodyFactory)
    user = factory.SubFactory(UserFactory)
    role = ReviewerRole.REVIEWER
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - relativedelta(years=1))
    ends_on = None


class TermCorrectionRequestFactory(DjangoModelFactory):
    """A pending request of a point of contact to correct the end of the term."""

    class Meta:
        model = TermCorrectionRequest

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    proposed_ends_on = date(2029, 6, 30)
    note = "The electoral authority moved the elections."
    requested_by = factory.SubFactory(UserFactory)
    requested_on = date(2026, 11, 2)


class AuditEventFactory(DjangoModelFactory):
    """An event about `target` (a member by default)."""

    class Meta:
        model = AuditEvent
        exclude = ("target",)

    target = factory.SubFactory(MemberFactory)
    actor = factory.SubFactory(UserFactory)
    verb = "member.profile_updated"
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.target))
    object_id = factory.LazyAttribute(lambda o: str(o.target.pk))
    object_repr = factory.LazyAttribute(lambda o: str(o.target)[:200])
    # Whose history the event is in, derived as record_event does.
    member = factory.LazyAttribute(lambda o: member_of(o.target))
    before = factory.LazyFunction(lambda: {"about": "Before."})
    after = factory.LazyFunction(lambda: {"about": "After."})
    reason = "Keeping the profile current."
    at = factory.LazyFunction(timezone.now)
