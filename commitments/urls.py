from django.urls import path

from commitments import views

app_name = "commitments"

urlpatterns = [
    path("plans/<int:plan_id>/commitments/new/", views.commitment_new, name="new"),
    path("commitments/<int:commitment_id>/", views.commitment_detail, name="detail"),
    path("commitments/<int:commitment_id>/edit/", views.commitment_edit, name="edit"),
    path("commitments/<int:commitment_id>/remove/", views.commitment_remove, name="remove"),
    path("commitments/<int:commitment_id>/changes/new/", views.change_new, name="change_new"),
    path("commitments/changes/", views.change_list, name="changes"),
    path(
        "commitments/<int:commitment_id>/milestones/new/",
        views.milestone_new,
        name="milestone_new",
    ),
    path(
        "commitments/<int:commitment_id>/milestones/<int:milestone_id>/edit/",
        views.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "commitments/<int:commitment_id>/milestones/<int:milestone_id>/remove/",
        views.milestone_remove,
        name="milestone_remove",
    ),
]
