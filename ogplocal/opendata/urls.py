from django.urls import path

from ogplocal.opendata import feeds, views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("documentation/", views.documentation, name="documentation"),
    path("members.csv", views.members_csv, name="members_csv"),
    path("files/<str:file_name>", views.download, name="download"),
    path("feed/", feeds.everything_feed, name="feed"),
    path("feed/plans/", feeds.plans_feed, name="feed_plans"),
    path("feed/updates/", feeds.updates_feed, name="feed_updates"),
    path("feed/assessments/", feeds.assessments_feed, name="feed_assessments"),
    path("feed/status-changes/", feeds.status_feed, name="feed_status"),
    path("feed/members/<slug:slug>/", feeds.member_feed, name="member_feed"),
    path("feed/members/<slug:slug>/plans/", feeds.member_plans_feed, name="member_feed_plans"),
    path(
        "feed/members/<slug:slug>/updates/", feeds.member_updates_feed, name="member_feed_updates"
    ),
    path(
        "feed/members/<slug:slug>/assessments/",
        feeds.member_assessments_feed,
        name="member_feed_assessments",
    ),
    path(
        "feed/members/<slug:slug>/status-changes/",
        feeds.member_status_feed,
        name="member_feed_status",
    ),
    path("members/<slug:slug>/<str:table_name>.csv", views.member_table_csv, name="member_csv"),
    path(
        "commitments/<int:commitment_id>/<str:table_name>.csv",
        views.commitment_table_csv,
        name="commitment_csv",
    ),
]
