"""Status letters (RULES.md §6): the PDF of a status change, and its e-mails through the outbox.

`write_status_letter(change, as_of=...)` is called by the daily job inside the member's
transaction: it renders the letter (tracker/templates/documents/letters/status_change.html,
through ogplocal.documents.render_pdf), stores it as a StatusLetter (one per change) and queues
one outbox row per recipient (the member's current points of contact, each in their language
where a translation exists, and the Support Unit in copy). The e-mails leave after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actionplans.models import ActionPlan
from members.models import Member, PointOfContact
from ogplocal.documents.render import render_pdf
from ogplocal.notifications.models import OutboxKind
from ogplocal.notifications.services import queue_message
from tracker import engine
from tracker.explain import explain_reason
from tracker.status import reason_from_record
from tracker.status_models import StatusChange, StatusLetter

LETTER_TEMPLATE = "documents/letters/status_change.html"
SUPPORT_UNIT = "support-unit"


@dataclass(frozen=True)
class ReasonText:
    rule: str
    handbook: str
    text: str


@dataclass(frozen=True)
class Action:
    """What the member must do, and by when (None: no date)."""

    text: str
    by: date | None = None


def _languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def language_of(user) -> str:
    """The recipient's language where the portal has a translation, else the default."""
    preferred = (getattr(user, "preferred_language", "") or "").lower()
    return preferred if preferred in _languages() else settings.LANGUAGE_CODE


def _labels(change: StatusChange):
    """Plan and commitment labels for the reasons (titles instead of database ids)."""
    plan_ids = {r.get("plan") for r in change.reasons if r.get("plan")}
    plans = {
        str(plan.pk): str(plan)
        for plan in ActionPlan.objects.filter(pk__in=plan_ids).select_related(
            "member__jurisdiction", "coalition"
        )
    }
    return plans, {}


def _local_day(day: date) -> str:
    """A date in a reason as the letter's language writes it ("1 August 2026" in a letter that is
    otherwise in words, not 2026-08-01)."""
    return date_format(day, "DATE_FORMAT")


def reason_texts(change: StatusChange) -> list[ReasonText]:
    plans, commitments = _labels(change)
    texts = []
    for record in change.reasons:
        reason = reason_from_record(record)
        texts.append(
            ReasonText(
                rule=reason.rule,
                handbook=reason.handbook,
                text=explain_reason(reason, plans=plans, commitments=commitments, day=_local_day),
            )
        )
    return texts


def actions_for(change: StatusChange) -> list[Action]:
    """What lifts each reason, and by when (LH §4.1, §4.2)."""
    actions: list[Action] = []
    rules = {record["rule"]: record for record in change.reasons}
    revocation_on = next(
        (
            date.fromisoformat(record["revocation_on"])
            for record in change.reasons
            if record.get("revocation_on")
        ),
        None,
    )
    if change.status == engine.REVOKED:
        actions.append(
            Action(
                _(
                    "The membership has ended. The jurisdiction may apply to join OGP Local again "
                    "in a later call (LH §4.2)."
                )
            )
        )
        return actions
    if engine.NO_FIRST_PLAN in rules:
        actions.append(Action(_("Submit the first action plan through the portal (LH §4.1(1)).")))
    if engine.NO_NEXT_PLAN in rules:
        actions.append(Action(_("Submit the next action plan through the portal (LH §4.1(2)).")))
    if engine.NO_PROGRESS in rules:
        actions.append(
            Action(
                _(
                    "File a tracker update that records progress on a commitment: a higher "
                    "completion level or a milestone completed (LH §4.1(3))."
                )
            )
        )
    elif engine.NO_UPDATE in rules:
        actions.append(Action(_("File a tracker update for an open commitment (LH §4.1(4)).")))
    if engine.CO_CREATION in rules:
        actions.append(
            Action(
                _(
                    "Meet the four minimum co-creation requirements of LH §3.3.1 (forum, "
                    "regularity, multi-stakeholder, endorsement) and tell the Support Unit."
                ),
                revocation_on,
            )
        )
    if change.status == engine.PROBATION:
        actions.append(
            Action(
                _(
                    "Unless the member rectifies by this day, its membership is revoked on it "
                    "(LH §4.2)."
                ),
                revocation_on,
            )
        )
    if engine.VOLUNTARY in rules:
        until = rules[engine.VOLUNTARY].get("voluntary_until")
        actions.append(
            Action(
                _("Voluntary inactivity ends on this day; activities resume afterwards (LH §4.1).")
                if until
                else _("Tell the Support Unit when the member resumes its activities (LH §4.1)."),
                date.fromisoformat(until) if until else None,
            )
        )
    if change.status == engine.ACTIVE:
        actions.append(
            Action(_("Nothing: keep filing a tracker update every quarter (LH §3.5.4)."))
        )
    return actions


