"""Invitations to comment (LH §3.5: the government and the non-governmental stakeholders are both
invited) go out by e-mail through the outbox, exactly once per invitation, each with its own link;
an invitee without an address is not e-mailed (the reviewer hands them the link)."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from monitoring import services
from monitoring.models import CommentInvitation
from ogplocal.notifications.models import OutboxKind, OutboxMessage, OutboxState
from tests.factories import EndorsingStakeholderFactory
from tests.monitoring.helpers import assigned_plan, fill_inception

pytestmark = pytest.mark.django_db(transaction=True)

STARTED_ON = date(2025, 2, 1)


def opened(setting):
    assessment = services.start_assessment(
        setting.plan, "inception", actor=setting.reviewer, as_of=STARTED_ON
    )
    fill_inception(assessment, setting.reviewer)
    return services.open_comment_period(
        assessment, ends_on=date(2025, 2, 20), actor=setting.reviewer, as_of=STARTED_ON
    )


def test_both_groups_are_e_mailed_once_each_with_their_own_link():
    setting = assigned_plan()
    assessment = opened(setting)
    invitations = list(CommentInvitation.objects.filter(assessment=assessment))
    rows = OutboxMessage.objects.filter(kind=OutboxKind.COMMENT_INVITATION)
    assert {row.key for row in rows} == {services.invitation_key(i) for i in invitations}
    assert {i.group for i in invitations} == {"government", "non_governmental"}
    for invitation in invitations:
        row = rows.get(key=services.invitation_key(invitation))
        assert row.to == invitation.email
        assert str(invitation.token) in row.body
        assert "2025-02-20" in row.body
    assert {row.state for row in rows} == {OutboxState.SENT}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        invitation.email for invitation in invitations
    )


def test_queueing_again_sends_nothing_more():
    setting = assigned_plan()
    assessment = opened(setting)
    sent = len(mail.outbox)
    assert services.queue_invitation_emails(assessment) == 0
    assert len(mail.outbox) == sent
    assert OutboxMessage.objects.filter(kind=OutboxKind.COMMENT_INVITATION).count() == sent


def test_a_stakeholder_without_an_address_is_invited_but_not_e_mailed():
    setting = assigned_plan()
    EndorsingStakeholderFactory(
        plan=setting.plan, organization_name="Neighbourhood Council", contact_email=""
    )
    assessment = opened(setting)
    invitation = assessment.invitations.get(name="Neighbourhood Council")
    assert not OutboxMessage.objects.filter(key=services.invitation_key(invitation)).exists()
    assert OutboxMessage.objects.count() == assessment.invitations.exclude(email="").count()


def test_a_refused_opening_e_mails_nobody():
    setting = assigned_plan()
    assessment = services.start_assessment(
        setting.plan, "inception", actor=setting.reviewer, as_of=STARTED_ON
    )  # the form is empty: the period cannot open
    with pytest.raises(ValidationError):
        services.open_comment_period(
            assessment, ends_on=date(2025, 2, 20), actor=setting.reviewer, as_of=STARTED_ON
        )
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []
