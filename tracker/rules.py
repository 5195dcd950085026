"""Who may file and see tracker updates and voluntary inactivity (LH §3.5.4, §4.1).

- A filed update is public with its plan (plans are public once submitted); its commitment's
  points of contact (of the plan's member, of any member of a joint plan's coalition, or the
  coalition's coordinator) and the Support Unit file updates and corrections
  (`tracker.add_trackerupdate`, checked with the commitment). Everyone else gets 404.
- A member's points of contact request voluntary inactivity (`tracker.add_voluntaryinactivity`,
  checked with the member) and see its requests with the Support Unit, which alone decides them.

This module cannot import the models (they import it).
"""

import rules

from actionplans.rules import is_plan_of_commitment_visible, is_point_of_contact_of_plan
from members.rules import is_point_of_contact_of_member
from ogplocal.accounts.rules import is_support_unit

# --- H3: tracker updates and voluntary inactivity ------------------------------------------------

can_view_update = is_plan_of_commitment_visible


@rules.predicate
def is_point_of_contact_of_commitment(user, commitment) -> bool:
    return commitment is not None and is_point_of_contact_of_plan(user, commitment.plan)


can_file_update = is_support_unit | is_point_of_contact_of_commitment


@rules.predicate
def is_point_of_contact_of_request(user, request) -> bool:
    return request is not None and is_point_of_contact_of_member(user, request.member)


# Checked with the member the request is for.
can_request_voluntary_inactivity = is_support_unit | is_point_of_contact_of_member
can_view_voluntary_inactivity = is_support_unit | is_point_of_contact_of_request
can_decide_voluntary_inactivity = is_support_unit
# H2 (issue 21): a granted period is ended by the member's points of contact or the Support Unit
# (checked with the period; docs/engine-decisions.md).
can_end_voluntary_inactivity = is_support_unit | is_point_of_contact_of_request

rules.add_perm("tracker.file_update", can_file_update)
# A file or link filed with an update: seen by whoever may see the update (checked with it).
rules.add_perm("tracker.view_evidence", can_view_update)
rules.add_perm("tracker.review_voluntary_inactivity", is_support_unit)
# Of a member: its requests and their decisions.
rules.add_perm("tracker.view_member_voluntary_inactivity", can_request_voluntary_inactivity)
rules.add_perm("tracker.end_voluntary_inactivity", can_end_voluntary_inactivity)
