"""The roles a person holds, asked of the apps that define them, once per request and date.

Roles (LH §2): Support Unit staff (`is_staff`), a point of contact of one or several members (a
joint plan has one point of contact for 2 to 4 members, LH §3.4), a reviewer of a monitoring body,
and the public (no account needed).

This module knows no domain model. Each app registers its roles in its `AppConfig.ready()`:

    register_role("point_of_contact", selectors.member_ids_of_point_of_contact)

A provider takes `(user, *, as_of)` and answers the ids of the objects through which the person
holds the role on that day (the members they are a point of contact of, the bodies they review
for). The app's predicates ask `held(user, "point_of_contact")`; navigation reads `roles_of(user)`.
Both go through one cache on the user object, keyed by (role, date) and filled lazily, so a
request asks each provider at most once per date. The date is the request's `as_of`
(`AsOfMiddleware` binds it); outside a request (a shell, a task, a test) the cache is opened on
the day it is first used, or bound explicitly with `bind_as_of(user, as_of)`.
"""

from collections.abc import Callable
from datetime import date

from django.utils import timezone

RoleProvider = Callable[..., frozenset[int]]

_PROVIDERS: dict[str, RoleProvider] = {}
_CACHE_ATTRIBUTE = "_ogplocal_role_cache"


def register_role(name: str, provider: RoleProvider) -> None:
    """Declare a role: `provider(user, as_of=…)` gives the ids of the objects it is held through."""
    _PROVIDERS[name] = provider


def registered_roles() -> tuple[str, ...]:
    return tuple(_PROVIDERS)


def _is_active_account(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


class RoleCache:
    """What one person holds, per (role, date), asked of the providers when first needed."""

    def __init__(self, user, *, as_of: date):
        self.user = user
        self.as_of = as_of
        self._held: dict[tuple[str, date], frozenset[int]] = {}

    def held(self, name: str, *, as_of: date | None = None) -> frozenset[int]:
        on = as_of or self.as_of
        key = (name, on)
        if key not in self._held:
            self._held[key] = frozenset(_PROVIDERS[name](self.user, as_of=on))
        return self._held[key]

    def forget(self) -> None:
        self._held.clear()


def bind_as_of(user, as_of: date) -> None:
    """Open the role cache of `user` for the day `as_of` (the request's date)."""
    if _is_active_account(user):
        setattr(user, _CACHE_ATTRIBUTE, RoleCache(user, as_of=as_of))


def _cache(user) -> RoleCache:
    cache = getattr(user, _CACHE_ATTRIBUTE, None)
    if cache is None:
        # Outside a request nobody bound a date: the edge of the call is today.
        cache = RoleCache(user, as_of=timezone.localdate())
        setattr(user, _CACHE_ATTRIBUTE, cache)
    return cache


def held(user, name: str, *, as_of: date | None = None) -> frozenset[int]:
    """The ids through which `user` holds role `name` (on `as_of`, or the request's date)."""
    if not _is_active_account(user):
        return frozenset()
    return _cache(user).held(name, as_of=as_of)


def forget_roles(user) -> None:
    """Drop what the cache knows of `user` (after a service changed their roles)."""
    cache = getattr(user, _CACHE_ATTRIBUTE, None)
    if cache is not None:
        cache.forget()


class Roles:
    """The roles of one person, for navigation. Views and the API check rules, not this.

    `roles.support_unit` is a bool; every registered role reads as the ids it is held through
    (`roles.point_of_contact` are member ids), empty when not held, so templates can test it.
    """

    def __init__(self, support_unit: bool = False, **held_roles):
        self.support_unit = support_unit
        self._held = {name: value for name, value in held_roles.items() if value}

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self._held:
            return self._held[name]
        if name in _PROVIDERS:
            return frozenset()
        raise AttributeError(name)

    def __getitem__(self, name: str):
        # Templates look `user_roles.reviewer` up as an item first.
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None

    @property
    def public(self) -> bool:
        return not (self.support_unit or self._held)

    def __eq__(self, other) -> bool:
        if not isinstance(other, Roles):
            return NotImplemented
        return (self.support_unit, self._held) == (other.support_unit, other._held)

    def __hash__(self) -> int:
        return hash((self.support_unit, frozenset(self._held)))

    def __repr__(self) -> str:
        return f"Roles(support_unit={self.support_unit!r}, {self._held!r})"


def roles_of(user, *, as_of: date | None = None) -> Roles:
    """Every role of `user` (on `as_of`, or the request's date), one query per registered role,
    shared with the predicates through the cache."""
    if not _is_active_account(user):
        return Roles()
    return Roles(
        support_unit=user.is_staff,
        **{name: held(user, name, as_of=as_of) for name in _PROVIDERS},
    )
