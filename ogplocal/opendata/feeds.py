"""Atom feeds of what is new in the public record: submitted action plans, tracker updates,
published assessments and status changes; overall, per kind and per member.

Entries come from `ogplocal.opendata.selectors` (public rows only), the newest `LIMIT` of each kind.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from members.models import Member
from members.selectors import member_by_slug
from ogplocal.accounts.permissions import object_permission_required
from ogplocal.opendata import selectors

LIMIT = 50


@dataclass(frozen=True)
class Entry:
    kind: str
    key: str  # unique and stable: the entry's Atom id
    title: str
    link: str
    on: date
    summary: str


def _day(day) -> str:
    """A date in a feed's words as the feed's language writes it (its entries' <updated> stay
    machine dates)."""
    return date_format(day, "DATE_FORMAT")


def _plan_entries(member: Member | None) -> list[Entry]:
    plans = selectors.public_plans_of_member(member) if member else selectors.public_plans()
    return [
        Entry(
            kind="plans",
            key=f"plan-{plan.pk}-v{plan.version}",
            title=_("New action plan: %(plan)s") % {"plan": plan},
            link=reverse("plans:detail", args=[plan.pk]),
            on=plan.submitted_on,
            summary=_("Submitted on %(date)s; runs from %(start)s to %(end)s.")
            % {
                "date": _day(plan.submitted_on),
                "start": _day(plan.starts_on),
                "end": _day(plan.ends_on),
            },
        )
        for plan in plans.order_by("-submitted_on", "-pk")[:LIMIT]
    ]


def _update_entries(member: Member | None) -> list[Entry]:
    versions = selectors.public_update_versions().select_related("update__commitment")
    if member is not None:
        versions = versions.filter(
            Q(update__commitment__plan__member=member)
            | Q(update__commitment__plan__coalition__memberships__member=member)
        )
    return [
        Entry(
            kind="updates",
            key=f"update-{version.update_id}-v{version.number}",
            title=_("Tracker update: %(commitment)s, %(quarter)s")
            % {"commitment": version.update.commitment, "quarter": version.update.quarter_label},
            link=reverse("commitments:detail", args=[version.update.commitment_id])
            + f"#update-{version.update_id}",
            on=version.filed_on,
            summary=version.narrative,
        )
        for version in versions.order_by("-filed_on", "-pk")[:LIMIT]
    ]


def _assessment_entries(member: Member | None) -> list[Entry]:
    assessments = selectors.public_assessments()
    if member is not None:
        assessments = assessments.filter(
            Q(plan__member=member) | Q(plan__coalition__memberships__member=member)
        )
    return [
        Entry(
            kind="assessments",
            key=f"assessment-{assessment.pk}",
            title=_("%(kind)s published: %(plan)s")
            % {"kind": assessment.get_kind_display(), "plan": assessment.plan},
            link=reverse("monitoring:assessment", args=[assessment.pk]),
            on=assessment.published_on,
            summary=_("By %(body)s.") % {"body": assessment.body.name},
        )
        for assessment in assessments.order_by("-published_on", "-pk")[:LIMIT]
    ]


def _status_entries(member: Member | None) -> list[Entry]:
    changes = selectors.public_status_changes()
    if member is not None:
        changes = changes.filter(member=member)
    return [
        Entry(
            kind="status",
            key=f"status-{change.pk}",
            title=_("%(member)s: %(status)s from %(date)s")
            % {
                "member": change.member.name,
                "status": change.get_status_display(),
                "date": _day(change.effective_on),
            },
            link=reverse("members:detail", args=[change.member.jurisdiction.slug]),
            on=change.effective_on,
            summary=(
                _("Rules in force: %(rules)s") % {"rules": ", ".join(change.rules)}
                if change.rules
                else _("No rule is in force.")
            ),
        )
        for change in changes.order_by("-effective_on", "-pk")[:LIMIT]
    ]


# kind -> (title of its feed, entries of a member or of everyone)
KINDS: dict[str, tuple[Callable[[], str], Callable[[Member | None], list[Entry]]]] = {
    "plans": (lambda: _("New action plans"), _plan_entries),
    "updates": (lambda: _("Tracker updates"), _update_entries),
    "assessments": (lambda: _("Published assessments"), _assessment_entries),
    "status": (lambda: _("Status changes"), _status_entries),
}


def entries(*, member: Member | None = None, kind: str | None = None) -> list[Entry]:
    kinds = [kind] if kind else list(KINDS)
    found = [entry for name in kinds for entry in KINDS[name][1](member)]
    return sorted(found, key=lambda entry: (entry.on, entry.key), reverse=True)[:LIMIT]


class PublicRecordFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, kind: str | None = None):
        super().__init__()
        self.kind = kind

    def get_object(self, request, member=None):
        return member

    def title(self, member):
        what = KINDS[self.kind][0]() if self.kind else _("What is new")
        if member is not None:
            return _("OGP Local: %(what)s, %(member)s") % {"what": what, "member": member.name}
        return _("OGP Local: %(what)s") % {"what": what}

    def link(self, member):
        if member is not None:
            return reverse("members:detail", args=[member.jurisdiction.slug])
        return reverse("opendata:index")

    def subtitle(self, member):
        return _("Action plans, updates, assessments and status changes as they are published.")

    def items(self, member):
        return entries(member=member, kind=self.kind)

    def item_title(self, entry: Entry) -> str:
        return entry.title

    def item_description(self, entry: Entry) -> str:
        return entry.summary

    def item_link(self, entry: Entry) -> str:
        return entry.link

    def item_guid(self, entry: Entry) -> str:
        return f"tag:ogplocal,{entry.on.isoformat()}:{entry.key}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry: Entry) -> datetime:
        return datetime.combine(entry.on, time(), tzinfo=UTC)

    def item_updateddate(self, entry: Entry) -> datetime:
        return self.item_pubdate(entry)


everything_feed = require_GET(PublicRecordFeed())
plans_feed = require_GET(PublicRecordFeed("plans"))
updates_feed = require_GET(PublicRecordFeed("updates"))
assessments_feed = require_GET(PublicRecordFeed("assessments"))
status_feed = require_GET(PublicRecordFeed("status"))


def _member_feed_of(kind: str | None):
    """The view of a member's feed of `kind` (None: every kind); 404 for an unknown member."""

    @require_GET
    @object_permission_required(member_by_slug, "members.view_member")
    def view(request: HttpRequest, member: Member) -> HttpResponse:
        return PublicRecordFeed(kind)(request, member=member)

    view.__name__ = view.__qualname__ = f"member_{kind or 'everything'}_feed"
    return view


member_feed = _member_feed_of(None)
member_plans_feed = _member_feed_of("plans")
member_updates_feed = _member_feed_of("updates")
member_assessments_feed = _member_feed_of("assessments")
member_status_feed = _member_feed_of("status")
