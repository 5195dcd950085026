"""Coalitions for joint action plans (LH §3.4): 2 to 4 members of the same country, with one
coordinating point of contact: `create_coalition`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import (
    COALITION_MAX_MEMBERS,
    COALITION_MIN_MEMBERS,
    Coalition,
    CoalitionMembership,
    Member,
    PointOfContact,
)
from ogplocal.audit.services import record_event
from ogplocal.validation import RuleViolation, field_errors, raise_all


def _coalition_violations(
    coalition: Coalition, members: list[Member], coordinator, *, as_of: date
) -> list[RuleViolation]:
    violations = []
    if not coalition.name:
        violations.append(
            RuleViolation("coalition.name_required", _("Name the coalition."), field="name")
        )
    if not COALITION_MIN_MEMBERS <= len(members) <= COALITION_MAX_MEMBERS:
        violations.append(
            RuleViolation(
                "coalition.size",
                _(
                    "A coalition for a joint action plan has %(min)d to %(max)d members; "
                    "%(count)d were chosen."
                )
                % {
                    "min": COALITION_MIN_MEMBERS,
                    "max": COALITION_MAX_MEMBERS,
                    "count": len(members),
                },
                "LH §3.4",
                field="members",
            )
        )
    countries = {member.jurisdiction.country for member in members}
    if len(countries) > 1:
        violations.append(
            RuleViolation(
                "coalition.mixed_countries",
                _("The members of a coalition are in the same country; these are in %(countries)s.")
                % {"countries": ", ".join(sorted(str(country) for country in countries))},
                "LH §3.4",
                field="members",
            )
        )
    revoked = [str(member) for member in members if member.is_revoked]
    if revoked:
        violations.append(
            RuleViolation(
                "coalition.member_revoked",
                _("A revoked membership cannot join a coalition: %(names)s.")
                % {"names": ", ".join(revoked)},
                "LH §3.4",
                field="members",
            )
        )
    if coordinator is None or not (
        members
        and PointOfContact.objects.current(as_of=as_of)
        .filter(user=coordinator, member__in=members)
        .exists()
    ):
        violations.append(
            RuleViolation(
                "coalition.coordinator_not_point_of_contact",
                _(
                    "The coordinator must be a current point of contact of one of the "
                    "coalition's members."
                ),
                "LH §3.4",
                field="coordinator",
            )
        )
    if (
        coalition.name
        and len(countries) == 1
        and Coalition.objects.filter(
            country=next(iter(countries)), name__iexact=coalition.name
        ).exists()
    ):
        violations.append(
            RuleViolation(
                "coalition.name_taken",
                _("A coalition of this country has this name already."),
                field="name",
            )
        )
    return violations


@transaction.atomic
def create_coalition(
    name: str, members: Iterable[Member], coordinator, *, actor, as_of: date
) -> Coalition:
    """Form a coalition of `members` for a joint action plan, coordinated by `coordinator`
    (a user who is a current point of contact of one of them), formed on `as_of` (Support Unit
    only). One ValidationError naming every broken rule, and nothing saved, otherwise."""
    if actor is None or not actor.has_perm("members.add_coalition"):
        raise PermissionDenied
    member_ids = {member.pk for member in members}
    chosen = list(
        Member.objects.filter(pk__in=member_ids)
        .select_related("jurisdiction__country")
        .order_by("jurisdiction__name", "pk")
    )
    coalition = Coalition(
        name=(name or "").strip(),
        coordinator=coordinator,
        formed_on=as_of,
        created_by=actor,
        country=chosen[0].jurisdiction.country if chosen else None,
    )
    raise_all(
        _coalition_violations(coalition, chosen, coordinator, as_of=as_of),
        field_errors(coalition, ["name"]) if coalition.name else {},
    )
    coalition.save()
    CoalitionMembership.objects.bulk_create(
        CoalitionMembership(coalition=coalition, member=member) for member in chosen
    )
    for member in chosen:
        record_event(
            actor=actor,
            verb="coalition.created",
            obj=coalition,
            after={
                "name": coalition.name,
                "members": [str(other) for other in chosen],
                "coordinator": coordinator.pk,
            },
            member=member,
        )
    return coalition
