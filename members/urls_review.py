"""Review by the selection committee (LH §1.2): /review/ (the calls a person reviews) and
/calls/<call>/review/… (the queue, an application, the committee, the cohort view)."""

from django.urls import path

from members import views_review as views

app_name = "review"

CALL = "calls/<slug:call_slug>/review/"
APPLICATION = CALL + "<int:application_id>/"

urlpatterns = [
    path("review/", views.my_calls, name="mine"),
    path(CALL, views.queue, name="queue"),
    path(CALL + "committee/", views.committee, name="committee"),
    path(CALL + "cohort/", views.cohort, name="cohort"),
    path(APPLICATION, views.application_review, name="application"),
    path(APPLICATION + "score/", views.application_score, name="score"),
    path(APPLICATION + "conflict/", views.application_conflict, name="conflict"),
    path(APPLICATION + "letter.pdf", views.application_letter, name="letter"),
    path(APPLICATION + "shortlist/", views.application_shortlist, name="shortlist"),
]
