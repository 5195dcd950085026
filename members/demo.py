"""A believable demo world for `manage.py seed_demo`: members, people, monitoring bodies, logins.

Idempotent: every row is found by a natural key (ISO code, slug, e-mail, ...) and updated, so a
second run creates nothing. Demo passwords are set only in DEMO_MODE (see ogplocal.accounts.demo).
The statuses are illustrative until the daily rules job computes the real ones.
"""

from dataclasses import dataclass, field
from datetime import date

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from actionplans.demo import seed_plans_demo
from members import services
from members.demo_calls import applicant_people, seed_calls_demo
from members.demo_decisions import seed_decisions_demo
from members.demo_public import seed_public_demo
from members.demo_review import committee_people, seed_review_demo
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
from monitoring.demo import seed_monitoring_demo
from monitoring.models import MonitoringBody, MonitoringBodyReviewer, ReviewerRole
from ogplocal.accounts.demo import (
    DEMO_EMAIL_DOMAIN,
    DEMO_PASSWORD,
    DEMO_STAFF_EMAIL,
    DEMO_TOTP_SECRET,
)
from ogplocal.audit.selectors import events_for
from ogplocal.audit.services import record_event
from tracker.demo_status import seed_status_demo
from tracker.demo_updates import seed_tracker_demo

R = OgpRegion
K = JurisdictionKind

# iso, name, OGP region, calling code
COUNTRIES = [
    ("AR", "Argentina", R.LATIN_AMERICA, "54"),
    ("BR", "Brazil", R.LATIN_AMERICA, "55"),
    ("CL", "Chile", R.LATIN_AMERICA, "56"),
    ("CO", "Colombia", R.LATIN_AMERICA, "57"),
    ("CR", "Costa Rica", R.LATIN_AMERICA, "506"),
    ("MX", "Mexico", R.LATIN_AMERICA, "52"),
    ("AM", "Armenia", R.EUROPE, "374"),
    ("ES", "Spain", R.EUROPE, "34"),
    ("FR", "France", R.EUROPE, "33"),
    ("GE", "Georgia", R.EUROPE, "995"),
    ("UA", "Ukraine", R.EUROPE, "380"),
    ("GH", "Ghana", R.AFRICA_MIDDLE_EAST, "233"),
    ("KE", "Kenya", R.AFRICA_MIDDLE_EAST, "254"),
    ("MA", "Morocco", R.AFRICA_MIDDLE_EAST, "212"),
    ("NG", "Nigeria", R.AFRICA_MIDDLE_EAST, "234"),
    ("SL", "Sierra Leone", R.AFRICA_MIDDLE_EAST, "232"),
    ("TN", "Tunisia", R.AFRICA_MIDDLE_EAST, "216"),
    ("ID", "Indonesia", R.ASIA_PACIFIC, "62"),
    ("KR", "South Korea", R.ASIA_PACIFIC, "82"),
    ("MN", "Mongolia", R.ASIA_PACIFIC, "976"),
    ("PH", "Philippines", R.ASIA_PACIFIC, "63"),
    ("CA", "Canada", R.NORTH_AMERICA, "1"),
    ("US", "United States", R.NORTH_AMERICA, "1"),
]


@dataclass(frozen=True)
class DemoMember:
    slug: str
    name: str
    country: str
    kind: str
    region: str
    population: int
    term_ends_on: date | None  # None: not known
    has_elections: bool = True
    status: str = MemberStatus.ACTIVE
    voluntary: bool = False
    status_since: date | None = None
    extended: bool = False


