"""Change pages (LH §3.2.1.3): proposing a change through the form, bad input with nothing saved,
404 for another member's point of contact, the public page's difference, the staff list, budgets."""

from datetime import date

import pytest
from django.urls import reverse

from commitments.models import ChangeKind, ChangeNotice, Commitment, CommitmentVersion
from commitments.services_changes import propose_change
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
    PointOfContactFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

IN_WINDOW = date(2025, 3, 1)


@pytest.fixture
def commitment():
    commitment = CommitmentFactory(plan=ActionPlanFactory(submitted=True), number=1)
    MilestoneFactory(commitment=commitment, number=1)
    return commitment


@pytest.fixture
def signed_in(client, commitment, settings):
    client.force_login(PointOfContactFactory(member=commitment.plan.member).user)
    return client


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The portal's date for `request.as_of`."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: IN_WINDOW)


def form(commitment, **changes):
    data = {
        "kind": "other",
        "description": "The agency publishes every contract, not only the largest.",
        "consulted": "The city's open government forum, 3 February.",
        "decision_process": "Agreed in the forum's plenary.",
        "commitment-title": commitment.title,
        "commitment-starts_on": commitment.starts_on.isoformat(),
        "commitment-ends_on": commitment.ends_on.isoformat(),
        "commitment-lead_agency": commitment.lead_agency,
        "commitment-lead_agency_branch": "executive",
        "commitment-lead_contact_name": commitment.lead_contact_name,
        "commitment-problem": commitment.problem,
        "commitment-status_quo": commitment.status_quo,
        "commitment-action": commitment.action,
        "commitment-contribution": commitment.contribution,
        "commitment-policy_areas": ["open_contracting"],
        "commitment-sectors": ["public_services"],
        "commitment-ogp_values": ["transparency"],
        "milestones-TOTAL_FORMS": "2",
        "milestones-INITIAL_FORMS": "1",
        "milestones-0-output": "A first list of contracts published.",
        "milestones-0-starts_on": commitment.starts_on.isoformat(),
        "milestones-0-ends_on": commitment.ends_on.isoformat(),
        "milestones-0-responsible_agency": "Department of Finance",
    }
    data.update(changes)
    return data


def url(commitment):
    return reverse("commitments:change_new", args=[commitment.pk])


def test_point_of_contact_records_a_change_through_the_form(signed_in, commitment):
    action = "Publish every contract in the Open Contracting Data Standard within a week."
    response = signed_in.post(url(commitment), form(commitment, **{"commitment-action": action}))
    assert response.status_code == 302
    assert Commitment.objects.get().action == action
    assert ChangeNotice.objects.get().version.number == 2


def test_the_form_adds_a_milestone(signed_in, commitment):
    extra = {
        "milestones-1-output": "All contracts published.",
        "milestones-1-starts_on": "2026-01-01",
        "milestones-1-ends_on": "2026-12-31",
        "milestones-1-responsible_agency": "Finance",
    }
    signed_in.post(url(commitment), form(commitment, kind="milestones", **extra))
    assert commitment.milestones.count() == 2


@pytest.mark.parametrize(
    "changes, rule",
    [
        ({"consulted": ""}, "change.consulted_missing"),
        (
            {"commitment-ends_on": "2025-12-30", "milestones-0-ends_on": "2025-12-30"},
            "commitment.too_short",
        ),
        ({"milestones-0-ends_on": "2027-01-31"}, "milestone.outside_commitment"),
    ],
)
def test_bad_input_shows_the_rule_and_saves_nothing(signed_in, commitment, changes, rule):
    response = signed_in.post(url(commitment), form(commitment, **changes))
    assert response.status_code == 200
    assert f'data-rule="{rule}"' in response.text
    assert not CommitmentVersion.objects.exists()
    assert Commitment.objects.get().ends_on == date(2026, 12, 31)


def test_a_change_after_the_window_shows_the_rule_and_keeps_earlier_versions(
    signed_in, commitment, monkeypatch
):
    propose_change(
        commitment,
        ChangeKind.OTHER,
        {"title": "Publish all contracts"},
        "Forum",
        "Plenary",
        actor=UserFactory(),
        as_of=IN_WINDOW,
    )
    before = list(CommitmentVersion.objects.values_list("number", "snapshot"))
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: date(2025, 6, 16))
    response = signed_in.post(url(commitment), form(commitment))
    assert 'data-rule="commitment.change_window_closed"' in response.text
    assert list(CommitmentVersion.objects.values_list("number", "snapshot")) == before


