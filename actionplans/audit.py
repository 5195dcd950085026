"""What the audit trail shows of action plans' events (see `ogplocal.audit.registry`); a plan's
events belong to its member through `ActionPlan.audit_member`."""

from django.utils.translation import gettext_lazy as _

from ogplocal.audit.registry import register_verbs

register_verbs(
    {
        "actionplan.started": _("Action plan started"),
        "actionplan.saved": _("Action plan draft saved"),
        "actionplan.submitted": _("Action plan submitted"),
        "actionplan.endorsement_added": _("Endorsing stakeholder added"),
        "actionplan.endorsement_removed": _("Endorsing stakeholder removed"),
    }
)

register_verbs(
    {
        "actionplan.meeting_recorded": _("Meeting recorded"),
        "actionplan.meeting_withdrawn": _("Meeting withdrawn"),
        "actionplan.contribution_recorded": _("Contribution and response recorded"),
    }
)

register_verbs(
    {
        "actionplan.evidence_filed": _("Evidence filed"),
        "actionplan.evidence_replaced": _("Evidence replaced by a new version"),
        "actionplan.evidence_withdrawn": _("Evidence withdrawn"),
    }
)
