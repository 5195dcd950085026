"""Read paths for members: querysets scoped to the person asking, with their joins in one place."""

from datetime import date

from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from members.models import (
    Application,
    CommitteeMember,
    JurisdictionTerm,
    Member,
    PointOfContact,
    Recusal,
)


def members_for(user) -> QuerySet[Member]:
    """The members `user` may see, with what the directory shows.

    Membership is public record (LH §1), so today this is every member for everyone; the
    directory, the API and exports still go through here so that a later restriction (an
    unpublished member, say) is made once.
    """
    return Member.objects.select_related("jurisdiction__country").order_by(
        "jurisdiction__name", "pk"
    )


def member_ids_of_point_of_contact(user, *, as_of: date) -> frozenset[int]:
    """The members `user` is a point of contact of on `as_of` (the role "point_of_contact").

    Registered in `MembersConfig.ready()`; predicates read it through the per-request role cache
    (`ogplocal.accounts.roles.held`), not by calling this directly.
    """
    return frozenset(
        PointOfContact.objects.current(as_of=as_of)
        .filter(user=user)
        .values_list("member_id", flat=True)
    )


def current_points_of_contact(*, as_of: date) -> QuerySet[PointOfContact]:
    return (
        PointOfContact.objects.current(as_of=as_of)
        .select_related("user", "contact__organization")
        .order_by("-is_primary", "starts_on", "pk")
    )


def member_by_slug(*, slug: str, user) -> Member:
    """One member with its jurisdiction and country; 404 if there is none `user` may see."""
    return get_object_or_404(members_for(user).page_of(slug))


def member_detail(*, slug: str, user, as_of: date) -> Member:
    """One member for its public page, with its current points of contact; 404 as above.

    `member.current_points_of_contact` holds the points of contact in force on `as_of`.
    """
    queryset = members_for(user).prefetch_related(
        Prefetch(
            "points_of_contact",
            queryset=current_points_of_contact(as_of=as_of),
            to_attr="current_points_of_contact",
        )
    )
    return get_object_or_404(queryset.page_of(slug))


def term_on(jurisdiction, as_of: date) -> JurisdictionTerm | None:
    """The `JurisdictionTerm` in force for `jurisdiction` on `as_of`, or None if none was recorded.

    Filings judged against the term (an application's eligibility, LH §1.1; an action plan's end,
    LH §3.2) keep a foreign key to the record this returns, so that a later correction does not
    change what they were judged against.
    """
    return JurisdictionTerm.objects.filter(jurisdiction=jurisdiction).in_force(as_of=as_of).first()


# --- selection: the committee's roles (LH §1.2) --------------------------------------------------


def call_ids_of_committee_member(user, *, as_of: date) -> frozenset[int]:
    """The calls whose selection committee `user` sits on (the role "committee_member")."""
    return frozenset(
        CommitteeMember.objects.filter(user=user).order_by().values_list("call_id", flat=True)
    )


def application_ids_recused(user, *, as_of: date) -> frozenset[int]:
    """The applications `user` is recused from (the role "recused"): every application of their
    own country in a call whose committee they sit on (automatic), and every conflict they
    declared (`Recusal`). Binds them even when they are also staff.

    Nobody but a committee member can be recused: for everyone else this asks nothing (the
    committee role is in the request's role cache already), so pages cost one query for the
    committee role and none for this one."""
    from members.rules import COMMITTEE_MEMBER
    from ogplocal.accounts.roles import held

    if not held(user, COMMITTEE_MEMBER, as_of=as_of):
        return frozenset()
    own_country = Application.objects.filter(
        call__committee__user=user, country_id=F("call__committee__country_id")
    ).values_list("pk", flat=True)
    declared = Recusal.objects.filter(committee_member__user=user).values_list(
        "application_id", flat=True
    )
    return frozenset(own_country) | frozenset(declared)
