from django.utils.translation import gettext_lazy as _

from ogplocal.audit.registry import register_verbs

register_verbs(
    {
        "comment.hidden": _("Public comment hidden by moderators"),
        "comment.replied": _("Reply to a public comment"),
    }
)
