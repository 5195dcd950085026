"""Who may see and file action plans (LH §3.2): a submitted plan is public; a draft is seen and
edited only by its author, the current points of contact of its member (of any coalition member
for a joint plan, and the coalition's coordinator) and the Support Unit. Whoever may not see a
draft gets 404 (`ogplocal.accounts.permissions`).

Plan states are plain strings here: this module cannot import the models (they import it).
"""

import rules

from members.rules import POINT_OF_CONTACT
from ogplocal.accounts.roles import held
from ogplocal.accounts.rules import can_see_draft, is_authenticated, is_support_unit

_DRAFT = "draft"
_SUBMITTED = "submitted"


@rules.predicate
def is_submitted_plan(user, plan) -> bool:
    return plan is not None and plan.state == _SUBMITTED


@rules.predicate
def is_draft_plan(user, plan) -> bool:
    return plan is not None and plan.state == _DRAFT


@rules.predicate
def is_point_of_contact_of_plan(user, plan) -> bool:
    """A current point of contact of the plan's member (or of a member of its coalition), or the
    coalition's coordinating point of contact."""
    if plan is None or not is_authenticated(user):
        return False
    if plan.coalition_id is not None and plan.coalition.coordinator_id == user.pk:
        return True
    member_ids = held(user, POINT_OF_CONTACT)
    return bool(member_ids and plan.owner_member_ids() & member_ids)


can_edit_plan = is_draft_plan & (can_see_draft | is_point_of_contact_of_plan)
can_view_plan = is_submitted_plan | can_see_draft | is_point_of_contact_of_plan


@rules.predicate
def is_plan_of_commitment_visible(user, obj) -> bool:
    """For a record of a plan (commitment, stakeholder, version): may `user` see the plan?"""
    return obj is not None and can_view_plan(user, obj.plan)


@rules.predicate
def is_plan_of_commitment_editable(user, obj) -> bool:
    return obj is not None and can_edit_plan(user, obj.plan)


# Starting a plan for a member (`actionplans.add_actionplan`, checked with the member): one of its
# current points of contact, or staff.
@rules.predicate
def is_point_of_contact_of_member_or_none(user, member) -> bool:
    return member is not None and member.pk in held(user, POINT_OF_CONTACT)


can_start_plan = is_support_unit | is_point_of_contact_of_member_or_none


# The admin shows an app to whom `user.has_module_perms(app_label)` allows (see
# `ogplocal.accounts.rules.ADMIN_APP_LABELS`): the Support Unit reads plans and commitments there.
rules.add_perm("actionplans", is_support_unit)
rules.add_perm("commitments", is_support_unit)


# The co-creation record (meetings, contributions) grows on a draft and on a submitted plan: its
# points of contact and staff record it (`actionplans.add_meeting`, checked with the plan).
can_record_co_creation = can_see_draft | is_point_of_contact_of_plan


@rules.predicate
def can_record_co_creation_of_plan(user, obj) -> bool:
    """For a meeting or contribution: may `user` add to its plan's co-creation record?"""
    return obj is not None and can_record_co_creation(user, obj.plan)


# The evidence repository (LH Annexes 4 and 5): filed by the plan's points of contact (of any
# coalition member, and the coordinator, for a joint plan) and staff, on a draft or a submitted
# plan; seen by whoever sees the plan (so public once it is submitted).
can_file_evidence = can_see_draft | is_point_of_contact_of_plan


@rules.predicate
def can_file_evidence_of_plan(user, obj) -> bool:
    """For an evidence record: may `user` replace or withdraw it?"""
    return obj is not None and can_file_evidence(user, obj.plan)


# Starting a joint plan for a coalition (LH §3.4; `actionplans.start_joint_plan`, checked with the
# coalition): its coordinating point of contact, a current point of contact of one of its
# members, or staff.
@rules.predicate
def is_point_of_contact_in_coalition(user, coalition) -> bool:
    if coalition is None or not is_authenticated(user):
        return False
    if coalition.coordinator_id == user.pk:
        return True
    member_ids = held(user, POINT_OF_CONTACT)
    return bool(member_ids) and any(
        membership.member_id in member_ids for membership in coalition.memberships.all()
    )


can_start_joint_plan = is_support_unit | is_point_of_contact_in_coalition
rules.add_perm("actionplans.start_joint_plan", can_start_joint_plan)
