"""What each app tells the audit trail: readable names for its verbs, and whose history an event
belongs to.

Every installed app may have an `audit.py` module; `AuditConfig.ready()` imports them all (as the
`rules` app does with `rules.py`), so an app registers its own words and never edits this one:

    # plans/audit.py
    from django.utils.translation import gettext_lazy as _
    from ogplocal.audit.registry import register_member_of, register_verbs

    register_verbs({
        "plan.submitted": _("Action plan submitted"),
        "plan.withdrawn": _("Action plan withdrawn"),
    })

**Verbs.** A verb is `"<model>.<what happened>"`, e.g. `"member.profile_updated"`. History pages
show the registered label ("Profile updated"); a verb nobody registered is shown humanized from
its last part ("profile_updated" → "Profile updated"), so a forgotten registration is still
readable, never a slug. `"*.changed"` names the last part for every model (the admin's
`<model>.added`, `.changed` and `.deleted` are registered so by this app).

**Whose history.** `AuditEvent.member` puts an event into a member's history, which is then one
indexed query. `record_event` fills it from, in this order:

1. its `member=` argument (pass `member=None` for an event that belongs to no member);
2. the object itself when it is a `members.Member`;
3. a function registered for the object's model with `register_member_of(Model, func)`,
   `func(obj) -> Member | None` (members registers one for Jurisdiction: its current member);
4. an `audit_member` attribute or property of the object (a model whose member is two steps away,
   say a milestone → commitment → plan → member, defines it);
5. a foreign key named `member` on the object (plans, commitments, tracker updates and
   assessments that point at their member need nothing else).

Anything else (a country, a user account) belongs to no member's history.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.text import capfirst

MemberOf = Callable[[Any], Any]

_VERBS: dict[str, str | Promise] = {}
_MEMBER_OF: dict[type[models.Model], MemberOf] = {}


def register_verb(verb: str, label: str | Promise) -> None:
    """Name `verb` for people: a translatable, sentence-case label (`gettext_lazy`)."""
    _VERBS[verb] = label


def register_verbs(labels: Mapping[str, str | Promise]) -> None:
    for verb, label in labels.items():
        register_verb(verb, label)


def humanize(name: str) -> str:
    """`"profile_updated"` → `"Profile updated"`."""
    return capfirst(name.replace("_", " ").strip())


def verb_label(verb: str) -> str:
    """The registered label of `verb`, else its last dotted part humanized."""
    label = _VERBS.get(verb)
    if label is None:
        label = _VERBS.get(f"*.{verb.rsplit('.', 1)[-1]}")
    if label is None:
        label = humanize(verb.rsplit(".", 1)[-1])
    return str(label)


def register_member_of(model: type[models.Model], member_of: MemberOf) -> None:
    """Events about instances of `model` (and its subclasses) belong to `member_of(obj)`."""
    _MEMBER_OF[model] = member_of


def _member_model() -> type[models.Model]:
    return apps.get_model("members", "Member")


def member_of(obj: models.Model) -> Any:
    """The member whose history an event about `obj` belongs to, or None (steps 2 to 5 above)."""
    member_model = _member_model()
    if isinstance(obj, member_model):
        return obj
    for cls in type(obj).__mro__:
        if cls in _MEMBER_OF:
            return _MEMBER_OF[cls](obj)
    if hasattr(obj, "audit_member"):
        value = obj.audit_member
        return value() if callable(value) else value
    try:
        field = obj._meta.get_field("member")
    except Exception:  # FieldDoesNotExist, or not a model at all
        return None
    if getattr(field, "many_to_one", False) and field.related_model is member_model:
        return getattr(obj, field.name)
    return None
