"""Read paths of the daily job's records: a member's status history and letters, for its page
(points of contact and staff), and the labels that name its plans in explanations."""

from __future__ import annotations

from django.db.models import Q

from actionplans.models import ActionPlan
from members.models import CoalitionMembership, Member
from tracker.status_models import StatusChange, StatusLetter


def plan_labels(member: Member) -> dict[str, str]:
    """Each of the member's plans (its own and its coalitions'), by id as the engine names them."""
    coalitions = CoalitionMembership.objects.filter(member=member).values("coalition_id")
    return {
        str(plan.pk): str(plan)
        for plan in ActionPlan.objects.filter(
            Q(member=member) | Q(coalition_id__in=coalitions)
        ).select_related("member__jurisdiction", "coalition")
    }


def status_history(member: Member) -> list[StatusChange]:
    """The member's recorded changes, latest first, each with its letter (if any)."""
    return list(
        StatusChange.objects.filter(member=member)
        .select_related("letter")
        .order_by("-effective_on")
    )


def letters_of(member: Member) -> list[StatusLetter]:
    return list(
        StatusLetter.objects.filter(member=member)
        .select_related("change")
        .order_by("-dated_on", "-pk")
    )


def letter_for_download(letter_id: int):
    """The queryset a letter's download view loads from (the permission is checked on it)."""
    return StatusLetter.objects.filter(pk=letter_id).select_related(
        "member__jurisdiction", "change"
    )