D = date
# fmt: off
# slug, name, country, kind, region (within the country), population, current term ends on
MEMBER_ROWS = [
    # Latin America and the Caribbean
    ("buenos-aires", "Buenos Aires", "AR", K.CITY, "", 3_121_707, D(2027, 12, 10)),
    ("cordoba", "Córdoba", "AR", K.PROVINCE, "", 3_840_905, D(2027, 12, 10)),
    ("mendoza", "Mendoza", "AR", K.PROVINCE, "", 2_043_540, D(2027, 12, 10)),
    ("santa-fe", "Santa Fe", "AR", K.PROVINCE, "", 3_556_522, D(2027, 12, 10)),
    ("bahia-blanca", "Bahía Blanca", "AR",
     K.MUNICIPALITY, "Buenos Aires Province", 336_574, D(2027, 12, 10)),
    ("sao-paulo", "São Paulo", "BR", K.CITY, "São Paulo State", 11_451_245, D(2028, 12, 31)),
    ("contagem", "Contagem", "BR", K.MUNICIPALITY, "Minas Gerais", 621_865, D(2028, 12, 31)),
    ("osasco", "Osasco", "BR", K.MUNICIPALITY, "São Paulo State", 728_615, D(2028, 12, 31)),
    ("penalolen", "Peñalolén", "CL",
     K.MUNICIPALITY, "Santiago Metropolitan Region", 266_798, D(2028, 12, 6)),
    ("renca", "Renca", "CL",
     K.MUNICIPALITY, "Santiago Metropolitan Region", 160_847, D(2028, 12, 6)),
    ("bogota", "Bogotá", "CO", K.DISTRICT, "Capital District", 7_907_281, D(2027, 12, 31)),
    ("narino", "Nariño", "CO", K.REGION, "Pacific Region", 1_630_592, D(2027, 12, 31)),
    ("jalisco", "Jalisco", "MX", K.STATE, "", 8_348_151, D(2030, 12, 5)),
    ("santa-ana", "Santa Ana", "CR", K.MUNICIPALITY, "San José Province", 60_470, D(2028, 4, 30)),
    # Europe
    ("basque-country", "Basque Country", "ES", K.REGION, "", 2_213_993, D(2028, 4, 30)),
    ("catalonia", "Catalonia", "ES", K.REGION, "", 8_012_231, D(2028, 5, 12)),
    ("madrid", "Madrid", "ES", K.CITY, "Community of Madrid", 3_416_771, D(2027, 5, 28)),
    ("a-coruna", "A Coruña", "ES", K.CITY, "Galicia", 249_261, D(2027, 5, 28)),
    ("paris", "Paris", "FR", K.CITY, "Île-de-France", 2_102_650, D(2032, 3, 31)),
    ("tbilisi", "Tbilisi", "GE", K.CITY, "", 1_275_000, D(2029, 10, 31)),
    ("kutaisi", "Kutaisi", "GE", K.CITY, "Imereti", 130_000, D(2029, 10, 31)),
    ("ternopil", "Ternopil", "UA", K.CITY, "Ternopil Oblast", 225_004, None),
    ("khmelnytskyi", "Khmelnytskyi", "UA", K.CITY, "Khmelnytskyi Oblast", 274_176, None),
    ("vanadzor", "Vanadzor", "AM", K.CITY, "Lori Province", 76_000, D(2026, 12, 31)),
    # Africa and the Middle East
    ("nairobi-city-county", "Nairobi City County", "KE", K.COUNTY, "", 4_397_073, D(2027, 8, 9)),
    ("makueni-county", "Makueni County", "KE", K.COUNTY, "Eastern", 987_653, D(2027, 8, 9)),
    ("elgeyo-marakwet-county", "Elgeyo Marakwet County", "KE",
     K.COUNTY, "Rift Valley", 454_480, D(2027, 8, 9)),
    ("nandi-county", "Nandi County", "KE", K.COUNTY, "Rift Valley", 885_711, D(2027, 8, 9)),
    ("kaduna-state", "Kaduna State", "NG", K.STATE, "North West", 8_252_366, D(2027, 5, 29)),
    ("plateau-state", "Plateau State", "NG", K.STATE, "North Central", 4_200_442, D(2027, 5, 29)),
    ("sekondi-takoradi", "Sekondi-Takoradi", "GH", K.CITY, "Western Region", 445_205, None),
    ("tangier-tetouan-al-hoceima", "Tangier-Tetouan-Al Hoceima", "MA",
     K.REGION, "", 3_556_729, D(2027, 9, 8)),
    ("la-marsa", "La Marsa", "TN", K.MUNICIPALITY, "Tunis Governorate", 92_987, D(2028, 5, 6)),
    ("freetown", "Freetown", "SL", K.CITY, "Western Area", 1_055_964, D(2028, 6, 24)),
    # Asia and the Pacific
    ("seoul", "Seoul", "KR", K.CITY, "", 9_386_034, D(2030, 6, 30)),
    ("gwangju", "Gwangju", "KR", K.CITY, "", 1_419_237, D(2030, 6, 30)),
    ("quezon-city", "Quezon City", "PH", K.CITY, "Metro Manila", 2_960_048, D(2028, 6, 30)),
    ("south-cotabato", "South Cotabato", "PH", K.PROVINCE, "Soccsksargen", 975_476, D(2028, 6, 30)),
    ("larena", "Larena", "PH", K.MUNICIPALITY, "Siquijor", 14_000, D(2028, 6, 30)),
    ("semarang", "Semarang", "ID", K.CITY, "Central Java", 1_653_524, D(2030, 2, 20)),
    ("bojonegoro", "Bojonegoro Regency", "ID", K.OTHER, "East Java", 1_301_635, D(2030, 2, 20)),
    ("banda-aceh", "Banda Aceh", "ID", K.CITY, "Aceh", 252_899, D(2030, 2, 20)),
    ("ulaanbaatar", "Ulaanbaatar", "MN", K.CITY, "", 1_672_627, D(2028, 10, 31)),
    # North America
    ("austin", "Austin", "US", K.CITY, "Texas", 974_447, D(2029, 1, 6)),
    ("detroit", "Detroit", "US", K.CITY, "Michigan", 633_218, D(2029, 12, 31)),
    ("baltimore", "Baltimore", "US", K.CITY, "Maryland", 565_239, D(2028, 12, 5)),
    ("ontario", "Ontario", "CA", K.PROVINCE, "", 15_996_989, D(2029, 6, 7)),
    ("montreal", "Montréal", "CA", K.CITY, "Quebec", 1_762_949, D(2029, 11, 2)),
]
# fmt: on
# First-plan deadlines the Support Unit extended.
EXTENDED = {"contagem", "narino", "a-coruna", "la-marsa"}
TERM_REASON = "Electoral calendar of the national electoral authority."
# Terms with a history (ends on, recorded on (None: the day the member joined), reason), oldest
# first; the others get one record from the table above, recorded the day the member joined.
TERM_HISTORIES = {
    "buenos-aires": [
        (D(2027, 12, 9), None, TERM_REASON),
        (
            D(2027, 12, 10),
            D(2024, 3, 15),
            "Corrected: the term ends on 10 December, when the new administration takes office.",
        ),
    ],
    "seoul": [
        (D(2026, 6, 30), None, TERM_REASON),
        (D(2030, 6, 30), D(2026, 7, 1), "New term after the local elections of 3 June 2026."),
    ],
}
# A point of contact asks the Support Unit to correct the term: (slug, proposed end, note, on).
PENDING_TERM_CORRECTION = (
    "vanadzor",
    D(2027, 10, 31),
    "The local elections were moved to October 2027 (Electoral Code amendment of 2025); "
    "see the Central Electoral Commission's calendar.",
    D(2026, 11, 2),
)
# Revoked, then accepted again: slug → (the earlier membership's joined_on, revoked on).
EARLIER_MEMBERSHIPS = {"kutaisi": (D(2020, 3, 2), D(2021, 11, 1))}
# Metropolitan chief executives are appointed in Ghana: no elections, no term to follow. Ukraine's
# local elections are suspended under martial law, so its members have no known end of term.
WITHOUT_ELECTIONS = {"sekondi-takoradi"}
# Illustrative statuses until the rules job computes them: (status, voluntary, since).
STATUSES = {
    "bahia-blanca": (MemberStatus.INACTIVE, False, D(2025, 7, 1)),
    "ternopil": (MemberStatus.INACTIVE, True, D(2025, 3, 1)),
    "plateau-state": (MemberStatus.PROBATION, False, D(2025, 10, 1)),
    "larena": (MemberStatus.INACTIVE, False, D(2026, 1, 1)),
}


