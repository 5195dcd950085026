"""The roles a person can hold. Navigation reads them; permissions live in each app's rules.py.

Roles (LH §2): Support Unit staff (`is_staff`), a point of contact of one or several members (a
joint plan has one point of contact for 2 to 4 members, LH §3.4), a reviewer of a monitoring body,
and the public (no account needed). The predicates in the apps' `rules.py` read the same `Roles`,
so what the navigation offers and what the views allow cannot drift apart.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone


@dataclass(frozen=True)
class Roles:
    support_unit: bool = False
    point_of_contact: bool = False
    reviewer: bool = False
    member_ids: frozenset[int] = field(default_factory=frozenset)
    monitoring_body_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def public(self) -> bool:
        return not (self.support_unit or self.point_of_contact or self.reviewer)


_CACHE_ATTRIBUTE = "_ogplocal_roles"


def roles_of(user, *, as_of: date | None = None) -> Roles:
    """The roles of `user` (on `as_of`, today by default), in two queries, cached on the user.

    The cache lives as long as the user object: one request, or one test. Code that changes a
    person's roles and reads them again in the same breath calls `forget_roles(user)`.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return Roles()
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None and as_of is None:
        return cached

    # Imported here: the domain apps' models import the predicates that call this function.
    from members.models import PointOfContact
    from monitoring.models import MonitoringBodyReviewer

    on = as_of or timezone.localdate()
    member_ids = frozenset(
        PointOfContact.objects.current(as_of=on)
        .filter(user=user)
        .values_list("member_id", flat=True)
    )
    body_ids = frozenset(
        MonitoringBodyReviewer.objects.filter(user=user, body__is_active=True).values_list(
            "body_id", flat=True
        )
    )
    roles = Roles(
        support_unit=user.is_staff,
        point_of_contact=bool(member_ids),
        reviewer=bool(body_ids),
        member_ids=member_ids,
        monitoring_body_ids=body_ids,
    )
    if as_of is None:
        setattr(user, _CACHE_ATTRIBUTE, roles)
    return roles


def forget_roles(user) -> None:
    """Drop the cached roles of `user` (after a service changed them)."""
    if user is not None and hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)
