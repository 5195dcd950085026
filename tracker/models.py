# H3: quarterly tracker updates and voluntary inactivity (issue 21).
from tracker.models_updates import (  # noqa: F401
    CompletionLevel,
    MilestoneReport,
    MilestoneState,
    TrackerUpdate,
    TrackerUpdateVersion,
    VoluntaryInactivity,
    VoluntaryState,
)
