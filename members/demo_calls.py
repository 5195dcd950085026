"""The calls of the demo world (`seed_demo`): a decided past call with its results, and an open
call with applications in every state (draft, submitted, shortlisted, accepted, not accepted,
withdrawn), plus the applicant login whose draft a newcomer can continue.

Idempotent: calls by slug, applications by (call, applicant). The states are written as the
services would leave them (dates, versions, audit events are not replayed): this is seed data,
and `members.services_calls` is exercised by the tests and the browser. Decisions (and their
letters) on the accepted and not-accepted applications are added by the decisions demo.
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile
from django.utils import timezone

from members.models import (
    Application,
    ApplicationMessage,
    ApplicationState,
    ApplicationVersion,
    Call,
    CallStages,
    CallState,
    Jurisdiction,
    JurisdictionKind,
    Signatory,
    SignatoryKind,
)
from members.services_calls import SNAPSHOT_FIELDS
from ogplocal.accounts.demo import DEMO_EMAIL_DOMAIN
from ogplocal.audit.services import snapshot
from ogplocal.documents.render import render_pdf

K = JurisdictionKind
S = ApplicationState
D = date

APPLICANT_EMAIL = f"applicant@{DEMO_EMAIL_DOMAIN}"
PAST_CALL_SLUG = "call-for-new-members-2024"
OPEN_CALL_SLUG = "call-for-new-members-2026"

GUIDANCE = (
    "OGP Local welcomes applications from local governments of OGP member countries in good "
    "standing (OGP Local Handbook, section 1.1).\n\n"
    "Apply with a Letter of Support of at most three pages, in English, answering the eight "
    "points of section 1.2, signed by the head of the local government (or a senior official "
    "with delegated authority) and by at least one non-governmental stakeholder with legal "
    "personality.\n\n"
    "Questions: write to the Support Unit at local@opengovpartnership.example.org. The Handbook: "
    "https://www.opengovpartnership.org/ogp-local/"
)

# The past call's applications from jurisdictions that did not join: (slug, name, country,
# kind, region, population, final state).
PAST_OTHERS = [
    ("kisumu-county", "Kisumu County", "KE", K.COUNTY, "Nyanza", 1_155_574, S.NOT_ACCEPTED),
    ("cebu-city", "Cebu City", "PH", K.CITY, "Central Visayas", 964_169, S.NOT_ACCEPTED),
    ("porto-alegre", "Porto Alegre", "BR", K.CITY, "Rio Grande do Sul", 1_332_570, S.WITHDRAWN),
]
# The open call's applications: (slug, name, country, kind, region, population, state).
OPEN_APPLICATIONS = [
    ("medellin", "Medellín", "CO", K.DISTRICT, "Antioquia", 2_573_220, S.SUBMITTED),
    ("mombasa-county", "Mombasa County", "KE", K.COUNTY, "Coast", 1_208_333, S.SUBMITTED),
    ("lyon", "Lyon", "FR", K.CITY, "Auvergne-Rhône-Alpes", 522_250, S.SUBMITTED),
    ("davao-city", "Davao City", "PH", K.CITY, "Davao Region", 1_776_949, S.SUBMITTED),
    ("valparaiso", "Valparaíso", "CL", K.MUNICIPALITY, "Valparaíso Region", 296_655, S.SHORTLISTED),
    ("incheon", "Incheon", "KR", K.CITY, "", 2_967_314, S.SHORTLISTED),
    ("guadalajara", "Guadalajara", "MX", K.MUNICIPALITY, "Jalisco", 1_385_629, S.ACCEPTED),
    ("kumasi", "Kumasi", "GH", K.CITY, "Ashanti Region", 443_981, S.NOT_ACCEPTED),
    ("batumi", "Batumi", "GE", K.CITY, "Adjara", 169_095, S.WITHDRAWN),
]
# The demo applicant's own draft, half done: the jurisdiction and people filled, some answers.
DRAFT = ("rosario", "Rosario", "AR", K.CITY, "Santa Fe Province", 1_348_725)

ANSWERS = {
    1: "{name} commits to the OGP values of transparency, participation and accountability, "
    "and meets the eligibility criteria of the Handbook.",
    2: "Joining OGP Local gives {name} a co-creation method, peers to learn from and an "
    "independent assessment of its reforms.",
    3: "Open contracting, participatory budgeting and open data on public services.",
    4: "The Open Government Office leads with two officials; the Civic Lab and the Transparency "
    "Network co-chair the multi-stakeholder forum.",
    5: "In 2024 {name} co-created its open data policy with civil society and published its "
    "budget in open formats.",
    6: "Participatory budgeting and the publication of public works contracts.",
    7: "{name} will join the thematic circles and host a peer exchange each year.",
    8: "Through the national association of municipalities and a regional open government network.",
}


def applicant_people() -> dict[str, tuple[str, bool]]:
    """The applicants' accounts, {e-mail: (full name, is_staff)}, for `_ensure_users`."""
    people = {APPLICANT_EMAIL: ("Lucía Fernández", False)}
    for slug, name, *_rest in [*PAST_OTHERS, *OPEN_APPLICATIONS]:
        people[f"applicant.{slug}@{DEMO_EMAIL_DOMAIN}"] = (f"Open Government Office, {name}", False)
    return people


