"""Monitoring bodies: the public reads, a body's reviewers edit its profile, staff do all."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.urls import reverse

from monitoring.models import ReviewerRole
from tests.factories import (
    MonitoringBodyFactory,
    MonitoringBodyReviewerFactory,
    PointOfContactFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "reviewer_of_body", "reviewer_elsewhere", "poc", "staff")
# fmt: off
#                                        anonymous reviewer other  poc    staff
EXPECTED = {
    "monitoring.view_monitoringbody":    (True,     True,    True,  True,  True),
    "monitoring.change_monitoringbody":  (False,    True,    False, False, True),
    "monitoring.delete_monitoringbody":  (False,    False,   False, False, True),
    "monitoring.view_monitoringbodyreviewer":   (False, True, False, False, True),
    "monitoring.change_monitoringbodyreviewer": (False, False, False, False, True),
}
# fmt: on


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("perm", list(EXPECTED))
def test_monitoring_permissions(role, perm):
    body = MonitoringBodyFactory()
    lead = MonitoringBodyReviewerFactory(body=body, role=ReviewerRole.LEAD)
    users = {
        "anonymous": AnonymousUser(),
        "reviewer_of_body": lead.user,
        "reviewer_elsewhere": MonitoringBodyReviewerFactory().user,
        "poc": PointOfContactFactory().user,
        "staff": UserFactory(staff=True),
    }
    obj = lead if perm.endswith("reviewer") else body

    assert users[role].has_perm(perm, obj) is EXPECTED[perm][ROLES.index(role)]


def test_reviewer_of_an_inactive_body_cannot_edit_it():
    reviewer = MonitoringBodyReviewerFactory(body__is_active=False)
    assert not reviewer.user.has_perm("monitoring.change_monitoringbody", reviewer.body)


def test_a_person_reviews_for_a_body_once():
    reviewer = MonitoringBodyReviewerFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MonitoringBodyReviewerFactory(body=reviewer.body, user=reviewer.user)


def test_a_body_has_one_lead_reviewer():
    lead = MonitoringBodyReviewerFactory(role=ReviewerRole.LEAD)
    with pytest.raises(IntegrityError), transaction.atomic():
        MonitoringBodyReviewerFactory(body=lead.body, role=ReviewerRole.LEAD)


@pytest.mark.parametrize("model", ["monitoringbody", "monitoringbodyreviewer"])
def test_staff_see_the_monitoring_admin_lists(client, model):
    MonitoringBodyReviewerFactory(body__name="Observatorio Ciudadano")
    client.force_login(UserFactory(staff=True, with_totp=True))
    url = reverse(f"admin:monitoring_{model}_changelist")
    response = client.get(url, {"q": "Observatorio"})
    assert response.status_code == 200
    assert "Observatorio Ciudadano" in response.content.decode()
    assert client.get(reverse(f"admin:monitoring_{model}_add")).status_code == 200
