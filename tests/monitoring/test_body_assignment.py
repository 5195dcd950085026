"""A plan's monitoring body (LH §3.5): its non-governmental stakeholders' endorsements, recorded
by a point of contact, and the Support Unit's answer (confirmed or questioned, with reasons);
and an invitee commenting through the link of their invitation."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from monitoring import services
from monitoring.models import AssessmentComment, BodyAssignmentReview, BodyEndorsement
from ogplocal.validation import rule_codes
from tests.factories import EndorsingStakeholderFactory, UserFactory
from tests.monitoring.helpers import assigned_plan, fill_inception

pytestmark = pytest.mark.django_db

DAY = date(2025, 2, 1)


def test_a_stakeholder_endorses_the_body_once():
    setting = assigned_plan()
    stakeholder = setting.plan.endorsements.get()
    services.record_body_endorsement(
        setting.plan, stakeholder=stakeholder, actor=setting.poc, as_of=DAY
    )
    endorsement = BodyEndorsement.objects.get()
    assert (endorsement.body, endorsement.endorsed_on) == (setting.plan.monitoring_body, DAY)
    with pytest.raises(ValidationError) as error:
        services.record_body_endorsement(
            setting.plan, stakeholder=stakeholder, actor=setting.poc, as_of=DAY
        )
    assert rule_codes(error.value) == {"assessment.already_endorsed"}


def test_only_a_stakeholder_of_the_plan_endorses_its_body():
    setting = assigned_plan()
    with pytest.raises(ValidationError) as error:
        services.record_body_endorsement(
            setting.plan, stakeholder=EndorsingStakeholderFactory(), actor=setting.poc, as_of=DAY
        )
    assert rule_codes(error.value) == {"assessment.endorser_not_stakeholder"}
    assert not BodyEndorsement.objects.exists()


def test_staff_confirm_or_question_the_body_with_reasons():
    setting = assigned_plan()
    staff = UserFactory(staff=True)
    with pytest.raises(ValidationError) as error:
        services.review_body_assignment(
            setting.plan, decision="maybe", reasons=" ", actor=staff, as_of=DAY
        )
    assert rule_codes(error.value) == {"assessment.decision_required", "assessment.review_reasons"}
    assert not BodyAssignmentReview.objects.exists()
    services.review_body_assignment(
        setting.plan,
        decision="questioned",
        reasons="The body sits in the mayor's office: not independent.",
        actor=staff,
        as_of=DAY,
    )
    assert BodyAssignmentReview.objects.get().decision == "questioned"


def test_a_point_of_contact_records_an_endorsement_through_the_page(client):
    setting = assigned_plan()
    client.force_login(setting.poc)
    url = reverse("monitoring:body_endorsement", args=[setting.plan.pk])
    response = client.post(url, {"stakeholder": setting.plan.endorsements.get().pk})
    assert response.status_code == 302
    assert BodyEndorsement.objects.count() == 1


def test_a_reviewer_does_not_record_endorsements_of_their_own_body(client):
    setting = assigned_plan()
    client.force_login(setting.reviewer)
    url = reverse("monitoring:body_endorsement", args=[setting.plan.pk])
    assert client.get(url).status_code == 404


def test_an_invitee_comments_through_the_link_without_an_account(client, time_machine):
    setting = assigned_plan()
    assessment = services.start_assessment(
        setting.plan, "inception", actor=setting.reviewer, as_of=DAY
    )
    fill_inception(assessment, setting.reviewer)
    services.open_comment_period(
        assessment, ends_on=DAY + timedelta(days=14), actor=setting.reviewer, as_of=DAY
    )
    invitation = assessment.invitations.get(group="non_governmental")
    time_machine.move_to(DAY + timedelta(days=2))
    url = reverse("monitoring:invitation_comment", args=[invitation.token])
    response = client.post(url, {"body": "The forum's minutes are online."})
    assert response.status_code == 302
    comment = AssessmentComment.objects.get()
    assert (comment.group, comment.author_name, comment.author) == (
        "non_governmental",
        invitation.name,
        None,
    )
    time_machine.move_to(DAY + timedelta(days=15))
    response = client.post(url, {"body": "Too late."})
    assert b"The comment period is closed." in response.content
    assert AssessmentComment.objects.count() == 1


def test_the_member_page_links_the_endorsement_page_for_its_points_of_contact_only(client):
    setting = assigned_plan()
    link = reverse("monitoring:body_endorsement", args=[setting.plan.pk])
    url = reverse("members:detail", args=[setting.plan.member.jurisdiction.slug])
    assert link not in client.get(url).content.decode()
    client.force_login(setting.poc)
    assert link in client.get(url).content.decode()
