from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ogplocal.audit.services import record_event
from ogplocal.corrections.models import CorrectionRequest, CorrectionState


def report_error(*, page: str, description: str, user, email: str = "") -> CorrectionRequest:
    signed_in = user is not None and user.is_authenticated
    report = CorrectionRequest(
        page=page,
        description=description.strip(),
        reporter=user if signed_in else None,
        reporter_email="" if signed_in else (email or "").strip(),
    )
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def close_report(*, report: CorrectionRequest, actor, state: str, resolution: str):
    if state not in (CorrectionState.CORRECTED, CorrectionState.NO_CHANGE):
        raise ValidationError({"state": _("Choose what became of the report.")})
    if not (resolution or "").strip():
        raise ValidationError({"resolution": _("Say what was done.")})
    report = CorrectionRequest.objects.select_for_update().get(pk=report.pk)
    if not report.is_open:
        raise ValidationError(_("This report is already closed."))
    report.state = state
    report.resolution = resolution.strip()
    report.closed_by = actor
    report.closed_at = timezone.now()
    report.save(update_fields=["state", "resolution", "closed_by", "closed_at"])
    record_event(
        actor=actor, verb="correction.closed", obj=report, reason=report.resolution, member=None
    )
    return report
