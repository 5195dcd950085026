"""/calls/: calls for new members, applications, and the Support Unit's pages for calls."""

from django.urls import path

from members import views_calls as views

app_name = "calls"

urlpatterns = [
    path("", views.call_list, name="list"),
    path("manage/", views.manage_list, name="manage"),
    path("manage/new/", views.manage_new, name="manage_new"),
    path("manage/<slug:call_slug>/", views.manage_edit, name="manage_edit"),
    path("manage/<slug:call_slug>/open/", views.manage_open, name="manage_open"),
    path("manage/<slug:call_slug>/close/", views.manage_close, name="manage_close"),
    path("manage/<slug:call_slug>/decide/", views.manage_decide, name="manage_decide"),
    path("applications/", views.my_applications, name="my_applications"),
    path("applications/<int:application_id>/", views.application_detail, name="application"),
    *[
        path(f"applications/<int:application_id>/{part}/", view, name=f"application_{part}")
        for part, view in views.PART_VIEWS.items()
    ],
    path(
        "applications/<int:application_id>/signatories/<int:signatory_id>/remove/",
        views.signatory_remove,
        name="signatory_remove",
    ),
    path(
        "applications/<int:application_id>/submit/",
        views.application_submit,
        name="application_submit",
    ),
    path(
        "applications/<int:application_id>/withdraw/",
        views.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "applications/<int:application_id>/letter.pdf",
        views.application_letter,
        name="application_letter_pdf",
    ),
    path(
        "applications/<int:application_id>/messages/",
        views.application_message,
        name="application_message",
    ),
    path("<slug:call_slug>/", views.call_detail, name="detail"),
    path("<slug:call_slug>/results/", views.call_results, name="results"),
    path("<slug:call_slug>/apply/", views.call_apply, name="apply"),
]
