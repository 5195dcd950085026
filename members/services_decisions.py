"""Decisions on applications (LH §1.2): the Support Unit records the selection committee's
consensus decision with its reasons; accepting makes the applicant a member.

`decide_application` is the one write: it checks the rules, moves the application through
`members.services_calls.transition_application` (the one transition table), creates what an
acceptance creates (jurisdiction, member, point of contact), keeps the PDF decision letter
rendered by `ogplocal.documents.render_pdf` on the `Decision`, and sends the letter by e-mail
once the transaction has committed (a rolled-back decision sends nothing).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from members import services as member_services
from members.models import (
    Application,
    ApplicationState,
    Contact,
    Decision,
    DecisionOutcome,
    Jurisdiction,
    Member,
    MemberStatus,
    PointOfContact,
)
from members.services_calls import transition_application
from ogplocal.accounts.adapter import site
from ogplocal.audit.services import record_event
from ogplocal.documents.render import render_pdf
from ogplocal.notifications.models import OutboxKind
from ogplocal.notifications.services import queue_message
from ogplocal.validation import RuleViolation, field_errors, raise_all

DECIDABLE_STATES = (ApplicationState.SUBMITTED, ApplicationState.SHORTLISTED)
LETTER_TEMPLATES = {
    DecisionOutcome.ACCEPTED: "documents/letters/decision_accepted.html",
    DecisionOutcome.NOT_ACCEPTED: "documents/letters/decision_not_accepted.html",
}


def _require(actor, permission: str, obj=None) -> None:
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied


def letter_reference(decision: Decision) -> str:
    """The reference printed on the letter: the call's year and the application's number."""
    return f"OGPL-{decision.application.call.opens_on.year}-{decision.application_id:04d}"


def _decision_violations(
    application: Application, outcome: str, reasons: str, national_contact: str, *, as_of: date
) -> list[RuleViolation]:
    violations: list[RuleViolation | None] = []
    if Decision.objects.filter(application_id=application.pk).exists() or application.state in (
        ApplicationState.ACCEPTED,
        ApplicationState.NOT_ACCEPTED,
    ):
        # Checked first and alone: the other rules say nothing useful about a decided application.
        return [
            RuleViolation(
                "decision.already_decided",
                _("This application has been decided already; a decision is not taken twice."),
                "LH §1.2",
            )
        ]
    if outcome not in DecisionOutcome.values:
        violations.append(
            RuleViolation(
                "decision.outcome_invalid",
                _("Choose whether the application is accepted or not."),
                field="outcome",
            )
        )
    if not reasons.strip():
        violations.append(
            RuleViolation(
                "decision.reasons_required",
                _("Give the committee's reasons; the applicant reads them in the letter."),
                "LH §1.2",
                field="reasons",
            )
        )
    if outcome == DecisionOutcome.NOT_ACCEPTED and not national_contact.strip():
        violations.append(
            RuleViolation(
                "decision.national_contact_required",
                _(
                    "Name the national OGP contact the applicant can turn to; the letter of a "
                    "jurisdiction not accepted names them."
                ),
                "LH §1.2",
                field="national_contact",
            )
        )
    if outcome == DecisionOutcome.ACCEPTED:
        first_plan_due_on = application.call.first_plan_due_on
        if first_plan_due_on < as_of:
            violations.append(
                RuleViolation(
                    "decision.first_plan_due_passed",
                    _(
                        "The call's first action plan was due on %(due)s, before today: change "
                        "the call's first-plan deadline before accepting."
                    )
                    % {"due": first_plan_due_on.isoformat()},
                    "LH §4.1(1)",
                )
            )
        jurisdiction = _existing_jurisdiction(application)
        if (
            jurisdiction is not None
            and Member.objects.filter(jurisdiction=jurisdiction)
            .exclude(status=MemberStatus.REVOKED)
            .exists()
        ):
            violations.append(
                RuleViolation(
                    "decision.already_member",
                    _(
                        "%(name)s is a member of OGP Local already; a jurisdiction joins again "
                        "only once its membership has been revoked."
                    )
                    % {"name": jurisdiction.name},
                    "LH §1",
                )
            )
    return [violation for violation in violations if violation is not None]


def _existing_jurisdiction(application: Application) -> Jurisdiction | None:
    """The jurisdiction the application is for, if it exists: the one chosen, or one of the
    same name in the same country (a jurisdiction is one record, whoever applies for it)."""
    if application.jurisdiction_id is not None:
        return application.jurisdiction
    if application.country_id is None:
        return None
    return Jurisdiction.objects.filter(
        country_id=application.country_id, name=application.jurisdiction_name.strip()
    ).first()


def _unique_jurisdiction_slug(name: str) -> str:
    base = slugify(name)[:180] or "jurisdiction"
    slug, number = base, 2
    while Jurisdiction.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _jurisdiction_for(application: Application, *, actor, as_of: date) -> Jurisdiction:
    """The existing record (kept as it is), or a new one from the application's fields with its
    term recorded through `record_term`."""
    jurisdiction = _existing_jurisdiction(application)
    if jurisdiction is not None:
        return jurisdiction
    jurisdiction = Jurisdiction(
        name=application.jurisdiction_name.strip(),
        slug=_unique_jurisdiction_slug(application.jurisdiction_name),
        country_id=application.country_id,
        region=application.region,
        kind=application.kind,
        population=application.population,
        has_elections=application.has_elections,
    )
    jurisdiction.full_clean(exclude=["slug"], validate_unique=False, validate_constraints=False)
    jurisdiction.save()
    if application.has_elections and application.term_ends_on:
        member_services.record_term(
            actor=actor,
            jurisdiction=jurisdiction,
            ends_on=application.term_ends_on,
            recorded_on=as_of,
            reason=_("Term of office given in the accepted application (LH §1.1)."),
        )
    return jurisdiction


def _point_of_contact_user(application: Application):
    """The account of the day-to-day point of contact: the applicant's own if the application
    gives their address, an existing account with that address, or a new one (invited).
    Returns (user, invited)."""
    User = get_user_model()
    email = application.contact_email.strip()
    if email.lower() == application.applicant.email.lower():
        return application.applicant, False
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        return existing, False
    user = User.objects.create_user(email=email, password=None, full_name=application.contact_name)
    # The address comes from the application the Support Unit accepted, and the account is only
    # usable through the set-password link sent to it: following that link proves the address,
    # so it need not be verified a second time at the first sign-in.
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user, True


def _make_member(application: Application, *, actor, as_of: date):
    jurisdiction = _jurisdiction_for(application, actor=actor, as_of=as_of)
    member = Member(
        jurisdiction=jurisdiction,
        joined_on=as_of,
        first_plan_due_on=application.call.first_plan_due_on,
        status_since=as_of,
    )
    member.save()
    user, invited = _point_of_contact_user(application)
    contact = Contact.objects.create(
        full_name=application.contact_name.strip() or user.full_name or user.email,
        title=application.contact_title,
        email=application.contact_email.strip(),
        user=user,
    )
    point = PointOfContact.objects.create(
        member=member, user=user, contact=contact, is_primary=True, starts_on=as_of
    )
    record_event(
        actor=actor,
        verb="member.joined",
        obj=member,
        after={
            "jurisdiction": jurisdiction.name,
            "joined_on": member.joined_on,
            "first_plan_due_on": member.first_plan_due_on,
            "application_id": application.pk,
            "point_of_contact_id": point.pk,
            "point_of_contact_invited": invited,
        },
        member=member,
    )
    return member, user, invited


def render_decision_letter(decision: Decision, *, contact_invited: bool = False) -> bytes:
    """The decision letter as PDF bytes, in the applicant's language. `contact_invited`: the
    point of contact's account was made for them (the letter says an e-mail follows)."""
    application = decision.application
    language = application.applicant.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        return render_pdf(
            LETTER_TEMPLATES[decision.outcome],
            {
                "date": decision.decided_on,
                "reference": letter_reference(decision),
                "decision": decision,
                "application": application,
                "call": application.call,
                "member": decision.member,
                "first_plan_due_on": decision.member.first_plan_due_on if decision.member else None,
                "portal_url": settings.SITE_URL,
                "contact_is_applicant": application.contact_email.strip().lower()
                == application.applicant.email.lower(),
                "contact_invited": contact_invited,
            },
        )


