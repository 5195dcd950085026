"""factory_boy factories for the portal's core models, shared by every test package.

Users get a verified allauth e-mail address (e-mail verification is mandatory) and the password
`PASSWORD`. Traits: `UserFactory(staff=True)`, `UserFactory(staff=True, with_totp=True)` (TOTP
secret `TOTP_SECRET`; `ogplocal.accounts.demo.current_totp_code(TOTP_SECRET)` gives the code).
"""

import io
from datetime import date
from string import ascii_uppercase

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from django_countries import countries
from factory.django import DjangoModelFactory
from pypdf import PdfWriter

from members.models import (
    Application,
    ApplicationMessage,
    ApplicationState,
    ApplicationVersion,
    Call,
    CallStages,
    CallState,
    Coalition,
    CoalitionMembership,
    CommitteeMember,
    Contact,
    Country,
    Decision,
    DecisionOutcome,
    Jurisdiction,
    JurisdictionKind,
    JurisdictionTerm,
    Member,
    MemberStatus,
    OgpRegion,
    Organization,
    OrganizationKind,
    PointOfContact,
    Recusal,
    Review,
    Score,
    Signatory,
    SignatoryKind,
    TermCorrectionRequest,
)
from monitoring.models import MonitoringBody, MonitoringBodyReviewer, ReviewerRole
from ogplocal.accounts.models import User
from ogplocal.audit.models import AuditEvent
from ogplocal.audit.registry import member_of

PASSWORD = "correct-horse-battery-2026"


