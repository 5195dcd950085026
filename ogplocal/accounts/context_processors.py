def roles(request) -> dict:
    """Expose the signed-in person's roles to templates (for navigation only; views check rules)."""
    from ogplocal.accounts.roles import roles_of

    return {"user_roles": roles_of(getattr(request, "user", None))}
