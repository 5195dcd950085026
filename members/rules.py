"""Who may do what with members (LH §2): the public reads, points of contact edit their own
member's public profile, the Support Unit does everything.

Permission names: the model permissions `members.{view,add,change,delete}_{model}` (bound in each
model's `Meta.rules_permissions`) and the ones added at the bottom of this module.
"""

import rules

from ogplocal.accounts.roles import held
from ogplocal.accounts.rules import is_support_unit

# The role of a current point of contact, held through members (registered with
# `members.selectors.member_ids_of_point_of_contact` in `MembersConfig.ready()`).
POINT_OF_CONTACT = "point_of_contact"


@rules.predicate
def is_point_of_contact_of_member(user, member) -> bool:
    """A current point of contact of `member` (one of several members for a joint plan)."""
    return member is not None and member.pk in held(user, POINT_OF_CONTACT)


@rules.predicate
def is_point_of_contact_for_contact(user, contact) -> bool:
    """A current point of contact of a member that `contact` belongs to.

    A contact belongs to a member when a point-of-contact record names them, or when they work for
    an organization of the member's jurisdiction.
    """
    member_ids = held(user, POINT_OF_CONTACT)
    if contact is None or not member_ids:
        return False
    return bool(contact.member_ids() & member_ids)


@rules.predicate
def is_point_of_contact_for_record(user, point_of_contact) -> bool:
    return point_of_contact is not None and is_point_of_contact_of_member(
        user, point_of_contact.member
    )


can_edit_member_profile = is_support_unit | is_point_of_contact_of_member
can_view_member_contact_details = is_support_unit | is_point_of_contact_of_member

# Not model permissions, so they are named here: the e-mail and phone of a member's contacts,
# and the member's audit history.
rules.add_perm("members.view_member_contact_details", can_view_member_contact_details)
rules.add_perm("members.view_member_history", is_support_unit)