def pdf_file(pages: int = 1, name: str = "letter.pdf") -> ContentFile:
    """A valid PDF of `pages` blank A4 pages, as an uploaded-file-like object."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return ContentFile(buffer.getvalue(), name=name)


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


# --- selection (issue 18) ---------------------------------------------------------------------


class CallFactory(DjangoModelFactory):
    """An open one-stage call from 2026-10-01 to 2026-12-31 (`state=CallState.DRAFT`, ... for
    others; `stages=CallStages.TWO` needs a `stage1_closes_on`)."""

    class Meta:
        model = Call

    title = factory.Sequence(lambda n: f"Call for new members {n}")
    slug = factory.Sequence(lambda n: f"call-{n}")
    guidance = "Read the Handbook (LH §1.2) before applying."
    opens_on = date(2026, 10, 1)
    closes_on = date(2026, 12, 31)
    stages = CallStages.ONE
    stage1_closes_on = None
    first_plan_due_on = date(2027, 12, 31)
    state = CallState.OPEN
    decided_on = factory.LazyAttribute(
        lambda o: o.closes_on + relativedelta(months=1) if o.state == CallState.DECIDED else None
    )
    created_by = None


class CommitteeMemberFactory(DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    call = factory.SubFactory(CallFactory)
    user = factory.SubFactory(UserFactory)
    country = factory.SubFactory(CountryFactory)
    is_government = False
    invited_by = None
    invited_on = date(2026, 9, 15)


class ApplicationFactory(DjangoModelFactory):
    """A draft application of a new jurisdiction, every part filled except the letter (pass
    `letter=` a file) and the signatories (`SignatoryFactory`); `state=` another state sets the
    matching dates."""

    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    applicant = factory.SubFactory(UserFactory)
    state = ApplicationState.DRAFT
    jurisdiction = None
    jurisdiction_name = factory.Sequence(lambda n: f"Applicant City {n}")
    country = factory.SubFactory(CountryFactory)
    region = "Northern Province"
    kind = "city"
    population = 480_000
    has_elections = True
    term_ends_on = date(2029, 12, 31)
    lead_agency = "Mayor's Office of Open Government"
    senior_official_name = factory.Faker("name")
    senior_official_title = "Deputy Mayor"
    senior_official_email = factory.Sequence(lambda n: f"official{n}@city.example.org")
    contact_name = factory.Faker("name")
    contact_title = "Open Government Coordinator"
    contact_email = factory.Sequence(lambda n: f"poc{n}@city.example.org")
    stakeholders = "Civic Lab\nTransparency Network"
    answer_1 = "To open the city's budget to its residents."
    answer_2 = "An open data portal since 2022."
    answer_3 = "A multi-stakeholder forum meets every month."
    answer_4 = "The Mayor's Office of Open Government leads."
    answer_5 = "The Deputy Mayor has delegated authority."
    answer_6 = "Two staff members and a budget line."
    answer_7 = "Civic Lab and the Transparency Network co-chair the forum."
    answer_8 = "Participatory budgeting in every district."
    declared_english = True
    submitted_on = factory.LazyAttribute(
        lambda o: (
            None
            if o.state in (ApplicationState.DRAFT, ApplicationState.WITHDRAWN)
            else date(2026, 11, 2)
        )
    )
    decided_on = factory.LazyAttribute(
        lambda o: (
            date(2027, 1, 20)
            if o.state in (ApplicationState.ACCEPTED, ApplicationState.NOT_ACCEPTED)
            else None
        )
    )


class SignatoryFactory(DjangoModelFactory):
    """A non-governmental signatory with legal personality (`kind=SignatoryKind.HEAD_OF_
    GOVERNMENT, has_legal_personality=False, registration_number=""` for the government one)."""

    class Meta:
        model = Signatory

    application = factory.SubFactory(ApplicationFactory)
    name = factory.Faker("name")
    title = "Director"
    organization_name = factory.Sequence(lambda n: f"Civic Lab {n}")
    kind = SignatoryKind.NON_GOVERNMENTAL
    has_legal_personality = True
    registration_number = factory.Sequence(lambda n: f"REG-{n:05d}")


class ApplicationVersionFactory(DjangoModelFactory):
    class Meta:
        model = ApplicationVersion

    application = factory.SubFactory(ApplicationFactory, state=ApplicationState.SUBMITTED)
    number = 1
    submitted_at = factory.LazyFunction(timezone.now)
    submitted_on = date(2026, 11, 2)
    submitted_by = factory.LazyAttribute(lambda o: o.application.applicant)
    data = factory.LazyFunction(dict)
    letter_name = ""


class ApplicationMessageFactory(DjangoModelFactory):
    class Meta:
        model = ApplicationMessage

    application = factory.SubFactory(ApplicationFactory, state=ApplicationState.SUBMITTED)
    author = factory.SubFactory(UserFactory, staff=True)
    body = "Thank you for applying; we will write again after the committee meets."
    sent_at = factory.LazyFunction(timezone.now)


class RecusalFactory(DjangoModelFactory):
    class Meta:
        model = Recusal

    application = factory.SubFactory(ApplicationFactory, state=ApplicationState.SUBMITTED)
    committee_member = factory.SubFactory(
        CommitteeMemberFactory, call=factory.SelfAttribute("..application.call")
    )
    reason = "I advised this city's government last year."
    declared_on = date(2026, 11, 10)


class ReviewFactory(DjangoModelFactory):
    class Meta:
        model = Review

    application = factory.SubFactory(ApplicationFactory, state=ApplicationState.SUBMITTED)
    reviewer = factory.SubFactory(UserFactory)
    comment = "A strong, well-supported application."
    submitted_at = None


class ScoreFactory(DjangoModelFactory):
    class Meta:
        model = Score

    review = factory.SubFactory(ReviewFactory)
    point = 1
    score = 4
    comment = "Clear and specific."


class DecisionFactory(DjangoModelFactory):
    """A not-accepted decision (`outcome=DecisionOutcome.ACCEPTED, member=…` for an accepted)."""

    class Meta:
        model = Decision

    application = factory.SubFactory(ApplicationFactory, state=ApplicationState.NOT_ACCEPTED)
    outcome = DecisionOutcome.NOT_ACCEPTED
    reasons = "The term ends too soon for a first action plan."
    decided_by = factory.SubFactory(UserFactory, staff=True)
    decided_on = date(2027, 1, 20)
    national_contact = "The national OGP point of contact, ogp@gov.example.org"
    member = None


class CoalitionFactory(DjangoModelFactory):
    class Meta:
        model = Coalition

    name = factory.Sequence(lambda n: f"Coalition {n}")
    country = factory.SubFactory(CountryFactory)
    coordinator = factory.SubFactory(UserFactory)
    formed_on = date(2026, 6, 1)
    created_by = None


class CoalitionMembershipFactory(DjangoModelFactory):
    class Meta:
        model = CoalitionMembership

    coalition = factory.SubFactory(CoalitionFactory)
    member = factory.SubFactory(
        MemberFactory, jurisdiction__country=factory.SelfAttribute("...coalition.country")
    )


# --- action plans and commitments (issue 19) -----------------------------------------------


class ActionPlanFactory(DjangoModelFactory):
    """A draft plan of a single member, 2025-01-01 to 2026-12-31 (its jurisdiction's term ends
    2028-12-31 by default). `submitted=True` makes it a submitted version 1 with its version row."""

    class Meta:
        model = "actionplans.ActionPlan"
        skip_postgeneration_save = True

    class Params:
        submitted = factory.Trait(
            state="submitted",
            version=1,
            submitted_on=date(2024, 12, 15),
            declared_english=True,
            monitoring_body=factory.SubFactory(
                MonitoringBodyFactory,
                country=factory.SelfAttribute("..member.jurisdiction.country"),
            ),
        )

    member = factory.SubFactory(MemberFactory)
    coalition = None
    state = "draft"
    starts_on = date(2025, 1, 1)
    ends_on = date(2026, 12, 31)
    long_term_vision = "Every decision of the city is open to its residents."
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def with_version(self, create, extracted, **kwargs):
        """A submitted plan gets its version row unless `with_version=False`."""
        if extracted is False:
            return
        if create and self.state == "submitted" and not self.versions.exists():
            from actionplans.models import ActionPlanVersion

            ActionPlanVersion.objects.create(
                plan=self,
                number=self.version,
                snapshot={"title": str(self)},
                submitted_at=timezone.now(),
                submitted_on=self.submitted_on,
                submitted_by=self.created_by,
                reason="First version.",
            )


class EndorsingStakeholderFactory(DjangoModelFactory):
    class Meta:
        model = "actionplans.EndorsingStakeholder"

    plan = factory.SubFactory(ActionPlanFactory)
    organization_name = factory.Sequence(lambda n: f"Civic Network {n}")
    contact_name = "Ana Pereira"
    contact_email = "ana@civic.example.org"
    has_legal_personality = True


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = "commitments.Commitment"

    plan = factory.SubFactory(ActionPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Publish the city's contracts as open data ({n})")
    starts_on = factory.SelfAttribute("plan.starts_on")
    ends_on = factory.SelfAttribute("plan.ends_on")
    submitted_on = factory.SelfAttribute("plan.submitted_on")
    lead_agency = "Department of Finance"
    lead_contact_name = "Jo Smith"
    problem = "Contracts are hard to find."
    status_quo = "Contracts are published as scanned PDFs."
    action = "Publish every contract in the Open Contracting Data Standard."
    contribution = "Residents can follow public spending."
    policy_area = "open_contracting"
    sector = "public_services"
    ogp_values = factory.LazyFunction(lambda: ["transparency"])


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = "commitments.Milestone"

    commitment = factory.SubFactory(CommitmentFactory)
    number = factory.Sequence(lambda n: n + 1)
    output = "A first list of contracts published."
    starts_on = factory.SelfAttribute("commitment.starts_on")
    ends_on = factory.SelfAttribute("commitment.ends_on")
    responsible_agency = "Department of Finance"
    contact_name = "Jo Smith"


class ActionPlanVersionFactory(DjangoModelFactory):
    class Meta:
        model = "actionplans.ActionPlanVersion"

    plan = factory.SubFactory(ActionPlanFactory, submitted=True, with_version=False)
    number = factory.Sequence(lambda n: n + 2)
    snapshot = factory.LazyFunction(dict)
    submitted_at = factory.LazyFunction(timezone.now)
    submitted_on = date(2025, 6, 1)
    submitted_by = factory.SubFactory(UserFactory)
    reason = "Corrected the dates."


class MeetingFactory(DjangoModelFactory):
    """A co-creation meeting of a draft plan, with non-governmental participants."""

    class Meta:
        model = "actionplans.Meeting"

    plan = factory.SubFactory(ActionPlanFactory)
    held_on = date(2024, 11, 5)
    kind = "co_creation"
    forum = "Open government forum, city hall"
    government_organizations = "Department of Finance"
    government_count = 4
    non_governmental_organizations = "Transparency Now"
    non_governmental_count = 6
    recorded_by = factory.SubFactory(UserFactory)


class ContributionFactory(DjangoModelFactory):
    class Meta:
        model = "actionplans.Contribution"

    plan = factory.SubFactory(ActionPlanFactory)
    received_on = date(2024, 11, 6)
    contributor = "Transparency Now"
    summary = "Publish every contract within a week of signature."
    response = "amended"
    reasons = "Included, with a month instead of a week: the registry is updated monthly."
    recorded_by = factory.SubFactory(UserFactory)


# --- H2: monitoring (issue 20) -------------------------------------------------------------------


class AssessmentFactory(DjangoModelFactory):
    """A draft inception assessment of a submitted plan, by the plan's body."""

    class Meta:
        model = "monitoring.Assessment"

    plan = factory.SubFactory(ActionPlanFactory, submitted=True)
    body = factory.SelfAttribute("plan.monitoring_body")
    kind = "inception"
    created_by = factory.SubFactory(UserFactory)


