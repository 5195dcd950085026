from django.urls import path

from actionplans import views

app_name = "plans"

urlpatterns = [
    path("members/<slug:slug>/plans/new/", views.plan_start, name="start"),
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
    *(
        path(f"plans/<int:plan_id>/{part}/", view, name=f"part_{part}")
        for part, view in views.PART_VIEWS.items()
    ),
]
