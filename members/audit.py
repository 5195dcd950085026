"""What the audit trail shows of members' events (see `ogplocal.audit.registry`)."""

from django.apps import apps
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from members.models import Jurisdiction, Member, MemberStatus
from ogplocal.audit.registry import register_member_of, register_verbs

register_verbs(
    {
        "member.profile_updated": _("Profile updated"),
        "member.extension_granted": _("Extension granted"),
        "member.dates_corrected": _("Dates corrected"),
        "jurisdiction.term_recorded": _("Term end recorded"),
        "jurisdiction.term_correction_requested": _("Term correction requested"),
        "jurisdiction.term_correction_applied": _("Term correction applied"),
        "jurisdiction.term_correction_declined": _("Term correction declined"),
        "call.created": _("Call created"),
        "call.updated": _("Call updated"),
        "call.open": _("Call opened"),
        "call.closed": _("Call closed"),
        "call.decided": _("Call decided"),
        "application.started": _("Application started"),
        "application.submitted": _("Application submitted"),
        "application.shortlisted": _("Application shortlisted"),
        "application.accepted": _("Application accepted"),
        "application.not_accepted": _("Application not accepted"),
        "application.withdrawn": _("Application withdrawn"),
        "application.version_submitted": _("New version of the application submitted"),
        "application.message_sent": _("Message sent to the applicant"),
        "decision.recorded": _("Decision recorded"),
        "member.joined": _("Member joined"),
        "coalition.created": _("Coalition formed"),
        "committee.member_invited": _("Committee member invited"),
        "application.conflict_declared": _("Conflict of interest declared"),
        "review.submitted": _("Review submitted"),
    }
)


def current_member_of(jurisdiction_id: int | None) -> Member | None:
    """The jurisdiction's membership that is not revoked, else its latest one."""
    if jurisdiction_id is None:
        return None
    return (
        Member.objects.filter(jurisdiction_id=jurisdiction_id)
        .order_by(
            Case(
                When(status=MemberStatus.REVOKED, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            "-joined_on",
            "-pk",
        )
        .first()
    )


# A jurisdiction's events, and those of every record that must belong to one (its terms, say),
# are in the history of its current member. Records that may belong to none (an organization)
# are in no member's.
register_member_of(Jurisdiction, lambda jurisdiction: current_member_of(jurisdiction.pk))
for model in apps.get_app_config("members").get_models():
    field = next(
        (
            field
            for field in model._meta.concrete_fields
            if field.name == "jurisdiction" and field.related_model is Jurisdiction
        ),
        None,
    )
    if model is not Member and field is not None and not field.null:
        register_member_of(model, lambda obj: current_member_of(obj.jurisdiction_id))