class RequirementFindingFactory(DjangoModelFactory):
    class Meta:
        model = "monitoring.RequirementFinding"

    member = factory.SubFactory(MemberFactory)
    met = False
    reasons = "No meeting with non-governmental stakeholders during co-creation."
    evidence = "The plan's co-creation record."
    recorded_on = date(2025, 3, 1)
    recorded_by = factory.SubFactory(UserFactory, staff=True)


# --- H1: evidence repository (issue 19) ----------------------------------------------------------


class EvidenceFactory(DjangoModelFactory):
    """A link about a plan's process; `file=pdf_file()` with `url=""` for a file."""

    class Meta:
        model = "actionplans.Evidence"

    plan = factory.SubFactory(ActionPlanFactory)
    commitment = None
    evidence_type = "meeting_record"
    title = factory.Sequence(lambda n: f"Minutes of the forum meeting {n}")
    description = "Signed by the forum's co-chairs."
    dated_on = date(2024, 11, 5)
    url = "https://example.org/minutes.pdf"
    filed_by = factory.SubFactory(UserFactory)


class CommitmentVersionFactory(DjangoModelFactory):
    class Meta:
        model = "commitments.CommitmentVersion"

    commitment = factory.SubFactory(CommitmentFactory)
    number = factory.Sequence(lambda n: n + 1)
    snapshot = factory.LazyFunction(lambda: {"title": "Publish the city's contracts"})
    reason = "Submitted with the plan."


