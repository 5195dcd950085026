"""Public comments (issue 22): anyone writes one on a public row (name and e-mail, or an
account), rate limited, with a honeypot; staff hide with a reason; the member's point of contact
replies beside it; the e-mail address is never shown."""

import pytest
from django.core.cache import cache

from ogplocal.audit.models import AuditEvent
from ogplocal.comments import registry, services
from ogplocal.comments.models import Comment, CommentReply
from tests.factories import (
    ActionPlanFactory,
    CommentFactory,
    CommitmentFactory,
    PointOfContactFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commitment():
    return CommitmentFactory(plan=ActionPlanFactory(submitted=True))


def _data(commitment, **overrides):
    data = {
        "target": "commitments.commitment",
        "target_id": str(commitment.pk),
        "name": "Rosa Díaz",
        "email": "rosa.private@example.org",
        "body": "The contracts of March are still missing.",
        "website": "",
    }
    data.update(overrides)
    return data


def _page(client, commitment) -> str:
    response = client.get(f"/commitments/{commitment.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_publishes_a_comment_with_name_and_email(client, commitment):
    response = client.post("/comments/post/", _data(commitment))
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/commitments/{commitment.pk}/#comment-{comment.pk}"
    assert comment.member == commitment.plan.member
    page = _page(client, commitment)
    assert "The contracts of March are still missing." in page
    assert "Rosa Díaz" in page


def test_the_email_address_is_never_shown(client, commitment):
    client.post("/comments/post/", _data(commitment))
    assert "rosa.private@example.org" not in _page(client, commitment)


def test_a_signed_in_person_comments_without_an_email(client, commitment):
    user = UserFactory(full_name="Ana Lima")
    client.force_login(user)
    data = _data(commitment, name="", email="")
    assert client.post("/comments/post/", data).status_code == 302
    comment = Comment.objects.get()
    assert (comment.author, comment.author_name, comment.author_email) == (user, "Ana Lima", "")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("email", "", "This field is required."),
        ("email", "not-an-address", "Enter a valid email address."),
        ("body", "", "This field is required."),
        ("body", "x" * 3001, "Ensure this value has at most 3000 characters"),
    ],
)
def test_a_bad_field_is_refused_with_its_message_and_nothing_saved(
    client, commitment, field, value, message
):
    response = client.post("/comments/post/", _data(commitment, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_the_honeypot_refuses_a_bot_and_saves_nothing(client, commitment):
    response = client.post("/comments/post/", _data(commitment, website="http://spam.example"))
    assert response.status_code == 400
    assert "could not be accepted" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_comment_on_a_draft_is_refused(client):
    draft_commitment = CommitmentFactory(plan=ActionPlanFactory())
    response = client.post("/comments/post/", _data(draft_commitment))
    assert response.status_code == 400
    assert "Comments are not open on this page." in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("target", "target_id"),
    [("accounts.user", "1"), ("commitments.commitment", "999999"), ("nothing", "x")],
)
def test_a_comment_on_anything_not_open_to_comments_is_refused(
    client, commitment, target, target_id
):
    response = client.post("/comments/post/", _data(commitment, target=target, target_id=target_id))
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_the_sixth_comment_within_an_hour_is_refused(client, commitment):
    for number in range(5):
        assert (
            client.post("/comments/post/", _data(commitment, body=f"Point {number}")).status_code
            == 302
        )
    response = client.post("/comments/post/", _data(commitment, body="One more"))
    assert response.status_code == 429
    assert "Try again in an hour" in response.content.decode()
    assert Comment.objects.count() == 5


def test_the_comment_form_answers_only_post(client):
    assert client.get("/comments/post/").status_code == 405


# --- moderation --------------------------------------------------------------------------------


def test_staff_hide_a_comment_with_a_reason_and_the_page_says_so(client):
    comment = CommentFactory(body="Insults and a phone number")
    staff = UserFactory(staff=True, with_totp=True)
    client.force_login(staff)
    response = client.post(f"/comments/{comment.pk}/hide/", {"reason": "Personal data."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.hidden_by, comment.hidden_reason) == (staff, "Personal data.")
    assert AuditEvent.objects.filter(verb="comment.hidden").count() == 1
    client.logout()
    page = _page(client, comment.target)
    assert "Hidden by moderators." in page
    assert "Insults and a phone number" not in page
    assert "Personal data." not in page


def test_hiding_without_a_reason_is_refused_and_nothing_changes(client):
    comment = CommentFactory()
    client.force_login(UserFactory(staff=True, with_totp=True))
    response = client.post(f"/comments/{comment.pk}/hide/", {"reason": "  "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_a_hidden_comment_cannot_be_hidden_again():
    comment = CommentFactory()
    staff = UserFactory(staff=True)
    services.hide_comment(comment=comment, actor=staff, reason="Spam.")
    with pytest.raises(Exception, match="already hidden"):
        services.hide_comment(comment=comment, actor=staff, reason="Again.")


def test_only_staff_moderate(client):
    comment = CommentFactory()
    client.force_login(PointOfContactFactory(member=comment.member).user)
    assert client.post(f"/comments/{comment.pk}/hide/", {"reason": "Mine."}).status_code == 404
    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_the_moderation_queue_lists_comments_with_their_email_for_staff(client):
    CommentFactory(author_email="writer@example.org")
    client.force_login(UserFactory(staff=True, with_totp=True))
    response = client.get("/comments/moderation/")
    assert response.status_code == 200
    assert "writer@example.org" in response.content.decode()


def test_the_moderation_queue_is_staff_only(client):
    client.force_login(UserFactory())
    assert client.get("/comments/moderation/").status_code == 404


# --- the member's right of reply ------------------------------------------------------------


def test_the_point_of_contact_replies_beside_the_comment(client):
    comment = CommentFactory()
    poc = PointOfContactFactory(member=comment.member)
    client.force_login(poc.user)
    assert f"/comments/{comment.pk}/reply/" in _page(client, comment.target)
    response = client.post(f"/comments/{comment.pk}/reply/", {"body": "Published on 2 April."})
    assert response.status_code == 302
    client.logout()
    page = _page(client, comment.target)
    assert "Reply of the member" in page
    assert "Published on 2 April." in page


def test_an_empty_reply_is_refused_and_nothing_saved(client):
    comment = CommentFactory()
    client.force_login(PointOfContactFactory(member=comment.member).user)
    response = client.post(f"/comments/{comment.pk}/reply/", {"body": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not CommentReply.objects.exists()


def test_a_second_reply_is_refused(client):
    comment = CommentFactory()
    poc = PointOfContactFactory(member=comment.member)
    services.reply_to_comment(comment=comment, actor=poc.user, body="First.")
    client.force_login(poc.user)
    response = client.post(f"/comments/{comment.pk}/reply/", {"body": "Second."})
    assert "already replied" in response.content.decode()
    assert CommentReply.objects.count() == 1


def test_another_members_point_of_contact_cannot_reply(client):
    comment = CommentFactory()
    client.force_login(PointOfContactFactory().user)
    assert client.post(f"/comments/{comment.pk}/reply/", {"body": "Hi."}).status_code == 404
    assert not CommentReply.objects.exists()


def test_a_hidden_comment_cannot_be_answered(client):
    comment = CommentFactory()
    services.hide_comment(comment=comment, actor=UserFactory(staff=True), reason="Spam.")
    client.force_login(PointOfContactFactory(member=comment.member).user)
    assert client.get(f"/comments/{comment.pk}/reply/").status_code == 404


# --- the partial on other apps' pages --------------------------------------------------------


def test_the_registry_opens_updates_and_assessments_too():
    assert {"commitments.commitment", "tracker.trackerupdate", "monitoring.assessment"} <= (
        registry.labels()
    )


def test_a_draft_commitment_page_shows_no_comment_form(client):
    commitment = CommitmentFactory(plan=ActionPlanFactory())
    poc = PointOfContactFactory(member=commitment.plan.member)
    client.force_login(poc.user)
    assert "/comments/post/" not in _page(client, commitment)


def test_the_commitment_page_query_count_does_not_grow_with_comments(
    client, commitment, assert_page_query_budget
):
    CommentFactory(target=commitment)
    assert_page_query_budget(
        client,
        f"/commitments/{commitment.pk}/",
        40,
        add_rows=lambda: CommentFactory.create_batch(5, target=commitment),
    )


# --- tracker updates and published assessments (the targets) ------------------------


def test_a_visitor_comments_on_a_tracker_update_on_its_page(client, commitment):
    from tests.opendata.records import tracker_update

    update = tracker_update(commitment).update
    page = client.get(f"/commitments/{commitment.pk}/updates/").content.decode()
    assert f'name="target_id" value="{update.pk}"' in page
    data = _data(commitment, target="tracker.trackerupdate", target_id=str(update.pk))
    response = client.post("/comments/post/", data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{Comment.objects.get().pk}")
    assert Comment.objects.get().member == commitment.plan.member
    assert (
        "The contracts of March are still missing."
        in client.get(response["Location"]).content.decode()
    )


def test_a_published_assessment_is_open_to_comments_and_a_draft_is_not(client, commitment):
    from tests.opendata.records import draft_assessment, published_assessment

    published = published_assessment(commitment.plan)
    draft = draft_assessment(ActionPlanFactory(submitted=True))
    page = client.get(f"/assessments/{published.pk}/").content.decode()
    assert "Public comments" in page
    data = _data(commitment, target="monitoring.assessment", target_id=str(draft.pk))
    assert client.post("/comments/post/", data).status_code == 400
    assert not Comment.objects.exists()
