from django.shortcuts import get_object_or_404

from ogplocal.corrections.models import CorrectionRequest, CorrectionState


def report_for(*, report_id: int, user) -> CorrectionRequest:
    return get_object_or_404(CorrectionRequest, pk=report_id)


def queue(*, user) -> dict:
    """Open reports oldest first (the queue), then the last 50 closed."""
    reports = CorrectionRequest.objects.select_related("closed_by")
    return {
        "open": list(reports.filter(state=CorrectionState.OPEN).order_by("created_at", "pk")),
        "closed": list(reports.exclude(state=CorrectionState.OPEN).order_by("-closed_at")[:50]),
    }


def no_object(*, user) -> None:
    return None
