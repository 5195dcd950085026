"""Permissions of the open data: anyone reads what `opendata.selectors` calls public.

The API's lists check `opendata.view_public_data` without an object (their querysets hold only
public rows); a single row is still checked with its model's own view permission."""

import rules

rules.add_perm("opendata.view_public_data", rules.always_allow)
