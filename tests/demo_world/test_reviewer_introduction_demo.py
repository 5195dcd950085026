"""The demo's introduction of trained reviewers (issue 20) is in the outbox: one e-mail per point
of contact of the member on the day of the introduction, none with a reviewer's address."""

from members.models import PointOfContact
from monitoring import services
from monitoring.models import ReviewerIntroduction
from ogplocal.notifications.models import OutboxKind, OutboxMessage


def test_demo_introduction_is_e_mailed_once_to_each_point_of_contact():
    introduction = ReviewerIntroduction.objects.get()
    users = {
        poc.user
        for poc in PointOfContact.objects.current(as_of=introduction.introduced_on).filter(
            member=introduction.member
        )
    }
    rows = OutboxMessage.objects.filter(kind=OutboxKind.REVIEWER_INTRODUCTION)
    assert users
    assert {row.key for row in rows} == {
        services.introduction_key(introduction, user) for user in users
    }
    assert {row.to for row in rows} == {user.email for user in users}


def test_demo_introduction_e_mails_give_no_reviewer_address():
    introduction = ReviewerIntroduction.objects.get()
    rows = OutboxMessage.objects.filter(kind=OutboxKind.REVIEWER_INTRODUCTION)
    for reviewer in introduction.reviewers.all():
        assert reviewer.name in rows.first().body
        assert not rows.filter(body__contains=reviewer.email).exists()
