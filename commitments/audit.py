"""What the audit trail shows of commitments' events (see `ogplocal.audit.registry`)."""

from django.utils.translation import gettext_lazy as _

from ogplocal.audit.registry import register_verbs

register_verbs(
    {
        "commitment.added": _("Commitment added"),
        "commitment.saved": _("Commitment saved"),
        "commitment.removed": _("Commitment removed"),
        "milestone.added": _("Milestone added"),
        "milestone.saved": _("Milestone saved"),
        "milestone.removed": _("Milestone removed"),
        "commitment.change_recorded": _("Change to the commitment recorded"),
    }
)
