"""Who may do what with monitoring bodies (LH §2.3) and their assessments (LH §3.5): the public
reads bodies and published assessments, a body's reviewers edit its public profile and file the
assessments of the plans assigned to it, the member's points of contact comment during a comment
period, and the Support Unit reads everything and records requirement findings.

A reviewer of body A holds nothing through body B: every page of B's plans and assessments, drafts
included, answers 404 (`ogplocal.accounts.permissions`). Staff do not file assessments: the
assessment is the monitoring body's independent judgement (LH §3.5).

Assessment states are plain strings here: this module cannot import the models (they import it).
"""

import rules

from actionplans.rules import is_point_of_contact_of_plan
from members.rules import is_point_of_contact_of_member
from ogplocal.accounts.roles import held
from ogplocal.accounts.rules import is_support_unit

# The role a current reviewer holds (registered with `monitoring.selectors.body_ids_reviewed_by`).
REVIEWER = "reviewer"

_COMMENT_PERIOD = "comment_period"
_PUBLISHED = "published"


@rules.predicate
def is_reviewer_of_body(user, body) -> bool:
    """A current reviewer (lead or not) of `body`, which must be active."""
    return body is not None and body.pk in held(user, REVIEWER)


@rules.predicate
def is_reviewer_of_same_body(user, reviewer) -> bool:
    return reviewer is not None and is_reviewer_of_body(user, reviewer.body)


can_edit_body_profile = is_support_unit | is_reviewer_of_body


# --- plans assigned to a body -------------------------------------------------------------------


@rules.predicate
def is_submitted_plan(user, plan) -> bool:
    return plan is not None and plan.state == "submitted"


@rules.predicate
def is_reviewer_of_plan(user, plan) -> bool:
    """A current reviewer of the body assigned to `plan`."""
    return (
        plan is not None
        and plan.monitoring_body_id is not None
        and plan.monitoring_body_id in held(user, REVIEWER)
    )


# The plan's page for its monitoring body, and starting an assessment of it.
can_review_plan = is_submitted_plan & (is_support_unit | is_reviewer_of_plan)
can_start_assessment = is_submitted_plan & is_reviewer_of_plan


# --- assessments --------------------------------------------------------------------------------


@rules.predicate
def is_published_assessment(user, assessment) -> bool:
    return assessment is not None and assessment.state == _PUBLISHED


@rules.predicate
def is_in_comment_period(user, assessment) -> bool:
    return assessment is not None and assessment.state == _COMMENT_PERIOD


@rules.predicate
def is_reviewer_of_assessment(user, assessment) -> bool:
    """A current reviewer of the body that files `assessment`."""
    return assessment is not None and assessment.body_id in held(user, REVIEWER)


@rules.predicate
def is_point_of_contact_of_assessed_plan(user, assessment) -> bool:
    return assessment is not None and is_point_of_contact_of_plan(user, assessment.plan)


can_view_assessment = (
    is_published_assessment
    | is_support_unit
    | is_reviewer_of_assessment
    | (is_in_comment_period & is_point_of_contact_of_assessed_plan)
)
can_edit_assessment = ~is_published_assessment & is_reviewer_of_assessment
can_correct_assessment = is_published_assessment & is_reviewer_of_assessment
# The member's government comments through its points of contact (LH §3.5); non-governmental
# stakeholders through their invitation's link.
can_comment_on_assessment = is_in_comment_period & is_point_of_contact_of_assessed_plan

rules.add_perm("monitoring.review_plan", can_review_plan)
rules.add_perm("monitoring.start_assessment", can_start_assessment)
rules.add_perm("monitoring.correct_assessment", can_correct_assessment)
rules.add_perm("monitoring.comment_on_assessment", can_comment_on_assessment)
# Requirement findings (LH §3.3.1: "The Support Unit will assess these four requirements") and the
# Support Unit's answer to a member's choice of monitoring body, checked with the member or plan.
rules.add_perm("monitoring.record_finding", is_support_unit)
rules.add_perm("monitoring.review_body_assignment", is_support_unit & is_submitted_plan)
rules.add_perm("monitoring.staff_overview", is_support_unit)


@rules.predicate
def is_reviewer(user) -> bool:
    return bool(held(user, REVIEWER))


# Whoever holds an invitation's link comments through it (the token is unguessable).
rules.add_perm("monitoring.view_commentinvitation", rules.always_allow)
rules.add_perm("monitoring.reviewer_dashboard", is_reviewer | is_support_unit)
# The plan's non-governmental stakeholders endorse its body (LH §3.5); the points of contact
# record their endorsements, staff may too.
rules.add_perm(
    "monitoring.record_body_endorsement",
    is_submitted_plan & (is_support_unit | is_point_of_contact_of_plan),
)


# --- evidence of an assessment, and the pool of trained reviewers ------------------------------


@rules.predicate
def can_view_evidence(user, evidence) -> bool:
    """Evidence is seen by whoever may see its assessment: the public once it is published."""
    return evidence is not None and can_view_assessment(user, evidence.assessment)


@rules.predicate
def can_file_evidence(user, evidence) -> bool:
    """The assessment's reviewers add or withdraw evidence until it is published."""
    return evidence is not None and can_edit_assessment(user, evidence.assessment)


@rules.predicate
def is_point_of_contact_of_introduced_member(user, introduction) -> bool:
    return introduction is not None and is_point_of_contact_of_member(user, introduction.member)


# Staff keep the roster of trained reviewers (in the Support Unit admin, audited) and introduce
# some of them to a member; the member's points of contact see the introductions made to them.
rules.add_perm("monitoring.reviewer_pool", is_support_unit)
rules.add_perm("monitoring.introduce_reviewers", is_support_unit)