def letter_context(change: StatusChange, *, as_of: date, reference: str) -> dict:
    member = change.member
    return {
        "date": as_of,
        "reference": reference,
        "change": change,
        "member": member,
        "status_label": _status_label(change),
        "reasons": reason_texts(change),
        "actions": actions_for(change),
        "revocation_on": revocation_on_of(change),
        "points_of_contact": _current_points_of_contact(member, as_of),
        "support_unit_email": settings.SUPPORT_UNIT_EMAIL,
        "member_url": _member_url(member),
    }


def _status_label(change: StatusChange) -> str:
    if change.status == engine.INACTIVE and change.voluntary:
        return _("Inactive (voluntary)")
    return {
        engine.ACTIVE: _("Active"),
        engine.INACTIVE: _("Inactive"),
        engine.PROBATION: _("Probation"),
        engine.REVOKED: _("Revoked"),
    }[change.status]


def revocation_on_of(change: StatusChange) -> date | None:
    for record in change.reasons:
        if record.get("revocation_on"):
            return date.fromisoformat(record["revocation_on"])
    return None


def _current_points_of_contact(member: Member, as_of: date) -> list[PointOfContact]:
    return list(
        PointOfContact.objects.current(as_of=as_of)
        .filter(member=member)
        .select_related("user", "contact")
        .order_by("-is_primary", "starts_on", "pk")
    )


def _member_url(member: Member) -> str:
    try:
        path = reverse("members:detail", kwargs={"slug": member.slug})
    except NoReverseMatch:
        return settings.SITE_URL
    return settings.SITE_URL.rstrip("/") + path


def render_letter(change: StatusChange, *, as_of: date, reference: str, language: str) -> bytes:
    with translation.override(language):
        return render_pdf(LETTER_TEMPLATE, letter_context(change, as_of=as_of, reference=reference))


def letter_reference(change: StatusChange) -> str:
    return f"OGPL-S-{change.member_id}-{change.effective_on:%Y%m%d}"


def write_status_letter(change: StatusChange, *, as_of: date, deliver: bool = True) -> StatusLetter:
    """The letter of `change` (one per change) and its outbox rows; inside the caller's
    transaction, so that a crash leaves both or neither. With `deliver=False` (the demo) the
    letter is recorded only: typeset when first opened (ensure_letter_pdf), never e-mailed."""
    existing = StatusLetter.objects.filter(change=change).first()
    if existing is not None:
        return existing
    reference = letter_reference(change)
    language = settings.LANGUAGE_CODE
    if not deliver:
        return StatusLetter.objects.create(
            change=change,
            member=change.member,
            dated_on=as_of,
            reference=reference,
            revocation_on=revocation_on_of(change),
            language=language,
        )
    pdf = render_letter(change, as_of=as_of, reference=reference, language=language)
    letter = StatusLetter(
        change=change,
        member=change.member,
        dated_on=as_of,
        reference=reference,
        revocation_on=revocation_on_of(change),
        language=language,
    )
    letter.pdf.save("letter.pdf", ContentFile(pdf), save=False)
    letter.save()
    queue_letter_emails(letter, as_of=as_of)
    return letter


