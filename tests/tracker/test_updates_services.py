"""Filing and correcting quarterly tracker updates (tracker.services_updates)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from commitments.models import Commitment
from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
    UserFactory,
)
from tracker import engine
from tracker.facts import facts_for_member
from tracker.models import TrackerUpdate, TrackerUpdateVersion
from tracker.services_updates import MilestoneEntry, correct_update, file_update

pytestmark = pytest.mark.django_db

Q1 = date(2025, 2, 10)
Q2 = date(2025, 5, 10)
Q3 = date(2025, 8, 10)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def commitment():
    plan = ActionPlanFactory(submitted=True)
    commitment = CommitmentFactory(plan=plan)
    MilestoneFactory(commitment=commitment, number=1)
    MilestoneFactory(commitment=commitment, number=2)
    return commitment


@pytest.fixture
def actor():
    return UserFactory()


def states(first="in_progress", second="not_started", reason=""):
    return {1: MilestoneEntry(first), 2: MilestoneEntry(second, reason)}


def file(commitment, actor, on, level="limited", **kwargs):
    values = {
        "completion_level": level,
        "narrative": "Contracts of 2024 published.",
        "next_steps": "Publish 2025's by June.",
        "milestone_states": states(),
    }
    values.update(kwargs)
    return file_update(commitment, actor=actor, as_of=on, **values)


def latest(update):
    return update.versions.order_by("-number").first()


def test_an_update_belongs_to_the_quarter_of_its_filing_day(commitment, actor):
    update = file(commitment, actor, Q1)
    assert update.quarter_starts_on == date(2025, 1, 1)
    assert update.submitted_on == Q1
    assert update.quarter_label == "2025-Q1"


def test_the_first_update_above_not_started_records_progress(commitment, actor):
    version = latest(file(commitment, actor, Q1, level="limited"))
    assert version.progress is True
    assert version.previous_level == "not_started"


def test_the_same_level_next_quarter_records_no_progress(commitment, actor):
    file(commitment, actor, Q1, level="limited")
    assert latest(file(commitment, actor, Q2, level="limited")).progress is False


def test_a_milestone_newly_complete_next_quarter_records_progress(commitment, actor):
    file(commitment, actor, Q1, level="limited")
    update = file(commitment, actor, Q2, level="limited", milestone_states=states("complete"))
    assert latest(update).progress is True


def test_a_milestone_complete_in_both_quarters_records_no_progress(commitment, actor):
    file(commitment, actor, Q1, milestone_states=states("complete"))
    update = file(commitment, actor, Q2, milestone_states=states("complete"))
    assert latest(update).progress is False


def test_a_second_update_in_the_same_quarter_is_refused(commitment, actor):
    file(commitment, actor, Q1)
    with pytest.raises(ValidationError) as error:
        file(commitment, actor, date(2025, 3, 31))
    assert rule_codes(error.value) == {"tracker.already_filed"}
    assert TrackerUpdate.objects.count() == 1


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"level": ""}, "tracker.level_required"),
        ({"level": "finished"}, "tracker.level_required"),
        ({"narrative": "  "}, "tracker.narrative_required"),
        ({"next_steps": ""}, "tracker.next_steps_required"),
        (
            {"milestone_states": {1: MilestoneEntry("in_progress")}},
            "tracker.milestone_state_required",
        ),
        ({"milestone_states": states(second="stalled")}, "tracker.milestone_state_required"),
        ({"milestone_states": states(second="delayed")}, "tracker.delay_reason_required"),
        ({"level": "complete"}, "tracker.complete_with_open_milestones"),
    ],
)
def test_bad_input_is_refused_with_its_rule_and_nothing_is_saved(commitment, actor, values, code):
    with pytest.raises(ValidationError) as error:
        file(commitment, actor, Q1, **values)
    assert code in rule_codes(error.value)
    assert TrackerUpdate.objects.count() == TrackerUpdateVersion.objects.count() == 0
    assert AuditEvent.objects.filter(verb="tracker.update_filed").count() == 0


def test_every_problem_is_reported_at_once(commitment, actor):
    with pytest.raises(ValidationError) as error:
        file(commitment, actor, Q1, level="", narrative="", next_steps="")
    assert rule_codes(error.value) == {
        "tracker.level_required",
        "tracker.narrative_required",
        "tracker.next_steps_required",
    }


def test_messages_name_the_handbook_section(commitment, actor):
    with pytest.raises(ValidationError) as error:
        file(commitment, actor, Q1, narrative="")
    (entry,) = error.value.error_dict["narrative"]
    assert entry.params["handbook"] == "LH §3.5.4"


def test_a_delayed_milestone_keeps_its_reason(commitment, actor):
    update = file(
        commitment, actor, Q1, milestone_states=states(second="delayed", reason="Budget cut.")
    )
    report = latest(update).milestones.get(number=2)
    assert (report.state, report.delay_reason) == ("delayed", "Budget cut.")


def test_a_commitment_of_a_draft_plan_takes_no_update(actor):
    commitment = CommitmentFactory(submitted_on=None)
    with pytest.raises(ValidationError) as error:
        file(commitment, actor, Q1, milestone_states={})
    assert rule_codes(error.value) == {"tracker.commitment_not_open"}


def test_a_removed_commitment_takes_no_update(commitment, actor):
    Commitment.objects.filter(pk=commitment.pk).update(removed_on=date(2025, 1, 20))
    with pytest.raises(ValidationError) as error:
        file(commitment, actor, Q1)
    assert rule_codes(error.value) == {"tracker.commitment_not_open"}


def test_marking_complete_records_the_completion_date(commitment, actor):
    file(commitment, actor, Q2, level="complete", milestone_states=states("complete", "complete"))
    commitment.refresh_from_db()
    assert commitment.completed_on == Q2


def test_the_completion_starts_the_end_of_commitment_assessment_deadline(commitment, actor):
    file(commitment, actor, Q2, level="complete", milestone_states=states("complete", "complete"))
    facts = facts_for_member(commitment.plan.member, as_of=Q3)
    (deadline,) = [
        d
        for d in engine.evaluate(facts, Q3).deadlines
        if d.kind == engine.END_OF_COMMITMENT_ASSESSMENT
    ]
    assert deadline.due_on == date(2025, 6, 10)


def test_a_commitment_completed_in_an_earlier_quarter_takes_no_more_updates(commitment, actor):
    file(commitment, actor, Q1, level="complete", milestone_states=states("complete", "complete"))
    with pytest.raises(ValidationError) as error:
        file(commitment, actor, Q2)
    assert rule_codes(error.value) == {"tracker.commitment_not_open"}


def test_a_correction_is_a_new_version_and_the_first_stays(commitment, actor):
    update = file(commitment, actor, Q1, level="not_started")
    version = correct_update(
        update,
        actor=actor,
        as_of=date(2025, 2, 20),
        reason="The level was wrong.",
        completion_level="limited",
        narrative="Contracts of 2024 published.",
        next_steps="Publish 2025's.",
        milestone_states=states(),
    )
    assert version.number == 2 and version.correction_reason == "The level was wrong."
    first = update.versions.get(number=1)
    assert (first.completion_level, first.progress) == ("not_started", False)
    assert version.progress is True


def test_a_correction_is_compared_with_the_earlier_quarter_not_its_first_version(commitment, actor):
    file(commitment, actor, Q1, level="limited")
    update = file(commitment, actor, Q2, level="substantial")
    version = correct_update(
        update,
        actor=actor,
        as_of=Q2,
        reason="Typo in the narrative.",
        completion_level="substantial",
        narrative="Corrected.",
        next_steps="Same.",
        milestone_states=states(),
    )
    assert version.progress is True  # substantial is above Q1's limited


def test_a_correction_needs_a_reason_and_saves_nothing_without(commitment, actor):
    update = file(commitment, actor, Q1)
    with pytest.raises(ValidationError) as error:
        correct_update(
            update,
            actor=actor,
            as_of=Q1,
            reason=" ",
            completion_level="limited",
            narrative="x",
            next_steps="y",
            milestone_states=states(),
        )
    assert rule_codes(error.value) == {"tracker.correction_reason"}
    assert update.versions.count() == 1


def test_a_correction_cannot_take_back_a_completion(commitment, actor):
    update = file(
        commitment, actor, Q1, level="complete", milestone_states=states("complete", "complete")
    )
    with pytest.raises(ValidationError) as error:
        correct_update(
            update,
            actor=actor,
            as_of=Q1,
            reason="Not finished after all.",
            completion_level="substantial",
            narrative="x",
            next_steps="y",
            milestone_states=states("complete", "complete"),
        )
    assert rule_codes(error.value) == {"tracker.completion_final"}


def test_filing_and_correcting_are_audited(commitment, actor):
    update = file(commitment, actor, Q1)
    correct_update(
        update,
        actor=actor,
        as_of=Q1,
        reason="Added detail.",
        completion_level="limited",
        narrative="More.",
        next_steps="Same.",
        milestone_states=states(),
    )
    verbs = list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True))
    assert verbs == ["tracker.update_filed", "tracker.update_corrected"]
    assert AuditEvent.objects.filter(member=commitment.plan.member).count() == 2


# --- evidence (through ogplocal.documents) --------------------------------------------------


def test_evidence_files_and_links_are_kept_with_the_version(commitment, actor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import pdf_file
    from tracker.services_updates import EvidenceItem

    upload = SimpleUploadedFile("My report.pdf", pdf_file().read(), content_type="text/plain")
    update = file(
        commitment,
        actor,
        Q1,
        evidence=[
            EvidenceItem("Quarterly report", file=upload),
            EvidenceItem("Open data portal", link="https://data.example.org/contracts"),
        ],
    )
    first, second = latest(update).evidence.order_by("pk")
    assert first.file.name.endswith(".pdf") and "My report" not in first.file.name
    assert first.original_name == "My report.pdf"
    assert (second.link, second.file.name) == ("https://data.example.org/contracts", "")


@pytest.mark.parametrize(
    ("item", "code"),
    [
        ({"title": "", "link": "https://example.org/"}, "tracker.evidence_title_required"),
        ({"title": "Nothing"}, "tracker.evidence_file_or_link"),
        ({"title": "Script", "link": "javascript:alert(1)"}, "link.scheme"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_saved(commitment, actor, item, code):
    from tracker.services_updates import EvidenceItem

    with pytest.raises(ValidationError) as error:
        file(commitment, actor, Q1, evidence=[EvidenceItem(**item)])
    assert code in rule_codes(error.value)
    assert TrackerUpdate.objects.count() == 0


def test_an_executable_renamed_pdf_is_refused_as_evidence(commitment, actor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tracker.services_updates import EvidenceItem

    upload = SimpleUploadedFile("report.pdf", b"\x7fELF\x02\x01\x01" + b"\0" * 200)
    with pytest.raises(ValidationError) as error:
        file(commitment, actor, Q1, evidence=[EvidenceItem("Report", file=upload)])
    assert rule_codes(error.value) == {"document.type_not_allowed"}
    assert TrackerUpdate.objects.count() == 0


def test_a_commitment_of_a_plan_that_ended_takes_no_update(commitment, actor):
    with pytest.raises(ValidationError) as error:
        file(commitment, actor, date(2027, 1, 10))  # the plan ended on 2026-12-31
    assert rule_codes(error.value) == {"tracker.commitment_not_open"}
