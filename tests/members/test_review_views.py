"""The review pages (LH §1.2): the queue, the review page, scoring, conflicts, the committee, the
cohort view; recusal (404, also for staff) and score blindness."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from members.models import ApplicationState, CallStages, Recusal, Review
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    CommitteeMemberFactory,
    CountryFactory,
    RecusalFactory,
    ReviewFactory,
    ScoreFactory,
    SignatoryFactory,
    UserFactory,
    pdf_file,
)

pytestmark = pytest.mark.django_db

SUBMITTED = ApplicationState.SUBMITTED


@pytest.fixture
def call():
    return CallFactory(title="Call 2026")


@pytest.fixture
def application(call):
    application = ApplicationFactory(call=call, state=SUBMITTED, jurisdiction_name="Makueni")
    SignatoryFactory(application=application, name="Civic Lab Director")
    return application


@pytest.fixture
def seat(call):
    """A committee member from another country than the application's."""
    return CommitteeMemberFactory(call=call, user__full_name="Ana Committee")


def _all_scores(score=4):
    data = {f"score_{point}": str(score) for point in range(1, 9)}
    data.update({f"comment_{point}": f"Point {point} is clear." for point in range(1, 9)})
    return data


def _review_url(application, name="review:application"):
    return reverse(name, args=[application.call.slug, application.pk])


# --- the queue ---------------------------------------------------------------------------------


def test_queue_lists_submitted_applications_but_never_drafts(client, call, application, seat):
    ApplicationFactory(call=call, jurisdiction_name="Draft Town")
    client.force_login(seat.user)
    response = client.get(reverse("review:queue", args=[call.slug]))
    assert response.status_code == 200
    assert "Makueni" in response.text
    assert "Draft Town" not in response.text


def test_queue_hides_applications_of_the_members_own_country_and_counts_them(
    client, call, application, seat
):
    ApplicationFactory(
        call=call, state=SUBMITTED, country=seat.country, jurisdiction_name="Own Town"
    )
    client.force_login(seat.user)
    response = client.get(reverse("review:queue", args=[call.slug]))
    assert "Own Town" not in response.text
    assert "1 application is hidden because you are recused from it." in response.text


def test_queue_hides_own_country_from_a_staff_member_on_the_committee(client, call, application):
    staff = UserFactory(staff=True, with_totp=True)
    CommitteeMemberFactory(call=call, user=staff, country=application.country)
    client.force_login(staff)
    response = client.get(reverse("review:queue", args=[call.slug]))
    assert response.status_code == 200
    assert "Makueni" not in response.text


def test_queue_hides_an_application_with_a_declared_conflict(client, application, seat):
    RecusalFactory(application=application, committee_member=seat)
    client.force_login(seat.user)
    response = client.get(reverse("review:queue", args=[application.call.slug]))
    assert "Makueni" not in response.text


def test_queue_is_not_open_to_committee_members_of_another_call(client, call, application):
    other_seat = CommitteeMemberFactory()
    client.force_login(other_seat.user)
    assert client.get(reverse("review:queue", args=[call.slug])).status_code == 404


def test_queue_filters_by_population_band_and_kind(client, call, application, seat):
    ApplicationFactory(
        call=call,
        state=SUBMITTED,
        jurisdiction_name="Big County",
        kind="county",
        population=3_000_000,
    )
    client.force_login(seat.user)
    url = reverse("review:queue", args=[call.slug])
    response = client.get(url, {"population": "2m_10m"})
    assert "Big County" in response.text and "Makueni" not in response.text
    response = client.get(url, {"kind": "city"})
    assert "Makueni" in response.text and "Big County" not in response.text


def test_queue_filters_by_state(client, call, application, seat):
    ApplicationFactory(call=call, state=ApplicationState.ACCEPTED, jurisdiction_name="Accepted")
    client.force_login(seat.user)
    response = client.get(reverse("review:queue", args=[call.slug]), {"state": "accepted"})
    assert "Accepted" in response.text and "Makueni" not in response.text


def test_queue_query_count_does_not_grow_with_applications(
    client, call, application, seat, assert_page_query_budget
):
    def add_rows():
        for _ in range(15):
            other = ApplicationFactory(call=call, state=SUBMITTED)
            review = ReviewFactory(application=other, submitted_at="2026-11-10T10:00Z")
            ScoreFactory(review=review)
        ApplicationFactory.create_batch(3, call=call, state=SUBMITTED, country=seat.country)

    # Recused from one from the start: the hidden count is asked only when there is a recusal.
    ApplicationFactory(call=call, state=SUBMITTED, country=seat.country)
    client.force_login(seat.user)
    assert_page_query_budget(
        client, reverse("review:queue", args=[call.slug]), 12, add_rows=add_rows
    )


