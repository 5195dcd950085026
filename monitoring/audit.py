"""What the audit trail shows of monitoring events (see `ogplocal.audit.registry`): an
assessment's events belong to its plan's member (`Assessment.audit_member`), a finding's to its
member."""

from django.utils.translation import gettext_lazy as _

from ogplocal.audit.registry import register_verbs

register_verbs(
    {
        "assessment.started": _("Assessment started"),
        "assessment.saved": _("Assessment draft saved"),
        "assessment.comment_period": _("Assessment opened for comments"),
        "assessment.commented": _("Comment on an assessment received"),
        "assessment.published": _("Assessment published"),
        "assessment.correction_started": _("Correction of an assessment started"),
        "finding.recorded": _("Requirement finding recorded"),
        "monitoring.body_endorsed": _("Monitoring body endorsed by a stakeholder"),
        "monitoring.body_confirmed": _("Monitoring body confirmed by the Support Unit"),
        "monitoring.body_questioned": _("Monitoring body questioned by the Support Unit"),
    }
)