class ChangeNoticeFactory(DjangoModelFactory):
    class Meta:
        model = "commitments.ChangeNotice"

    commitment = factory.SubFactory(CommitmentFactory)
    kind = "timeline"
    description = "Two more months for the second milestone."
    consulted = "The open government forum, on 3 March."
    decision_process = "Agreed in the forum's plenary."
    proposed_by = factory.SubFactory(UserFactory)
    proposed_on = date(2025, 3, 10)
    version = factory.SubFactory(
        CommitmentVersionFactory, commitment=factory.SelfAttribute("..commitment"), number=2
    )


# --- H6 (issue 22): public comments and correction requests -----------------------------------


class CommentFactory(DjangoModelFactory):
    """A comment by a visitor without an account on a commitment of a submitted plan."""

    class Meta:
        model = "comments.Comment"

    target = factory.SubFactory(
        CommitmentFactory, plan=factory.SubFactory(ActionPlanFactory, submitted=True)
    )
    member = factory.LazyAttribute(lambda o: o.target.plan.member)
    author_name = "Rosa Díaz"
    author_email = factory.Sequence(lambda n: f"commenter{n}@example.org")
    body = "The contracts of March are still missing."


# --- H4 (issue 21): the daily job's records and the outbox ------------------------------------


class StatusChangeFactory(DjangoModelFactory):
    """A change to probation recorded by the job (RULES.md §6)."""

    class Meta:
        model = "tracker.StatusChange"

    member = factory.SubFactory(MemberFactory)
    effective_on = date(2026, 4, 1)
    status = "probation"
    voluntary = False
    rules = factory.LazyFunction(lambda: ["inactive.no_update", "probation.inactive_six_months"])
    reasons = factory.LazyFunction(
        lambda: [
            {
                "rule": "probation.inactive_six_months",
                "since": "2026-04-01",
                "handbook": "LH §4.2",
                "inactive_since": "2025-10-01",
                "revocation_on": "2026-08-01",
            }
        ]
    )
    kind = "change"
    recorded_on = factory.SelfAttribute("effective_on")


