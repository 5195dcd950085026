from django.utils.translation import gettext_lazy as _

from ogplocal.audit.registry import register_verbs

register_verbs({"correction.closed": _("Error report closed")})
