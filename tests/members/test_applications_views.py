"""The applicant's pages: starting, the parts of the form, eligibility shown as they fill it,
submitting, withdrawing; nobody sees another applicant's application."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Application, ApplicationState, CallState, SignatoryKind
from tests.factories import (
    ApplicationFactory,
    ApplicationMessageFactory,
    CallFactory,
    CommitteeMemberFactory,
    CountryFactory,
    SignatoryFactory,
    UserFactory,
    pdf_file,
)

pytestmark = pytest.mark.django_db

PARTS = ("jurisdiction", "people", "answers", "signatories", "letter")


def upload(pages: int) -> SimpleUploadedFile:
    return SimpleUploadedFile("letter.pdf", pdf_file(pages).read(), "application/pdf")


@pytest.fixture
def application(today):
    return ApplicationFactory()


@pytest.fixture
def applicant_client(client, application):
    client.force_login(application.applicant)
    return client


def complete(application):
    application.letter.save("letter.pdf", pdf_file(3), save=False)
    application.letter_pages = 3
    application.save()
    SignatoryFactory(
        application=application,
        kind=SignatoryKind.HEAD_OF_GOVERNMENT,
        has_legal_personality=False,
        registration_number="",
    )
    SignatoryFactory(application=application)
    return application


# --- starting -----------------------------------------------------------------------------------


def test_starting_an_application_opens_its_first_part(client, today):
    call = CallFactory()
    client.force_login(UserFactory())

    response = client.post(reverse("calls:apply", args=[call.slug]))

    application = Application.objects.get()
    assert response["Location"] == reverse("calls:application_jurisdiction", args=[application.pk])


def test_the_apply_page_of_a_closed_call_says_nothing_can_be_submitted(client, today):
    call = CallFactory(state=CallState.CLOSED)
    client.force_login(UserFactory())

    response = client.post(reverse("calls:apply", args=[call.slug]))

    assert response.status_code == 200
    assert "This call is closed" in response.content.decode()
    assert not Application.objects.exists()


def test_applying_needs_an_account(client, today):
    call = CallFactory()

    response = client.get(reverse("calls:apply", args=[call.slug]))

    assert response["Location"].startswith(reverse("account_login"))


# --- nobody sees another's application ------------------------------------------------------------


@pytest.mark.parametrize("name", ["application", *[f"application_{part}" for part in PARTS]])
def test_another_applicant_gets_404(client, application, name):
    client.force_login(ApplicationFactory(call=application.call).applicant)

    assert client.get(reverse(f"calls:{name}", args=[application.pk])).status_code == 404


def test_another_applicant_cannot_download_the_letter(client, application):
    complete(application)
    client.force_login(UserFactory())

    assert (
        client.get(reverse("calls:application_letter_pdf", args=[application.pk])).status_code
        == 404
    )


def test_staff_do_not_see_a_draft(client, application):
    client.force_login(UserFactory(staff=True, with_totp=True))

    assert client.get(reverse("calls:application", args=[application.pk])).status_code == 404


def test_a_committee_member_never_sees_an_application_of_their_own_country(client, today):
    application = ApplicationFactory(state=ApplicationState.SUBMITTED)
    member = CommitteeMemberFactory(
        call=application.call,
        user=UserFactory(staff=True, with_totp=True),
        country=application.country,
    )
    client.force_login(member.user)

    assert client.get(reverse("calls:application", args=[application.pk])).status_code == 404


def test_a_committee_member_reads_a_submitted_application_of_another_country(client, today):
    application = ApplicationFactory(state=ApplicationState.SUBMITTED)
    member = CommitteeMemberFactory(call=application.call, country=CountryFactory())
    client.force_login(member.user)

    assert client.get(reverse("calls:application", args=[application.pk])).status_code == 200


# --- the parts ------------------------------------------------------------------------------------


def test_saving_a_part_keeps_it_and_shows_the_eligibility(applicant_client, application):
    url = reverse("calls:application_answers", args=[application.pk])
    data = {f"answer_{n}": f"Answer {n}." for n in range(1, 9)}

    response = applicant_client.post(url, data, follow=True)

    application.refresh_from_db()
    assert application.answer_8 == "Answer 8."
    html = response.content.decode()
    assert "Saved." in html
    assert 'data-rule="application.letter_missing"' in html
    assert "(LH §1.2)" in html


def test_save_and_go_on_opens_the_next_part(applicant_client, application):
    response = applicant_client.post(
        reverse("calls:application_answers", args=[application.pk]), {"save_next": "1"}
    )

    assert response["Location"] == reverse("calls:application_signatories", args=[application.pk])


def test_a_new_jurisdiction_is_saved_with_its_details(applicant_client, application):
    country = CountryFactory()
    response = applicant_client.post(
        reverse("calls:application_jurisdiction", args=[application.pk]),
        {
            "jurisdiction": "",
            "jurisdiction_name": "Nueva Ciudad",
            "country": country.pk,
            "region": "Sur",
            "kind": "municipality",
            "population": "12000",
            "has_elections": "on",
            "term_ends_on": "2030-06-30",
        },
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.jurisdiction_name, application.country, application.term_ends_on) == (
        "Nueva Ciudad",
        country,
        date(2030, 6, 30),
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"population": "400000000"}, "population"),
        ({"population": "-5"}, "population"),
        ({"term_ends_on": "31/12/2030"}, "term_ends_on"),
        ({"kind": "galaxy"}, "kind"),
        ({"jurisdiction_name": "x" * 201}, "jurisdiction_name"),
    ],
)
def test_a_bad_jurisdiction_value_is_refused_and_nothing_saved(
    applicant_client, application, data, field
):
    before = Application.objects.filter(pk=application.pk).values().get()
    form = {"jurisdiction_name": "Changed", "kind": "city", **data}

    response = applicant_client.post(
        reverse("calls:application_jurisdiction", args=[application.pk]), form
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "Nothing was saved" in response.content.decode()
    assert Application.objects.filter(pk=application.pk).values().get() == before


def test_a_bad_email_of_the_point_of_contact_is_refused(applicant_client, application):
    response = applicant_client.post(
        reverse("calls:application_people", args=[application.pk]),
        {"contact_email": "not an address"},
    )

    assert response.context["form"].errors["contact_email"]
    application.refresh_from_db()
    assert application.contact_email != "not an address"


def test_a_letter_of_four_pages_is_refused_naming_the_limit(applicant_client, application):
    response = applicant_client.post(
        reverse("calls:application_letter", args=[application.pk]),
        {"letter": upload(4), "declared_english": "on"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "The letter has 4 pages; at most 3 pages are allowed (LH §1.2)." in html
    application.refresh_from_db()
    assert not application.letter


def test_a_png_named_pdf_is_refused(applicant_client, application):
    png = SimpleUploadedFile("letter.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "application/pdf")

    response = applicant_client.post(
        reverse("calls:application_letter", args=[application.pk]), {"letter": png}
    )

    assert "must be a PDF file" in response.content.decode()
    application.refresh_from_db()
    assert not application.letter


def test_a_letter_of_three_pages_is_uploaded_and_downloadable(applicant_client, application):
    applicant_client.post(
        reverse("calls:application_letter", args=[application.pk]),
        {"letter": upload(3), "declared_english": "on"},
    )

    application.refresh_from_db()
    assert application.letter_pages == 3
    response = applicant_client.get(reverse("calls:application_letter_pdf", args=[application.pk]))
    assert response["Content-Type"] == "application/pdf"
    response.close()


def test_a_signatory_is_added_and_removed(applicant_client, application):
    url = reverse("calls:application_signatories", args=[application.pk])
    applicant_client.post(
        url,
        {
            "signatory-kind": "non_governmental",
            "signatory-name": "Ana Pérez",
            "signatory-organization_name": "Civic Lab",
            "signatory-has_legal_personality": "on",
            "signatory-registration_number": "REG-1",
        },
    )
    signatory = application.signatories.get()

    applicant_client.post(reverse("calls:signatory_remove", args=[application.pk, signatory.pk]))

    assert not application.signatories.exists()


def test_a_signatory_claiming_legal_personality_without_a_number_is_refused(
    applicant_client, application
):
    response = applicant_client.post(
        reverse("calls:application_signatories", args=[application.pk]),
        {
            "signatory-kind": "non_governmental",
            "signatory-name": "Ana Pérez",
            "signatory-organization_name": "Civic Lab",
            "signatory-has_legal_personality": "on",
        },
    )

    assert 'data-rule="signatory.registration_number_required"' in response.content.decode()
    assert not application.signatories.exists()


# --- submitting -----------------------------------------------------------------------------------


def test_submitting_a_broken_application_lists_every_rule_and_saves_nothing(
    applicant_client, application
):
    application.declared_english = False
    application.term_ends_on = date(2027, 1, 1)
    application.save()

    response = applicant_client.post(reverse("calls:application_submit", args=[application.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    for rule in (
        "application.not_in_english",
        "application.term_too_short",
        "application.letter_missing",
        "application.no_government_signatory",
        "application.no_ngo_signatory",
    ):
        assert f'data-rule="{rule}"' in html
    assert "(LH §1.1)" in html
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT


def test_submitting_a_complete_application_shows_submitted(applicant_client, application):
    complete(application)

    response = applicant_client.post(
        reverse("calls:application_submit", args=[application.pk]), follow=True
    )

    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert "Submitted" in response.content.decode()


def test_a_submitted_application_can_no_longer_be_edited(applicant_client, application):
    application.state, application.submitted_on = ApplicationState.SUBMITTED, date(2026, 11, 2)
    application.save()

    url = reverse("calls:application_answers", args=[application.pk])
    assert applicant_client.get(url).status_code == 404


def test_the_applicant_withdraws(applicant_client, application):
    response = applicant_client.post(
        reverse("calls:application_withdraw", args=[application.pk]), {"reason": "Elections."}
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.WITHDRAWN


def test_the_applicant_sees_the_support_units_messages(applicant_client, application):
    ApplicationMessageFactory(application=application, body="Please add a second NGO.")

    html = applicant_client.get(reverse("calls:application", args=[application.pk])).content
    assert "Please add a second NGO." in html.decode()


def test_staff_send_a_message_from_the_application_page(client, today):
    application = ApplicationFactory(state=ApplicationState.SUBMITTED)
    client.force_login(UserFactory(staff=True, with_totp=True))

    response = client.post(
        reverse("calls:application_message", args=[application.pk]), {"body": "Received, thanks."}
    )

    assert response.status_code == 302
    assert application.messages.get().body == "Received, thanks."


def test_an_empty_message_is_refused_and_nothing_sent(client, today):
    application = ApplicationFactory(state=ApplicationState.SUBMITTED)
    client.force_login(UserFactory(staff=True, with_totp=True))

    response = client.post(
        reverse("calls:application_message", args=[application.pk]), {"body": ""}
    )

    assert response.status_code == 200
    assert not application.messages.exists()


# --- query budgets --------------------------------------------------------------------------------


def test_application_page_query_count_does_not_grow(
    applicant_client, application, assert_page_query_budget
):
    assert_page_query_budget(
        applicant_client,
        reverse("calls:application", args=[application.pk]),
        14,
        add_rows=lambda: (
            SignatoryFactory.create_batch(4, application=application),
            ApplicationMessageFactory.create_batch(4, application=application),
        ),
    )


@pytest.mark.parametrize("part", PARTS)
def test_part_page_query_count_does_not_grow(
    applicant_client, application, part, assert_page_query_budget
):
    assert_page_query_budget(
        applicant_client,
        reverse(f"calls:application_{part}", args=[application.pk]),
        14,
        add_rows=lambda: SignatoryFactory.create_batch(4, application=application),
    )


def test_submit_page_query_budget(applicant_client, application, assert_page_query_budget):
    assert_page_query_budget(
        applicant_client,
        reverse("calls:application_submit", args=[application.pk]),
        12,
        add_rows=lambda: SignatoryFactory.create_batch(4, application=application),
    )


def test_withdraw_page_query_budget(applicant_client, application, assert_page_query_budget):
    assert_page_query_budget(
        applicant_client, reverse("calls:application_withdraw", args=[application.pk]), 8
    )