def test_point_of_contact_of_another_member_gets_404(client, commitment):
    client.force_login(PointOfContactFactory().user)
    assert client.get(url(commitment)).status_code == 404
    assert client.post(url(commitment), form(commitment)).status_code == 404
    assert not ChangeNotice.objects.exists()


def test_the_public_page_shows_the_difference_word_by_word(client, commitment):
    propose_change(
        commitment,
        ChangeKind.OTHER,
        {"action": "Publish every contract in the <b>Open Contracting</b> Data Standard weekly."},
        "The city's open government forum.",
        "Agreed in plenary.",
        actor=UserFactory(),
        as_of=IN_WINDOW,
        description="Weekly publication.",
    )
    page = client.get(reverse("commitments:detail", args=[commitment.pk])).text
    assert "<ins>&lt;b&gt;Open</ins> <ins>Contracting&lt;/b&gt;</ins>" in page
    assert "<del>Standard.</del>" in page
    assert "The city&#x27;s open government forum." in page
    assert "Weekly publication." in page


def test_the_public_page_shows_a_removal(client, commitment):
    propose_change(
        commitment, ChangeKind.REMOVE, {}, "Forum", "Plenary", actor=UserFactory(), as_of=IN_WINDOW
    )
    page = client.get(reverse("commitments:detail", args=[commitment.pk])).text
    assert "Removed on" in page


def test_staff_see_recent_change_notices(client, commitment):
    propose_change(
        commitment,
        ChangeKind.OTHER,
        {"title": "Publish all contracts"},
        "Forum",
        "Plenary",
        actor=UserFactory(),
        as_of=IN_WINDOW,
        description="Wider scope.",
    )
    client.force_login(UserFactory(staff=True, with_totp=True))
    assert "Wider scope." in client.get(reverse("commitments:changes")).text


def _another_change(commitment):
    def add():
        for title in ("Publish all contracts", "Publish every contract weekly"):
            propose_change(
                commitment,
                ChangeKind.OTHER,
                {"title": title},
                "Forum",
                "Plenary",
                actor=UserFactory(),
                as_of=IN_WINDOW,
            )

    return add


def test_commitment_page_query_budget(client, commitment, assert_page_query_budget):
    url = reverse("commitments:detail", args=[commitment.pk])
    assert_page_query_budget(client, url, 12, add_rows=_another_change(commitment))


def test_change_form_query_budget(signed_in, commitment, assert_page_query_budget):
    assert_page_query_budget(signed_in, url(commitment), 14, add_rows=_another_change(commitment))


def test_staff_list_query_budget(client, commitment, assert_page_query_budget):
    client.force_login(UserFactory(staff=True, with_totp=True))
    assert_page_query_budget(
        client, reverse("commitments:changes"), 8, add_rows=_another_change(commitment)
    )


def test_staff_find_the_list_of_changes_from_a_changed_commitment(client, commitment):
    propose_change(
        commitment,
        ChangeKind.OTHER,
        {"title": "Publish all contracts"},
        "Forum",
        "Plenary",
        actor=UserFactory(),
        as_of=IN_WINDOW,
    )
    client.force_login(UserFactory(staff=True, with_totp=True))
    page = client.get(reverse("commitments:detail", args=[commitment.pk])).text
    assert reverse("commitments:changes") in page


def test_the_commitment_page_offers_a_change_only_within_the_window(
    signed_in, commitment, monkeypatch
):
    page = reverse("commitments:detail", args=[commitment.pk])
    assert url(commitment) in signed_in.get(page).text
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: date(2025, 6, 16))
    assert url(commitment) not in signed_in.get(page).text


def test_staff_header_links_the_list_of_change_notices(client):
    client.force_login(UserFactory(staff=True, with_totp=True))
    page = client.get(reverse("home")).text
    assert f'href="{reverse("commitments:changes")}"' in page


def test_point_of_contact_header_has_no_link_to_the_change_notices(client, commitment):
    client.force_login(PointOfContactFactory(member=commitment.plan.member).user)
    assert reverse("commitments:changes") not in client.get(reverse("home")).text
