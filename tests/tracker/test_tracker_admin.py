"""The admin of tracker updates and voluntary inactivity (H2, issue 21): staff read every record
with its history (versions, ends); nobody adds, edits or deletes there. The member's change page
lists every extension granted."""

from datetime import date

import pytest
from django.urls import reverse

from members.services import grant_extension
from tests.factories import MemberFactory, TrackerUpdateFactory, UserFactory
from tracker.services_inactivity import (
    decide_voluntary_inactivity,
    end_voluntary_inactivity,
    request_voluntary_inactivity,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(staff=True, with_totp=True)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def ended_period(staff):
    member = MemberFactory(joined_on=date(2024, 2, 1))
    request = request_voluntary_inactivity(
        member,
        actor=staff,
        as_of=date(2025, 3, 1),
        starts_on=date(2025, 4, 1),
        ends_on=None,
        reason="Elections.",
    )
    decide_voluntary_inactivity(
        request, actor=staff, as_of=date(2025, 3, 5), grant=True, reason="Granted."
    )
    end_voluntary_inactivity(
        request, actor=staff, as_of=date(2025, 8, 1), ends_on=date(2025, 8, 1), reason="Back now."
    )
    return request


def test_staff_read_a_period_with_its_ends(staff_client, ended_period):
    assert (
        staff_client.get(reverse("admin:tracker_voluntaryinactivity_changelist")).status_code == 200
    )
    html = staff_client.get(
        reverse("admin:tracker_voluntaryinactivity_change", args=[ended_period.pk])
    ).content.decode()
    assert "Back now." in html


def test_nobody_edits_a_period_in_the_admin(staff_client, ended_period):
    url = reverse("admin:tracker_voluntaryinactivity_change", args=[ended_period.pk])
    assert staff_client.post(url, {"reason": "Edited."}).status_code == 403
    ended_period.refresh_from_db()
    assert ended_period.reason == "Elections."


def test_staff_read_an_update_with_its_versions(staff_client):
    update = TrackerUpdateFactory()
    assert staff_client.get(reverse("admin:tracker_trackerupdate_changelist")).status_code == 200
    url = reverse("admin:tracker_trackerupdate_change", args=[update.pk])
    assert staff_client.get(url).status_code == 200
    assert staff_client.post(url, {}).status_code == 403


def test_the_member_page_of_the_admin_lists_every_extension(staff_client, staff):
    member = MemberFactory(joined_on=date(2024, 2, 1), first_plan_due_on=date(2024, 8, 1))
    for until, granted_on, reason in (
        (date(2024, 11, 1), date(2024, 7, 10), "Co-creation has begun."),
        (date(2025, 1, 31), date(2024, 10, 20), "Elections delayed it."),
    ):
        grant_extension(
            actor=staff, member=member, until=until, reason=reason, granted_on=granted_on
        )
    html = staff_client.get(reverse("admin:members_member_change", args=[member.pk])).content
    assert b"Co-creation has begun." in html and b"Elections delayed it." in html