def ensure_letter_pdf(letter: StatusLetter) -> StatusLetter:
    """The letter with its PDF: a letter recorded without one (the demo's, seed_demo) is typeset
    the first time it is opened, from its change, dated as recorded."""
    if letter.pdf:
        return letter
    pdf = render_letter(
        letter.change, as_of=letter.dated_on, reference=letter.reference, language=letter.language
    )
    letter.pdf.save("letter.pdf", ContentFile(pdf), save=False)
    StatusLetter.objects.filter(pk=letter.pk, pdf="").update(pdf=letter.pdf.name)
    return letter


def queue_letter_emails(letter: StatusLetter, *, as_of: date) -> None:
    """One outbox row per recipient: each current point of contact in their language, and the
    Support Unit (in the portal's language). The PDF follows the recipient's language."""
    change = letter.change
    pdfs = {letter.language: letter.pdf.name}
    for contact in _current_points_of_contact(letter.member, as_of):
        user = contact.user
        language = language_of(user)
        _queue_one(
            letter,
            change,
            key=f"status-letter:{letter.pk}:user:{user.pk}",
            to=user.email,
            recipient=user,
            language=language,
            pdfs=pdfs,
        )
    _queue_one(
        letter,
        change,
        key=f"status-letter:{letter.pk}:{SUPPORT_UNIT}",
        to=settings.SUPPORT_UNIT_EMAIL,
        recipient=None,
        language=settings.LANGUAGE_CODE,
        pdfs=pdfs,
    )


def _queue_one(letter, change, *, key, to, recipient, language, pdfs: dict[str, str]) -> None:
    attachment = None
    if language not in pdfs:
        attachment = render_letter(
            change, as_of=letter.dated_on, reference=letter.reference, language=language
        )
    with translation.override(language):
        context = {
            "letter": letter,
            "member": letter.member,
            "status_label": _status_label(change),
            "reasons": reason_texts(change),
            "actions": actions_for(change),
            "member_url": _member_url(letter.member),
            "support_unit_email": settings.SUPPORT_UNIT_EMAIL,
            "site_name": settings.SITE_NAME,
        }
        subject = render_to_string("tracker/email/status_letter_subject.txt", context).strip()
        body = render_to_string("tracker/email/status_letter_body.txt", context)
        filename = _("Status letter - %(name)s - %(date)s.pdf") % {
            "name": letter.member.name,
            "date": letter.dated_on.isoformat(),
        }
    message, created = queue_message(
        key=key,
        kind=OutboxKind.STATUS_LETTER,
        to=to,
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        recipient=recipient,
        member=letter.member,
        language=language,
        attachment=attachment,
        attachment_stored_name="" if attachment is not None else pdfs[language],
        attachment_name=filename,
    )
    if created and attachment is not None:
        pdfs[language] = message.attachment.name


def report_job_errors(as_of: date, errors: dict[int, str]) -> None:
    """Tell the Support Unit which members' data stopped their evaluation (one e-mail a day)."""
    names = dict(Member.objects.filter(pk__in=list(errors)).values_list("pk", "jurisdiction__name"))
    lines = [
        f"- {names.get(member_id, member_id)} (#{member_id}): {error}"
        for member_id, error in sorted(errors.items())
    ]
    body = (
        ngettext(
            "The daily status job of %(date)s could not evaluate %(count)d member; the others "
            "were evaluated. Its error is also shown on the member's evaluation in the admin.\n\n",
            "The daily status job of %(date)s could not evaluate %(count)d members; the others "
            "were evaluated. Their errors are also shown on each member's evaluation in the "
            "admin.\n\n",
            len(errors),
        )
        % {"date": as_of.isoformat(), "count": len(errors)}
        + "\n".join(lines)
        + "\n"
    )
    queue_message(
        key=f"job-report:{as_of.isoformat()}",
        kind=OutboxKind.JOB_REPORT,
        to=settings.SUPPORT_UNIT_EMAIL,
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}"
        + ngettext(
            "Status job of %(date)s: %(count)d member not evaluated",
            "Status job of %(date)s: %(count)d members not evaluated",
            len(errors),
        )
        % {"date": as_of.isoformat(), "count": len(errors)},
        body=body,
    )