@transaction.atomic
def decide_application(
    application: Application,
    outcome: str,
    reasons: str,
    *,
    actor,
    as_of: date,
    national_contact: str = "",
) -> Decision:
    """Record the committee's consensus decision on `application` (Support Unit only, never on
    an application the actor is recused from), with its reasons.

    Accepted: the jurisdiction (existing, or new with its term), the `Member` (joined on
    `as_of`, first plan due as the call says) and the point of contact (the applicant's account,
    or a new account invited to set its password). Not accepted: the letter gives the reasons,
    invites the applicant to the community of practice and names the national OGP contact.
    Either way a PDF letter is kept on the decision and e-mailed on commit. One ValidationError
    naming every broken rule, nothing saved, otherwise."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "applicant", "country", "jurisdiction")
        .get(pk=application.pk)
    )
    _require(actor, "members.decide_application", application)
    reasons = (reasons or "").strip()
    national_contact = (national_contact or "").strip()
    decision = Decision(
        application=application,
        outcome=outcome,
        reasons=reasons,
        decided_by=actor,
        decided_on=as_of,
        national_contact=national_contact if outcome == DecisionOutcome.NOT_ACCEPTED else "",
    )
    raise_all(
        _decision_violations(application, outcome, reasons, national_contact, as_of=as_of),
        field_errors(decision, ["reasons", "national_contact"]) if reasons else {},
    )
    to = (
        ApplicationState.ACCEPTED
        if outcome == DecisionOutcome.ACCEPTED
        else ApplicationState.NOT_ACCEPTED
    )
    application = transition_application(application, to, actor=actor, reason=reasons, as_of=as_of)
    invited_user_id = None
    if outcome == DecisionOutcome.ACCEPTED:
        member, user, invited = _make_member(application, actor=actor, as_of=as_of)
        decision.member = member
        invited_user_id = user.pk if invited else None
    decision.application = application
    decision.save()
    letter = render_decision_letter(decision, contact_invited=invited_user_id is not None)
    decision.letter_pdf.save("letter.pdf", ContentFile(letter), save=True)
    record_event(
        actor=actor,
        verb="decision.recorded",
        obj=application,
        after={"outcome": outcome, "decision_id": decision.pk, "member_id": decision.member_id},
        reason=reasons,
        member=decision.member,
    )
    # After the commit, and `robust`: a mail server that fails is logged and does not undo or
    # hide the decision (its letter stays on the decision and the applicant's page).
    transaction.on_commit(lambda: send_decision_letter(decision.pk), robust=True)
    if invited_user_id is not None:
        transaction.on_commit(
            lambda: send_point_of_contact_invitation(invited_user_id), robust=True
        )
    return decision


# --- e-mail, after the decision has committed -------------------------------------------------


def send_decision_letter(decision_id: int) -> None:
    """E-mail the decision letter (the PDF kept on the decision) to the applicant, copying the
    day-to-day point of contact when that is someone else."""
    decision = Decision.objects.select_related(
        "application__applicant", "application__call", "member__jurisdiction"
    ).get(pk=decision_id)
    application = decision.application
    recipients = [application.applicant.email]
    cc = [
        address
        for address in [application.contact_email.strip()]
        if address and address.lower() != application.applicant.email.lower()
    ]
    language = application.applicant.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "decision": decision,
            "application": application,
            "call": application.call,
            "member": decision.member,
            "site_name": settings.SITE_NAME,
            "application_url": settings.SITE_URL.rstrip("/")
            + reverse("calls:application", kwargs={"application_id": application.pk}),
            "member_url": settings.SITE_URL.rstrip("/")
            + reverse("members:detail", kwargs={"slug": decision.member.slug})
            if decision.member
            else "",
        }
        subject = render_to_string("decisions/email/decision_subject.txt", context).strip()
        body = render_to_string("decisions/email/decision_body.txt", context)
        filename = _("Decision letter - %(name)s.pdf") % {"name": application.jurisdiction_name}
    # Through the outbox (ogplocal.notifications): one row per decision, sent exactly once.
    queue_message(
        key=f"decision-letter:{decision.pk}",
        kind=OutboxKind.DECISION_LETTER,
        to=recipients[0],
        cc=cc,
        recipient=application.applicant,
        member=decision.member,
        language=language,
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        attachment_stored_name=decision.letter_pdf.name,
        attachment_name=filename,
        deliver_now=True,  # this function runs once the decision has committed
    )


def send_point_of_contact_invitation(user_id: int) -> None:
    """Invite a point of contact whose account was made for them: an e-mail rendered by allauth
    with its password-reset link (allauth's token; the link lets them set a password and sign
    in), worded as an invitation. Rendered here rather than through `send_mail`, which needs a
    request to name the site."""
    user = get_user_model().objects.select_related().get(pk=user_id)
    token = allauth_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    key = f"{user_pk_to_url_str(user)}-{token}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    url = settings.SITE_URL.rstrip("/") + path.replace("UID-KEY", quote(key))
    member = (
        Member.objects.filter(points_of_contact__user=user)
        .select_related("jurisdiction")
        .order_by("-joined_on", "-pk")
        .first()
    )
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        message = get_adapter().render_mail(
            "decisions/email/invitation",
            user.email,
            {
                "user": user,
                "member": member,
                "password_reset_url": url,
                "current_site": site(),
                "sign_in_url": settings.SITE_URL.rstrip("/") + reverse("account_login"),
            },
        )
    message.send()
