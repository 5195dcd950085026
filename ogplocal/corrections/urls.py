from django.urls import path

from ogplocal.corrections import views

app_name = "corrections"

urlpatterns = [
    path("report-an-error/", views.report, name="report"),
    path("error-reports/", views.queue, name="queue"),
    path("error-reports/<int:report_id>/close/", views.close, name="close"),
]