def test_queue_hides_the_average_score_until_the_member_submits(client, call, application, seat):
    review = ReviewFactory(application=application, submitted_at="2026-11-10T10:00Z")
    ScoreFactory(review=review, point=1, score=2)
    client.force_login(seat.user)
    response = client.get(reverse("review:queue", args=[call.slug]))
    assert "average 2.0" not in response.text
    assert "scores hidden" in response.text


def test_queue_shows_the_average_score_to_staff_not_on_the_committee(client, call, application):
    review = ReviewFactory(application=application, submitted_at="2026-11-10T10:00Z")
    ScoreFactory(review=review, point=1, score=2)
    ScoreFactory(review=review, point=2, score=3)
    client.force_login(UserFactory(staff=True, with_totp=True))
    response = client.get(reverse("review:queue", args=[call.slug]))
    assert "average 2.5" in response.text


# --- the review page --------------------------------------------------------------------------


def test_review_page_shows_the_eight_points_the_signatories_and_the_score_form(
    client, application, seat
):
    client.force_login(seat.user)
    response = client.get(_review_url(application))
    assert response.status_code == 200
    for point, _label, answer in application.answers():
        assert escape(answer) in response.text
        assert f'name="score_{point}"' in response.text
    assert "Civic Lab Director" in response.text


@pytest.mark.parametrize("name", ["review:application", "review:letter", "review:conflict"])
def test_a_member_from_the_applications_country_gets_404(client, call, seat, name):
    own = ApplicationFactory(
        call=call, state=SUBMITTED, country=seat.country, letter=pdf_file(pages=1)
    )
    client.force_login(seat.user)
    assert client.get(_review_url(own, name)).status_code == 404


def test_a_member_from_the_applications_country_cannot_score_it(client, call, seat):
    own = ApplicationFactory(call=call, state=SUBMITTED, country=seat.country)
    client.force_login(seat.user)
    response = client.post(_review_url(own, "review:score"), _all_scores())
    assert response.status_code == 404
    assert not Review.objects.exists()


def test_a_staff_member_on_the_committee_from_the_applications_country_gets_404(
    client, call, application
):
    staff = UserFactory(staff=True, with_totp=True)
    CommitteeMemberFactory(call=call, user=staff, country=application.country)
    client.force_login(staff)
    assert client.get(_review_url(application)).status_code == 404
    response = client.post(_review_url(application, "review:score"), _all_scores())
    assert response.status_code == 404
    assert not Review.objects.exists()


def test_a_member_with_a_declared_conflict_gets_404_and_cannot_score(client, application, seat):
    RecusalFactory(application=application, committee_member=seat)
    client.force_login(seat.user)
    assert client.get(_review_url(application)).status_code == 404
    response = client.post(_review_url(application, "review:score"), _all_scores())
    assert response.status_code == 404
    assert not Review.objects.exists()


def test_a_draft_application_is_not_open_for_review(client, call, seat):
    draft = ApplicationFactory(call=call)
    client.force_login(seat.user)
    assert client.get(_review_url(draft)).status_code == 404


def test_an_application_under_another_calls_address_is_404(client, application, seat):
    other = CallFactory()
    client.force_login(seat.user)
    url = reverse("review:application", args=[other.slug, application.pk])
    assert client.get(url).status_code == 404


def test_saving_a_draft_then_submitting(client, application, seat):
    client.force_login(seat.user)
    url = _review_url(application, "review:score")
    response = client.post(url, {"score_1": "3", "comment_1": "Fair.", "save": ""})
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.submitted_at is None
    page = client.get(_review_url(application))
    assert "Fair." in page.text
    response = client.post(url, {**_all_scores(5), "comment": "Strong.", "submit": ""})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.submitted_at is not None
    assert sorted(review.scores.values_list("score", flat=True)) == [5] * 8


def test_submitting_with_a_missing_point_shows_the_error_and_saves_nothing(
    client, application, seat
):
    client.force_login(seat.user)
    data = _all_scores()
    del data["score_6"]
    response = client.post(_review_url(application, "review:score"), {**data, "submit": ""})
    assert response.status_code == 200
    assert 'data-rule="review.point_not_scored"' in response.text
    assert not Review.objects.exists()


