"""Public records of other parts for the open-data tests (and the URL policy's world): a filed
tracker update, a published assessment, a status change."""

from datetime import date

from tests.factories import AssessmentFactory, StatusChangeFactory, UserFactory


def tracker_update(commitment, *, narrative="Contracts of Q1 published.", quarter=date(2025, 1, 1)):
    """A filed update (version 1) on `commitment` for the quarter starting `quarter`."""
    from tracker.models_updates import TrackerUpdate, TrackerUpdateVersion

    author = UserFactory()
    update = TrackerUpdate.objects.create(
        commitment=commitment,
        quarter_starts_on=quarter,
        submitted_on=date(quarter.year, quarter.month + 2, 20),
        submitted_by=author,
    )
    return TrackerUpdateVersion.objects.create(
        update=update,
        number=1,
        filed_on=update.submitted_on,
        filed_by=author,
        completion_level="limited",
        previous_level="not_started",
        progress=True,
        narrative=narrative,
        next_steps="Publish the contracts of Q2.",
    )


def published_assessment(plan, **fields):
    return AssessmentFactory(
        plan=plan,
        state="published",
        comment_period_opened_on=date(2025, 3, 1),
        comment_period_ends_on=date(2025, 3, 20),
        published_on=date(2025, 3, 25),
        published_by=UserFactory(staff=True),
        **fields,
    )


def draft_assessment(plan, **fields):
    return AssessmentFactory(plan=plan, **fields)


def status_change(member, **fields):
    return StatusChangeFactory(member=member, **fields)
