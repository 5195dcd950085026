"""Read paths for members: querysets scoped to the person asking, with their joins in one place."""

from datetime import date

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from members.models import (
    Application,
    ApplicationMessage,
    ApplicationState,
    Call,
    CallState,
    CommitteeMember,
    JurisdictionTerm,
    Member,
    PointOfContact,
    Recusal,
    Signatory,
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


# --- calls and applications (LH §1.2) ------------------------------------------------------------


def public_calls() -> QuerySet[Call]:
    """Calls the public sees: every call the Support Unit has opened (not drafts)."""
    return Call.objects.exclude(state=CallState.DRAFT)


def calls_overview(*, as_of: date) -> dict[str, list[Call]]:
    """The public calls page in one query: calls receiving applications on `as_of` ("open"),
    announced but not open yet ("upcoming", the next first), and the rest ("past", latest
    first)."""
    open_calls, upcoming, past = [], [], []
    for call in public_calls().order_by("opens_on", "pk"):
        if call.state == CallState.OPEN and call.opens_on <= as_of <= call.closes_on:
            open_calls.append(call)
        elif call.state == CallState.OPEN and as_of < call.opens_on:
            upcoming.append(call)
        else:
            past.append(call)
    past.reverse()
    return {"open": open_calls, "upcoming": upcoming, "past": past}


def call_by_slug(*, call_slug: str, user) -> Call:
    """One call by its slug (the permission decides who sees a draft); 404 if none."""
    return get_object_or_404(Call, slug=call_slug)


def no_object(*, user) -> None:
    """For pages about no one object (the Support Unit's list of calls): the permission is
    checked on None."""
    return None


def calls_for_staff() -> QuerySet[Call]:
    """Every call, drafts too, with its counts of applications (one query)."""
    return Call.objects.annotate(
        application_count=Count("applications", filter=~Q(applications__state="draft")),
        draft_count=Count("applications", filter=Q(applications__state="draft")),
    ).order_by("-opens_on", "-pk")


def call_results(call: Call) -> dict:
    """A decided call's results, in two queries: how many applications were received,
    shortlisted and accepted, and the accepted ones by OGP region and kind of jurisdiction."""
    applications = Application.objects.filter(call=call)
    totals = applications.aggregate(
        received=Count("pk", filter=Q(submitted_on__isnull=False)),
        shortlisted=Count("pk", filter=Q(shortlisted_on__isnull=False)),
        accepted=Count("pk", filter=Q(state=ApplicationState.ACCEPTED)),
        not_accepted=Count("pk", filter=Q(state=ApplicationState.NOT_ACCEPTED)),
    )
    rows = list(
        applications.filter(state=ApplicationState.ACCEPTED)
        .values("country__ogp_region", "kind")
        .annotate(count=Count("pk"))
        .order_by("country__ogp_region", "kind")
    )
    return {**totals, "by_region_and_kind": rows}


def application_for(*, application_id: int, user) -> Application:
    """One application with its call and country; 404 if there is none (the permission decides
    who may see it: its applicant, and reviewers who are not recused)."""
    return get_object_or_404(
        Application.objects.select_related("call", "country", "jurisdiction", "applicant"),
        pk=application_id,
    )


def application_page(*, application_id: int, user) -> Application:
    """An application for its page: with its signatories, its messages from the Support Unit
    and its submitted versions."""
    return get_object_or_404(
        Application.objects.select_related(
            "call", "country", "jurisdiction", "applicant"
        ).prefetch_related(
            "signatories",
            Prefetch(
                "messages",
                queryset=ApplicationMessage.objects.select_related("author").order_by(
                    "sent_at", "pk"
                ),
            ),
            "versions",
        ),
        pk=application_id,
    )


def signatory_for(*, application_id: int, signatory_id: int, user) -> Signatory:
    return get_object_or_404(
        Signatory.objects.select_related("application__call"),
        pk=signatory_id,
        application_id=application_id,
    )


def submitted_applications_of_call(call: Call, user) -> QuerySet[Application]:
    """A call's submitted applications (not drafts) for the Support Unit's page of the call,
    without those `user` is recused from (a recusal binds staff too)."""
    from members.rules import RECUSED
    from ogplocal.accounts.roles import held

    return (
        Application.objects.filter(call=call)
        .exclude(state=ApplicationState.DRAFT)
        .exclude(pk__in=held(user, RECUSED))
        .select_related("country")
        .order_by("jurisdiction_name", "pk")
    )


def applications_of(user) -> QuerySet[Application]:
    """The applications `user` started, latest first, with their calls."""
    if not user.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.filter(applicant=user)
        .select_related("call", "country")
        .order_by("-created_at", "-pk")
    )