@pytest.mark.parametrize("score", ["0", "6", "x"])
def test_a_score_outside_the_scale_shows_an_error_and_saves_nothing(
    client, application, seat, score
):
    client.force_login(seat.user)
    data = {**_all_scores(), "score_2": score, "submit": ""}
    response = client.post(_review_url(application, "review:score"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Review.objects.exists()


def test_a_comment_too_long_shows_an_error_and_saves_nothing(client, application, seat):
    client.force_login(seat.user)
    data = {**_all_scores(), "comment_3": "x" * 5001, "save": ""}
    response = client.post(_review_url(application, "review:score"), data)
    assert response.status_code == 200
    assert "at most 5000 characters" in response.text
    assert not Review.objects.exists()


def test_scoring_after_submitting_is_refused(client, application, seat):
    client.force_login(seat.user)
    url = _review_url(application, "review:score")
    client.post(url, {**_all_scores(4), "submit": ""})
    response = client.post(url, {**_all_scores(1), "submit": ""})
    assert response.status_code == 200
    assert 'data-rule="review.already_submitted"' in response.text
    assert set(Review.objects.get().scores.values_list("score", flat=True)) == {4}


def test_the_others_scores_are_hidden_until_the_member_submits(client, application, seat):
    other = ReviewFactory(
        application=application,
        reviewer__full_name="Other Reviewer",
        submitted_at="2026-11-10T10:00Z",
    )
    ScoreFactory(review=other, point=1, score=2, comment="Vague about the budget.")
    client.force_login(seat.user)
    response = client.get(_review_url(application))
    assert "Vague about the budget." not in response.text
    assert "Other Reviewer" not in response.text
    client.post(_review_url(application, "review:score"), {**_all_scores(), "submit": ""})
    response = client.get(_review_url(application))
    assert "Vague about the budget." in response.text
    assert "Other Reviewer" in response.text


def test_staff_not_on_the_committee_see_submitted_scores_but_no_score_form(client, application):
    other = ReviewFactory(application=application, submitted_at="2026-11-10T10:00Z")
    ScoreFactory(review=other, point=1, score=2, comment="Vague about the budget.")
    draft = ReviewFactory(application=application)
    ScoreFactory(review=draft, point=1, score=5, comment="A draft nobody may read.")
    client.force_login(UserFactory(staff=True, with_totp=True))
    response = client.get(_review_url(application))
    assert "Vague about the budget." in response.text
    assert "A draft nobody may read." not in response.text
    assert 'name="score_1"' not in response.text


def test_review_page_query_count_does_not_grow_with_reviews(
    client, application, assert_page_query_budget
):
    def add_rows():
        for _ in range(5):
            review = ReviewFactory(application=application, submitted_at="2026-11-10T10:00Z")
            for point in range(1, 9):
                ScoreFactory(review=review, point=point)
            SignatoryFactory(application=application)

    first = ReviewFactory(application=application, submitted_at="2026-11-10T10:00Z")
    ScoreFactory(review=first, point=1)
    client.force_login(UserFactory(staff=True, with_totp=True))
    assert_page_query_budget(client, _review_url(application), 14, add_rows=add_rows)


def test_the_letter_is_downloaded_through_the_review_page(client, call, seat):
    application = ApplicationFactory(
        call=call, state=SUBMITTED, letter=pdf_file(pages=2), letter_pages=2
    )
    client.force_login(seat.user)
    response = client.get(_review_url(application, "review:letter"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


# --- conflicts ---------------------------------------------------------------------------------


def test_declaring_a_conflict_hides_the_application(client, application, seat):
    client.force_login(seat.user)
    response = client.post(
        _review_url(application, "review:conflict"), {"reason": "I worked for them."}
    )
    assert response.status_code == 302
    assert Recusal.objects.get().reason == "I worked for them."
    assert client.get(_review_url(application)).status_code == 404


def test_a_conflict_without_a_reason_shows_an_error(client, application, seat):
    client.force_login(seat.user)
    response = client.post(_review_url(application, "review:conflict"), {"reason": ""})
    assert response.status_code == 200
    assert not Recusal.objects.exists()


# --- the committee and the cohort --------------------------------------------------------------


def test_staff_invite_a_committee_member_from_the_committee_page(client, call):
    person = UserFactory(email="ana@example.org", full_name="Ana Member")
    country = CountryFactory()
    client.force_login(UserFactory(staff=True, with_totp=True))
    url = reverse("review:committee", args=[call.slug])
    response = client.post(
        url, {"email": "ana@example.org", "country": country.pk, "is_government": "true"}
    )
    assert response.status_code == 302
    seat = call.committee.get()
    assert (seat.user, seat.country, seat.is_government) == (person, country, True)
    assert "Ana Member" in client.get(url).text


def test_inviting_an_unknown_address_shows_the_rule(client, call):
    client.force_login(UserFactory(staff=True, with_totp=True))
    response = client.post(
        reverse("review:committee", args=[call.slug]),
        {"email": "nobody@example.org", "country": CountryFactory().pk, "is_government": "false"},
    )
    assert response.status_code == 200
    assert 'data-rule="committee.no_account"' in response.text
    assert not call.committee.exists()


def test_committee_page_query_count_does_not_grow(client, call, assert_page_query_budget):
    client.force_login(UserFactory(staff=True, with_totp=True))
    assert_page_query_budget(
        client,
        reverse("review:committee", args=[call.slug]),
        12,
        add_rows=lambda: CommitteeMemberFactory.create_batch(8, call=call),
    )


def test_cohort_counts_received_shortlisted_and_accepted_by_region_kind_and_size(client, seat):
    call = seat.call
    europe = CountryFactory(ogp_region="europe")
    ApplicationFactory(call=call, state=SUBMITTED, country=europe, kind="county", population=50)
    ApplicationFactory(
        call=call,
        state=ApplicationState.SHORTLISTED,
        shortlisted_on=date(2026, 11, 5),
        country=europe,
        kind="county",
        population=60,
    )
    ApplicationFactory(call=call, state=ApplicationState.ACCEPTED, population=3_000_000)
    ApplicationFactory(call=call)  # a draft: not counted
    client.force_login(seat.user)
    response = client.get(reverse("review:cohort", args=[call.slug]))
    cohort = response.context["cohort"]
    assert (cohort.total.received, cohort.total.shortlisted, cohort.total.accepted) == (3, 1, 1)
    europe_row = next(row for row in cohort.by_region if row.key == "europe")
    assert (europe_row.received, europe_row.shortlisted, europe_row.accepted) == (2, 1, 0)
    county = next(row for row in cohort.by_kind if row.key == "county")
    assert county.received == 2
    small = next(row for row in cohort.by_population if row.key == "under_100k")
    assert small.received == 2


def test_cohort_query_count_does_not_grow(client, seat, assert_page_query_budget):
    call = seat.call
    client.force_login(seat.user)
    assert_page_query_budget(
        client,
        reverse("review:cohort", args=[call.slug]),
        9,
        add_rows=lambda: ApplicationFactory.create_batch(10, call=call, state=SUBMITTED),
    )


def test_my_calls_lists_the_calls_of_a_committee_member(client, seat):
    CallFactory(title="Another call")
    client.force_login(seat.user)
    response = client.get(reverse("review:mine"))
    assert seat.call.title in response.text
    assert "Another call" not in response.text


def test_staff_shortlist_from_the_review_page(client):
    call = CallFactory(stages=CallStages.TWO, stage1_closes_on=date(2026, 11, 15))
    application = ApplicationFactory(call=call, state=SUBMITTED)
    client.force_login(UserFactory(staff=True, with_totp=True))
    assert "Shortlist" in client.get(_review_url(application)).text
    response = client.post(_review_url(application, "review:shortlist"), {"reason": "Strong."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == "shortlisted"


def test_my_calls_query_count_does_not_grow(client, seat, assert_page_query_budget):
    def add_rows():
        for _ in range(5):
            CommitteeMemberFactory(user=seat.user)

    client.force_login(seat.user)
    assert_page_query_budget(client, reverse("review:mine"), 8, add_rows=add_rows)


def test_conflict_page_query_budget(client, application, seat, assert_page_query_budget):
    client.force_login(seat.user)
    assert_page_query_budget(
        client,
        _review_url(application, "review:conflict"),
        10,
        add_rows=lambda: RecusalFactory.create_batch(3, application__call=application.call),
    )


def test_queue_sorts_by_population_and_filters_by_country(client, call, application, seat):
    big = ApplicationFactory(
        call=call, state=SUBMITTED, jurisdiction_name="Big City", population=2_000_000
    )
    client.force_login(seat.user)
    url = reverse("review:queue", args=[call.slug])
    rows = list(client.get(url, {"order": "-population"}).context["page_obj"])
    assert [row.jurisdiction_name for row in rows] == ["Big City", "Makueni"]
    response = client.get(url, {"country": big.country.iso_code})
    assert [row.jurisdiction_name for row in response.context["page_obj"]] == ["Big City"]
