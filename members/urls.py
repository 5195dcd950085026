from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("", views.member_list, name="list"),
    path("<slug:slug>/", views.member_detail, name="detail"),
    path("<slug:slug>/edit/", views.member_edit, name="edit"),
    path("<slug:slug>/contact/", views.member_contact, name="contact"),
    path("<slug:slug>/history/", views.member_history, name="history"),
]
