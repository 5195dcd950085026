"""Demo action plans for `manage.py seed_demo` (called from `members.demo`): for a few members, a
submitted plan with commitments across policy areas and sectors and their milestones, and a
draft of the next plan. Filed through the services, so the demo obeys the same rules as people.

Idempotent: a member that already has a plan is left as it is.
"""

import contextlib
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError

from actionplans.demo_evidence import seed_evidence
from actionplans.models import ActionPlan, MeetingKind, ResponseKind
from actionplans.services import (
    PLAN_PARTS,
    add_endorsement,
    latest_end_for_term,
    save_plan_part,
    start_joint_plan,
    start_plan,
    submit_plan,
)
from actionplans.services_cocreation import (
    record_contribution,
    record_meeting,
    withdraw_meeting,
)
from commitments.demo import seed_commitment_change
from commitments.services import add_commitment, add_milestone
from members.models import Coalition, Member
from members.selectors import term_on
from monitoring.models import MonitoringBody

# (title, policy areas, sectors, OGP values, lead agency, problem, action)
COMMITMENTS = [
    (
        "Publish every public works contract as open data",
        ["open_contracting", "public_procurement"],
        ["infrastructure_transport"],
        ["transparency", "tech_transparency"],
        "Secretariat of Public Works",
        "Residents cannot follow how public works are awarded and paid for.",
        "Publish each contract, amendment and payment in the Open Contracting Data Standard.",
    ),
    (
        "Participatory budgeting in every district",
        ["fiscal_openness", "inclusion"],
        ["public_services"],
        ["participation", "accountability"],
        "Budget Office",
        "Budget priorities are set without the neighbourhoods they affect.",
        "Let residents of every district propose and vote on part of the investment budget.",
    ),
    (
        "A register of the beneficial owners of city suppliers",
        ["beneficial_ownership"],
        ["private_sector", "justice"],
        ["transparency", "accountability"],
        "Procurement Agency",
        "Conflicts of interest in procurement go unnoticed.",
        "Require and publish the beneficial owners of every supplier above a threshold.",
    ),
    (
        "Open data on water quality and supply cuts",
        ["open_data"],
        ["water_sanitation_hygiene", "health_nutrition"],
        ["transparency", "tech_participation"],
        "Water and Sanitation Company",
        "Residents learn about unsafe water and supply cuts too late.",
        "Publish water quality samples and planned cuts daily, with alerts by text message.",
    ),
    (
        "Answer information requests within 15 days",
        ["right_to_information"],
        ["cross_sectoral"],
        ["transparency", "accountability"],
        "Office of the Mayor",
        "Half of the information requests are answered late or not at all.",
        "Track every request online and report monthly on answers and delays.",
    ),
]

# A submitted plan and a draft of the next one; for DRAFT_ONLY, a first plan in draft.
DEMO_PLANS = ("buenos-aires", "seoul", "sao-paulo")
DRAFT_ONLY = ("paris",)


def _vision(name: str) -> dict:
    return {
        "foreword": (
            f"The government of {name} and the civil-society organizations of its open "
            "government forum wrote this plan together. We will implement and monitor it "
            "together, meeting every quarter in public."
        ),
        "long_term_vision": f"Every public decision of {name} can be followed and influenced "
        "by the people it concerns.",
        "achievements": "An open data portal, online publication of the budget, a citizens' "
        "council that meets every month.",
        "challenges": "Contracts and public works are hard to follow; participation reaches few "
        "neighbourhoods.",
        "medium_term_goals": "Open contracting for all public works; participation in every "
        "district.",
        "plan_contribution": "Each commitment opens one process end to end, with data and a "
        "space to take part.",
        "administration_goals": "It serves the administration's goals of trust, efficiency and "
        "inclusion.",
        "lead_institutions": "The Open Government Office, with the Secretariats of Finance and "
        "Public Works.",
        "coordination_arrangements": "An inter-agency committee chaired by the chief of staff "
        "meets monthly.",
        "collaboration_spaces": "The open government forum (in person, monthly) and an online "
        "consultation platform.",
        "diversity_measures": "Meetings in every district, at evening hours, with sign "
        "language interpretation.",
        "participants": "Public agencies, civil society organizations, universities, community "
        "groups and residents.",
        "participant_group_count": 24,
        "co_creation_meeting_count": 6,
        "continued_collaboration": "The forum reviews progress on each commitment every quarter.",
        "monitoring_description": "An independent monitoring body chosen with the forum.",
        "progress_activities": "Quarterly public progress reviews in the forum.",
        "agency_check_ins": "Monthly check-ins of the Open Government Office with each agency.",
        "results_sharing": "Progress reports on the portal and on the city's website.",
    }