def _demo_member(row: tuple) -> DemoMember:
    slug = row[0]
    status, voluntary, since = STATUSES.get(slug, (MemberStatus.ACTIVE, False, None))
    return DemoMember(
        *row,
        has_elections=slug not in WITHOUT_ELECTIONS,
        status=status,
        voluntary=voluntary,
        status_since=since,
        extended=slug in EXTENDED,
    )


MEMBERS = [_demo_member(row) for row in MEMBER_ROWS]

# Calls for applications: each member joins in one of these cohorts (2022-2024).
COHORTS = [D(2022, 4, 4), D(2022, 10, 3), D(2023, 5, 8), D(2023, 11, 13), D(2024, 6, 3)]
FIRST_PLAN_MONTHS = 6
EXTENSION_MONTHS = 3
EXTENSION_REASON = (
    "Co-creation began on time; a change of administration delayed the endorsement of the plan."
)

# One person is the point of contact of a joint action plan of two counties (LH §3.4).
JOINT_PLAN_EMAIL = f"poc.joint-rift-valley@{DEMO_EMAIL_DOMAIN}"
JOINT_PLAN_SLUGS = ("elgeyo-marakwet-county", "nandi-county")

# Given names and family names per region, comma-separated.
NAMES = {
    R.LATIN_AMERICA: (
        (
            "María, Juan, Lucía, Carlos, Valentina, Andrés, Camila, Diego, Fernanda, Mateo, "
            "Paula, Rafael, Gabriela, Tomás"
        ),
        (
            "González, Rodríguez, Pereira, Martínez, Silva, Fernández, Rojas, Castro, Oliveira, "
            "Herrera, Vargas, Morales, Souza"
        ),
    ),
    R.EUROPE: (
        "Ane, Jordi, Claire, Nino, Olena, Giorgi, Marta, Taras, Lucie, Arman, Iker, Sofia",
        (
            "Etxeberria, Puig, Martin, Beridze, Kovalenko, Lomidze, García, Shevchuk, Dubois, "
            "Petrosyan, Agirre"
        ),
    ),
    R.AFRICA_MIDDLE_EAST: (
        (
            "Wanjiru, Amina, Kwame, Fatima, Chinedu, Achieng, Youssef, Aminata, Kipchoge, Ngozi, "
            "Salma, Ibrahim"
        ),
        (
            "Mwangi, Bello, Mensah, El Idrissi, Okafor, Otieno, Ben Salah, Kamara, Kiprono, "
            "Adeyemi, Sesay"
        ),
    ),
    R.ASIA_PACIFIC: (
        "Ji-woo, Maria, Dewi, Bat-Erdene, Min-jun, Jose, Siti, Oyunaa, Seo-yeon, Ana, Budi",
        "Kim, Santos, Wijaya, Bold, Park, Reyes, Rahmawati, Gantulga, Lee, Cruz",
    ),
    R.NORTH_AMERICA: (
        "Emily, Marcus, Sophie, Daniel, Olivia, Jean-François",
        "Johnson, Brown, Tremblay, Nguyen, Williams, Gagnon, Clarke",
    ),
}
NGO_PATTERNS = [
    "{name} Civic Lab",
    "Transparency Network {name}",
    "{name} Citizens' Observatory",
    "Open {name} Foundation",
    "{name} Community Council",
]

