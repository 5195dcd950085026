"""Writes on members: one function per user action (STYLE.md rule 2)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Member
from ogplocal.audit.services import changed_fields, record_event, snapshot

# The public profile a point of contact may edit: data key → the field it lands in.
PROFILE_FIELDS: dict[str, str] = {
    "website": "website",
    "about": "about",
    "population": "jurisdiction.population",
    "term_ends_on": "jurisdiction.term_ends_on",
}
ABOUT_MAX_LENGTH = 5000


def _validate_profile(member: Member, data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(data) - set(PROFILE_FIELDS))
    if unknown:
        errors["__all__"] = [
            _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(unknown)}
        ]
    website = data.get("website") or ""
    if website:
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            errors.setdefault("website", []).append(
                _("Enter a full web address starting with https:// or http://.")
            )
    if len(data.get("about") or "") > ABOUT_MAX_LENGTH:
        errors.setdefault("about", []).append(
            _("Keep the description under %(limit)d characters.") % {"limit": ABOUT_MAX_LENGTH}
        )
    population = data.get("population")
    if population is not None and (not isinstance(population, int) or population < 0):
        errors.setdefault("population", []).append(
            _("The population must be a whole number, zero or more.")
        )
    term_ends_on = data.get("term_ends_on")
    if term_ends_on is not None and term_ends_on <= member.joined_on:
        # The term in question is the one that was running when the member joined (LH §1.1).
        errors.setdefault("term_ends_on", []).append(
            _("The administration's term cannot end before the member joined (%(joined)s).")
            % {"joined": member.joined_on.isoformat()}
        )
    if errors:
        raise ValidationError(errors)


def _clean_fields(obj, names: list[str]) -> None:
    """The model's own field checks (lengths, URL format) on `names` only: an old problem in
    another field must not stop a point of contact from saving theirs."""
    others = [field.name for field in obj._meta.fields if field.name not in names]
    obj.full_clean(exclude=others, validate_unique=False, validate_constraints=False)


@transaction.atomic
def update_member_profile(
    *, actor, member: Member, data: dict[str, Any], reason: str = ""
) -> Member:
    """Change the public profile of `member` (website, description, population, term end).

    Allowed to the member's points of contact and to the Support Unit. Validates every field and
    raises one ValidationError naming each problem; saves nothing unless all is well. Writes one
    `member.profile_updated` audit event with the changed fields before and after, or nothing at
    all when nothing changed.
    """
    if not actor.has_perm("members.change_member", member):
        raise PermissionDenied
    _validate_profile(member, data)

    # Lock the row so two editors cannot both read the same "before".
    member = Member.objects.select_for_update().select_related("jurisdiction").get(pk=member.pk)
    names = [PROFILE_FIELDS[key] for key in data]
    before = snapshot(member, names)
    jurisdiction = member.jurisdiction
    for key, value in data.items():
        *path, attname = PROFILE_FIELDS[key].split(".")
        if path:  # "jurisdiction.population": a field of the member's jurisdiction
            setattr(jurisdiction, attname, value)
        else:
            setattr(member, attname, "" if value is None else value)
    after = snapshot(member, names)
    changed = changed_fields(before, after)
    if not changed:
        return member

    jurisdiction_fields = [
        name.split(".")[1] for name in changed if name.startswith("jurisdiction.")
    ]
    member_fields = [name for name in changed if "." not in name]
    if jurisdiction_fields:
        _clean_fields(jurisdiction, jurisdiction_fields)
        jurisdiction.save(update_fields=jurisdiction_fields)
    if member_fields:
        _clean_fields(member, member_fields)
        member.save(update_fields=member_fields)
    record_event(
        actor=actor,
        verb="member.profile_updated",
        obj=member,
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
        reason=reason,
    )
    return member
