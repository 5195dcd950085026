"""Who may do what with monitoring bodies (LH §2.3): the public reads, a body's reviewers edit its
public profile, the Support Unit does everything."""

import rules

from ogplocal.accounts.roles import held
from ogplocal.accounts.rules import is_support_unit

# The role a current reviewer holds (registered with `monitoring.selectors.body_ids_reviewed_by`).
REVIEWER = "reviewer"


@rules.predicate
def is_reviewer_of_body(user, body) -> bool:
    """A current reviewer (lead or not) of `body`, which must be active."""
    return body is not None and body.pk in held(user, REVIEWER)


@rules.predicate
def is_reviewer_of_same_body(user, reviewer) -> bool:
    return reviewer is not None and is_reviewer_of_body(user, reviewer.body)


can_edit_body_profile = is_support_unit | is_reviewer_of_body