# slug, name, country, organization name, [(e-mail local part, full name, role)]
MONITORING_BODIES = [
    (
        "latin-american-open-government-observatory",
        "Latin American Open Government Observatory",
        "AR",
        "Observatorio Latinoamericano de Gobierno Abierto",
        [
            ("reviewer", "Sofía Benítez", ReviewerRole.LEAD),
            ("reviewer.latam", "Pedro Almeida", ReviewerRole.REVIEWER),
        ],
    ),
    (
        "east-africa-accountability-monitor",
        "East Africa Accountability Monitor",
        "KE",
        "East Africa Accountability Trust",
        [
            ("reviewer.east-africa", "Grace Njeri", ReviewerRole.LEAD),
            ("reviewer.east-africa.2", "Daniel Ouma", ReviewerRole.REVIEWER),
        ],
    ),
    (
        "european-local-integrity-review",
        "European Local Integrity Review",
        "ES",
        "Fundación Integridad Local",
        [("reviewer.europe", "Elena Duarte", ReviewerRole.LEAD)],
    ),
    (
        "asia-pacific-open-local-government-review",
        "Asia-Pacific Open Local Government Review",
        "PH",
        "Philippine Center for Local Accountability",
        [("reviewer.asia-pacific", "Ramon Villanueva", ReviewerRole.LEAD)],
    ),
]


