"""How django-axes learns which address a sign-in attempt was for.

allauth authenticates with `email=...` (ACCOUNT_LOGIN_METHODS = {"email"}), so the credentials
axes sees carry no "login" key, and AXES_USERNAME_FORM_FIELD alone leaves the username empty: the
lock-out then falls on the IP address alone. Settings point AXES_USERNAME_CALLABLE here.
"""


def username_from_request(request, credentials: dict | None) -> str:
    """The e-mail address of a sign-in attempt, lower-cased (allauth stores it lower-cased)."""
    for key in ("login", "email", "username"):
        value = (credentials or {}).get(key)
        if value:
            return str(value).strip().lower()
    data = getattr(request, "POST", None) or {}
    return str(data.get("login") or data.get("email") or "").strip().lower()


def client_ip_address(request) -> str | None:
    """The client's address as allauth sees it, so lock-outs and rate limits fall on the same one.

    Behind TRUSTED_PROXY_COUNT proxies, the entry that many places from the right of
    X-Forwarded-For (the one our own proxy appended); with 0, REMOTE_ADDR and the header ignored.
    """
    from allauth.account.adapter import get_adapter
    from django.core.exceptions import PermissionDenied

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # no address at all (e.g. the test client's force_login)
        return None
