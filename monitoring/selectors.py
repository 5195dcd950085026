"""Read paths for monitoring bodies and their reviewers."""

from datetime import date

from monitoring.models import MonitoringBodyReviewer


def body_ids_reviewed_by(user, *, as_of: date) -> frozenset[int]:
    """The active bodies `user` reviews for on `as_of` (the role "reviewer").

    Registered in `MonitoringConfig.ready()`; predicates read it through the per-request role
    cache (`ogplocal.accounts.roles.held`).
    """
    return frozenset(
        MonitoringBodyReviewer.objects.current(as_of=as_of)
        .filter(user=user, body__is_active=True)
        .values_list("body_id", flat=True)
    )