@dataclass
class DemoLogin:
    role: str
    email: str
    look_at: str


@dataclass
class SeedResult:
    demo_passwords: bool
    logins: list[DemoLogin] = field(default_factory=list)


def poc_email(slug: str) -> str:
    return f"poc.{slug}@{DEMO_EMAIL_DOMAIN}"


def _person_name(region: str, index: int) -> str:
    first, last = (names.split(", ") for names in NAMES[region])
    return f"{first[index % len(first)]} {last[(index * 5 + 3) % len(last)]}"


def _ensure_users(people: dict[str, tuple[str, bool]], password_hash: str) -> dict[str, object]:
    """Create or update the demo accounts, {e-mail: (full name, is_staff)}, in a few queries."""
    User = get_user_model()
    existing = {user.email: user for user in User.objects.filter(email__in=people)}
    User.objects.bulk_create(
        [
            User(email=email, full_name=name, is_staff=is_staff, password=password_hash)
            for email, (name, is_staff) in people.items()
            if email not in existing
        ]
    )
    users = {user.email: user for user in User.objects.filter(email__in=people)}
    for email, user in users.items():
        user.full_name, user.is_staff = people[email]
        user.is_active = True
        user.password = password_hash
    User.objects.bulk_update(
        users.values(), ["full_name", "is_staff", "is_active", "password"], batch_size=200
    )
    # Mandatory e-mail verification: every demo address is verified and primary.
    verified = set(
        EmailAddress.objects.filter(user__in=users.values()).values_list("user_id", flat=True)
    )
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=user, email=email, verified=True, primary=True)
            for email, user in users.items()
            if user.pk not in verified
        ]
    )
    EmailAddress.objects.filter(user__in=users.values()).update(verified=True, primary=True)
    return users


def _ensure_staff_totp(staff, *, demo_passwords: bool) -> None:
    if demo_passwords:
        Authenticator.objects.update_or_create(
            user=staff,
            type=Authenticator.Type.TOTP,
            defaults={"data": {"secret": encrypt(DEMO_TOTP_SECRET)}},
        )
    else:
        # The demo secret is public: outside demo mode it must not open any account.
        Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).delete()


def _refresh_planner_statistics() -> None:
    """On PostgreSQL, ANALYZE the project's tables between the demo's phases. The demo is seeded
    in bulk, often inside one transaction that autovacuum cannot see; statistics taken while a
    table was empty (after a test's TRUNCATE, or on a fresh database) make the planner pick nested
    loops over sequential scans, and a join of six tables then ran for twenty minutes instead of
    milliseconds. ANALYZE counts the rows of the running transaction; it takes well under a
    second."""
    if connection.vendor != "postgresql":
        return
    tables = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