def seed_calls_demo(*, countries, users, members, staff, as_of: date) -> str:
    """Create or refresh the demo calls and applications; return the applicant's login."""
    letter = render_pdf("calls/demo_letter_of_support.html", {})
    past = _ensure_call(
        PAST_CALL_SLUG,
        title="Call for new members 2024",
        opens_on=D(2024, 1, 15),
        closes_on=D(2024, 3, 31),
        first_plan_due_on=D(2024, 12, 3),
        state=CallState.DECIDED,
        decided_on=D(2024, 5, 20),
        staff=staff,
    )
    # The members who joined in June 2024 were accepted in the 2024 call, applying with the
    # account they now use as points of contact.
    for member in members.values():
        if not (D(2024, 6, 1) <= member.joined_on <= D(2024, 6, 30)):
            continue
        jurisdiction = member.jurisdiction
        point_of_contact = member.points_of_contact.filter(is_primary=True).first()
        applicant = point_of_contact.user if point_of_contact else staff
        _ensure_application(
            past,
            applicant,
            (
                jurisdiction.slug,
                jurisdiction.name,
                jurisdiction.country.iso_code,
                jurisdiction.kind,
                jurisdiction.region,
                jurisdiction.population,
            ),
            S.ACCEPTED,
            countries=countries,
            letter=letter,
            submitted_on=D(2024, 3, 20),
            jurisdiction=jurisdiction,
        )
    for slug, *details, state in PAST_OTHERS:
        _ensure_application(
            past,
            users[f"applicant.{slug}@{DEMO_EMAIL_DOMAIN}"],
            (slug, *details),
            state,
            countries=countries,
            letter=letter,
            submitted_on=D(2024, 3, 25),
        )

    opens_on = as_of - relativedelta(days=21)
    closes_on = as_of + relativedelta(days=45)
    current = _ensure_call(
        OPEN_CALL_SLUG,
        title="Call for new members 2026",
        opens_on=opens_on,
        closes_on=closes_on,
        first_plan_due_on=closes_on + relativedelta(months=8),
        state=CallState.OPEN,
        decided_on=None,
        staff=staff,
    )
    for index, (slug, *details, state) in enumerate(OPEN_APPLICATIONS):
        application = _ensure_application(
            current,
            users[f"applicant.{slug}@{DEMO_EMAIL_DOMAIN}"],
            (slug, *details),
            state,
            countries=countries,
            letter=letter,
            submitted_on=opens_on + relativedelta(days=3 + index),
        )
        if index == 0:
            ApplicationMessage.objects.get_or_create(
                application=application,
                author=staff,
                defaults={
                    "body": "Thank you for applying. The selection committee meets after the "
                    "call closes; we will write to you here.",
                    "sent_at": timezone.now(),
                },
            )
    _ensure_application(
        current,
        users[APPLICANT_EMAIL],
        DRAFT,
        S.DRAFT,
        countries=countries,
        letter=None,
        submitted_on=None,
    )
    return APPLICANT_EMAIL


