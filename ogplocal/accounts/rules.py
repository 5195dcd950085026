"""Base predicates shared by every app's rules.py, and the permissions on accounts.

Each app composes its own predicates from these (pretalx style), asking its own selectors for the
roles it defines (`ogplocal.accounts.roles.held`); views load objects and check a permission name
through `ogplocal.accounts.permissions.object_permission_required`, answering 404 when refused.

Roles add rights with `|`; a reason to refuse is a predicate of its own put in front with `&`, so
that it binds everyone, staff included:

    can_score = ~is_recused_from & (is_support_unit | is_assigned_reviewer)

Never write `is_support_unit | (~is_recused_from & …)`: the union would let a recused staff member
through (the leak pretalx's tracker records).
"""

import rules


@rules.predicate
def is_authenticated(user) -> bool:
    """Signed in with an active account."""
    return user is not None and user.is_authenticated and user.is_active


@rules.predicate
def is_support_unit(user) -> bool:
    """OGP Support Unit staff (LH §2.4): an active account with `is_staff`."""
    return is_authenticated(user) and user.is_staff


@rules.predicate
def is_author(user, obj) -> bool:
    """The person who wrote `obj` (a draft): its `author` or, failing that, its `created_by`."""
    if obj is None or not is_authenticated(user):
        return False
    for attname in ("author_id", "created_by_id"):
        author_id = getattr(obj, attname, None)
        if author_id is not None:
            return author_id == user.pk
    return False


# A draft is seen only by its author and the Support Unit; later apps bind their draft
# permissions (plans, updates, assessments) to this predicate.
can_see_draft = is_author | is_support_unit


# Accounts are managed by the Support Unit alone (applicants only sign up for themselves).
for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"accounts.{_action}_user", is_support_unit)

# Staff may look after sign-in addresses (verify one by hand) and lift a django-axes lock-out
# without being superusers; these admin pages come from allauth and axes.
for _perm in (
    "account.view_emailaddress",
    "account.add_emailaddress",
    "account.change_emailaddress",
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
    "axes.view_accessfailurelog",
    "axes.view_accesslog",
    # A lost authenticator is reset by deleting it; the person then sets up a new one.
    "mfa.view_authenticator",
    "mfa.delete_authenticator",
):
    rules.add_perm(_perm, is_support_unit)

# The schedule of periodic jobs lives in the database (django-celery-beat) so that the Support
# Unit can see and change it.
for _model in (
    "periodictask",
    "intervalschedule",
    "crontabschedule",
    "solarschedule",
    "clockedschedule",
):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"django_celery_beat.{_action}_{_model}", is_support_unit)

# Django's admin shows an app only to whom `user.has_module_perms(app_label)` allows; with
# django-rules that is a permission named after the app. The admin is for the Support Unit.
ADMIN_APP_LABELS = (
    "accounts",
    "audit",
    "members",
    "monitoring",
    "account",
    "mfa",
    "axes",
    "django_celery_beat",
)
for _app_label in ADMIN_APP_LABELS:
    rules.add_perm(_app_label, is_support_unit)