@transaction.atomic
def seed_demo_world(*, demo_passwords: bool) -> SeedResult:
    """Create or refresh the demo world. With `demo_passwords` false, the logins are unusable."""
    password_hash = make_password(DEMO_PASSWORD if demo_passwords else None)
    countries = {}
    calling_codes = {}
    for iso, name, region, calling_code in COUNTRIES:
        countries[iso], _created = Country.objects.update_or_create(
            iso_code=iso, defaults={"name": name, "ogp_region": region}
        )
        calling_codes[iso] = calling_code

    # Accounts first, in bulk: the staff member, one point of contact per member (the joint plan
    # shares one), the reviewers.
    people: dict[str, tuple[str, bool]] = {DEMO_STAFF_EMAIL: ("Support Unit Demo", True)}
    poc_of: dict[str, str] = {}
    for index, demo in enumerate(MEMBERS):
        region = countries[demo.country].ogp_region
        email = JOINT_PLAN_EMAIL if demo.slug in JOINT_PLAN_SLUGS else poc_email(demo.slug)
        poc_of[demo.slug] = email
        people.setdefault(email, (_person_name(region, index), False))
    for _slug, _name, _iso, _org, reviewers in MONITORING_BODIES:
        for local_part, full_name, _role in reviewers:
            people[f"{local_part}@{DEMO_EMAIL_DOMAIN}"] = (full_name, False)
    people.update(committee_people())  # the selection committee (members/demo_review.py)
    people.update(applicant_people())  # the applicants of the demo calls (members/demo_calls.py)
    users = _ensure_users(people, password_hash)
    staff = users[DEMO_STAFF_EMAIL]
    _ensure_staff_totp(staff, demo_passwords=demo_passwords)

    members = {}
    contacts: dict[str, Contact] = {}
    for index, demo in enumerate(MEMBERS):
        country = countries[demo.country]
        jurisdiction, _created = Jurisdiction.objects.update_or_create(
            slug=demo.slug,
            defaults={
                "name": demo.name,
                "country": country,
                "region": demo.region,
                "kind": demo.kind,
                "population": demo.population,
                "has_elections": demo.has_elections,
            },
        )
        joined_on = COHORTS[index % len(COHORTS)] + relativedelta(days=index % 7)
        first_plan_due_on = joined_on + relativedelta(months=FIRST_PLAN_MONTHS)
        if demo.slug in EARLIER_MEMBERSHIPS:
            _ensure_earlier_membership(jurisdiction, EARLIER_MEMBERSHIPS[demo.slug])
        member, _created = Member.objects.update_or_create(
            jurisdiction=jurisdiction,
            joined_on=joined_on,
            defaults={
                "first_plan_due_on": first_plan_due_on,
                "website": f"https://opengov.{demo.slug}.example.org/",
                "about": (
                    f"{demo.name} joined OGP Local in {joined_on.year} to open up public "
                    "decisions, budgets and services with the people they concern."
                ),
                "status": demo.status,
                "status_voluntary": demo.voluntary,
                "status_since": demo.status_since or joined_on,
            },
        )
        members[demo.slug] = member
        if demo.term_ends_on is not None:
            history = TERM_HISTORIES.get(demo.slug, [(demo.term_ends_on, None, TERM_REASON)])
            for ends_on, recorded_on, reason in history:
                _ensure_term(jurisdiction, ends_on, recorded_on or joined_on, reason, staff)
        if demo.extended:
            _ensure_extension(member, staff)

        agency, _created = Organization.objects.update_or_create(
            country=country,
            name=f"{demo.name} Open Government Office",
            defaults={
                "kind": OrganizationKind.GOVERNMENT_AGENCY,
                "has_legal_personality": True,
                "jurisdiction": jurisdiction,
                "website": f"https://opengov.{demo.slug}.example.org/",
            },
        )
        Organization.objects.update_or_create(
            country=country,
            name=NGO_PATTERNS[index % len(NGO_PATTERNS)].format(name=demo.name),
            defaults={
                "kind": OrganizationKind.NON_GOVERNMENTAL,
                # A few stakeholders are informal groups, which cannot sign a Letter of Support.
                "has_legal_personality": index % 7 != 3,
                "jurisdiction": jurisdiction,
                "website": "",
            },
        )
        email = poc_of[demo.slug]
        user = users[email]
        if email not in contacts:
            # The joint-plan coordinator works for the first county of the plan.
            contacts[email], _created = Contact.objects.update_or_create(
                email=email,
                defaults={
                    "full_name": user.full_name,
                    "title": "Open Government Coordinator",
                    "phone": f"+{calling_codes[demo.country]} 555 01{index:02d}",
                    "organization": agency,
                    "user": user,
                },
            )
        contact = contacts[email]
        PointOfContact.objects.update_or_create(
            member=member,
            user=user,
            ends_on=None,
            defaults={"contact": contact, "is_primary": True, "starts_on": joined_on},
        )

    for slug, name, iso, org_name, reviewers in MONITORING_BODIES:
        organization, _created = Organization.objects.update_or_create(
            country=countries[iso],
            name=org_name,
            defaults={
                "kind": OrganizationKind.NON_GOVERNMENTAL,
                "has_legal_personality": True,
                "jurisdiction": None,
            },
        )
        body, _created = MonitoringBody.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "country": countries[iso],
                "organization": organization,
                "is_active": True,
                "about": f"{name} assesses the co-creation and results of OGP Local plans.",
            },
        )
        for local_part, _full_name, role in reviewers:
            MonitoringBodyReviewer.objects.update_or_create(
                body=body,
                user=users[f"{local_part}@{DEMO_EMAIL_DOMAIN}"],
                ends_on=None,
                defaults={"role": role, "starts_on": COHORTS[0]},
            )

    _ensure_sample_history(members["buenos-aires"], users[poc_email("buenos-aires")])
    slug, proposed_ends_on, note, requested_on = PENDING_TERM_CORRECTION
    _ensure_term_correction_request(
        members[slug], users[poc_of[slug]], proposed_ends_on, note, requested_on
    )

    # A decided past call with its results, an open call with applications in every state.
    applicant_login = seed_calls_demo(
        countries=countries, users=users, members=members, staff=staff, as_of=timezone.localdate()
    )

    # After the calls demo: it seats a committee on the open call and records its reviews.
    committee_login = seed_review_demo(countries=countries, users=users, staff=staff)
    # Decisions with their letters on the decided applications, and one coalition.
    seed_decisions_demo(
        staff=staff, coordinator=users[JOINT_PLAN_EMAIL], as_of=timezone.localdate()
    )
    # Action plans and commitments (actionplans/demo.py, issue 19).
    seed_plans_demo(
        members=members,
        users_of={slug: users[email] for slug, email in poc_of.items()},
        as_of=timezone.localdate(),
    )
    _refresh_planner_statistics()
    # Plans and quarterly updates behind every status the public pages show (issue 22, H5);
    # before the monitoring demo, which assesses every submitted plan once.
    seed_public_demo(
        members=members,
        users_of={slug: users[email] for slug, email in poc_of.items()},
        staff=staff,
        as_of=timezone.localdate(),
    )
    _refresh_planner_statistics()
    # Assessments in every state and requirement findings (monitoring/demo.py, issue 20).
    seed_monitoring_demo(staff=staff, as_of=timezone.localdate())
    # Corrections with evidence and delays, voluntary inactivity granted, pending, refused (H3).
    seed_tracker_demo(
        members=members,
        users_of={slug: users[email] for slug, email in poc_of.items()},
        staff=staff,
        as_of=timezone.localdate(),
    )
    _refresh_planner_statistics()
    # The daily job over the demo world: status histories and letters (tracker/demo_status.py, H4).
    seed_status_demo(as_of=timezone.localdate())

    _refresh_planner_statistics()
    # Public comments with a reply and a moderated one, an error report, the open data (H6).
    from ogplocal.comments.demo import seed_comments_demo

    seed_comments_demo(staff=staff, as_of=timezone.localdate())

    result = SeedResult(demo_passwords=demo_passwords)
    result.logins = [
        DemoLogin(
            "Support Unit staff",
            DEMO_STAFF_EMAIL,
            "/admin/ (second factor: make totp); /members/buenos-aires/history/",
        ),
        DemoLogin(
            "Point of contact",
            poc_email("buenos-aires"),
            "/members/buenos-aires/ and its 'Edit the public profile' page",
        ),
        DemoLogin(
            "Point of contact, joint plan",
            JOINT_PLAN_EMAIL,
            "/members/?mine=true (Elgeyo Marakwet and Nandi counties)",
        ),
        DemoLogin(
            "Monitoring body reviewer",
            f"reviewer@{DEMO_EMAIL_DOMAIN}",
            "/monitoring/ (the body's plans, their assessments and what is due)",
        ),
    ]
    result.logins.append(
        DemoLogin(
            "Applicant",
            applicant_login,
            "/calls/applications/ (continue the draft of Rosario and submit it)",
        )
    )
    if committee_login:
        result.logins.append(
            DemoLogin(
                "Selection committee member",
                committee_login,
                "/review/ (score the open call's applications; Colombia's are hidden)",
            )
        )
    return result


