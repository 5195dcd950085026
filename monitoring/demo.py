"""Demo assessments and findings for `manage.py seed_demo` (issue 20), filed through the services
on the days they would have been, so that the dashboards show every state: published on time and
then corrected (a second version, published), open for comments with a comment, a late draft, and
an end-of-commitment draft; findings not met, then met. The assessments rely on evidence (a PDF of
minutes and a link; one piece withdrawn with its reason, so the history shows), their invitations
are e-mailed through the outbox, and the Support Unit's pool of trained reviewers has a few people,
one of them introduced to a member.

Runs after the plans demo (actionplans/demo.py); a plan that already has an assessment is left as
it is, so a second run creates nothing.
"""

import io
from datetime import date, timedelta

from django.core.files.base import ContentFile
from pypdf import PdfWriter

from actionplans.models import ActionPlan, PlanState
from members.models import PointOfContact
from monitoring import services
from monitoring.models import (
    Assessment,
    AssessmentKind,
    Practice,
    Requirement,
    TrainedReviewer,
)

REQUIREMENT_EVIDENCE = {
    Requirement.FORUM: "The open government forum meets in city hall; its terms of reference "
    "are published.",
    Requirement.REGULARITY: "Two co-creation meetings recorded with minutes; implementation "
    "meetings every five months, short of two a year.",
    Requirement.MULTI_STAKEHOLDER: "Government agencies and eleven civil-society organizations "
    "sit in the forum.",
    Requirement.ENDORSEMENT: "Two non-governmental stakeholders endorse the plan; their names "
    "were submitted with it.",
}


def _minutes_pdf() -> ContentFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return ContentFile(buffer.getvalue(), name="Forum minutes.pdf")


def _add_evidence(assessment: Assessment, actor, *, with_withdrawal: bool = False) -> None:
    services.add_evidence(
        assessment,
        title="Minutes of the forum's co-creation meetings",
        file=_minutes_pdf(),
        actor=actor,
    )
    services.add_evidence(
        assessment,
        title="The forum's public page with its terms of reference",
        link="https://www.opengovpartnership.org/ogp-local/",
        actor=actor,
    )
    if with_withdrawal:
        wrong = services.add_evidence(
            assessment,
            title="Attendance list",
            link="https://www.opengovpartnership.org/",
            actor=actor,
        )
        services.withdraw_evidence(
            wrong,
            reason="The list of another meeting; the right one is in the minutes.",
            actor=actor,
        )


def _fill_inception(assessment: Assessment, actor, *, regularity_met: bool) -> None:
    _add_evidence(assessment, actor, with_withdrawal=not regularity_met)
    services.save_assessment_part(
        assessment,
        "requirements",
        {
            code: {
                "met": regularity_met if code == Requirement.REGULARITY else True,
                "evidence": REQUIREMENT_EVIDENCE[code],
            }
            for code in Requirement.values
        },
        actor=actor,
    )
    services.save_assessment_part(
        assessment,
        "practices",
        {
            code: {
                "rating": "applied" if index % 3 else "partly_applied",
                "comment": "Seen in the forum's published records and the plan's repository.",
            }
            for index, code in enumerate(Practice.values)
        },
        actor=actor,
    )
    services.save_assessment_part(
        assessment,
        "commitments",
        {
            str(row.commitment_id): {
                "relevance": "relevant",
                "relevance_justification": "Opens information residents asked for.",
                "verifiability": "verifiable",
                "verifiability_justification": "Each milestone names an output and a date.",
                "potential_impact": "moderate",
                "potential_impact_justification": "Changes how the agency publishes, not yet "
                "how decisions are taken.",
            }
            for row in assessment.commitment_ratings.all()
        },
        actor=actor,
    )


def _reviewer(plan: ActionPlan):
    reviewer = plan.monitoring_body.reviewers.filter(ends_on__isnull=True).order_by("pk").first()
    return reviewer.user if reviewer else None


