"""What the audit trail shows of the tracker's events (see `ogplocal.audit.registry`)."""

from django.utils.translation import gettext_lazy as _

from ogplocal.audit.registry import register_verbs

# H3: quarterly tracker updates and voluntary inactivity (issue 21).
register_verbs(
    {
        "tracker.update_filed": _("Tracker update filed"),
        "tracker.update_corrected": _("Tracker update corrected"),
        "commitment.completed": _("Commitment marked complete"),
        "tracker.voluntary_requested": _("Voluntary inactivity requested"),
        "tracker.voluntary_granted": _("Voluntary inactivity granted"),
        "tracker.voluntary_refused": _("Voluntary inactivity refused"),
    }
)
