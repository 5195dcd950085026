"""What the data documentation lists besides the columns: the Annex 2 vocabularies, the other
choice lists, and the status rules with their Handbook sections (tracker/engine.py)."""

from django.utils.translation import gettext_lazy as _

from commitments.models import BranchOfGovernment, OgpValue, PolicyArea, Sector
from members.models import JurisdictionKind, MemberStatus, OgpRegion
from tracker import engine

VOCABULARIES = [
    ("policy_area", _("Policy areas (Annex 2, field 12)"), PolicyArea),
    ("sector", _("Sectors (Annex 2, field 13)"), Sector),
    ("ogp_values", _("OGP values (Annex 2, field 14)"), OgpValue),
    ("lead_agency_branch", _("Branches of government (Annex 2, field 4)"), BranchOfGovernment),
    ("status", _("Member statuses (LH §4)"), MemberStatus),
    ("jurisdiction_kind", _("Kinds of jurisdiction"), JurisdictionKind),
    ("ogp_region", _("OGP regions"), OgpRegion),
]

RULE_SUMMARIES = {
    engine.NO_FIRST_PLAN: _("Inactive: the first action plan was not submitted by its due date."),
    engine.NO_NEXT_PLAN: _(
        "Inactive: no next action plan within four months of the end of the previous one."
    ),
    engine.NO_PROGRESS: _(
        "Inactive: no tracker update recording progress in two consecutive quarters."
    ),
    engine.NO_UPDATE: _("Inactive: no tracker update in two consecutive quarters."),
    engine.VOLUNTARY: _("Inactive at the member's own request, granted by the Support Unit."),
    engine.CO_CREATION: _(
        "Probation: the Support Unit found the minimum co-creation requirements not met."
    ),
    engine.INACTIVE_SIX_MONTHS: _("Probation: inactive for six months or more."),
    engine.PROBATION_UNRECTIFIED: _("Revoked: on probation for four months without rectifying."),
}

DEADLINE_SUMMARIES = {
    engine.FIRST_PLAN: _("The first action plan"),
    engine.NEXT_PLAN: _("The next action plan"),
    engine.INCEPTION_ASSESSMENT: _("The monitoring body's inception assessment"),
    engine.END_OF_COMMITMENT_ASSESSMENT: _("The end-of-commitment assessment"),
    engine.FINAL_LEARNING_EXERCISE: _("The final learning exercise"),
}


def vocabularies() -> list[dict]:
    return [
        {"column": column, "title": title, "choices": list(choices.choices)}
        for column, title, choices in VOCABULARIES
    ]


def status_rules() -> list[dict]:
    return [
        {"rule": rule, "handbook": engine.RULE_HANDBOOK[rule], "summary": RULE_SUMMARIES[rule]}
        for rule in engine.RULES
    ]


def deadlines() -> list[dict]:
    return [
        {
            "kind": kind,
            "handbook": engine.DEADLINE_HANDBOOK[kind],
            "summary": DEADLINE_SUMMARIES[kind],
        }
        for kind in engine.DEADLINE_KINDS
    ]
