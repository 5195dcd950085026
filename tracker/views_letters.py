"""The status letter's PDF, for the member's points of contact and the Support Unit."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ogplocal.accounts.permissions import object_permission_required
from ogplocal.documents.storage import document_response
from tracker.letters import ensure_letter_pdf
from tracker.selectors_status import letter_for_download


def status_letter_for(letter_id: int, user):
    return get_object_or_404(letter_for_download(letter_id))


@require_safe
@object_permission_required(status_letter_for, "tracker.view_statusletter")
def status_letter_pdf(request, letter):
    name = _("Status letter - %(name)s - %(date)s.pdf") % {
        "name": letter.member.name,
        "date": letter.dated_on.isoformat(),
    }
    return document_response(ensure_letter_pdf(letter).pdf, download_name=name)