class StatusLetterFactory(DjangoModelFactory):
    """The letter of a status change, with a one-page PDF."""

    class Meta:
        model = "tracker.StatusLetter"

    change = factory.SubFactory(StatusChangeFactory)
    member = factory.SelfAttribute("change.member")
    dated_on = factory.SelfAttribute("change.effective_on")
    reference = factory.Sequence(lambda n: f"OGPL-S-TEST-{n}")
    revocation_on = date(2026, 8, 1)
    pdf = factory.LazyFunction(pdf_file)


class MemberEvaluationFactory(DjangoModelFactory):
    class Meta:
        model = "tracker.MemberEvaluation"

    member = factory.SubFactory(MemberFactory)
    evaluated_on = date(2026, 4, 1)
    next_evaluation_on = date(2026, 8, 1)


class OutboxMessageFactory(DjangoModelFactory):
    class Meta:
        model = "notifications.OutboxMessage"

    key = factory.Sequence(lambda n: f"test-message:{n}")
    kind = "status_letter"
    to = factory.Sequence(lambda n: f"recipient{n}@example.org")
    subject = "Your OGP Local status"
    body = "The status of your membership changed."


# --- H3: quarterly tracker updates and voluntary inactivity (issue 21) ---------------------------


class TrackerUpdateFactory(DjangoModelFactory):
    """An update of a submitted plan's commitment for 2025-Q1, with its version 1 (level limited,
    progress) unless `with_version=False`."""

    class Meta:
        model = "tracker.TrackerUpdate"
        skip_postgeneration_save = True

    commitment = factory.SubFactory(
        CommitmentFactory, plan=factory.SubFactory(ActionPlanFactory, submitted=True)
    )
    quarter_starts_on = date(2025, 1, 1)
    submitted_on = date(2025, 2, 10)
    submitted_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def with_version(self, create, extracted, **kwargs):
        if create and extracted is not False:
            TrackerUpdateVersionFactory(update=self, filed_on=self.submitted_on)


class TrackerUpdateVersionFactory(DjangoModelFactory):
    class Meta:
        model = "tracker.TrackerUpdateVersion"

    update = factory.SubFactory(TrackerUpdateFactory, with_version=False)
    number = 1
    filed_on = factory.SelfAttribute("update.submitted_on")
    filed_by = factory.SelfAttribute("update.submitted_by")
    completion_level = "limited"
    narrative = "The first contracts are online."
    next_steps = "Publish the rest by June."
    previous_level = "not_started"
    progress = True


