"""Tests over the seeded demo world (a package, so that its package-scoped world is torn down
when its last test ends; see conftest.py)."""
