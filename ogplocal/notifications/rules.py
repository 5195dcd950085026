"""The outbox is the Support Unit's: the admin shows the app to staff only."""

import rules

from ogplocal.accounts.rules import is_support_unit

rules.set_perm("notifications", is_support_unit)
rules.set_perm("notifications.view_outboxmessage", is_support_unit)