def _ensure_call(slug, *, title, opens_on, closes_on, first_plan_due_on, state, decided_on, staff):
    call, _created = Call.objects.update_or_create(
        slug=slug,
        defaults={
            "title": title,
            "guidance": GUIDANCE,
            "opens_on": opens_on,
            "closes_on": closes_on,
            "stages": CallStages.ONE,
            "stage1_closes_on": None,
            "first_plan_due_on": first_plan_due_on,
            "state": state,
            "decided_on": decided_on,
            "created_by": staff,
        },
    )
    return call


def _ensure_application(
    call: Call,
    applicant,
    details: tuple,
    state: str,
    *,
    countries,
    letter: bytes | None,
    submitted_on: date | None,
    jurisdiction: Jurisdiction | None = None,
) -> Application:
    slug, name, iso, kind, region, population = details
    draft = state == S.DRAFT
    submitted = submitted_on if state != S.DRAFT else None
    decided = call.decided_on or (call.opens_on + relativedelta(days=20))
    fields = {
        "state": state,
        "jurisdiction": jurisdiction,
        "jurisdiction_name": name,
        "country": countries[iso],
        "region": region,
        "kind": kind,
        "population": population,
        "has_elections": True,
        "term_ends_on": D(2029, 12, 31),
        "lead_agency": f"{name} Open Government Office",
        "senior_official_name": "María Gómez" if iso in {"AR", "CL", "CO", "MX"} else "Daniel Osei",
        "senior_official_title": "Secretary of Government",
        "senior_official_email": f"secretary@{slug}.example.org",
        "contact_name": applicant.full_name,
        "contact_title": "Open Government Coordinator",
        "contact_email": applicant.email,
        "stakeholders": f"{name} Civic Lab\nTransparency Network {name}",
        **{
            f"answer_{point}": ("" if draft and point > 3 else text.format(name=name))
            for point, text in ANSWERS.items()
        },
        "declared_english": not draft,
        "submitted_on": submitted,
        # Every accepted application was shortlisted first (LH §1.2's selection).
        "shortlisted_on": submitted + relativedelta(days=10)
        if state in (S.SHORTLISTED, S.ACCEPTED)
        else None,
        "decided_on": decided if state in (S.ACCEPTED, S.NOT_ACCEPTED) else None,
    }
    application = Application.objects.filter(call=call, applicant=applicant).order_by("pk").first()
    if application is None:
        application = Application(call=call, applicant=applicant)
    for field, value in fields.items():
        setattr(application, field, value)
    if letter is not None and not application.letter:
        application.letter.save("letter.pdf", ContentFile(letter), save=False)
        application.letter_pages = 1
    application.save()

    if not draft and not application.signatories.exists():
        Signatory.objects.bulk_create(
            [
                Signatory(
                    application=application,
                    name=f"Mayor of {name}",
                    title="Mayor",
                    organization_name=f"Municipality of {name}",
                    kind=SignatoryKind.HEAD_OF_GOVERNMENT,
                ),
                Signatory(
                    application=application,
                    name="Ana Pereira",
                    title="Director",
                    organization_name=f"{name} Civic Lab",
                    kind=SignatoryKind.NON_GOVERNMENTAL,
                    has_legal_personality=True,
                    registration_number=f"NGO-{slug.upper()[:12]}-001",
                ),
            ]
        )
    if submitted and not application.versions.exists():
        data = snapshot(application, SNAPSHOT_FIELDS)
        data["signatories"] = list(
            application.signatories.values(
                "name",
                "title",
                "organization_name",
                "kind",
                "has_legal_personality",
                "registration_number",
            )
        )
        ApplicationVersion.objects.create(
            application=application,
            number=1,
            submitted_at=timezone.now(),
            submitted_on=submitted,
            submitted_by=applicant,
            data=data,
            letter_name=application.letter.name or "",
        )
    return application
