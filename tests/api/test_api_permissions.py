"""The API denies unless the rule the HTML views use allows: a throwaway viewset over members."""

import pytest
from django.urls import include, path
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from members.models import Contact, Member
from tests.factories import ContactFactory, PointOfContactFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = Member
        fields = ["id", "website", "about"]


class MemberViewSet(viewsets.ModelViewSet):
    queryset = Member.objects.all()
    serializer_class = MemberSerializer

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):  # Mapped to no permission: must be refused.
        self.get_object()
        return Response({"published": True})


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "full_name", "email"]


class ContactViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Contact.objects.all()
    serializer_class = ContactSerializer


class PingView(APIView):
    """No model and no permission_map: nothing names a permission."""

    def get(self, request):
        return Response({"pong": True})


router = SimpleRouter()
router.register("members", MemberViewSet)
router.register("contacts", ContactViewSet)
urlpatterns = [path("api/", include(router.urls)), path("api/ping/", PingView.as_view())]


@pytest.fixture
def poc_a():
    return PointOfContactFactory()


def _member_url(member):
    return f"/api/members/{member.pk}/"


def test_anyone_reads_a_member_as_the_rule_allows(client, poc_a):
    response = client.get(_member_url(poc_a.member))
    assert response.status_code == 200
    assert response.json()["about"] == poc_a.member.about


def test_a_signed_in_person_without_the_rule_cannot_change_a_member(client, poc_a):
    client.force_login(PointOfContactFactory().user)  # point of contact of another member
    response = client.patch(
        _member_url(poc_a.member), {"about": "Hijacked."}, content_type="application/json"
    )
    assert response.status_code == 403
    poc_a.member.refresh_from_db()
    assert poc_a.member.about != "Hijacked."


def test_the_point_of_contact_changes_their_member_as_in_the_html_view(client, poc_a):
    client.force_login(poc_a.user)
    response = client.patch(
        _member_url(poc_a.member), {"about": "Updated."}, content_type="application/json"
    )
    assert response.status_code == 200


def test_a_signed_in_person_cannot_create_what_only_staff_may_add(client, poc_a):
    client.force_login(poc_a.user)
    response = client.post("/api/members/", {"about": "New."}, content_type="application/json")
    assert response.status_code == 403


def test_an_anonymous_visitor_cannot_write(client, poc_a):
    response = client.delete(_member_url(poc_a.member))
    assert response.status_code == 403


def test_an_unmapped_action_is_refused_even_to_staff(client, poc_a):
    client.force_login(UserFactory(staff=True, with_totp=True))
    response = client.post(f"{_member_url(poc_a.member)}publish/")
    assert response.status_code == 403


def test_a_view_without_a_model_or_a_permission_map_is_refused(client):
    client.force_login(UserFactory(staff=True, with_totp=True))
    assert client.get("/api/ping/").status_code == 403


def test_an_object_the_person_may_not_see_answers_404(client, poc_a):
    stranger = ContactFactory()
    client.force_login(poc_a.user)
    assert client.get(f"/api/contacts/{stranger.pk}/").status_code == 404
    assert client.get(f"/api/contacts/{poc_a.contact.pk}/").status_code == 200


def test_a_list_needs_the_view_permission_without_an_object(client, poc_a):
    client.force_login(poc_a.user)
    assert client.get("/api/members/").status_code == 200
    assert client.get("/api/contacts/").status_code == 403


def test_drf_defaults_to_the_rules_permission(settings):
    assert settings.REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] == [
        "ogplocal.api.permissions.RulesPermission"
    ]
