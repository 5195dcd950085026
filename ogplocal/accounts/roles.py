"""The roles a person can hold. Navigation reads them; permissions live in each app's rules.py."""

from dataclasses import dataclass, field


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


def roles_of(user) -> Roles:
    if user is None or not user.is_authenticated or not user.is_active:
        return Roles()
    cached = getattr(user, "_ogplocal_roles", None)
    if cached is not None:
        return cached
    roles = Roles(support_unit=user.is_staff)
    user._ogplocal_roles = roles
    return roles
