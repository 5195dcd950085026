"""Reminders (issue 21), through the outbox, each sent once: the outbox key is unique per kind,
object, recipient and due date, so a re-run of the same day, or of the days after, queues nothing
new.

To a member's current points of contact:
- `quarter_due`: 14 days before a tracked quarter ends without an update yet (LH §3.5.4);
- `quarter_missed`: when a tracked quarter closed without an update (sent within 14 days of it);
- `plan_due`: 14 days before the first or the next action plan is due (LH §4.1(1), §3.2).
To the current reviewers of the plan's monitoring body:
- `assessment_due`: 14 and 3 days before an assessment is due (LH §3.5.1-§3.5.3);
- `assessment_overdue`: when it becomes overdue (sent within 14 days of it).

Due dates come from the engine (`evaluate(...).deadlines`, `tracker_quarters`), never from
arithmetic of their own. `send_reminders(as_of)` runs daily (Celery beat).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date, timedelta
from itertools import islice

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan
from members.models import Member, PointOfContact
from monitoring.models import MonitoringBodyReviewer
from ogplocal.notifications.models import OutboxKind
from ogplocal.notifications.services import queue_message
from tracker import engine
from tracker.explain import explain_deadline
from tracker.facts import facts_for_members
from tracker.letters import language_of

logger = logging.getLogger(__name__)

AHEAD = timedelta(days=14)
SHORTLY = timedelta(days=3)
# A reminder of something already missed is sent only while it is recent: a first run on an old
# member does not e-mail about every quarter it ever missed.
RECENT = timedelta(days=14)
BATCH_SIZE = 500

PLAN_DEADLINES = (engine.FIRST_PLAN, engine.NEXT_PLAN)
ASSESSMENT_DEADLINES = (
    engine.INCEPTION_ASSESSMENT,
    engine.END_OF_COMMITMENT_ASSESSMENT,
    engine.FINAL_LEARNING_EXERCISE,
)


def send_reminders(as_of: date) -> int:
    """Queue every reminder due on `as_of`; returns how many were queued for the first time."""
    queued = 0
    ids = list(
        Member.objects.filter(joined_on__lte=as_of)
        .exclude(status=engine.REVOKED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    iterator = iter(ids)
    while chunk := list(islice(iterator, BATCH_SIZE)):
        queued += _remind_chunk(chunk, as_of)
    return queued


def _remind_chunk(ids: list[int], as_of: date) -> int:
    members = {
        member.pk: member
        for member in Member.objects.filter(pk__in=ids).select_related("jurisdiction")
    }
    facts_of = facts_for_members(ids, as_of=as_of)
    contacts: dict[int, list] = defaultdict(list)
    for contact in (
        PointOfContact.objects.current(as_of=as_of).filter(member_id__in=ids).select_related("user")
    ):
        contacts[contact.member_id].append(contact.user)
    # Reviewers of each plan's monitoring body, for the assessments.
    plan_ids = {int(plan.id) for facts in facts_of.values() for plan in facts.plans}
    body_of_plan = dict(
        ActionPlan.objects.filter(pk__in=plan_ids).values_list("pk", "monitoring_body_id")
    )
    reviewers: dict[int, list] = defaultdict(list)
    for reviewer in (
        MonitoringBodyReviewer.objects.current(as_of=as_of)
        .filter(body_id__in=set(body_of_plan.values()))
        .select_related("user")
    ):
        reviewers[reviewer.body_id].append(reviewer.user)

    queued = 0
    for member_id, facts in facts_of.items():
        member = members[member_id]
        try:
            evaluation = engine.evaluate(facts, as_of)
            quarters = engine.tracker_quarters(facts, as_of)
        except Exception:
            logger.exception("reminders %s: member %s", as_of, member_id)
            continue
        commitment_plan = {c.id: c.plan for c in facts.commitments}
        for quarter in quarters:
            if not quarter.tracked or quarter.updated_on is not None:
                continue
            if quarter.due_on - AHEAD <= as_of <= quarter.due_on:
                kind = "quarter_due"
            elif quarter.due_on < as_of <= quarter.due_on + RECENT:
                kind = "quarter_missed"
            else:
                continue
            for user in contacts[member_id]:
                queued += _queue(
                    kind,
                    f"member:{member_id}:{quarter.label}",
                    quarter.due_on,
                    user,
                    member,
                    _quarter_text(kind, member, quarter),
                )
        for deadline in evaluation.deadlines:
            if deadline.kind in PLAN_DEADLINES:
                if deadline.state == engine.UPCOMING and deadline.due_on - AHEAD <= as_of:
                    for user in contacts[member_id]:
                        queued += _queue(
                            "plan_due",
                            f"member:{member_id}:{deadline.kind}:{deadline.ref}",
                            deadline.due_on,
                            user,
                            member,
                            _deadline_text(deadline, member),
                        )
            elif deadline.kind in ASSESSMENT_DEADLINES:
                plan_id = (
                    deadline.ref
                    if deadline.kind != engine.END_OF_COMMITMENT_ASSESSMENT
                    else commitment_plan.get(deadline.ref)
                )
                body_id = body_of_plan.get(int(plan_id)) if plan_id else None
                if body_id is None:
                    continue
                kind = None
                if deadline.state == engine.UPCOMING and deadline.due_on - SHORTLY <= as_of:
                    kind = "assessment_due_3"
                elif deadline.state == engine.UPCOMING and deadline.due_on - AHEAD <= as_of:
                    kind = "assessment_due_14"
                elif deadline.state == engine.OVERDUE and as_of <= deadline.due_on + RECENT:
                    kind = "assessment_overdue"
                if kind is None:
                    continue
                for user in reviewers[body_id]:
                    queued += _queue(
                        kind,
                        f"{deadline.kind}:{deadline.ref}",
                        deadline.due_on,
                        user,
                        member,
                        _deadline_text(deadline, member),
                    )
    return queued


def _queue(kind: str, subject_key: str, due_on: date, user, member, texts) -> int:
    language = language_of(user)
    with translation.override(language):
        subject, body = texts()
    _message, created = queue_message(
        key=f"reminder:{kind}:{subject_key}:user:{user.pk}:{due_on.isoformat()}",
        kind=OutboxKind.REMINDER,
        to=user.email,
        recipient=user,
        member=member,
        language=language,
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
    )
    return int(created)


def _quarter_text(kind: str, member: Member, quarter: engine.TrackerQuarter):
    def texts():
        values = {
            "name": member.name,
            "quarter": quarter.label,
            "due_on": quarter.due_on.isoformat(),
            "handbook": quarter.handbook,
        }
        if kind == "quarter_due":
            subject = (
                _("%(name)s: the tracker update for %(quarter)s is due by %(due_on)s") % values
            )
            body = (
                _(
                    "No tracker update has been filed yet for %(quarter)s, which ends on "
                    "%(due_on)s (%(handbook)s). File one for each open commitment on the "
                    "member page. Two tracked quarters in a row without an update make the "
                    "member inactive (LH §4.1(3), §4.1(4))."
                )
                % values
            )
        else:
            subject = _("%(name)s: no tracker update was filed for %(quarter)s") % values
            body = (
                _(
                    "%(quarter)s closed on %(due_on)s without a tracker update (%(handbook)s). "
                    "File one this quarter: two tracked quarters in a row without an update "
                    "make the member inactive (LH §4.1(3), §4.1(4))."
                )
                % values
            )
        return subject, body + "\n"

    return texts


def _deadline_text(deadline: engine.Deadline, member: Member):
    def texts():
        sentence = explain_deadline(deadline)
        subject = _("%(name)s: due by %(due_on)s") % {
            "name": member.name,
            "due_on": deadline.due_on.isoformat(),
        }
        return subject, sentence + "\n"

    return texts
