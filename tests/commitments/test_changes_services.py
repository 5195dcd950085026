"""Changes to a submitted commitment (LH §3.2.1.3): the 6-month window to the day, the record of
the consulted stakeholders, the filing rules on the changed commitment, versions kept."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from commitments.models import ChangeKind, ChangeNotice, Commitment, CommitmentVersion
from commitments.services_changes import propose_change
from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.factories import ActionPlanFactory, CommitmentFactory, MilestoneFactory, UserFactory

pytestmark = pytest.mark.django_db

SUBMITTED = date(2024, 12, 15)  # the factory's submitted plan
LAST_DAY = date(2025, 6, 15)


@pytest.fixture
def commitment():
    commitment = CommitmentFactory(plan=ActionPlanFactory(submitted=True), number=1)
    MilestoneFactory(commitment=commitment, number=1)
    return commitment


def change(commitment, *, kind=ChangeKind.TIMELINE, data=None, as_of=LAST_DAY, **record):
    return propose_change(
        commitment,
        kind,
        data if data is not None else {"starts_on": date(2025, 2, 1)},
        record.get("consulted", "The city's open government forum, 3 May."),
        record.get("decision_process", "Agreed in the forum's plenary."),
        actor=UserFactory(),
        as_of=as_of,
        description="The agency starts a month later.",
    )


def refused(commitment, **kwargs) -> set[str]:
    with pytest.raises(ValidationError) as error:
        change(commitment, **kwargs)
    return rule_codes(error.value)


def test_a_change_on_the_last_day_of_the_window_is_recorded(commitment):
    notice = change(commitment, kind=ChangeKind.OTHER, data={"title": "Publish every contract"})
    commitment.refresh_from_db()
    assert commitment.title == "Publish every contract"
    assert notice.version.number == 2


def test_a_change_the_day_after_the_window_is_refused(commitment):
    assert refused(commitment, as_of=date(2025, 6, 16)) == {"commitment.change_window_closed"}
    assert not CommitmentVersion.objects.exists()
    assert not ChangeNotice.objects.exists()


def test_a_change_without_the_consulted_stakeholders_is_refused_and_nothing_saved(commitment):
    assert "change.consulted_missing" in refused(commitment, consulted="  ")
    commitment.refresh_from_db()
    assert commitment.starts_on == date(2025, 1, 1)
    assert not ChangeNotice.objects.exists()


def test_a_change_without_the_decision_process_is_refused(commitment):
    assert "change.decision_process_missing" in refused(commitment, decision_process="")


def test_a_timeline_shorter_than_one_year_is_refused(commitment):
    codes = refused(commitment, data={"starts_on": date(2025, 3, 1), "ends_on": date(2026, 2, 27)})
    assert "commitment.too_short" in codes
    commitment.refresh_from_db()
    assert commitment.ends_on == date(2026, 12, 31)


def test_milestones_outside_the_commitment_are_refused(commitment):
    row = {
        "output": "Data published",
        "starts_on": date(2024, 12, 1),
        "ends_on": date(2025, 3, 1),
        "responsible_agency": "Finance",
    }
    codes = refused(commitment, kind=ChangeKind.MILESTONES, data={"milestones": [row]})
    assert codes == {"milestone.outside_commitment"}
    assert commitment.milestones.get().output == "A first list of contracts published."


def test_a_timeline_that_leaves_milestones_outside_is_refused(commitment):
    assert "milestone.outside_commitment" in refused(commitment)


def test_a_refused_change_leaves_earlier_versions_untouched(commitment):
    change(commitment, kind=ChangeKind.OTHER, data={"title": "Publish every contract"})
    before = list(CommitmentVersion.objects.values_list("number", "snapshot"))
    refused(commitment, data={"ends_on": date(2027, 6, 30)})
    assert list(CommitmentVersion.objects.values_list("number", "snapshot")) == before


def test_the_first_change_keeps_version_1_as_submitted(commitment):
    change(commitment, kind=ChangeKind.OTHER, data={"title": "Publish every contract"})
    first, second = CommitmentVersion.objects.order_by("number")
    assert first.snapshot["title"] != second.snapshot["title"] == "Publish every contract"
    assert first.snapshot["milestones"][0]["output"] == "A first list of contracts published."


def test_a_second_change_adds_version_3_and_keeps_both_earlier(commitment):
    change(commitment, kind=ChangeKind.OTHER, data={"title": "Publish every contract"})
    change(commitment, kind=ChangeKind.OTHER, data={"title": "Publish all contracts"})
    assert list(CommitmentVersion.objects.values_list("number", flat=True)) == [1, 2, 3]


def test_a_removal_marks_the_commitment_removed_and_keeps_it(commitment):
    change(commitment, kind=ChangeKind.REMOVE, data={}, as_of=date(2025, 3, 1))
    commitment = Commitment.objects.get(pk=commitment.pk)
    assert commitment.removed_on == date(2025, 3, 1)
    assert commitment.milestones.count() == 1


def test_a_removed_commitment_cannot_be_changed_again(commitment):
    change(commitment, kind=ChangeKind.REMOVE, data={})
    assert refused(commitment) == {"commitment.already_removed"}


def test_a_draft_commitment_is_not_changed_by_a_notice():
    draft = CommitmentFactory(submitted_on=None)
    assert refused(draft) == {"commitment.not_submitted"}


def test_the_change_is_in_the_audit_trail(commitment):
    change(commitment, kind=ChangeKind.OTHER, data={"title": "Publish every contract"})
    event = AuditEvent.objects.get(verb="commitment.change_recorded")
    assert event.after["title"] == "Publish every contract"
    assert event.member_id == commitment.plan.member_id


def test_a_timeline_change_moves_the_milestones_with_it(commitment):
    row = {
        "output": "Data published",
        "starts_on": date(2025, 2, 1),
        "ends_on": date(2026, 12, 31),
        "responsible_agency": "Finance",
    }
    change(commitment, data={"starts_on": date(2025, 2, 1), "milestones": [row]})
    commitment.refresh_from_db()
    assert (commitment.starts_on, commitment.milestones.get().starts_on) == (
        date(2025, 2, 1),
        date(2025, 2, 1),
    )
