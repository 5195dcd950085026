"""What the public may comment on: a model registers here with the member it belongs to (whose
points of contact have the right of reply) and the page it is shown on.

Tracker updates and published assessments are the issue's targets (issue 22); commitments too, so
that a commitment's page gathers what the public says about its progress. Another app adds its
model with one call to `register(...)`. A row is open to comments only when an anonymous visitor
may see it (its model's view permission): never a draft, never an unpublished assessment.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import models


@dataclass(frozen=True)
class Commentable:
    member: Callable[[models.Model], object]  # the Member whose points of contact may reply
    page: Callable[[models.Model], str]  # where the comments are shown


_REGISTRY: dict[str, Commentable] = {}


def register(label: str, *, member: Callable, page: Callable) -> None:
    """`label` is "app_label.ModelName" (as `apps.get_model` takes it)."""
    _REGISTRY[label.lower()] = Commentable(member=member, page=page)


def commentable(obj: models.Model) -> Commentable | None:
    return _REGISTRY.get(obj._meta.label_lower)


def labels() -> set[str]:
    return set(_REGISTRY)


def is_public(obj: models.Model) -> bool:
    """May anyone, signed in or not, read `obj`? Checked with its own view permission."""
    return AnonymousUser().has_perm(f"{obj._meta.app_label}.view_{obj._meta.model_name}", obj)


def target_of(label: str, object_id: str) -> models.Model | None:
    """The registered, public object a form names, or None."""
    if label.lower() not in _REGISTRY or not str(object_id).isdigit():
        return None
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    obj = model._default_manager.filter(pk=int(object_id)).first()
    if obj is None or not is_public(obj):
        return None
    return obj


def register_defaults() -> None:
    from django.urls import reverse

    def commitment_page(commitment) -> str:
        return reverse("commitments:detail", args=[commitment.pk])

    register("commitments.Commitment", member=lambda c: c.plan.member, page=commitment_page)
    if _has_model("tracker", "TrackerUpdate"):
        register(
            "tracker.TrackerUpdate",
            member=lambda u: u.commitment.plan.member,
            page=lambda u: reverse("tracker:updates", args=[u.commitment_id]) + f"#update-{u.pk}",
        )
    if _has_model("monitoring", "Assessment"):
        register(
            "monitoring.Assessment",
            member=lambda a: a.plan.member,
            page=lambda a: reverse("monitoring:assessment", args=[a.pk]),
        )


def _has_model(app_label: str, name: str) -> bool:
    try:
        apps.get_model(app_label, name)
    except LookupError:
        return False
    return True
