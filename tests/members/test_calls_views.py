"""The public calls pages, the Support Unit's pages for calls, and sign-up for applicants."""

from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from members.models import ApplicationState, Call, CallState, JurisdictionKind, OgpRegion
from ogplocal.accounts.models import User
from ogplocal.accounts.roles import roles_of
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    CommitteeMemberFactory,
    CountryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(staff=True, with_totp=True))
    return client


# --- the public calls page ------------------------------------------------------------------------


def test_calls_page_lists_the_open_call_with_a_way_to_apply(client, today):
    call = CallFactory(title="Call 2026")

    response = client.get(reverse("calls:list"))

    assert response.status_code == 200
    assert "Call 2026" in response.content.decode()
    assert reverse("calls:detail", args=[call.slug]) in response.content.decode()


def test_calls_page_without_an_open_call_says_when_the_next_opens(client, today):
    CallFactory(title="Call 2027", opens_on=date(2027, 3, 1), closes_on=date(2027, 5, 31))

    html = client.get(reverse("calls:list")).content.decode()

    assert "No call is open today, and nothing can be submitted." in html
    assert "opens on 1 March 2027" in html or "opens on March 1, 2027" in html


def test_calls_page_without_any_call_says_none_is_scheduled(client, today):
    html = client.get(reverse("calls:list")).content.decode()

    assert "No call is scheduled yet" in html


def test_draft_calls_are_not_public(client, today):
    call = CallFactory(state=CallState.DRAFT, title="Secret draft")

    assert "Secret draft" not in client.get(reverse("calls:list")).content.decode()
    assert client.get(reverse("calls:detail", args=[call.slug])).status_code == 404


def test_calls_page_query_count_does_not_grow_with_calls(client, today, assert_page_query_budget):
    CallFactory()
    assert_page_query_budget(
        client,
        reverse("calls:list"),
        4,
        add_rows=lambda: [
            CallFactory(
                state=CallState.DECIDED,
                closes_on=date(2025, 1, 1),
                opens_on=date(2024, 11, 1),
                first_plan_due_on=date(2025, 12, 1),
            )
            for _ in range(5)
        ],
    )


def test_call_page_renders_the_guidance_as_text_not_html(client, today):
    call = CallFactory(guidance="<script>alert(1)</script>\n\nSee https://ogp.example.org")

    html = client.get(reverse("calls:detail", args=[call.slug])).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert '<a href="https://ogp.example.org"' in html


def test_a_closed_call_page_says_nothing_can_be_submitted(client, today):
    call = CallFactory(state=CallState.CLOSED)

    html = client.get(reverse("calls:detail", args=[call.slug])).content.decode()

    assert "nothing can be submitted" in html
    assert reverse("calls:apply", args=[call.slug]) not in html


def test_call_page_query_budget(client, today, assert_page_query_budget):
    call = CallFactory()
    client.force_login(UserFactory())
    assert_page_query_budget(client, reverse("calls:detail", args=[call.slug]), 8)


# --- results --------------------------------------------------------------------------------------


@pytest.fixture
def decided_call():
    call = CallFactory(
        state=CallState.DECIDED,
        opens_on=date(2025, 1, 1),
        closes_on=date(2025, 3, 31),
        first_plan_due_on=date(2026, 3, 31),
    )
    europe = CountryFactory(ogp_region=OgpRegion.EUROPE)
    africa = CountryFactory(ogp_region=OgpRegion.AFRICA_MIDDLE_EAST)
    for country, kind in [(europe, "city"), (europe, "city"), (africa, "county")]:
        ApplicationFactory(
            call=call,
            country=country,
            kind=kind,
            state=ApplicationState.ACCEPTED,
            shortlisted_on=date(2025, 4, 1),
        )
    ApplicationFactory(
        call=call, state=ApplicationState.NOT_ACCEPTED, shortlisted_on=date(2025, 4, 1)
    )
    ApplicationFactory(call=call, state=ApplicationState.NOT_ACCEPTED)
    ApplicationFactory(call=call, state=ApplicationState.DRAFT)
    return call


def test_results_count_received_shortlisted_and_accepted(client, decided_call):
    response = client.get(reverse("calls:results", args=[decided_call.slug]))

    results = response.context["results"]
    assert (results["received"], results["shortlisted"], results["accepted"]) == (5, 4, 3)


def test_results_table_gives_new_members_by_region_and_kind(client, decided_call):
    response = client.get(reverse("calls:results", args=[decided_call.slug]))

    rows = {(row["region"], row["kind"]): row["count"] for row in response.context["rows"]}
    assert rows == {
        (OgpRegion.AFRICA_MIDDLE_EAST.label, JurisdictionKind.COUNTY.label): 1,
        (OgpRegion.EUROPE.label, JurisdictionKind.CITY.label): 2,
    }


def test_results_of_an_undecided_call_are_not_published(client, today):
    call = CallFactory(state=CallState.CLOSED)

    assert client.get(reverse("calls:results", args=[call.slug])).status_code == 404


def test_results_page_query_count_does_not_grow_with_applications(
    client, decided_call, assert_page_query_budget
):
    assert_page_query_budget(
        client,
        reverse("calls:results", args=[decided_call.slug]),
        4,
        add_rows=lambda: ApplicationFactory.create_batch(
            10, call=decided_call, state=ApplicationState.ACCEPTED
        ),
    )


# --- the Support Unit's pages ---------------------------------------------------------------------


