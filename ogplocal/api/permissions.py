"""The API's default permission: each action maps to the django-rules permission name the HTML
views check (pretalx's `MODEL_PERMISSION_MAP`); an action without a name is refused.

A viewset over a `RulesModel` needs nothing more: `list`/`retrieve` check `app.view_model`,
`create` `app.add_model`, `update`/`partial_update` `app.change_model`, `destroy`
`app.delete_model`. A custom action, or an `APIView` without a model, names its permission:

    permission_map = {"withdraw": "actionplans.withdraw_actionplan"}   # action or HTTP method

Collection actions (`list`, `create`) are checked without an object; detail actions are checked on
the object `get_object()` loads, through `has_object_permission`. An object the person may not
see answers 404, as in the HTML views; one they may see but not change answers 403. Lists are
still scoped by their selector (rules say what one object allows, the selector which rows exist).
"""

from django.http import Http404
from rest_framework.permissions import BasePermission

ACTION_PERMISSION_TYPES = {
    "list": "view",
    "retrieve": "view",
    "metadata": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}
COLLECTION_ACTIONS = {"list", "create", "metadata"}


def _model_of(view):
    queryset = getattr(view, "queryset", None)
    if queryset is None and hasattr(view, "get_queryset"):
        try:
            queryset = view.get_queryset()
        except (AssertionError, AttributeError, NotImplementedError):
            queryset = None
    return getattr(queryset, "model", None)


def permission_name(view, request) -> str | None:
    """The permission the request needs, or None when nothing names one (then: refused)."""
    action = getattr(view, "action", None) or request.method.lower()
    explicit = getattr(view, "permission_map", {})
    if action in explicit:
        return explicit[action]
    permission_type = ACTION_PERMISSION_TYPES.get(action)
    model = _model_of(view)
    if permission_type is None or model is None:
        return None
    return f"{model._meta.app_label}.{permission_type}_{model._meta.model_name}"


def _is_collection(view, request) -> bool:
    action = getattr(view, "action", None)
    if action is None:
        return True  # An APIView without an object: its permission is checked as a whole.
    return action in COLLECTION_ACTIONS or not getattr(view, "detail", False)


class RulesPermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        name = permission_name(view, request)
        if name is None:
            return False
        if _is_collection(view, request):
            return request.user.has_perm(name)
        return True  # Checked on the object in has_object_permission.

    def has_object_permission(self, request, view, obj) -> bool:
        name = permission_name(view, request)
        if name is None:
            return False
        if request.user.has_perm(name, obj):
            return True
        view_name = f"{obj._meta.app_label}.view_{obj._meta.model_name}"
        if not request.user.has_perm(view_name, obj):
            raise Http404
        return False
