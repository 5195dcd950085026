"""Writes of the review by the selection committee (LH §1.2): inviting committee members,
declaring a conflict, scoring the 8 points of the Letter of Support, shortlisting.

Invitations: the person must already have an account (applicants and partners sign up through
allauth, with a verified e-mail address); staff invite them by that address. The portal creates
no account on someone's behalf, so nobody receives a password link they did not ask for.

Recusal: a committee member never reads nor scores an application of their own country, nor one
they declared a conflict on, even when they are also staff (`members.rules`). Reviews: saved as
drafts, then submitted with all 8 points scored; a submitted review is frozen (STYLE.md rule 5).
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import (
    ANSWER_LABELS,
    ANSWER_MAX_LENGTH,
    LETTER_POINTS,
    REASON_MAX_LENGTH,
    SCORE_MAX,
    SCORE_MIN,
    Application,
    ApplicationState,
    Call,
    CallState,
    CommitteeMember,
    Country,
    Recusal,
    Review,
    Score,
)
from members.services_calls import transition_application
from ogplocal.accounts.roles import forget_roles
from ogplocal.audit.services import record_event
from ogplocal.validation import RuleViolation, raise_if

# States in which the committee still scores: once decided, the reviews are a record.
SCORING_STATES = (ApplicationState.SUBMITTED, ApplicationState.SHORTLISTED)


def _require(actor, permission: str, obj=None) -> None:
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied


# --- the committee -------------------------------------------------------------------------------


@transaction.atomic
def invite_committee_member(
    *,
    call: Call,
    email: str = "",
    user=None,
    country: Country | None,
    is_government: bool,
    actor,
    as_of: date,
) -> CommitteeMember:
    """Put the person with the account `user` (or the e-mail address `email`) on the selection
    committee of `call`, from `country` (they are recused from its applications)."""
    _require(actor, "members.manage_committee", call)
    violations = []
    if user is None:
        email = (email or "").strip()
        user = get_user_model().objects.filter(email__iexact=email).first() if email else None
        if user is None:
            violations.append(
                RuleViolation(
                    "committee.no_account",
                    _(
                        "Nobody has an account with this e-mail address. Ask the person to "
                        "create one (Sign up), then invite them."
                    )
                    if email
                    else _("Give the e-mail address of the person's account."),
                    field="email",
                )
            )
    if user is not None and not user.is_active:
        violations.append(
            RuleViolation(
                "committee.inactive_account",
                _("This account is closed; it cannot join a committee."),
                field="email",
            )
        )
    if country is None:
        violations.append(
            RuleViolation(
                "committee.country_missing",
                _("Say which country the person is from: they never review its applications."),
                "LH §1.2",
                field="country",
            )
        )
    if call.state == CallState.DECIDED:
        violations.append(
            RuleViolation(
                "committee.call_decided", _("This call is decided: its committee is closed.")
            )
        )
    if user is not None and CommitteeMember.objects.filter(call=call, user=user).exists():
        violations.append(
            RuleViolation(
                "committee.already_member",
                _("%(name)s is on this call's committee already.") % {"name": user},
                field="email",
            )
        )
    raise_if(violations)
    seat = CommitteeMember.objects.create(
        call=call,
        user=user,
        country=country,
        is_government=is_government,
        invited_by=actor,
        invited_on=as_of,
    )
    record_event(
        actor=actor,
        verb="committee.member_invited",
        obj=call,
        after={
            "committee_member": user.email,
            "country": country.iso_code,
            "is_government": is_government,
        },
        member=None,
    )
    forget_roles(user)
    return seat


# --- conflicts of interest -----------------------------------------------------------------------


@transaction.atomic
def declare_conflict(*, actor, application: Application, reason: str, as_of: date) -> Recusal:
    """A committee member steps aside from `application` (a conflict of interest, LH §1.2): from
    then on they can neither open nor score it. Their draft review, if any, is kept but unused."""
    _require(actor, "members.declare_conflict", application)
    reason = (reason or "").strip()
    violations = []
    if not reason:
        violations.append(
            RuleViolation(
                "recusal.reason_missing", _("Say briefly what the conflict is."), field="reason"
            )
        )
    elif len(reason) > REASON_MAX_LENGTH:
        violations.append(
            RuleViolation(
                "recusal.reason_too_long",
                _("Keep the reason within %(limit)d characters.") % {"limit": REASON_MAX_LENGTH},
                field="reason",
            )
        )
    raise_if(violations)
    seat = CommitteeMember.objects.get(call_id=application.call_id, user=actor)
    recusal = Recusal.objects.create(
        application=application, committee_member=seat, reason=reason, declared_on=as_of
    )
    record_event(
        actor=actor,
        verb="application.conflict_declared",
        obj=application,
        after={"committee_member": actor.email},
        reason=reason,
        member=None,
    )
    forget_roles(actor)
    return recusal


# --- scoring -------------------------------------------------------------------------------------


def _score_violations(
    scores: dict[int, tuple[int | None, str]], comment: str
) -> list[RuleViolation]:
    violations = []
    for point, (score, point_comment) in scores.items():
        if point not in LETTER_POINTS:
            violations.append(
                RuleViolation(
                    "review.unknown_point",
                    _("The letter has 8 points; there is no point %(point)s.") % {"point": point},
                )
            )
            continue
        if score is not None and not (SCORE_MIN <= score <= SCORE_MAX):
            violations.append(
                RuleViolation(
                    "review.score_out_of_range",
                    _("Score each point from %(min)d to %(max)d.")
                    % {"min": SCORE_MIN, "max": SCORE_MAX},
                    field=f"score_{point}",
                )
            )
        if len(point_comment or "") > ANSWER_MAX_LENGTH:
            violations.append(
                RuleViolation(
                    "review.comment_too_long",
                    _("Keep the comment within %(limit)d characters.")
                    % {"limit": ANSWER_MAX_LENGTH},
                    field=f"comment_{point}",
                )
            )
    if len(comment or "") > ANSWER_MAX_LENGTH:
        violations.append(
            RuleViolation(
                "review.comment_too_long",
                _("Keep the comment within %(limit)d characters.") % {"limit": ANSWER_MAX_LENGTH},
                field="comment",
            )
        )
    return violations


def _missing_points(scores: dict[int, tuple[int | None, str]]) -> list[RuleViolation]:
    return [
        RuleViolation(
            "review.point_not_scored",
            _("Score point %(label)s before submitting.") % {"label": ANSWER_LABELS[point]},
            "LH §1.2",
            field=f"score_{point}",
        )
        for point in LETTER_POINTS
        if scores.get(point, (None, ""))[0] is None
    ]


@transaction.atomic
def save_review(
    *,
    actor,
    application: Application,
    scores: dict[int, tuple[int | None, str]],
    comment: str = "",
    submit: bool = False,
    as_of: date,
) -> Review:
    """Save `actor`'s review of `application`: `scores` maps a point (1..8) to (score 1..5 or
    None, comment). A draft may leave points unscored; `submit=True` needs all 8 and freezes the
    review. Nothing is saved when any rule fails (one ValidationError naming each)."""
    _require(actor, "members.score_application", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    review = Review.objects.filter(application=application, reviewer=actor).first()
    violations: list[RuleViolation] = []
    if application.state not in SCORING_STATES:
        violations.append(
            RuleViolation(
                "review.application_decided",
                _("This application is %(state)s: its reviews can no longer change.")
                % {"state": application.get_state_display().lower()},
            )
        )
    if review is not None and review.submitted_at is not None:
        violations.append(
            RuleViolation(
                "review.already_submitted",
                _("You submitted your review already; a submitted review cannot change."),
            )
        )
    violations += _score_violations(scores, comment)
    if submit:
        violations += _missing_points(scores)
    raise_if(violations)

    if review is None:
        review = Review(application=application, reviewer=actor)
    review.comment = (comment or "").strip()
    if submit:
        review.submitted_at = timezone.now()
    review.save()
    review.scores.all().delete()
    Score.objects.bulk_create(
        [
            Score(review=review, point=point, score=score, comment=(point_comment or "").strip())
            for point, (score, point_comment) in sorted(scores.items())
            if score is not None
        ]
    )
    if submit:
        record_event(
            actor=actor,
            verb="review.submitted",
            obj=application,
            # Scores stay out of the audit trail: it is not bound by score blindness.
            after={"reviewer": actor.email},
            member=None,
        )
    return review


def submit_review(
    *,
    actor,
    application: Application,
    scores: dict[int, tuple[int | None, str]],
    comment: str = "",
    as_of: date,
) -> Review:
    """Save and submit `actor`'s review: all 8 points scored; frozen afterwards."""
    return save_review(
        actor=actor,
        application=application,
        scores=scores,
        comment=comment,
        submit=True,
        as_of=as_of,
    )


# --- shortlisting (two-stage calls) --------------------------------------------------------------


def shortlist_application(
    *, actor, application: Application, reason: str = "", as_of: date
) -> Application:
    """Invite a two-stage call's applicant to stage 2, the full application (LH §1.2)."""
    _require(actor, "members.shortlist_application", application)
    if not application.call.is_two_stage:
        raise_if(
            [
                RuleViolation(
                    "application.shortlist_one_stage",
                    _("Only applications to a two-stage call are shortlisted."),
                    "LH §1.2",
                )
            ]
        )
    return transition_application(
        application,
        ApplicationState.SHORTLISTED,
        actor=actor,
        reason=reason or _("Shortlisted for the full application."),
        as_of=as_of,
    )
