"""Who may do what with public comments: anyone writes one (on a public row; rate limited), the
Support Unit moderates, a current point of contact of the member replies (the right of reply)."""

import rules

from members.rules import POINT_OF_CONTACT
from ogplocal.accounts.roles import held
from ogplocal.accounts.rules import is_support_unit


@rules.predicate
def is_point_of_contact_of_comment_member(user, comment) -> bool:
    return (
        comment is not None
        and comment.member_id is not None
        and comment.member_id in held(user, POINT_OF_CONTACT)
    )


@rules.predicate
def is_visible_comment(user, comment) -> bool:
    return comment is not None and comment.hidden_at is None


can_reply = is_visible_comment & is_point_of_contact_of_comment_member

rules.add_perm("comments.moderate_comment", is_support_unit)
rules.add_perm("comments.moderate_comments", is_support_unit)
rules.add_perm("comments.reply_comment", can_reply)
# The admin shows the comments to the Support Unit (read-only: moderation is a service).
rules.add_perm("comments", is_support_unit)
