from django.urls import path

from monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("monitoring/", views.dashboard, name="dashboard"),
    path("monitoring/staff/", views.staff_overview, name="staff"),
    path("monitoring/plans/<int:plan_id>/", views.plan_review, name="plan"),
    path(
        "monitoring/plans/<int:plan_id>/assessments/new/",
        views.assessment_start,
        name="assessment_start",
    ),
    path("monitoring/plans/<int:plan_id>/body-review/", views.body_review, name="body_review"),
    path(
        "monitoring/plans/<int:plan_id>/body-endorsements/",
        views.body_endorsement,
        name="body_endorsement",
    ),
    path("assessments/<int:assessment_id>/", views.assessment_detail, name="assessment"),
    path("assessments/<int:assessment_id>/pdf/", views.assessment_pdf, name="assessment_pdf"),
    path(
        "assessments/<int:assessment_id>/comment-period/",
        views.comment_period_open,
        name="comment_period_open",
    ),
    path("assessments/<int:assessment_id>/publish/", views.publish, name="publish"),
    path("assessments/<int:assessment_id>/correct/", views.correct, name="correct"),
    path("assessments/<int:assessment_id>/comment/", views.comment, name="comment"),
    path(
        "assessments/invitations/<uuid:token>/",
        views.comment_by_invitation,
        name="invitation_comment",
    ),
    path("members/<slug:slug>/findings/new/", views.finding_new, name="finding_new"),
    path("assessments/<int:assessment_id>/evidence/", views.evidence, name="evidence"),
    path(
        "assessments/<int:assessment_id>/evidence/<int:evidence_id>/withdraw/",
        views.evidence_withdraw,
        name="evidence_withdraw",
    ),
    path(
        "assessments/<int:assessment_id>/evidence/<int:evidence_id>/file/",
        views.evidence_download,
        name="evidence_download",
    ),
    path("monitoring/reviewer-pool/", views.reviewer_pool, name="reviewer_pool"),
    path(
        "members/<slug:slug>/reviewer-introductions/",
        views.introduce_reviewers,
        name="introduce_reviewers",
    ),
    *(
        path(f"assessments/<int:assessment_id>/{part}/", view, name=f"part_{part}")
        for part, view in views.PART_VIEWS.items()
    ),
]
