"""Status letters (issue 21, RULES.md §6): /status-letters/<id>/letter.pdf."""

from django.urls import path

from tracker import views_letters as views

app_name = "status_letters"

urlpatterns = [
    path("status-letters/<int:letter_id>/letter.pdf", views.status_letter_pdf, name="pdf"),
]
