"""Decisions on applications (/calls/<call>/decisions/…, Support Unit; the letter for its
applicant too) and coalitions for joint action plans (/coalitions/…)."""

from django.urls import path

from members import views_decisions as views

app_name = "decisions"

CALL = "calls/<slug:call_slug>/decisions/"

urlpatterns = [
    path(CALL, views.call_decisions, name="call"),
    path(CALL + "<int:application_id>/", views.decide, name="decide"),
    path(CALL + "<int:application_id>/letter.pdf", views.decision_letter, name="letter"),
    path("coalitions/new/", views.coalition_new, name="coalition_new"),
    path("coalitions/<int:coalition_id>/", views.coalition_detail, name="coalition"),
]
