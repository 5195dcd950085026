"""The API under /api/: one route per public table, its OpenAPI schema and its documentation."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import SimpleRouter

from ogplocal.api import views

app_name = "api"

router = SimpleRouter()
router.register("members", views.MemberViewSet, basename="member")
router.register("plans", views.ActionPlanViewSet, basename="plan")
router.register("commitments", views.CommitmentViewSet, basename="commitment")
router.register("milestones", views.MilestoneViewSet, basename="milestone")
router.register("updates", views.TrackerUpdateViewSet, basename="update")
router.register("assessments", views.AssessmentViewSet, basename="assessment")
router.register("status-changes", views.StatusChangeViewSet, basename="statuschange")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api:schema"), name="docs"),
]
