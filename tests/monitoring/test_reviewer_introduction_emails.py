"""An introduction of trained reviewers (issue 20) is e-mailed through the outbox to each point of
contact of the member on the day of the introduction, exactly once per introduction and
recipient, in the recipient's language: who is introduced, why (LH §3.5: the member names its
monitoring body; a suggestion, not an assignment) and the member's page. Never a reviewer's own
address: the roster holds no consent to share it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from monitoring import services
from ogplocal.notifications.models import OutboxKind, OutboxMessage
from tests.factories import (
    MemberFactory,
    PointOfContactFactory,
    TrainedReviewerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture
def staff():
    return UserFactory(staff=True, with_totp=True)


@pytest.fixture
def member():
    return MemberFactory()


def poc(member, **user):
    return PointOfContactFactory(
        member=member, user=UserFactory(**user), starts_on=date(2025, 1, 1)
    ).user


def introduce(member, staff, **values):
    reviewers = values.pop("reviewers", None) or [
        TrainedReviewerFactory(
            name="Lucía Ramos",
            email="lucia.private@pool.example",
            organization="Instituto Cívico",
            training="OGP Local reviewers, 2025",
            trained_on=date(2025, 5, 20),
            languages="Spanish, English",
        )
    ]
    return services.introduce_reviewers(
        member, reviewers=reviewers, actor=staff, as_of=TODAY, **values
    )


def rows():
    return OutboxMessage.objects.filter(kind=OutboxKind.REVIEWER_INTRODUCTION)


def test_each_current_point_of_contact_gets_one_e_mail(staff, member):
    first, second = poc(member), poc(member)
    introduction = introduce(member, staff)
    assert sorted(rows().values_list("to", flat=True)) == sorted([first.email, second.email])
    for user in (first, second):
        row = rows().get(recipient=user)
        assert row.key == services.introduction_key(introduction, user)
        assert row.member == member


def test_a_former_or_future_point_of_contact_gets_nothing(staff, member):
    current = poc(member)
    former = PointOfContactFactory(
        member=member, starts_on=date(2024, 1, 1), ends_on=date(2026, 3, 1)
    ).user
    future = PointOfContactFactory(member=member, starts_on=date(2026, 4, 1)).user
    introduce(member, staff)
    assert list(rows().values_list("to", flat=True)) == [current.email]
    assert not rows().filter(to__in=[former.email, future.email]).exists()


def test_a_point_of_contact_of_another_member_gets_nothing(staff, member):
    poc(member)
    other = poc(MemberFactory())
    introduce(member, staff)
    assert not rows().filter(to=other.email).exists()


def test_queueing_again_or_re_saving_sends_nothing_more(staff, member):
    poc(member), poc(member)
    introduction = introduce(member, staff)
    keys = set(rows().values_list("key", flat=True))
    assert services.queue_introduction_emails(introduction) == 0
    introduction.save()
    assert set(rows().values_list("key", flat=True)) == keys
    assert rows().count() == 2


def test_the_e_mail_names_the_reviewers_their_training_and_languages(staff, member):
    poc(member)
    introduce(member, staff, note="Lucía can start in April.")
    body = rows().get().body
    for text in (
        "Lucía Ramos",
        "Instituto Cívico",
        "OGP Local reviewers, 2025",
        "Spanish, English",
        "Lucía can start in April.",
    ):
        assert text in body


def test_the_e_mail_says_why_and_links_to_the_member_page(staff, member):
    poc(member)
    introduce(member, staff)
    row = rows().get()
    assert "§3.5" in row.body
    assert "suggestion, not an assignment" in row.body
    assert reverse("members:detail", kwargs={"slug": member.slug}) in row.body
    assert str(member) in row.subject


def test_the_e_mail_never_gives_a_reviewer_address(staff, member):
    poc(member)
    reviewers = [
        TrainedReviewerFactory(email="first.private@pool.example"),
        TrainedReviewerFactory(email="second.private@pool.example"),
    ]
    introduce(member, staff, reviewers=reviewers)
    row = rows().get()
    for reviewer in reviewers:
        assert reviewer.email not in row.body
        assert reviewer.email not in row.subject
        assert reviewer.email not in row.cc
        assert row.to != reviewer.email


def test_the_e_mail_is_in_the_recipient_language(staff, member):
    spanish = poc(member, preferred_language="es")
    english = poc(member, preferred_language="")
    introduce(member, staff)
    assert rows().get(recipient=spanish).language == "es"
    assert "20 de mayo de 2025" in rows().get(recipient=spanish).body  # Spanish date format
    assert rows().get(recipient=english).language == "en"
    assert "May 20, 2025" in rows().get(recipient=english).body


def test_a_refused_introduction_e_mails_nobody(staff, member):
    poc(member)
    with pytest.raises(ValidationError):
        services.introduce_reviewers(
            member, reviewers=[TrainedReviewerFactory(is_available=False)], actor=staff, as_of=TODAY
        )
    assert not rows().exists()
