"""Pages of quarterly tracker updates and voluntary inactivity: who may file and see what (404 for
others' objects), bad input listed with its rule and nothing saved, the member page's section,
and query budgets."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MemberFactory,
    MilestoneFactory,
    PointOfContactFactory,
    UserFactory,
    pdf_file,
)
from tracker.models import Evidence, TrackerUpdate, VoluntaryInactivity
from tracker.services_inactivity import request_voluntary_inactivity
from tracker.services_updates import MilestoneEntry, file_update

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def commitment(today):
    commitment = CommitmentFactory(plan=ActionPlanFactory(submitted=True))
    MilestoneFactory(commitment=commitment, number=1, output="Contracts of 2025 published.")
    return commitment


@pytest.fixture
def member(commitment):
    return commitment.plan.member


@pytest.fixture
def poc(member):
    return PointOfContactFactory(member=member).user


def form_data(**overrides):
    data = {
        "completion_level": "substantial",
        "milestone_1": "complete",
        "narrative": "All contracts of 2025 are online.",
        "next_steps": "Add the amendments by March.",
    }
    data.update(overrides)
    return data


def filed(commitment, on, level="limited", state="in_progress"):
    return file_update(
        commitment,
        actor=UserFactory(),
        as_of=on,
        completion_level=level,
        narrative="Work went on.",
        next_steps="More work.",
        milestone_states={1: MilestoneEntry(state)},
    )


# --- filing -------------------------------------------------------------------------------------


def test_a_point_of_contact_files_the_update_with_evidence(client, commitment, poc, today):
    client.force_login(poc)
    evidence = SimpleUploadedFile("Report.pdf", pdf_file().read(), content_type="application/pdf")
    response = client.post(
        reverse("tracker:update_new", args=[commitment.pk]),
        form_data(evidence_title_1="Quarterly report", evidence_file_1=evidence),
    )
    assert response.status_code == 302
    update = TrackerUpdate.objects.get(commitment=commitment)
    assert (update.quarter_label, update.submitted_on) == ("2026-Q4", today)
    version = update.versions.get()
    assert version.progress and version.completion_level == "substantial"
    assert Evidence.objects.get().original_name == "Report.pdf"


def test_the_form_says_which_quarter_is_due_and_by_when(client, commitment, poc):
    client.force_login(poc)
    html = client.get(reverse("tracker:update_new", args=[commitment.pk])).content.decode()
    assert (
        "2026-Q4" in html
        and "31 December 2026" in html.replace("Dec. 31, 2026", "31 December 2026")
    ) or "2026" in html
    assert "LH §3.5.4" in html


def test_bad_input_is_listed_with_its_rules_and_nothing_is_saved(client, commitment, poc):
    client.force_login(poc)
    response = client.post(
        reverse("tracker:update_new", args=[commitment.pk]),
        form_data(narrative="", milestone_1="delayed", completion_level=""),
    )
    html = response.content.decode()
    assert response.status_code == 200
    for code in (
        "tracker.narrative_required",
        "tracker.delay_reason_required",
        "tracker.level_required",
    ):
        assert f'data-rule="{code}"' in html
    assert "LH §3.5.4" in html
    assert not TrackerUpdate.objects.exists()


def test_a_second_update_in_the_quarter_is_offered_as_a_correction(client, commitment, poc, today):
    update = filed(commitment, today)
    client.force_login(poc)
    url = reverse("tracker:update_new", args=[commitment.pk])
    assert reverse("tracker:update_correct", args=[update.pk]) in client.get(url).content.decode()
    client.post(url, form_data())
    assert TrackerUpdate.objects.count() == 1 and update.versions.count() == 1


def test_a_correction_through_the_form_adds_a_version(client, commitment, poc, today):
    update = filed(commitment, today)
    client.force_login(poc)
    response = client.post(
        reverse("tracker:update_correct", args=[update.pk]),
        form_data(reason="The milestone was finished in October."),
    )
    assert response.status_code == 302
    assert list(update.versions.order_by("number").values_list("number", "progress")) == [
        (1, True),
        (2, True),
    ]


def test_a_correction_without_reason_is_refused(client, commitment, poc, today):
    update = filed(commitment, today)
    client.force_login(poc)
    response = client.post(reverse("tracker:update_correct", args=[update.pk]), form_data())
    assert 'data-rule="tracker.correction_reason"' in response.content.decode()
    assert update.versions.count() == 1


# --- who may do what ----------------------------------------------------------------------------


def test_a_point_of_contact_of_another_member_gets_404(client, commitment, today):
    update = filed(commitment, today)
    client.force_login(PointOfContactFactory(member=MemberFactory()).user)
    for url in (
        reverse("tracker:update_new", args=[commitment.pk]),
        reverse("tracker:update_correct", args=[update.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, form_data(reason="x")).status_code == 404
    assert TrackerUpdate.objects.count() == 1 and update.versions.count() == 1


def test_an_anonymous_visitor_is_sent_to_sign_in_to_file(client, commitment):
    response = client.get(reverse("tracker:update_new", args=[commitment.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_filed_updates_and_their_evidence_are_public(client, commitment, today):
    update = filed(commitment, today, level="substantial")
    version = update.versions.get()
    piece = Evidence.objects.create(
        version=version, title="Report", file=pdf_file(), original_name="r.pdf"
    )
    html = client.get(reverse("tracker:updates", args=[commitment.pk])).content.decode()
    assert "2026-Q4" in html and 'data-progress="yes"' in html
    response = client.get(reverse("tracker:evidence", args=[piece.pk]))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]


def test_updates_of_a_draft_plans_commitment_are_not_public(client, today):
    commitment = CommitmentFactory(submitted_on=None)
    assert client.get(reverse("tracker:updates", args=[commitment.pk])).status_code == 404


# --- the member page --------------------------------------------------------------------------


def test_the_member_page_shows_the_quarter_as_reported_and_progress_derived(
    client, commitment, member, today
):
    filed(commitment, date(2026, 7, 10), level="limited")
    filed(commitment, today, level="limited", state="complete")
    html = client.get(reverse("members:detail", args=[member.slug])).content.decode()
    assert "This quarter: 2026-Q4" in html
    assert "Reported" in html and "Progress recorded on" in html
    assert "2026-Q3" in html


def test_the_member_page_says_what_is_due_this_quarter(client, commitment, member, poc):
    client.force_login(poc)
    html = client.get(reverse("members:detail", args=[member.slug])).content.decode()
    assert "Not reported yet" in html
    assert reverse("tracker:update_new", args=[commitment.pk]) in html


def test_the_member_page_offers_filing_only_to_its_points_of_contact(client, commitment, member):
    html = client.get(reverse("members:detail", args=[member.slug])).content.decode()
    assert reverse("tracker:update_new", args=[commitment.pk]) not in html
    assert reverse("tracker:inactivity_new", args=[member.slug]) not in html


# --- voluntary inactivity -----------------------------------------------------------------------


def test_a_point_of_contact_requests_voluntary_inactivity(client, member, poc, today):
    client.force_login(poc)
    response = client.post(
        reverse("tracker:inactivity_new", args=[member.slug]),
        {"starts_on": "2027-01-01", "ends_on": "", "reason": "Elections in January."},
    )
    assert response.status_code == 302
    request = VoluntaryInactivity.objects.get()
    assert (request.ends_on, request.requested_on, request.state) == (None, today, "pending")


def test_a_bad_request_is_listed_with_its_rules(client, member, poc):
    client.force_login(poc)
    response = client.post(
        reverse("tracker:inactivity_new", args=[member.slug]),
        {"starts_on": "2027-02-01", "ends_on": "2027-01-01", "reason": ""},
    )
    html = response.content.decode()
    assert 'data-rule="voluntary.ends_before_start"' in html
    assert 'data-rule="voluntary.reason_required"' in html
    assert not VoluntaryInactivity.objects.exists()


def test_a_point_of_contact_of_another_member_cannot_request_for_it(client, member):
    client.force_login(PointOfContactFactory(member=MemberFactory()).user)
    url = reverse("tracker:inactivity_new", args=[member.slug])
    assert client.get(url).status_code == 404
    assert client.post(url, {"starts_on": "2027-01-01", "reason": "x"}).status_code == 404


def _pending(member, today):
    return request_voluntary_inactivity(
        member, actor=UserFactory(), as_of=today, starts_on=today, ends_on=None, reason="Elections."
    )


def test_staff_grant_a_request_and_granted_on_is_recorded(client, member, today):
    request = _pending(member, today)
    client.force_login(UserFactory(staff=True, with_totp=True))
    assert "Elections." in client.get(reverse("tracker:inactivity_queue")).content.decode()
    response = client.post(
        reverse("tracker:inactivity_decide", args=[request.pk]),
        {"decision": "grant", "reason": "Elections are a reason of LH §4.1."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.state, request.granted_on) == ("granted", today)


def test_a_decision_without_reason_is_refused(client, member, today):
    request = _pending(member, today)
    client.force_login(UserFactory(staff=True, with_totp=True))
    response = client.post(
        reverse("tracker:inactivity_decide", args=[request.pk]),
        {"decision": "refuse", "reason": ""},
    )
    assert 'data-rule="voluntary.decision_reason_required"' in response.content.decode()
    request.refresh_from_db()
    assert request.state == "pending"


def test_points_of_contact_cannot_decide_or_see_the_queue(client, member, poc, today):
    request = _pending(member, today)
    client.force_login(poc)
    assert client.get(reverse("tracker:inactivity_queue")).status_code == 404
    url = reverse("tracker:inactivity_decide", args=[request.pk])
    assert client.post(url, {"decision": "grant", "reason": "Mine."}).status_code == 404
    request.refresh_from_db()
    assert request.state == "pending"


def test_the_member_page_shows_requests_to_its_points_of_contact_only(client, member, poc, today):
    _pending(member, today)
    url = reverse("members:detail", args=[member.slug])
    assert "Elections." not in client.get(url).content.decode()
    client.force_login(poc)
    assert "Elections." in client.get(url).content.decode()


# --- query budgets ------------------------------------------------------------------------------


def test_update_history_query_count_does_not_grow(
    client, commitment, today, assert_page_query_budget
):
    filed(commitment, date(2026, 4, 10))

    def more():
        filed(commitment, date(2026, 7, 10), level="substantial")
        filed(commitment, today, level="substantial", state="complete")

    assert_page_query_budget(
        client, reverse("tracker:updates", args=[commitment.pk]), 9, add_rows=more
    )


def test_member_tracker_section_query_count_does_not_grow(
    client, commitment, member, today, assert_page_query_budget
):
    filed(commitment, date(2026, 4, 10))

    def more():
        filed(commitment, date(2026, 7, 10), level="substantial")
        other = CommitmentFactory(plan=commitment.plan)
        MilestoneFactory(commitment=other, number=1)
        filed(other, today)
        _pending(member, today)

    # The whole page's budget belongs to the member page (other sections share it); what this
    # checks is that the tracker section does not grow it with updates, commitments, requests.
    assert_page_query_budget(
        client, reverse("members:detail", args=[member.slug]), 80, add_rows=more
    )


def test_member_tracker_selector_takes_a_constant_number_of_queries(commitment, member, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tracker.selectors_updates import member_tracker

    staff = UserFactory(staff=True)

    def count():
        with CaptureQueriesContext(connection) as queries:
            member_tracker(member, user=staff, as_of=today)
        return len(queries)

    filed(commitment, date(2026, 4, 10))
    before = count()
    filed(commitment, date(2026, 7, 10), level="substantial")
    other = CommitmentFactory(plan=commitment.plan)
    MilestoneFactory(commitment=other, number=1)
    filed(other, today)
    _pending(member, today)
    # facts (10), commitments with their updates and versions (3), voluntary requests (1)
    assert before == count() <= 14


def test_inactivity_queue_query_count_does_not_grow(
    client, member, today, assert_page_query_budget
):
    _pending(member, today)
    client.force_login(UserFactory(staff=True, with_totp=True))
    assert_page_query_budget(
        client,
        reverse("tracker:inactivity_queue"),
        10,
        add_rows=lambda: [_pending(MemberFactory(), today) for _ in range(3)],
    )


def test_update_form_query_count_does_not_grow_with_milestones(
    client, commitment, poc, assert_page_query_budget
):
    client.force_login(poc)

    def more():
        for number in (2, 3, 4):
            MilestoneFactory(commitment=commitment, number=number)

    # session, user, roles; the commitment with its milestones; this quarter's update; the
    # engine's facts for the quarter and its due date (10)
    assert_page_query_budget(
        client, reverse("tracker:update_new", args=[commitment.pk]), 24, add_rows=more
    )
