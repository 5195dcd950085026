"""Read paths for commitments and milestones."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from commitments.models import Commitment, Milestone


def commitment_for(*, commitment_id: int, user) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related(
            "plan__member__jurisdiction", "plan__coalition", "jurisdiction"
        ),
        pk=commitment_id,
    )


def commitment_page(*, commitment_id: int, user) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related(
            "plan__member__jurisdiction", "plan__coalition", "jurisdiction"
        ).prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("number"))),
        pk=commitment_id,
    )


def milestone_for(*, commitment_id: int, milestone_id: int, user) -> Milestone:
    return get_object_or_404(
        Milestone.objects.select_related(
            "commitment__plan__member__jurisdiction", "commitment__plan__coalition"
        ),
        pk=milestone_id,
        commitment_id=commitment_id,
    )