def _publish_inception(plan, actor, *, started_on: date, regularity_met: bool) -> Assessment:
    assessment = services.start_assessment(plan, "inception", actor=actor, as_of=started_on)
    _fill_inception(assessment, actor, regularity_met=regularity_met)
    ends_on = started_on + timedelta(days=services.MIN_COMMENT_DAYS)
    services.open_comment_period(assessment, ends_on=ends_on, actor=actor, as_of=started_on)
    poc = PointOfContact.objects.filter(member=plan.member, ends_on__isnull=True).first()
    if poc is not None:
        services.add_comment(
            assessment,
            body="The forum also met in March; the minutes are in the repository.",
            actor=poc.user,
            as_of=started_on + timedelta(days=3),
        )
    return services.publish_assessment(assessment, actor=actor, as_of=ends_on + timedelta(days=1))


def seed_monitoring_demo(*, staff, as_of: date) -> None:
    seed_reviewer_pool(staff=staff, as_of=as_of)
    plans = list(
        ActionPlan.objects.filter(state=PlanState.SUBMITTED, member__isnull=False)
        .exclude(monitoring_body=None)
        .select_related("member__jurisdiction", "monitoring_body")
        .order_by("submitted_on", "pk")
    )
    for index, plan in enumerate(plans):
        if Assessment.objects.filter(plan=plan).exists():
            continue
        _endorse_body(plan, staff=staff, confirm=index == 0)
        actor = _reviewer(plan)
        if actor is None:
            continue
        if index % 3 == 0:
            _seed_published_and_corrected(plan, actor, staff=staff, as_of=as_of)
        elif index % 3 == 1:
            _seed_comment_period(plan, actor, as_of=as_of)
        else:
            # A late draft: started, never finished.
            services.start_assessment(plan, "inception", actor=actor, as_of=as_of)


def _endorse_body(plan, *, staff, confirm: bool) -> None:
    """The plan's first non-governmental stakeholder endorses its body, recorded by a point of
    contact on the day the plan was submitted (LH §3.5); staff confirm the first plan's choice."""
    if plan.body_endorsements.exists():  # a second run adds nothing
        return
    stakeholder = plan.endorsements.order_by("pk").first()
    poc = PointOfContact.objects.filter(member=plan.member, ends_on__isnull=True).first()
    if stakeholder is not None:
        services.record_body_endorsement(
            plan,
            stakeholder=stakeholder,
            actor=poc.user if poc else staff,
            as_of=plan.submitted_on,
        )
    if confirm:
        services.review_body_assignment(
            plan,
            decision="confirmed",
            reasons="Independent of the city government, with reviewers trained in 2022, and "
            "endorsed by the forum's civil-society members.",
            actor=staff,
            as_of=plan.submitted_on + timedelta(days=7),
        )


def _seed_published_and_corrected(plan, actor, *, staff, as_of: date) -> None:
    """Published on time; the Support Unit finds regularity unmet, then met after a correction;
    a draft end-of-commitment assessment of a completed commitment, if there is one."""
    started_on = plan.submitted_on + timedelta(days=20)
    if started_on + timedelta(days=90) > as_of:  # too recent for the whole story
        _seed_comment_period(plan, actor, as_of=as_of)
        return
    first = _publish_inception(plan, actor, started_on=started_on, regularity_met=False)
    services.record_finding(
        plan.member,
        met=False,
        reasons="Fewer than two implementation meetings a year (LH §3.3.1, regularity).",
        assessment=first,
        actor=staff,
        as_of=first.published_on + timedelta(days=5),
    )
    corrected_on = first.published_on + timedelta(days=30)
    correction = services.start_correction(
        first,
        reason="A second implementation meeting had been held and recorded late.",
        actor=actor,
        as_of=corrected_on,
    )
    services.save_assessment_part(
        correction,
        "requirements",
        {Requirement.REGULARITY: {"met": True, "evidence": "Two implementation meetings."}},
        actor=actor,
    )
    ends_on = corrected_on + timedelta(days=services.MIN_COMMENT_DAYS)
    services.open_comment_period(correction, ends_on=ends_on, actor=actor, as_of=corrected_on)
    correction = services.publish_assessment(
        correction, actor=actor, as_of=ends_on + timedelta(days=1)
    )
    services.record_finding(
        plan.member,
        met=True,
        reasons="The corrected assessment shows two implementation meetings a year.",
        assessment=correction,
        actor=staff,
        as_of=ends_on + timedelta(days=3),
    )
    commitments = plan.commitments.order_by("number")
    if as_of < plan.ends_on:
        commitments = commitments.filter(completed_on__isnull=False)
    commitment = commitments.first()
    if commitment is not None and not Assessment.objects.filter(commitment=commitment).exists():
        assessment = services.start_assessment(
            plan, AssessmentKind.END_OF_COMMITMENT, commitment=commitment, actor=actor, as_of=as_of
        )
        services.save_assessment_part(
            assessment,
            "results",
            {"completion_level": "substantial", "early_results": "Contracts are now online."},
            actor=actor,
        )


