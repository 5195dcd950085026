"""Who may propose a change to a commitment (LH §3.2.1.3): a current point of contact of the
plan's member (of a coalition member, or the coordinator, for a joint plan) and the Support Unit;
everyone else gets 404. Who sees the change notices of every member: the Support Unit."""

import rules

from actionplans.rules import is_point_of_contact_of_plan
from ogplocal.accounts.rules import is_support_unit


@rules.predicate
def may_propose_change(user, commitment) -> bool:
    if commitment is None:
        return False
    return is_support_unit(user) or is_point_of_contact_of_plan(user, commitment.plan)


rules.add_perm("commitments.propose_change", may_propose_change)
rules.add_perm("commitments.review_changes", is_support_unit)
