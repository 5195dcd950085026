from django.urls import path

from tracker import views_updates

app_name = "tracker"

urlpatterns = [
    # H3 (issue 21): quarterly tracker updates and voluntary inactivity.
    path(
        "commitments/<int:commitment_id>/updates/",
        views_updates.update_history,
        name="updates",
    ),
    path(
        "commitments/<int:commitment_id>/updates/new/",
        views_updates.update_new,
        name="update_new",
    ),
    path(
        "tracker/updates/<int:update_id>/correct/",
        views_updates.update_correct,
        name="update_correct",
    ),
    path(
        "tracker/evidence/<int:evidence_id>/",
        views_updates.evidence_download,
        name="evidence",
    ),
    path(
        "members/<slug:slug>/voluntary-inactivity/new/",
        views_updates.inactivity_new,
        name="inactivity_new",
    ),
    path("tracker/voluntary-inactivity/", views_updates.inactivity_queue, name="inactivity_queue"),
    path(
        "tracker/voluntary-inactivity/<int:request_id>/",
        views_updates.inactivity_decide,
        name="inactivity_decide",
    ),
    # H2 (issue 21): ending a granted period.
    path(
        "tracker/voluntary-inactivity/<int:request_id>/end/",
        views_updates.inactivity_end,
        name="inactivity_end",
    ),
]
