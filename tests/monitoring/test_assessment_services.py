"""Assessments through their services (LH §3.5): starting, filing the parts, the comment period
with both groups invited, publication only after it closes, the transition table, corrections as
new versions; and every bad input refused with its rule and nothing saved."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from monitoring import services
from monitoring.models import (
    ASSESSMENT_TRANSITIONS,
    Assessment,
    AssessmentComment,
    AssessmentState,
    CommentGroup,
    CommentInvitation,
)
from ogplocal.validation import rule_codes
from tests.factories import CommitmentFactory, EndorsingStakeholderFactory
from tests.monitoring.helpers import assigned_plan, fill_inception, published_inception

pytestmark = pytest.mark.django_db

DAY = date(2025, 2, 1)


def refused(call) -> set[str]:
    with pytest.raises(ValidationError) as error:
        call()
    return rule_codes(error.value)


def started(setting):
    return services.start_assessment(setting.plan, "inception", actor=setting.reviewer, as_of=DAY)


def test_inception_is_prefilled_with_counts_and_a_row_per_requirement_practice_commitment():
    setting = assigned_plan()
    assessment = started(setting)
    assert assessment.state == AssessmentState.DRAFT
    assert assessment.body == setting.plan.monitoring_body
    assert assessment.co_creation_meeting_count == 1
    assert assessment.endorsing_stakeholder_count == 1
    assert assessment.requirement_checks.count() == 4
    assert assessment.practice_ratings.count() == 8
    assert [row.commitment for row in assessment.commitment_ratings.all()] == [setting.commitment]


def test_a_later_commitment_is_not_an_initial_commitment():
    setting = assigned_plan()
    CommitmentFactory(plan=setting.plan, number=2, submitted_on=date(2025, 6, 1))
    assert started(setting).commitment_ratings.count() == 1


def test_the_same_assessment_cannot_be_started_twice():
    setting = assigned_plan()
    started(setting)
    assert refused(lambda: started(setting)) == {"assessment.already_started"}
    assert Assessment.objects.count() == 1


def test_a_draft_plan_is_not_assessed():
    setting = assigned_plan()
    setting.plan.state = "draft"
    setting.plan.submitted_on = None
    setting.plan.save()
    assert refused(lambda: started(setting)) == {"assessment.plan_not_submitted"}
    assert not Assessment.objects.exists()


def test_end_of_commitment_needs_a_finished_commitment_of_the_plan():
    setting = assigned_plan()
    assert refused(
        lambda: services.start_assessment(
            setting.plan,
            "end_of_commitment",
            commitment=setting.commitment,
            actor=setting.reviewer,
            as_of=DAY,
        )
    ) == {"assessment.commitment_not_finished"}
    other = CommitmentFactory()
    assert refused(
        lambda: services.start_assessment(
            setting.plan, "end_of_commitment", commitment=other, actor=setting.reviewer, as_of=DAY
        )
    ) == {"assessment.commitment_required"}
    assert not Assessment.objects.exists()


def test_final_learning_waits_for_the_plan_to_end():
    setting = assigned_plan()
    assert refused(
        lambda: services.start_assessment(
            setting.plan, "final_learning", actor=setting.reviewer, as_of=DAY
        )
    ) == {"assessment.plan_not_ended"}
    done = services.start_assessment(
        setting.plan, "final_learning", actor=setting.reviewer, as_of=setting.plan.ends_on
    )
    assert done.kind == "final_learning"


def test_a_part_saves_its_rows():
    setting = assigned_plan()
    assessment = started(setting)
    services.save_assessment_part(
        assessment,
        "requirements",
        {"forum": {"met": False, "evidence": "None."}},
        actor=setting.reviewer,
    )
    row = assessment.requirement_checks.get(requirement="forum")
    assert (row.met, row.evidence) == (False, "None.")


def test_a_bad_rating_is_refused_and_nothing_of_the_part_saved():
    setting = assigned_plan()
    assessment = started(setting)
    with pytest.raises(ValidationError) as error:
        services.save_assessment_part(
            assessment,
            "practices",
            {
                "feedback": {"rating": "applied", "comment": "Fine."},
                "inclusiveness": {"rating": "excellent", "comment": "x"},
            },
            actor=setting.reviewer,
        )
    assert "inclusiveness-rating" in error.value.error_dict
    assert not assessment.practice_ratings.exclude(rating="").exists()


def test_an_over_long_answer_is_refused():
    setting = assigned_plan()
    assessment = services.start_assessment(
        setting.plan, "final_learning", actor=setting.reviewer, as_of=setting.plan.ends_on
    )
    with pytest.raises(ValidationError) as error:
        services.save_assessment_part(
            assessment, "learning", {"successes": "x" * 10001}, actor=setting.reviewer
        )
    assert "successes" in error.value.error_dict
    assessment.refresh_from_db()
    assert assessment.successes == ""


def test_opening_the_comment_period_invites_the_government_and_the_stakeholders():
    setting = assigned_plan()
    assessment = fill_inception(started(setting), setting.reviewer)
    services.open_comment_period(
        assessment, ends_on=DAY + timedelta(days=14), actor=setting.reviewer, as_of=DAY
    )
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.COMMENT_PERIOD
    groups = set(CommentInvitation.objects.values_list("group", "user"))
    assert (CommentGroup.GOVERNMENT, setting.poc.pk) in groups
    assert (CommentGroup.NON_GOVERNMENTAL, None) in groups


def test_the_comment_period_lasts_at_least_two_weeks():
    setting = assigned_plan()
    assessment = fill_inception(started(setting), setting.reviewer)
    codes = refused(
        lambda: services.open_comment_period(
            assessment, ends_on=DAY + timedelta(days=13), actor=setting.reviewer, as_of=DAY
        )
    )
    assert codes == {"assessment.comment_period_too_short"}
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.DRAFT
    assert not CommentInvitation.objects.exists()


def test_without_a_stakeholder_to_invite_the_period_does_not_open():
    setting = assigned_plan()
    setting.plan.endorsements.all().delete()
    assessment = fill_inception(started(setting), setting.reviewer)
    assert refused(
        lambda: services.open_comment_period(
            assessment, ends_on=DAY + timedelta(days=20), actor=setting.reviewer, as_of=DAY
        )
    ) == {"assessment.no_non_governmental_invitee"}
    assert not CommentInvitation.objects.exists()


def test_an_incomplete_form_is_not_opened_for_comments():
    setting = assigned_plan()
    assessment = started(setting)
    codes = refused(
        lambda: services.open_comment_period(
            assessment, ends_on=DAY + timedelta(days=20), actor=setting.reviewer, as_of=DAY
        )
    )
    assert codes == {
        "assessment.requirement_incomplete",
        "assessment.practice_incomplete",
        "assessment.commitment_incomplete",
    }


def _opened(setting):
    assessment = fill_inception(started(setting), setting.reviewer)
    return services.open_comment_period(
        assessment, ends_on=DAY + timedelta(days=14), actor=setting.reviewer, as_of=DAY
    )


def test_no_publication_before_the_comment_period_closes():
    setting = assigned_plan()
    assessment = _opened(setting)
    last_day = DAY + timedelta(days=14)
    assert refused(
        lambda: services.publish_assessment(assessment, actor=setting.reviewer, as_of=last_day)
    ) == {"assessment.comment_period_open"}
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.COMMENT_PERIOD
    services.publish_assessment(
        assessment, actor=setting.reviewer, as_of=last_day + timedelta(days=1)
    )
    assessment.refresh_from_db()
    assert (assessment.state, assessment.published_on) == ("published", last_day + timedelta(1))


def test_a_point_of_contact_comments_during_the_period_only():
    setting = assigned_plan()
    assessment = _opened(setting)
    services.add_comment(assessment, body="The forum met twice.", actor=setting.poc, as_of=DAY)
    comment = AssessmentComment.objects.get()
    assert (comment.group, comment.author) == (CommentGroup.GOVERNMENT, setting.poc)
    assert refused(
        lambda: services.add_comment(
            assessment, body="Late.", actor=setting.poc, as_of=DAY + timedelta(days=15)
        )
    ) == {"assessment.comment_period_closed"}
    assert refused(
        lambda: services.add_comment(assessment, body="  ", actor=setting.poc, as_of=DAY)
    ) == {"assessment.comment_empty"}
    assert AssessmentComment.objects.count() == 1


def test_a_stakeholder_comments_through_the_invitation():
    setting = assigned_plan()
    assessment = _opened(setting)
    invitation = CommentInvitation.objects.get(group=CommentGroup.NON_GOVERNMENTAL)
    services.add_comment(assessment, body="We agree.", invitation=invitation, as_of=DAY)
    comment = AssessmentComment.objects.get()
    assert (comment.group, comment.author_name) == ("non_governmental", invitation.name)


def test_a_draft_is_not_commented_on():
    setting = assigned_plan()
    assessment = started(setting)
    assert refused(
        lambda: services.add_comment(assessment, body="Hi.", actor=setting.poc, as_of=DAY)
    ) == {"assessment.comment_period_closed"}


@pytest.mark.parametrize(
    ("current", "to"),
    [
        (current, to)
        for current in AssessmentState.values
        for to in AssessmentState.values
        if to not in ASSESSMENT_TRANSITIONS[current]
    ],
)
def test_the_transition_table_refuses_every_move_it_does_not_list(current, to):
    setting = assigned_plan()
    assessment = started(setting)
    Assessment.objects.filter(pk=assessment.pk).update(
        state=current,
        comment_period_opened_on=DAY,
        comment_period_ends_on=DAY,
        published_on=DAY + timedelta(days=1),
    )
    assessment.refresh_from_db()
    assert refused(lambda: services.transition(assessment, to, actor=setting.reviewer)) == {
        "assessment.transition_not_allowed"
    }
    assessment.refresh_from_db()
    assert assessment.state == current


def test_the_table_allows_exactly_draft_comment_period_published():
    assert {
        "draft": frozenset({"comment_period"}),
        "comment_period": frozenset({"published"}),
        "published": frozenset(),
    } == ASSESSMENT_TRANSITIONS


def test_a_published_assessment_is_never_edited_in_place():
    setting = assigned_plan()
    assessment = published_inception(setting)
    assert refused(
        lambda: services.save_assessment_part(
            assessment, "requirements", {"forum": {"met": False}}, actor=setting.reviewer
        )
    ) == {"assessment.published_not_editable"}
    assert assessment.requirement_checks.get(requirement="forum").met is True


def test_a_correction_is_a_new_version_with_its_reason_and_the_old_one_stays():
    setting = assigned_plan()
    first = published_inception(setting)
    correction = services.start_correction(
        first, reason="The forum met in March, not May.", actor=setting.reviewer, as_of=DAY
    )
    assert (correction.version, correction.corrects, correction.state) == (2, first, "draft")
    assert correction.requirement_checks.get(requirement="forum").evidence == "Evidence for forum."
    services.save_assessment_part(
        correction, "requirements", {"forum": {"evidence": "March."}}, actor=setting.reviewer
    )
    first.refresh_from_db()
    assert first.state == "published"
    assert first.requirement_checks.get(requirement="forum").evidence == "Evidence for forum."


def test_a_correction_needs_a_reason_and_a_published_version():
    setting = assigned_plan()
    first = published_inception(setting)
    assert refused(
        lambda: services.start_correction(first, reason=" ", actor=setting.reviewer, as_of=DAY)
    ) == {"assessment.correction_reason"}
    draft = services.start_correction(first, reason="Typo.", actor=setting.reviewer, as_of=DAY)
    assert refused(
        lambda: services.start_correction(draft, reason="Again.", actor=setting.reviewer, as_of=DAY)
    ) == {"assessment.correct_published_only"}
    assert refused(
        lambda: services.start_correction(first, reason="Again.", actor=setting.reviewer, as_of=DAY)
    ) == {"assessment.already_corrected"}
    assert Assessment.objects.count() == 2


def test_a_stakeholder_without_email_is_invited_too_by_the_link():
    setting = assigned_plan()
    EndorsingStakeholderFactory(plan=setting.plan, contact_email="")
    assessment = _opened(setting)
    assert assessment.invitations.filter(group="non_governmental").count() == 2