def _monitoring_body(member: Member) -> MonitoringBody | None:
    bodies = MonitoringBody.objects.filter(is_active=True)
    return bodies.filter(country=member.jurisdiction.country).first() or bodies.first()


def _file_plan(member: Member, actor, *, starts_on: date, ends_on: date, as_of: date, count: int):
    plan = start_plan(member, actor=actor, starts_on=starts_on, ends_on=ends_on, as_of=as_of)
    vision = _vision(member.jurisdiction.name)
    for part in ("foreword", "e", "f", "g"):
        values = {name: vision[name] for name in PLAN_PARTS[part] if name in vision}
        if part == "g":
            values["monitoring_body"] = _monitoring_body(member)
        save_plan_part(plan, part, values, actor=actor)
    save_plan_part(plan, "documents", {"declared_english": True}, actor=actor)
    add_endorsement(
        plan,
        actor=actor,
        organization_name=f"{member.jurisdiction.name} Open Government Forum",
        contact_name="Forum secretariat",
        has_legal_personality=True,
    )
    add_endorsement(
        plan,
        actor=actor,
        organization_name=f"Transparency Network of {member.jurisdiction.name}",
        has_legal_personality=True,
    )
    length = (ends_on - starts_on).days
    for index, (title, areas, sectors, values, agency, problem, action) in enumerate(
        COMMITMENTS[:count]
    ):
        commitment_start = starts_on + timedelta(days=30 * index if length > 500 else 0)
        commitment_end = ends_on
        commitment = add_commitment(
            plan,
            {
                "title": title,
                "starts_on": commitment_start,
                "ends_on": commitment_end,
                "lead_agency": agency,
                "lead_contact_name": "Director of Open Government",
                "lead_contact_title": "Director",
                "lead_role": "Leads the implementation and reports progress.",
                "ngo_name": f"Transparency Network of {member.jurisdiction.name}",
                "ngo_contact_name": "Coordinator",
                "ngo_role": "Co-designs the tools and monitors progress.",
                "problem": problem,
                "status_quo": "No systematic publication or participation exists today.",
                "action": action,
                "contribution": "Residents and journalists can follow the process and act on it.",
                "long_term_goal": "Every public decision can be followed and influenced.",
                "policy_areas": areas,
                "sectors": sectors,
                "ogp_values": values,
                "resources": "Staff time of the lead agency; a small software budget.",
                "resources_secured": index % 2 == 0,
            },
            actor=actor,
            as_of=as_of,
        )
        middle = commitment_start + (commitment_end - commitment_start) / 2
        for output, first, last in (
            ("Design agreed with the forum", commitment_start, middle),
            ("First results published", middle + timedelta(days=1), commitment_end),
        ):
            add_milestone(
                commitment,
                {
                    "output": output,
                    "starts_on": first,
                    "ends_on": last,
                    "responsible_agency": agency,
                    "contact_name": "Director of Open Government",
                },
                actor=actor,
            )
    return plan


