"""Meetings with non-governmental stakeholders (LH §3.3.1): recorded by a point of contact on a
draft or a submitted plan, append-only (withdrawn with a reason), public once the plan is
submitted; the regularity count is shown, not enforced."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actionplans.models import Meeting
from actionplans.services_cocreation import meeting_regularity, record_meeting, withdraw_meeting
from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.factories import (
    ActionPlanFactory,
    MeetingFactory,
    MemberFactory,
    PointOfContactFactory,
    pdf_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return ActionPlanFactory(member=MemberFactory(jurisdiction__name="Alpha City"))


@pytest.fixture
def poc(plan):
    return PointOfContactFactory(member=plan.member).user


@pytest.fixture
def other_poc():
    return PointOfContactFactory(member=MemberFactory()).user


def form_data(**changes):
    data = {
        "held_on": "2024-11-05",
        "kind": "co_creation",
        "forum": "Open government forum",
        "government_organizations": "Department of Finance",
        "government_count": "3",
        "non_governmental_organizations": "Transparency Now",
        "non_governmental_count": "5",
    }
    data.update(changes)
    return data


def test_point_of_contact_records_a_meeting_with_its_agenda(client, plan, poc):
    client.force_login(poc)
    response = client.post(
        reverse("plans:meeting_new", args=[plan.pk]), {**form_data(), "agenda": pdf_file()}
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(plan=plan)
    assert meeting.agenda and meeting.agenda.name.startswith("meeting-agendas/")
    assert meeting.recorded_by == poc
    assert AuditEvent.objects.filter(verb="actionplan.meeting_recorded").exists()


def test_a_meeting_can_be_recorded_on_a_submitted_plan(client):
    plan = ActionPlanFactory(submitted=True)
    poc = PointOfContactFactory(member=plan.member).user
    client.force_login(poc)
    response = client.post(
        reverse("plans:meeting_new", args=[plan.pk]),
        form_data(kind="implementation", held_on="2025-03-01"),
    )
    assert response.status_code == 302
    assert plan.meetings.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"held_on": (timezone.localdate() + timedelta(days=1)).isoformat()}, "held_on"),
        ({"government_count": "-1"}, "government_count"),
        ({"non_governmental_count": "-3"}, "non_governmental_count"),
        ({"forum": ""}, "forum"),
        ({"kind": "party"}, "kind"),
    ],
)
def test_bad_meeting_input_is_refused_and_nothing_saved(client, plan, poc, changes, field):
    client.force_login(poc)
    response = client.post(reverse("plans:meeting_new", args=[plan.pk]), form_data(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "Nothing was saved" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_future_date_is_refused_with_its_message(client, plan, poc):
    client.force_login(poc)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("plans:meeting_new", args=[plan.pk]), form_data(held_on=tomorrow)
    )
    assert "The date cannot be in the future." in response.content.decode()


def test_a_non_pdf_agenda_is_refused_and_nothing_saved(client, plan, poc):
    client.force_login(poc)
    program = SimpleUploadedFile("agenda.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = client.post(
        reverse("plans:meeting_new", args=[plan.pk]), {**form_data(), "agenda": program}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["agenda"]
    assert not Meeting.objects.exists()


def test_service_refuses_a_future_meeting(plan, poc):
    with pytest.raises(ValidationError) as error:
        record_meeting(
            plan,
            actor=poc,
            as_of=date(2025, 1, 1),
            held_on=date(2025, 1, 2),
            kind="co_creation",
            forum="Forum",
            government_count=1,
            non_governmental_count=1,
        )
    assert "co_creation.held_on_in_future" in rule_codes(error.value)
    assert not Meeting.objects.exists()


def test_point_of_contact_of_another_member_gets_404_on_draft_meeting_pages(
    client, plan, other_poc
):
    meeting = MeetingFactory(plan=plan, agenda=pdf_file(), minutes=pdf_file())
    client.force_login(other_poc)
    for url in (
        reverse("plans:meetings", args=[plan.pk]),
        reverse("plans:meeting_new", args=[plan.pk]),
        reverse("plans:meeting_agenda", args=[plan.pk, meeting.pk]),
        reverse("plans:meeting_minutes", args=[plan.pk, meeting.pk]),
    ):
        assert client.get(url).status_code == 404, url
    url = reverse("plans:meeting_withdraw", args=[plan.pk, meeting.pk])
    assert client.post(url, {"reason": "Wrong"}).status_code == 404
    assert client.post(reverse("plans:meeting_new", args=[plan.pk]), form_data()).status_code == 404
    assert Meeting.objects.count() == 1


def test_meetings_of_a_submitted_plan_are_public(client):
    plan = ActionPlanFactory(submitted=True)
    MeetingFactory(plan=plan, forum="Town hall assembly")
    response = client.get(reverse("plans:detail", args=[plan.pk]))
    assert "Town hall assembly" in response.content.decode()
    assert client.get(reverse("plans:meetings", args=[plan.pk])).status_code == 200


def test_withdrawing_keeps_the_record_with_its_reason(client, plan, poc):
    meeting = MeetingFactory(plan=plan)
    client.force_login(poc)
    url = reverse("plans:meeting_withdraw", args=[plan.pk, meeting.pk])
    assert client.post(url, {"reason": "Recorded twice."}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_withdrawn and meeting.withdrawn_reason == "Recorded twice."
    page = client.get(reverse("plans:meetings", args=[plan.pk])).content.decode()
    assert "Recorded twice." in page


def test_withdrawing_without_a_reason_is_refused(client, plan, poc):
    meeting = MeetingFactory(plan=plan)
    client.force_login(poc)
    url = reverse("plans:meeting_withdraw", args=[plan.pk, meeting.pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert not meeting.is_withdrawn


def test_a_meeting_is_withdrawn_only_once(plan, poc):
    meeting = MeetingFactory(plan=plan)
    withdraw_meeting(meeting, actor=poc, reason="Duplicate.")
    with pytest.raises(ValidationError) as error:
        withdraw_meeting(meeting, actor=poc, reason="Again.")
    assert "co_creation.already_withdrawn" in rule_codes(error.value)


# --- regularity (LH §3.3.1) ---------------------------------------------------------------------


def test_regularity_counts_co_creation_and_implementation_meetings_per_year(plan):
    # The plan runs 2025-01-01 to 2026-12-31.
    meetings = [
        MeetingFactory(plan=plan, held_on=date(2024, 11, 5)),
        MeetingFactory(plan=plan, kind="implementation", held_on=date(2025, 3, 1)),
        MeetingFactory(plan=plan, kind="implementation", held_on=date(2025, 9, 1)),
        MeetingFactory(plan=plan, kind="implementation", held_on=date(2026, 2, 1)),
    ]
    regularity = meeting_regularity(plan, meetings, as_of=date(2026, 6, 1))
    assert regularity.co_creation_held == 1 and regularity.co_creation_gap == 0
    assert [(year.number, year.held, year.gap) for year in regularity.years] == [
        (1, 2, 0),
        (2, 1, 1),
    ]
    assert not regularity.is_met


def test_regularity_ignores_withdrawn_meetings_and_those_without_non_governmental_participants(
    plan,
):
    meetings = [
        MeetingFactory(plan=plan, withdrawn_at=timezone.now(), withdrawn_reason="Duplicate."),
        MeetingFactory(plan=plan, non_governmental_count=0),
    ]
    regularity = meeting_regularity(plan, meetings, as_of=date(2024, 12, 1))
    assert regularity.co_creation_held == 0 and regularity.co_creation_gap == 1
    assert regularity.years == ()


def test_the_submit_page_shows_the_regularity_gap_without_blocking(client, plan, poc):
    client.force_login(poc)
    page = client.get(reverse("plans:submit", args=[plan.pk])).content.decode()
    assert "Regularity of meetings" in page
    assert "0 meetings with non-governmental stakeholders (at least 1 required)" in page
    assert "Submit the action plan" in page


def test_meetings_page_query_count_is_constant(client, plan, poc, assert_page_query_budget):
    client.force_login(poc)
    MeetingFactory(plan=plan, agenda=pdf_file())
    assert_page_query_budget(
        client,
        reverse("plans:meetings", args=[plan.pk]),
        8,
        add_rows=lambda: MeetingFactory.create_batch(5, plan=plan, minutes=pdf_file()),
    )


def test_record_meeting_page_query_count(client, plan, poc, assert_page_query_budget):
    client.force_login(poc)
    assert_page_query_budget(client, reverse("plans:meeting_new", args=[plan.pk]), 6)


def test_an_implausible_date_is_refused_and_nothing_saved(client, plan, poc):
    client.force_login(poc)
    response = client.post(
        reverse("plans:meeting_new", args=[plan.pk]), form_data(held_on="1024-11-05")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["held_on"]
    assert not Meeting.objects.exists()


def test_a_future_date_is_listed_with_the_other_problems(client, plan, poc):
    client.force_login(poc)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("plans:meeting_new", args=[plan.pk]),
        form_data(held_on=tomorrow, government_count="-1"),
    )
    errors = response.context["form"].errors
    assert errors["held_on"] == ["The date cannot be in the future."]
    assert errors["government_count"]
