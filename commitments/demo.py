"""Demo data for changes to commitments (issue 19, LH §3.2.1.3): one submitted commitment with two
changes recorded after consulting the forum, so its public page shows three versions and what
changed between them. Called by `actionplans.demo.seed_plans_demo`; idempotent."""

from datetime import date, timedelta

from actionplans.models import ActionPlan
from commitments.models import ChangeKind, ChangeNotice
from commitments.services import MILESTONE_FIELDS
from commitments.services_changes import propose_change

FORUM = (
    "The open government forum (12 civil society organizations and 2 universities) discussed the "
    "change at its monthly meeting; minutes are in the evidence repository."
)


def seed_commitment_change(plan: ActionPlan, *, actor, as_of: date) -> None:
    """Two changes to the first commitment of `plan`, 45 and 60 days after its submission (the
    first demo plan only)."""
    if ChangeNotice.objects.exists():
        return
    commitment = plan.commitments.order_by("number").first()
    if commitment is None or commitment.submitted_on is None:
        return
    milestones = [
        {name: getattr(milestone, name) for name in MILESTONE_FIELDS}
        for milestone in commitment.milestones.order_by("number")
    ]
    if milestones:
        milestones[-1]["output"] = (
            f"{milestones[-1]['output']}, with a public dashboard updated every week"
        )
    propose_change(
        commitment,
        ChangeKind.MILESTONES,
        {"milestones": milestones},
        FORUM,
        "The forum agreed by consensus; the agency's director signed off the next day.",
        actor=actor,
        as_of=commitment.submitted_on + timedelta(days=45),
        description="Residents asked to follow results weekly, not only at the end.",
    )
    propose_change(
        commitment,
        ChangeKind.OTHER,
        {
            "action": f"{commitment.action} Every dataset is also published in plain language, "
            "reviewed by a residents' panel."
        },
        FORUM,
        "Proposed by the residents' panel, agreed in the forum and approved by the city council.",
        actor=actor,
        as_of=commitment.submitted_on + timedelta(days=60),
        description="Plain-language versions make the data usable by more residents.",
    )