class TrackerEvidenceFactory(DjangoModelFactory):
    class Meta:
        model = "tracker.Evidence"

    version = factory.SubFactory(TrackerUpdateVersionFactory)
    title = "Quarterly report"
    file = factory.LazyFunction(lambda: pdf_file(name="report.pdf"))
    original_name = "report.pdf"


class VoluntaryInactivityFactory(DjangoModelFactory):
    """A pending request for voluntary inactivity."""

    class Meta:
        model = "tracker.VoluntaryInactivity"

    member = factory.SubFactory(MemberFactory)
    starts_on = date(2025, 4, 1)
    ends_on = date(2025, 9, 30)
    reason = "Elections in May; the new administration takes office in July."
    requested_on = date(2025, 3, 1)
    requested_by = factory.SubFactory(UserFactory)


# --- H1 (session 4): monitoring — evidence of assessments, invitations, the reviewer pool -------


class AssessmentEvidenceFactory(DjangoModelFactory):
    """A PDF the assessment relies on; `file=""` with a `link` for a link."""

    class Meta:
        model = "monitoring.AssessmentEvidence"

    assessment = factory.SubFactory(AssessmentFactory)
    title = "Minutes of the forum"
    file = factory.LazyFunction(lambda: pdf_file(name="minutes.pdf"))
    original_name = "minutes.pdf"
    filed_by = factory.SelfAttribute("assessment.created_by")


class CommentInvitationFactory(DjangoModelFactory):
    class Meta:
        model = "monitoring.CommentInvitation"

    assessment = factory.SubFactory(AssessmentFactory)
    group = "non_governmental"
    name = "Civic Forum"
    email = "forum@civic.example"
    invited_on = date(2026, 3, 2)


class TrainedReviewerFactory(DjangoModelFactory):
    class Meta:
        model = "monitoring.TrainedReviewer"

    name = factory.Sequence(lambda n: f"Reviewer {n}")
    email = factory.Sequence(lambda n: f"reviewer{n}@pool.example")
    organization = "Open Cities Institute"
    trained_on = date(2025, 5, 20)
    training = "OGP Local reviewers, 2025"
    languages = "English, Spanish"
    ogp_region = "latin_america"
    is_available = True


class AssessmentCommentFactory(DjangoModelFactory):
    class Meta:
        model = "monitoring.AssessmentComment"

    assessment = factory.SubFactory(AssessmentFactory)
    group = "government"
    author_name = "Point of contact"
    body = "The forum also met online."
    submitted_on = date(2026, 3, 5)


class BodyEndorsementFactory(DjangoModelFactory):
    class Meta:
        model = "monitoring.BodyEndorsement"

    plan = factory.SubFactory(ActionPlanFactory, submitted=True)
    body = factory.SelfAttribute("plan.monitoring_body")
    stakeholder = factory.SubFactory(
        EndorsingStakeholderFactory, plan=factory.SelfAttribute("..plan")
    )
    endorsed_on = date(2026, 3, 2)
    recorded_by = factory.SubFactory(UserFactory)


class BodyAssignmentReviewFactory(DjangoModelFactory):
    class Meta:
        model = "monitoring.BodyAssignmentReview"

    plan = factory.SubFactory(ActionPlanFactory, submitted=True)
    body = factory.SelfAttribute("plan.monitoring_body")
    decision = "confirmed"
    reasons = "Independent of the city government; endorsed by the forum."
    decided_on = date(2026, 3, 2)
    decided_by = factory.SubFactory(UserFactory, staff=True)


class ReviewerIntroductionFactory(DjangoModelFactory):
    class Meta:
        model = "monitoring.ReviewerIntroduction"
        skip_postgeneration_save = True  # the hook sets a many-to-many: nothing to save again

    member = factory.SubFactory(MemberFactory)
    note = "Both reviewed plans in 2025."
    introduced_on = date(2026, 3, 2)
    introduced_by = factory.SubFactory(UserFactory, staff=True)

    @factory.post_generation
    def reviewers(self, create, extracted, **kwargs):
        if create:
            self.reviewers.set(extracted if extracted is not None else [TrainedReviewerFactory()])