def call_form(**changes):
    data = {
        "title": "Call for new members 2027",
        "guidance": "Read the Handbook.",
        "opens_on": "2027-02-01",
        "closes_on": "2027-04-30",
        "stages": "1",
        "stage1_closes_on": "",
        "first_plan_due_on": "2028-04-30",
    }
    return {**data, **changes}


def test_staff_create_a_call_from_the_form(staff_client, today):
    response = staff_client.post(reverse("calls:manage_new"), call_form())

    call = Call.objects.get()
    assert response.status_code == 302
    assert (call.title, call.state, call.opens_on) == (
        "Call for new members 2027",
        CallState.DRAFT,
        date(2027, 2, 1),
    )


def test_a_call_closing_before_it_opens_is_refused_with_its_rule(staff_client, today):
    response = staff_client.post(reverse("calls:manage_new"), call_form(closes_on="2027-01-01"))

    assert response.status_code == 200
    assert 'data-rule="call.closes_before_opening"' in response.content.decode()
    assert not Call.objects.exists()


def test_a_two_stage_call_without_its_stage1_date_is_refused(staff_client, today):
    response = staff_client.post(reverse("calls:manage_new"), call_form(stages="2"))

    assert 'data-rule="call.stage1_closes_on_required"' in response.content.decode()
    assert not Call.objects.exists()


def test_a_call_with_a_date_that_is_not_a_date_is_refused(staff_client, today):
    response = staff_client.post(reverse("calls:manage_new"), call_form(opens_on="tomorrow"))

    assert response.status_code == 200
    assert response.context["form"].errors["opens_on"]
    assert not Call.objects.exists()


def test_staff_open_and_close_a_call_from_its_page(staff_client, today):
    call = CallFactory(state=CallState.DRAFT)

    staff_client.post(reverse("calls:manage_open", args=[call.slug]))
    call.refresh_from_db()
    assert call.state == CallState.OPEN

    staff_client.post(reverse("calls:manage_close", args=[call.slug]))
    call.refresh_from_db()
    assert call.state == CallState.CLOSED


def test_deciding_a_call_with_pending_applications_says_why_not(staff_client, today):
    call = CallFactory(state=CallState.CLOSED)
    ApplicationFactory(call=call, state=ApplicationState.SUBMITTED)

    response = staff_client.post(reverse("calls:manage_decide", args=[call.slug]), follow=True)

    assert "1 applications are not decided yet." in response.content.decode()
    call.refresh_from_db()
    assert call.state == CallState.CLOSED


def test_manage_list_query_count_does_not_grow_with_calls(
    staff_client, today, assert_page_query_budget
):
    CallFactory()
    assert_page_query_budget(
        staff_client,
        reverse("calls:manage"),
        9,
        add_rows=lambda: [ApplicationFactory(call=CallFactory()) for _ in range(4)],
    )


def test_manage_edit_query_count_does_not_grow_with_applications(
    staff_client, today, assert_page_query_budget
):
    call = CallFactory()
    ApplicationFactory(call=call, state=ApplicationState.SUBMITTED)
    assert_page_query_budget(
        staff_client,
        reverse("calls:manage_edit", args=[call.slug]),
        10,
        add_rows=lambda: ApplicationFactory.create_batch(
            5, call=call, state=ApplicationState.SUBMITTED
        ),
    )


def test_the_call_page_of_staff_lists_submitted_applications_but_not_drafts(staff_client, today):
    call = CallFactory()
    ApplicationFactory(call=call, state=ApplicationState.SUBMITTED, jurisdiction_name="Sent City")
    ApplicationFactory(call=call, jurisdiction_name="Draft Town")

    html = staff_client.get(reverse("calls:manage_edit", args=[call.slug])).content.decode()

    assert "Sent City" in html and "Draft Town" not in html


def test_a_recused_staff_member_does_not_see_the_application_listed(client, today):
    call = CallFactory()
    application = ApplicationFactory(
        call=call, state=ApplicationState.SUBMITTED, jurisdiction_name="Own Country City"
    )
    staff = UserFactory(staff=True, with_totp=True)
    CommitteeMemberFactory(call=call, user=staff, country=application.country)
    client.force_login(staff)

    html = client.get(reverse("calls:manage_edit", args=[call.slug])).content.decode()

    assert "Own Country City" not in html


def test_manage_new_query_budget(staff_client, today, assert_page_query_budget):
    assert_page_query_budget(staff_client, reverse("calls:manage_new"), 8)


# --- sign-up for applicants -----------------------------------------------------------------------


def test_anyone_may_sign_up_and_must_verify_the_address(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "mayor@city.example.org",
            "password1": "A-long-pass-2026!",
            "password2": "A-long-pass-2026!",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    address = EmailAddress.objects.get(email="mayor@city.example.org")
    assert not address.verified


def test_a_new_account_holds_no_role(client):
    client.post(
        reverse("account_signup"),
        {
            "email": "mayor@city.example.org",
            "password1": "A-long-pass-2026!",
            "password2": "A-long-pass-2026!",
            "is_staff": "on",
        },
    )

    user = User.objects.get(email="mayor@city.example.org")
    assert not user.is_staff and not user.is_superuser
    assert roles_of(user).public


def test_my_applications_lists_only_mine(client, today, assert_page_query_budget):
    mine = ApplicationFactory(jurisdiction_name="Mine City")
    ApplicationFactory(jurisdiction_name="Other City")
    client.force_login(mine.applicant)

    html = client.get(reverse("calls:my_applications")).content.decode()

    assert "Mine City" in html and "Other City" not in html
    assert_page_query_budget(
        client,
        reverse("calls:my_applications"),
        8,
        add_rows=lambda: ApplicationFactory.create_batch(3, applicant=mine.applicant),
    )
