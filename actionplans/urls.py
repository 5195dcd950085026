from django.urls import path

from actionplans import views, views_evidence

app_name = "plans"

urlpatterns = [
    path("members/<slug:slug>/plans/new/", views.plan_start, name="start"),
    path("coalitions/<int:coalition_id>/plans/new/", views.plan_start_joint, name="start_joint"),
    path("plans/<int:plan_id>/", views.plan_detail, name="detail"),
    path("plans/<int:plan_id>/history/", views.plan_history, name="history"),
    path("plans/<int:plan_id>/pdf/", views.plan_pdf, name="pdf"),
    path(
        "plans/<int:plan_id>/introduction-letter/",
        views.introduction_letter,
        name="introduction_letter",
    ),
    path("plans/<int:plan_id>/strategy/", views.strategy_document, name="strategy"),
    path("plans/<int:plan_id>/submit/", views.plan_submit, name="submit"),
    path(
        "plans/<int:plan_id>/endorsements/<int:endorsement_id>/remove/",
        views.endorsement_remove,
        name="endorsement_remove",
    ),
    path("plans/<int:plan_id>/meetings/", views.meetings, name="meetings"),
    path("plans/<int:plan_id>/meetings/new/", views.meeting_new, name="meeting_new"),
    path(
        "plans/<int:plan_id>/meetings/<int:meeting_id>/withdraw/",
        views.meeting_withdraw,
        name="meeting_withdraw",
    ),
    path(
        "plans/<int:plan_id>/meetings/<int:meeting_id>/agenda/",
        views.meeting_agenda,
        name="meeting_agenda",
    ),
    path(
        "plans/<int:plan_id>/meetings/<int:meeting_id>/minutes/",
        views.meeting_minutes,
        name="meeting_minutes",
    ),
    path("plans/<int:plan_id>/contributions/", views.contributions, name="contributions"),
    path(
        "plans/<int:plan_id>/contributions/new/",
        views.contribution_new,
        name="contribution_new",
    ),
    path("plans/<int:plan_id>/evidence/", views_evidence.evidence_list, name="evidence"),
    path("plans/<int:plan_id>/evidence/new/", views_evidence.evidence_new, name="evidence_new"),
    path(
        "plans/<int:plan_id>/evidence/<int:evidence_id>/replace/",
        views_evidence.evidence_replace,
        name="evidence_replace",
    ),
    path(
        "plans/<int:plan_id>/evidence/<int:evidence_id>/withdraw/",
        views_evidence.evidence_withdraw,
        name="evidence_withdraw",
    ),
    path(
        "plans/<int:plan_id>/evidence/<int:evidence_id>/file/",
        views_evidence.evidence_file,
        name="evidence_file",
    ),
    *(
        path(f"plans/<int:plan_id>/{part}/", view, name=f"part_{part}")
        for part, view in views.PART_VIEWS.items()
    ),
]
