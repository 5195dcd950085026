"""The plan's page for its monitoring body holds all a reviewer needs on one page (issue 20): the
commitments with their milestones and tracker history (each quarter's latest version), the
member's current evidence, meetings, contributions and reasoned responses; its query count does
not grow with updates or evidence."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import (
    EvidenceFactory,
    TrackerUpdateFactory,
    TrackerUpdateVersionFactory,
)
from tests.monitoring.helpers import assigned_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    return assigned_plan()


def test_the_page_shows_each_quarters_latest_version_and_the_current_evidence(client, setting):
    update = TrackerUpdateFactory(commitment=setting.commitment)
    TrackerUpdateVersionFactory(
        update=update,
        number=2,
        completion_level="substantial",
        narrative="Corrected: most contracts are online.",
        correction_reason="The count was wrong.",
    )
    EvidenceFactory(plan=setting.plan, title="Forum terms of reference")
    EvidenceFactory(
        plan=setting.plan,
        title="Withdrawn minutes",
        withdrawn_at="2025-03-01T10:00:00Z",
        withdrawn_reason="Wrong file.",
    )
    client.force_login(setting.reviewer)
    page = client.get(reverse("monitoring:plan", args=[setting.plan.pk])).content.decode()
    assert "2025-Q1" in page or "Q1 2025" in page
    assert "Corrected: most contracts are online." in page
    assert "Forum terms of reference" in page
    assert "Withdrawn minutes" not in page
    assert reverse("tracker:updates", args=[setting.commitment.pk]) in page


def test_plan_review_query_budget_does_not_grow_with_updates_or_evidence(
    client, setting, assert_page_query_budget
):
    TrackerUpdateFactory(commitment=setting.commitment)
    EvidenceFactory(plan=setting.plan)
    client.force_login(setting.reviewer)

    def more():
        for month in (4, 7, 10):
            TrackerUpdateFactory(
                commitment=setting.commitment,
                quarter_starts_on=date(2025, month, 1),
                submitted_on=date(2025, month, 10),
            )
        EvidenceFactory.create_batch(3, plan=setting.plan)

    assert_page_query_budget(
        client, reverse("monitoring:plan", args=[setting.plan.pk]), 33, add_rows=more
    )
