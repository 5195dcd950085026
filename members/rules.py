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


# --- selection: calls, applications, the committee (LH §1.2) ----------------------------------

# A member of a call's selection committee, held through calls (`selectors.call_ids_of_committee_
# member`), and the applications a person is recused from, held through applications
# (`selectors.application_ids_recused`: every application of their own country in a call whose
# committee they sit on, and every declared conflict). Both registered in `MembersConfig.ready()`.
COMMITTEE_MEMBER = "committee_member"
RECUSED = "recused"

# Application states as plain strings: rules.py cannot import the models (they import it).
_DRAFT = "draft"
_SHORTLISTED = "shortlisted"
_UNDER_REVIEW = ("submitted", "shortlisted", "accepted", "not_accepted")


@rules.predicate
def is_public_call(user, call) -> bool:
    """A call that has been opened (open, closed or decided); drafts are the Support Unit's."""
    return call is not None and call.state != _DRAFT


@rules.predicate
def is_applicant_of(user, application) -> bool:
    """The person who started `application` (its account)."""
    return (
        application is not None
        and user is not None
        and user.is_authenticated
        and application.applicant_id == user.pk
    )


@rules.predicate
def is_committee_member_for(user, application) -> bool:
    """On the selection committee of the application's call."""
    return application is not None and application.call_id in held(user, COMMITTEE_MEMBER)


@rules.predicate
def is_recused_from(user, application) -> bool:
    """Recused from `application`: their own country's, or a conflict they declared. Binds staff
    too (put in front with `&`, docs/architecture.md)."""
    return application is not None and application.pk in held(user, RECUSED)


@rules.predicate
def is_under_review(user, application) -> bool:
    """Submitted and not withdrawn: what reviewers read."""
    return application is not None and application.state in _UNDER_REVIEW


@rules.predicate
def is_editable_by_applicant(user, application) -> bool:
    """A draft, or a shortlisted application of a two-stage call whose full application has not
    been submitted yet (stage 2). Load the application with its call (`select_related`)."""
    if application is None:
        return False
    if application.state == _DRAFT:
        return True
    return (
        application.state == _SHORTLISTED
        and application.full_submitted_on is None
        and application.call.is_two_stage
    )


can_view_application = is_applicant_of | (
    ~is_recused_from & is_under_review & (is_support_unit | is_committee_member_for)
)
can_edit_application = is_applicant_of & is_editable_by_applicant
# Reading and scoring the 8 points side by side (LH §1.2): a recusal binds staff too.
can_review_application = (
    ~is_recused_from & is_under_review & (is_support_unit | is_committee_member_for)
)

rules.add_perm("members.review_application", can_review_application)
rules.add_perm("members.withdraw_application", is_applicant_of)
rules.add_perm("members.manage_calls", is_support_unit)


@rules.predicate
def is_applicant_of_decision(user, decision) -> bool:
    return decision is not None and is_applicant_of(user, decision.application)


# The Support Unit writes to an applicant about an application it may read (not when recused).
rules.add_perm("members.message_applicant", ~is_recused_from & is_under_review & is_support_unit)


@rules.predicate
def is_decided_call(user, call) -> bool:
    return call is not None and call.state == "decided"


@rules.predicate
def can_edit_signatory(user, signatory) -> bool:
    return signatory is not None and can_edit_application.test(user, signatory.application)


rules.add_perm("members.view_call_results", is_decided_call)

# Decisions (LH §1.2): the Support Unit records the committee's decision on an application under
# review; a recusal (own country, declared conflict) binds staff too.
can_decide_application = ~is_recused_from & is_under_review & is_support_unit
rules.add_perm("members.decide_application", can_decide_application)
# The first-plan deadline's extension and coalitions for joint plans (LH §3.4): staff.
rules.add_perm("members.grant_extension", is_support_unit)
rules.add_perm("members.manage_coalitions", is_support_unit)
rules.add_perm("members.remove_signatory", can_edit_signatory)


# --- review by the selection committee (LH §1.2) --------------------------------------------------


@rules.predicate
def is_committee_member_of_call(user, call) -> bool:
    """On the selection committee of `call`."""
    return call is not None and call.pk in held(user, COMMITTEE_MEMBER)


@rules.predicate
def has_submitted_review_of(user, application) -> bool:
    """Has submitted their own review of `application` (one query)."""
    if application is None or user is None or not user.is_authenticated:
        return False
    return application.reviews.filter(reviewer=user, submitted_at__isnull=False).exists()


# The queue, the cohort view: the Support Unit and the call's committee.
rules.add_perm("members.review_call", is_support_unit | is_committee_member_of_call)
# Only the Support Unit invites committee members (LH §1.2).
rules.add_perm("members.manage_committee", is_support_unit)
# The committee scores; staff who are not on it read the scores but do not score. A recusal binds.
can_score_application = ~is_recused_from & is_under_review & is_committee_member_for
rules.add_perm("members.score_application", can_score_application)
rules.add_perm("members.declare_conflict", can_score_application)
# Score blindness: a committee member sees the others' scores once they have submitted their own;
# Support Unit staff who are not on the committee see every submitted score.
can_view_review_scores = (
    ~is_recused_from
    & is_under_review
    & (
        (is_support_unit & ~is_committee_member_for)
        | (is_committee_member_for & has_submitted_review_of)
    )
)
rules.add_perm("members.view_review_scores", can_view_review_scores)
# Shortlisting (two-stage calls) is the Support Unit's, never on an application it is recused from.
can_shortlist_application = ~is_recused_from & is_under_review & is_support_unit
rules.add_perm("members.shortlist_application", can_shortlist_application)