def seed_plans_demo(*, members: dict[str, Member], users_of: dict[str, object], as_of: date):
    """Plans for the demo members named above. `users_of[slug]` is the member's point of
    contact's account, who files the plans."""
    for slug in (*DEMO_PLANS, *DRAFT_ONLY):
        member = members.get(slug)
        if member is None or ActionPlan.objects.filter(member=member).exists():
            continue
        actor = users_of[slug]
        if slug not in DRAFT_ONLY:
            submitted_on = member.first_plan_due_on - timedelta(days=10)
            starts_on = (submitted_on + relativedelta(months=1)).replace(day=1)
            ends_on = _latest_end(member, starts_on, as_of=submitted_on)
            plan = _file_plan(
                member, actor, starts_on=starts_on, ends_on=ends_on, as_of=submitted_on, count=4
            )
            _record_co_creation(plan, actor, submitted_on=submitted_on)
            submit_plan(plan, actor=actor, as_of=submitted_on)
            seed_commitment_change(plan, actor=actor, as_of=submitted_on)  # commitments/demo.py
            _record_implementation_meetings(plan, actor, as_of=as_of)
            seed_evidence(plan, actor, submitted_on=submitted_on, as_of=as_of)
        # A draft of the next plan, from next January, if the term leaves room for it.
        starts_on = date(as_of.year + 1, 1, 1)
        ends_on = _latest_end(member, starts_on, as_of=as_of)
        if ends_on > starts_on + timedelta(days=180):
            _file_plan(member, actor, starts_on=starts_on, ends_on=ends_on, as_of=as_of, count=2)
    seed_joint_plan_demo(as_of=as_of)


def seed_joint_plan_demo(*, as_of: date) -> ActionPlan | None:
    """A submitted joint plan of the demo coalition (LH §3.4), filed by its coordinating point of
    contact: one commitment for each jurisdiction and one joint, each ending two months before the
    terms it depends on. Idempotent; nothing if the coalition is not in the demo."""
    coalition = (
        Coalition.objects.filter(memberships__isnull=False)
        .select_related("coordinator")
        .order_by("pk")
        .first()
    )
    if coalition is None or ActionPlan.objects.filter(coalition=coalition).exists():
        return None
    members = list(coalition.members.select_related("jurisdiction__country").order_by("pk"))
    actor = coalition.coordinator
    # Submitted eight months ago, so that its implementation meetings are on record too.
    submitted_on = as_of - relativedelta(months=8)
    starts_on = (submitted_on + relativedelta(months=1)).replace(day=1)
    ends_on = min(_latest_end(member, starts_on, as_of=submitted_on) for member in members)
    plan = start_joint_plan(
        coalition, actor=actor, starts_on=starts_on, ends_on=ends_on, as_of=submitted_on
    )
    vision = _vision(coalition.name)
    for part in ("foreword", "e", "f", "g"):
        values = {name: vision[name] for name in PLAN_PARTS[part] if name in vision}
        if part == "g":
            values["monitoring_body"] = _monitoring_body(members[0])
        save_plan_part(plan, part, values, actor=actor)
    save_plan_part(plan, "documents", {"declared_english": True}, actor=actor)
    add_endorsement(
        plan,
        actor=actor,
        organization_name=f"{coalition.name} civil society network",
        contact_name="Network secretariat",
        has_legal_personality=True,
    )
    rows = [
        (member.jurisdiction, COMMITMENTS[index % len(COMMITMENTS)])
        for index, member in enumerate(members)
    ]
    rows.append((None, COMMITMENTS[3]))  # a joint commitment
    for jurisdiction, (title, areas, sectors, values, agency, problem, action) in rows:
        where = jurisdiction.name if jurisdiction else coalition.name
        commitment = add_commitment(
            plan,
            {
                "jurisdiction": jurisdiction,
                "title": f"{title} ({where})" if jurisdiction else f"{title}, jointly",
                "starts_on": starts_on,
                "ends_on": ends_on,
                "lead_agency": agency,
                "lead_contact_name": "Director of Open Government",
                "lead_role": "Leads the implementation and reports progress.",
                "ngo_name": f"{coalition.name} civil society network",
                "ngo_role": "Co-designs the tools and monitors progress.",
                "problem": problem,
                "status_quo": "No systematic publication or participation exists today.",
                "action": action,
                "contribution": "Residents can follow the process and act on it.",
                "long_term_goal": "Every public decision can be followed and influenced.",
                "policy_areas": areas,
                "sectors": sectors,
                "ogp_values": values,
                "resources": "Staff time of each county's lead agency.",
                "resources_secured": True,
            },
            actor=actor,
            as_of=submitted_on,
        )
        add_milestone(
            commitment,
            {
                "output": "Design agreed with the forum of every county concerned",
                "starts_on": starts_on,
                "ends_on": ends_on,
                "responsible_agency": agency,
                "contact_name": "Director of Open Government",
            },
            actor=actor,
        )
    _record_co_creation(plan, actor, submitted_on=submitted_on)
    # A county's term not recorded would keep the joint plan a draft, as it would for people.
    with contextlib.suppress(ValidationError):
        submit_plan(plan, actor=actor, as_of=submitted_on)
        _record_implementation_meetings(plan, actor, as_of=as_of)
        seed_evidence(plan, actor, submitted_on=submitted_on, as_of=as_of)
    return plan


