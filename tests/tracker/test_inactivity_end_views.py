"""The page that ends a granted period of voluntary inactivity (H2, issue 21): who may use it,
bad input listed with its rule and nothing saved, the member page and the queue show the end,
and query budgets."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import MemberFactory, PointOfContactFactory, UserFactory
from tracker.models import VoluntaryInactivityEnd
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
def member(today):
    return MemberFactory(joined_on=today - timedelta(days=400))


@pytest.fixture
def poc(member):
    return PointOfContactFactory(member=member).user


def granted(member, staff, today, **values):
    request = request_voluntary_inactivity(
        member,
        actor=staff,
        as_of=today - timedelta(days=60),
        starts_on=today - timedelta(days=50),
        ends_on=None,
        reason=values.get("reason", "Elections."),
    )
    return decide_voluntary_inactivity(
        request, actor=staff, as_of=today - timedelta(days=55), grant=True, reason="Granted."
    )


def test_a_point_of_contact_ends_the_period_from_the_member_page(client, member, poc, staff, today):
    period = granted(member, staff, today)
    client.force_login(poc)
    page = client.get(reverse("members:detail", args=[member.slug])).content.decode()
    url = reverse("tracker:inactivity_end", args=[period.pk])
    assert url in page

    response = client.post(url, {"ends_on": today.isoformat(), "reason": "New mayor in office."})

    assert response.status_code == 302
    end = VoluntaryInactivityEnd.objects.get()
    assert (end.period, end.ends_on, end.recorded_on, end.recorded_by) == (
        period,
        today,
        today,
        poc,
    )
    page = client.get(reverse("members:detail", args=[member.slug])).content.decode()
    assert "Ended: last day" in page


def test_a_bad_end_is_listed_with_its_rules_and_nothing_saved(client, member, poc, staff, today):
    period = granted(member, staff, today)
    client.force_login(poc)
    response = client.post(
        reverse("tracker:inactivity_end", args=[period.pk]),
        {"ends_on": (today - timedelta(days=10)).isoformat(), "reason": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-rule="voluntary.end_reason_required"' in html
    assert 'data-rule="voluntary.end_in_the_past"' in html
    assert not VoluntaryInactivityEnd.objects.exists()


def test_a_date_that_is_not_a_date_is_refused(client, member, poc, staff, today):
    period = granted(member, staff, today)
    client.force_login(poc)
    response = client.post(
        reverse("tracker:inactivity_end", args=[period.pk]),
        {"ends_on": "next tuesday", "reason": "Soon."},
    )
    assert response.status_code == 200
    assert not VoluntaryInactivityEnd.objects.exists()


def test_a_point_of_contact_of_another_member_gets_404(client, member, staff, today):
    period = granted(member, staff, today)
    client.force_login(PointOfContactFactory(member=MemberFactory()).user)
    url = reverse("tracker:inactivity_end", args=[period.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"ends_on": today.isoformat(), "reason": "x"}).status_code == 404
    assert not VoluntaryInactivityEnd.objects.exists()


def test_a_pending_request_shows_that_it_cannot_be_ended(client, member, poc, today):
    request = request_voluntary_inactivity(
        member, actor=poc, as_of=today, starts_on=today, ends_on=None, reason="Elections."
    )
    client.force_login(poc)
    html = client.get(reverse("tracker:inactivity_end", args=[request.pk])).content.decode()
    assert "Only a granted period can be ended." in html
    assert "<form" not in html.split("<main", 1)[-1].split("</main>")[0] or "ends_on" not in html


def test_staff_see_the_end_in_the_queue(client, member, staff, today):
    period = granted(member, staff, today)
    end_voluntary_inactivity(period, actor=staff, as_of=today, ends_on=today, reason="Back.")
    client.force_login(staff)
    html = client.get(reverse("tracker:inactivity_queue")).content.decode()
    assert "ended, last day" in html


def test_the_end_page_keeps_every_end_recorded(client, member, staff, today):
    period = granted(member, staff, today)
    end_voluntary_inactivity(
        period, actor=staff, as_of=today, ends_on=today + timedelta(days=30), reason="First."
    )
    end_voluntary_inactivity(period, actor=staff, as_of=today, ends_on=today, reason="Sooner.")
    client.force_login(staff)
    html = client.get(reverse("tracker:inactivity_end", args=[period.pk])).content.decode()
    assert "First." in html and "Sooner." in html


def test_the_end_page_query_count_does_not_grow(
    client, member, staff, today, assert_page_query_budget
):
    period = granted(member, staff, today)
    end_voluntary_inactivity(
        period, actor=staff, as_of=today, ends_on=today + timedelta(days=60), reason="60"
    )
    client.force_login(staff)

    def more():
        for days in (40, 20, 0):
            end_voluntary_inactivity(
                period,
                actor=UserFactory(staff=True),
                as_of=today,
                ends_on=today + timedelta(days=days),
                reason=f"{days}",
            )

    assert_page_query_budget(
        client, reverse("tracker:inactivity_end", args=[period.pk]), 12, add_rows=more
    )


def test_the_queue_query_count_does_not_grow_with_ends(
    client, member, staff, today, assert_page_query_budget
):
    period = granted(member, staff, today)
    client.force_login(staff)

    def more():
        end_voluntary_inactivity(period, actor=staff, as_of=today, ends_on=today, reason="Back.")
        for _ in range(3):
            granted(MemberFactory(joined_on=today - timedelta(days=400)), staff, today)

    assert_page_query_budget(client, reverse("tracker:inactivity_queue"), 12, add_rows=more)


def test_the_header_links_the_queue_for_staff_only(client, poc, staff):
    url = reverse("tracker:inactivity_queue")
    client.force_login(poc)
    assert f'href="{url}"' not in client.get(reverse("home")).content.decode()
    client.force_login(staff)
    assert f'href="{url}"' in client.get(reverse("home")).content.decode()