def _seed_comment_period(plan, actor, *, as_of: date) -> None:
    """Open for comments now, with a comment from the point of contact."""
    assessment = services.start_assessment(plan, "inception", actor=actor, as_of=as_of)
    _fill_inception(assessment, actor, regularity_met=True)
    assessment = services.open_comment_period(
        assessment,
        ends_on=as_of + timedelta(days=services.MIN_COMMENT_DAYS + 7),
        actor=actor,
        as_of=as_of,
    )
    poc = PointOfContact.objects.filter(member=plan.member, ends_on__isnull=True).first()
    if poc is not None:
        services.add_comment(
            assessment,
            body="Please add the forum's online consultation to the evidence.",
            actor=poc.user,
            as_of=as_of,
        )


# --- the Support Unit's pool of trained reviewers -------------------------------------------------

DEMO_POOL = (
    {
        "name": "Lucía Fernández",
        "email": "lucia.fernandez@reviewers.example",
        "organization": "Instituto de Gobierno Abierto",
        "trained_on": date(2025, 5, 20),
        "training": "OGP Local reviewers, 2025",
        "languages": "Spanish, English",
        "ogp_region": "latin_america",
    },
    {
        "name": "Kwame Mensah",
        "email": "kwame.mensah@reviewers.example",
        "organization": "Accountability Lab",
        "trained_on": date(2025, 9, 12),
        "training": "OGP Local reviewers, 2025",
        "languages": "English, French",
        "ogp_region": "africa_middle_east",
    },
    {
        "name": "Marie Dubois",
        "email": "marie.dubois@reviewers.example",
        "organization": "",
        "trained_on": date(2024, 11, 4),
        "training": "Independent reporting mechanism workshop",
        "languages": "French",
        "ogp_region": "europe",
        "is_available": False,
        "notes": "On leave until next year.",
    },
)


def seed_reviewer_pool(*, staff, as_of: date) -> None:
    """A few trained reviewers (kept by staff in the admin), and one introduction to a member
    whose plan has no assessment started yet. A second run adds nothing."""
    if TrainedReviewer.objects.exists():
        return
    pool = [TrainedReviewer.objects.create(**values) for values in DEMO_POOL]
    plan = (
        ActionPlan.objects.filter(member__isnull=False)
        .exclude(state=PlanState.SUBMITTED)
        .select_related("member")
        .order_by("pk")
        .first()
    ) or ActionPlan.objects.filter(member__isnull=False).select_related("member").first()
    if plan is None:
        return
    services.introduce_reviewers(
        plan.member,
        reviewers=[reviewer for reviewer in pool if reviewer.is_available],
        note="Both reviewed action plans last year and can advise on setting up your monitoring "
        "body; Lucía reviews in Spanish.",
        actor=staff,
        as_of=as_of,
    )
