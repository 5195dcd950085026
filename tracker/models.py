# H3: quarterly tracker updates and voluntary inactivity (issue 21).
from tracker.models_updates import (  # noqa: F401
    CompletionLevel,
    Evidence,
    MilestoneReport,
    MilestoneState,
    TrackerUpdate,
    TrackerUpdateVersion,
    VoluntaryInactivity,
    VoluntaryInactivityEnd,
    VoluntaryState,
)

# H4: the daily job's records (RULES.md §6).
from tracker.status_models import (  # noqa: F401
    ChangeKind,
    MemberEvaluation,
    StatusChange,
    StatusLetter,
)