def _ensure_earlier_membership(jurisdiction: Jurisdiction, dates: tuple[date, date]) -> None:
    """A membership that was revoked before the jurisdiction joined again."""
    joined_on, revoked_on = dates
    Member.objects.update_or_create(
        jurisdiction=jurisdiction,
        joined_on=joined_on,
        defaults={
            "first_plan_due_on": joined_on + relativedelta(months=FIRST_PLAN_MONTHS),
            "website": "",
            "about": "",
            "status": MemberStatus.REVOKED,
            "status_voluntary": False,
            "status_since": revoked_on,
        },
    )


def _ensure_term(jurisdiction, ends_on: date, recorded_on: date, reason: str, staff) -> None:
    """A term record, through the Support Unit's service, unless it is already there."""
    if JurisdictionTerm.objects.filter(
        jurisdiction=jurisdiction, ends_on=ends_on, recorded_on=recorded_on
    ).exists():
        return
    services.record_term(
        actor=staff,
        jurisdiction=jurisdiction,
        ends_on=ends_on,
        recorded_on=recorded_on,
        reason=reason,
    )


def _ensure_extension(member: Member, staff) -> None:
    until = member.first_plan_due_on + relativedelta(months=EXTENSION_MONTHS)
    granted_on = member.first_plan_due_on - relativedelta(weeks=3)
    if (member.extension_until, member.extension_granted_on) == (until, granted_on):
        return
    services.grant_extension(
        actor=staff, member=member, until=until, reason=EXTENSION_REASON, granted_on=granted_on
    )


def _ensure_term_correction_request(
    member: Member, poc, proposed_ends_on: date, note: str, requested_on: date
) -> None:
    if TermCorrectionRequest.objects.filter(
        jurisdiction=member.jurisdiction, requested_by=poc
    ).exists():
        return
    services.request_term_correction(
        actor=poc,
        member=member,
        proposed_ends_on=proposed_ends_on,
        note=note,
        requested_on=requested_on,
    )


def _ensure_sample_history(member: Member, actor) -> None:
    """One past profile change, so that the history page has something to show."""
    if events_for(member).filter(verb="member.profile_updated", actor=actor).exists():
        return
    record_event(
        actor=actor,
        verb="member.profile_updated",
        obj=member,
        before={"about": ""},
        after={"about": member.about},
        reason="First description of the member for the portal.",
    )
