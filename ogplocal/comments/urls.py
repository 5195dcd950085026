from django.urls import path

from ogplocal.comments import views

app_name = "comments"

urlpatterns = [
    path("post/", views.post, name="post"),
    path("moderation/", views.moderation, name="moderation"),
    path("<int:comment_id>/hide/", views.hide, name="hide"),
    path("<int:comment_id>/reply/", views.reply, name="reply"),
]
