"""Who may do what with monitoring bodies (LH §2.3): the public reads, a body's reviewers edit its
public profile, the Support Unit does everything."""

import rules

from ogplocal.accounts.roles import roles_of
from ogplocal.accounts.rules import is_support_unit


@rules.predicate
def is_reviewer_of_body(user, body) -> bool:
    """A reviewer (lead or not) of `body`, which must be active."""
    return body is not None and body.pk in roles_of(user).monitoring_body_ids


@rules.predicate
def is_reviewer_of_same_body(user, reviewer) -> bool:
    return reviewer is not None and is_reviewer_of_body(user, reviewer.body)


can_edit_body_profile = is_support_unit | is_reviewer_of_body
