import rules

from ogplocal.accounts.rules import is_support_unit

rules.add_perm("corrections.manage_reports", is_support_unit)
rules.add_perm("corrections", is_support_unit)