def _latest_end(member: Member, starts_on: date, *, as_of: date) -> date:
    """Two years from `starts_on`, or earlier if the term in force on `as_of` ends sooner."""
    ends_on = starts_on + relativedelta(years=2) - timedelta(days=1)
    term = term_on(member.jurisdiction, as_of)
    if term is not None:
        ends_on = min(ends_on, latest_end_for_term(term.ends_on))
    return ends_on


# (contributor, summary, response, reasons): the reasoned responses of National Handbook §2.1.d.
CONTRIBUTIONS = [
    (
        "Transparency Now",
        "Publish every public works contract, with its amendments, as open data.",
        ResponseKind.INCLUDED,
        "Included as the first commitment: the procurement office publishes weekly.",
    ),
    (
        "Neighbourhood Council of the Old Town",
        "Hold participatory budgeting assemblies in every district every month.",
        ResponseKind.AMENDED,
        "Included with assemblies every quarter: the districts' staff cannot support a monthly "
        "cycle in this plan; monthly assemblies will be assessed for the next plan.",
    ),
    (
        "",
        "Broadcast every council committee meeting on television.",
        ResponseKind.REJECTED,
        "Not included: committee meetings are already streamed and archived online; the budget "
        "for broadcasting is not available in this term.",
    ),
]


def _pdf():
    """A one-page PDF standing for an uploaded agenda or minutes."""
    import io

    from django.core.files.base import ContentFile
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return ContentFile(buffer.getvalue(), name="document.pdf")


def _meeting(plan, actor, held_on: date, kind: str, forum: str, *, documents: bool = False):
    return record_meeting(
        plan,
        actor=actor,
        as_of=held_on,
        held_on=held_on,
        kind=kind,
        forum=forum,
        government_organizations="Mayor's office; Department of Finance",
        government_count=4,
        non_governmental_organizations="Transparency Now; Neighbourhood councils",
        non_governmental_count=7,
        agenda=_pdf() if documents else None,
        minutes=_pdf() if documents else None,
    )


def _record_co_creation(plan: ActionPlan, actor, *, submitted_on: date) -> None:
    """Two co-creation meetings and the contributions received, with their responses."""
    _meeting(
        plan,
        actor,
        submitted_on - timedelta(days=60),
        MeetingKind.CO_CREATION,
        "Open government forum, city hall",
        documents=True,
    )
    _meeting(
        plan,
        actor,
        submitted_on - timedelta(days=30),
        MeetingKind.CO_CREATION,
        "Online consultation session",
    )
    for contributor, summary, response, reasons in CONTRIBUTIONS:
        record_contribution(
            plan,
            actor=actor,
            as_of=submitted_on,
            received_on=submitted_on - timedelta(days=45),
            contributor=contributor,
            summary=summary,
            response=response,
            reasons=reasons,
        )


def _record_implementation_meetings(plan: ActionPlan, actor, *, as_of: date) -> None:
    """Implementation meetings every five months (not always two a year: the gap shows), and
    one recorded twice by mistake and withdrawn."""
    held_on = plan.starts_on + relativedelta(months=2)
    first = True
    while held_on <= min(as_of, plan.ends_on):
        meeting = _meeting(
            plan,
            actor,
            held_on,
            MeetingKind.IMPLEMENTATION,
            "Implementation review with the monitoring body",
            documents=first,
        )
        if first:
            duplicate = _meeting(plan, actor, held_on, MeetingKind.IMPLEMENTATION, meeting.forum)
            withdraw_meeting(duplicate, actor=actor, reason="Recorded twice by mistake.")
            first = False
        held_on += relativedelta(months=5)
