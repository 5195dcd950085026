"""Decisions and a coalition for the demo world (`seed_demo`, after the calls demo).

Every accepted or not-accepted demo application gets its `Decision` with reasons and its PDF
letter, rendered as `decide_application` renders them; an accepted application whose
jurisdiction is not a member yet (the open call's) becomes one with its point of contact, as
the service does. The applications' states were written by the calls demo, so the transition is
not replayed. One coalition joins the two Kenyan counties that share a point of contact.

Idempotent: decisions by application, the coalition by name and country.
"""

from datetime import date

from django.core.files.base import ContentFile

from members.models import (
    Application,
    ApplicationState,
    Coalition,
    CoalitionMembership,
    Decision,
    DecisionOutcome,
    Member,
    MemberStatus,
)
from members.services_decisions import _make_member, render_decision_letter

ACCEPTED_REASONS = (
    "The committee valued the clear commitment of the Letter of Support, the breadth of the "
    "non-governmental stakeholders who signed it and the concrete reforms proposed for open "
    "contracting and participatory budgeting."
)
NOT_ACCEPTED_REASONS = (
    "The committee found the application eligible but, in a call with many strong applications "
    "from the same region, the Letter of Support did not yet show a track record of co-creation "
    "with civil society (point 5) or the resources for a multi-stakeholder forum (point 4)."
)
NATIONAL_CONTACT = (
    "The national OGP point of contact of your country's government (listed at "
    "opengovpartnership.org/members), who can tell you how to take part in the national "
    "action plan."
)
COALITION_NAME = "Rift Valley joint action plan"
COALITION_SLUGS = ("elgeyo-marakwet-county", "nandi-county")


def seed_decisions_demo(*, staff, coordinator, as_of: date) -> int:
    """Decide every decided demo application that has no decision yet; form the demo
    coalition. Returns how many decisions were added."""
    added = 0
    applications = (
        Application.objects.filter(
            state__in=[ApplicationState.ACCEPTED, ApplicationState.NOT_ACCEPTED],
            decision__isnull=True,
        )
        .select_related("call", "applicant", "country", "jurisdiction")
        .order_by("pk")
    )
    for application in applications:
        _decide(application, staff=staff)
        added += 1
    _ensure_coalition(staff=staff, coordinator=coordinator, as_of=as_of)
    return added


def _decide(application: Application, *, staff) -> Decision:
    decided_on = application.decided_on or application.call.decided_on or application.call.closes_on
    accepted = application.state == ApplicationState.ACCEPTED
    member = None
    if accepted:
        member = (
            Member.objects.filter(jurisdiction__name=application.jurisdiction_name)
            .filter(jurisdiction__country=application.country)
            .exclude(status=MemberStatus.REVOKED)
            .first()
        )
        if member is None:
            member, _user, _invited = _make_member(application, actor=staff, as_of=decided_on)
    decision = Decision.objects.create(
        application=application,
        outcome=DecisionOutcome.ACCEPTED if accepted else DecisionOutcome.NOT_ACCEPTED,
        reasons=ACCEPTED_REASONS if accepted else NOT_ACCEPTED_REASONS,
        decided_by=staff,
        decided_on=decided_on,
        national_contact="" if accepted else NATIONAL_CONTACT,
        member=member,
    )
    decision.letter_pdf.save("letter.pdf", ContentFile(render_decision_letter(decision)), save=True)
    return decision


def _ensure_coalition(*, staff, coordinator, as_of: date) -> None:
    members = list(
        Member.objects.filter(jurisdiction__slug__in=COALITION_SLUGS)
        .exclude(status=MemberStatus.REVOKED)
        .select_related("jurisdiction__country")
    )
    if len(members) != len(COALITION_SLUGS):
        return
    coalition, _created = Coalition.objects.get_or_create(
        country=members[0].jurisdiction.country,
        name=COALITION_NAME,
        defaults={"coordinator": coordinator, "formed_on": as_of, "created_by": staff},
    )
    for member in members:
        CoalitionMembership.objects.get_or_create(coalition=coalition, member=member)
