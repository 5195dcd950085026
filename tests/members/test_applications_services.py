"""Applying: saving parts, the eligibility rules (LH §1.1, §1.2) checked on submission with ONE
ValidationError naming every broken rule, freezing versions, withdrawing, messages."""

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError

from members.models import (
    Application,
    ApplicationMessage,
    ApplicationState,
    CallStages,
    CallState,
    Signatory,
    SignatoryKind,
)
from members.services_calls import (
    add_signatory,
    eligibility_violations,
    save_application_part,
    send_application_message,
    start_application,
    submit_application,
    withdraw_application,
)
from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    CommitteeMemberFactory,
    CountryFactory,
    JurisdictionFactory,
    SignatoryFactory,
    UserFactory,
    pdf_file,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 11, 16)


def complete_application(**fields) -> Application:
    """A draft with every part filled: a 3-page letter, a head of government and an NGO with
    legal personality among the signatories."""
    fields.setdefault("letter", pdf_file(pages=3))
    fields.setdefault("letter_pages", 3)
    application = ApplicationFactory(**fields)
    SignatoryFactory(
        application=application,
        kind=SignatoryKind.HEAD_OF_GOVERNMENT,
        organization_name="City Hall",
        has_legal_personality=False,
        registration_number="",
    )
    SignatoryFactory(application=application)
    return application


def submit(application, as_of=AS_OF):
    return submit_application(actor=application.applicant, application=application, as_of=as_of)


def refusal_codes(application, as_of=AS_OF) -> set[str]:
    with pytest.raises(ValidationError) as error:
        submit(application, as_of)
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT
    assert not application.versions.exists()
    return rule_codes(error.value)


# --- starting -----------------------------------------------------------------------------------


def test_start_application_creates_a_draft_of_the_applicant():
    user = UserFactory()
    application = start_application(actor=user, call=CallFactory(), as_of=AS_OF)

    assert (application.state, application.applicant) == (ApplicationState.DRAFT, user)
    assert AuditEvent.objects.filter(verb="application.started").exists()


def test_starting_again_returns_the_same_application():
    user, call = UserFactory(), CallFactory()
    first = start_application(actor=user, call=call, as_of=AS_OF)

    assert start_application(actor=user, call=call, as_of=AS_OF) == first
    assert Application.objects.count() == 1


def test_no_application_can_be_started_outside_an_open_call():
    call = CallFactory(opens_on=date(2027, 1, 1), closes_on=date(2027, 3, 31))

    with pytest.raises(ValidationError) as error:
        start_application(actor=UserFactory(), call=call, as_of=AS_OF)

    assert rule_codes(error.value) == {"call.not_open"}
    assert not Application.objects.exists()


# --- saving parts -------------------------------------------------------------------------------


def test_a_saved_part_is_kept_for_later():
    application = ApplicationFactory(answer_3="")

    save_application_part(
        actor=application.applicant,
        application=application,
        part="answers",
        data={"answer_3": "A forum with civil society every month."},
        as_of=AS_OF,
    )

    application.refresh_from_db()
    assert application.answer_3 == "A forum with civil society every month."


def test_a_letter_of_four_pages_is_refused_with_its_limit_and_nothing_saved():
    application = ApplicationFactory()

    with pytest.raises(ValidationError) as error:
        save_application_part(
            actor=application.applicant,
            application=application,
            part="letter",
            data={"letter": pdf_file(pages=4), "declared_english": True},
            as_of=AS_OF,
        )

    assert rule_codes(error.value) == {"document.too_many_pages"}
    assert "at most 3 pages" in error.value.error_dict["letter"][0].messages[0]
    application.refresh_from_db()
    assert not application.letter


def test_a_letter_of_three_pages_is_stored_with_its_page_count():
    application = ApplicationFactory()

    save_application_part(
        actor=application.applicant,
        application=application,
        part="letter",
        data={"letter": pdf_file(pages=3), "declared_english": True},
        as_of=AS_OF,
    )

    application.refresh_from_db()
    assert application.letter_pages == 3
    assert application.letter.name.startswith("letters-of-support/")


def test_a_file_that_is_not_a_pdf_is_refused():
    application = ApplicationFactory()
    from django.core.files.base import ContentFile

    with pytest.raises(ValidationError) as error:
        save_application_part(
            actor=application.applicant,
            application=application,
            part="letter",
            data={"letter": ContentFile(b"\x89PNG\r\n\x1a\n" + b"0" * 100, name="letter.pdf")},
            as_of=AS_OF,
        )

    assert rule_codes(error.value) == {"document.not_pdf"}


def test_a_population_beyond_the_limit_is_refused_and_nothing_saved():
    application = ApplicationFactory(population=1000)

    with pytest.raises(ValidationError) as error:
        save_application_part(
            actor=application.applicant,
            application=application,
            part="jurisdiction",
            data={"population": 400_000_000, "jurisdiction_name": "Big City"},
            as_of=AS_OF,
        )

    assert "population" in error.value.error_dict
    application.refresh_from_db()
    assert (application.population, application.jurisdiction_name) != (400_000_000, "Big City")


def test_choosing_an_existing_jurisdiction_copies_its_details_and_recorded_term():
    jurisdiction = JurisdictionFactory(name="Rosario", term_ends_on=date(2029, 6, 30))
    application = ApplicationFactory()

    save_application_part(
        actor=application.applicant,
        application=application,
        part="jurisdiction",
        data={"jurisdiction": jurisdiction},
        as_of=AS_OF,
    )

    application.refresh_from_db()
    assert application.jurisdiction_name == "Rosario"
    assert application.country == jurisdiction.country
    assert application.term_ends_on == date(2029, 6, 30)
    assert application.term == jurisdiction.terms.get()


def test_nobody_else_can_save_a_part():
    application = ApplicationFactory()

    with pytest.raises(PermissionDenied):
        save_application_part(
            actor=UserFactory(), application=application, part="answers", data={}, as_of=AS_OF
        )


def test_a_signatory_with_legal_personality_needs_a_registration_number():
    application = ApplicationFactory()

    with pytest.raises(ValidationError) as error:
        add_signatory(
            actor=application.applicant,
            application=application,
            data={
                "name": "Ana Pérez",
                "kind": SignatoryKind.NON_GOVERNMENTAL,
                "organization_name": "Civic Lab",
                "has_legal_personality": True,
                "registration_number": "",
            },
        )

    assert rule_codes(error.value) == {"signatory.registration_number_required"}
    assert not Signatory.objects.exists()


# --- submitting: the rules ------------------------------------------------------------------------


def test_a_complete_application_is_submitted_and_frozen():
    application = complete_application()

    submit(application)

    application.refresh_from_db()
    assert (application.state, application.submitted_on) == (ApplicationState.SUBMITTED, AS_OF)
    version = application.versions.get()
    assert version.number == 1
    assert version.data["answer_1"] == application.answer_1
    assert len(version.data["signatories"]) == 2
    assert version.letter_name == application.letter.name
    assert AuditEvent.objects.filter(verb="application.submitted").exists()


def test_exactly_16_months_left_in_the_term_is_accepted():
    application = complete_application(term_ends_on=AS_OF + relativedelta(months=16))

    submit(application)

    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_a_day_less_than_16_months_left_in_the_term_is_refused():
    application = complete_application(
        term_ends_on=AS_OF + relativedelta(months=16) - relativedelta(days=1)
    )

    assert refusal_codes(application) == {"application.term_too_short"}


def test_the_term_rule_names_its_handbook_section():
    application = complete_application(term_ends_on=date(2027, 1, 1))

    with pytest.raises(ValidationError) as error:
        submit(application)

    entry = error.value.error_dict["__all__"][0]
    assert entry.params["handbook"] == "LH §1.1"


def test_a_jurisdiction_without_elections_needs_no_term():
    application = complete_application(has_elections=False, term_ends_on=None)

    submit(application)

    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_a_country_not_in_good_standing_is_refused():
    country = CountryFactory(is_ogp_member_in_good_standing=False)

    assert refusal_codes(complete_application(country=country)) == {
        "application.country_not_in_good_standing"
    }


def test_a_letter_with_only_a_government_signatory_is_refused():
    application = complete_application()
    application.signatories.filter(kind=SignatoryKind.NON_GOVERNMENTAL).delete()

    assert refusal_codes(application) == {"application.no_ngo_signatory"}


def test_a_non_governmental_signatory_without_legal_personality_does_not_count():
    application = complete_application()
    application.signatories.filter(kind=SignatoryKind.NON_GOVERNMENTAL).update(
        has_legal_personality=False, registration_number=""
    )

    assert refusal_codes(application) == {"application.no_ngo_signatory"}


def test_a_letter_without_a_government_signatory_is_refused():
    application = complete_application()
    application.signatories.exclude(kind=SignatoryKind.NON_GOVERNMENTAL).delete()

    assert refusal_codes(application) == {"application.no_government_signatory"}


def test_a_delegated_senior_official_may_sign_for_the_government():
    application = complete_application()
    application.signatories.exclude(kind=SignatoryKind.NON_GOVERNMENTAL).update(
        kind=SignatoryKind.DELEGATED_OFFICIAL
    )

    submit(application)

    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_an_unanswered_point_is_refused():
    assert refusal_codes(complete_application(answer_6="")) == {"application.answer_missing"}


def test_an_application_not_declared_in_english_is_refused():
    assert refusal_codes(complete_application(declared_english=False)) == {
        "application.not_in_english"
    }


def test_an_application_without_a_letter_is_refused():
    assert refusal_codes(complete_application(letter="", letter_pages=None)) == {
        "application.letter_missing"
    }


def test_every_broken_rule_is_listed_in_one_error():
    application = ApplicationFactory(
        country=CountryFactory(is_ogp_member_in_good_standing=False),
        term_ends_on=date(2027, 1, 1),
        answer_2="",
        declared_english=False,
    )

    assert refusal_codes(application) == {
        "application.country_not_in_good_standing",
        "application.term_too_short",
        "application.answer_missing",
        "application.not_in_english",
        "application.letter_missing",
        "application.no_government_signatory",
        "application.no_ngo_signatory",
    }


def test_nothing_can_be_submitted_after_the_call_closes():
    application = complete_application()

    assert refusal_codes(application, as_of=date(2027, 1, 1)) == {"call.not_open"}


def test_nothing_can_be_submitted_to_a_closed_call():
    application = complete_application(call=CallFactory(state=CallState.CLOSED))

    assert refusal_codes(application) == {"call.not_open"}


def test_a_submitted_application_cannot_be_submitted_or_changed_again():
    application = complete_application()
    submit(application)

    with pytest.raises(PermissionDenied):
        submit(application)


def test_eligibility_is_shown_while_filling():
    application = ApplicationFactory(declared_english=False)

    codes = {violation.code for violation in eligibility_violations(application, as_of=AS_OF)}

    assert "application.not_in_english" in codes
    assert "application.letter_missing" in codes


# --- two stages -----------------------------------------------------------------------------------


@pytest.fixture
def two_stage_call():
    return CallFactory(stages=CallStages.TWO, stage1_closes_on=date(2026, 11, 30))


def test_an_expression_of_interest_needs_no_letter(two_stage_call):
    application = ApplicationFactory(call=two_stage_call)

    submit(application)

    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_the_full_application_of_a_shortlisted_applicant_is_a_new_version(two_stage_call):
    application = ApplicationFactory(call=two_stage_call)
    submit(application)
    application.refresh_from_db()
    application.state, application.shortlisted_on = ApplicationState.SHORTLISTED, AS_OF
    application.save()
    application.letter.save("x.pdf", pdf_file(pages=2), save=False)
    application.letter_pages = 2
    application.save()
    SignatoryFactory(application=application, kind=SignatoryKind.HEAD_OF_GOVERNMENT)
    SignatoryFactory(application=application)

    submit(application, as_of=date(2026, 12, 20))

    application.refresh_from_db()
    assert application.full_submitted_on == date(2026, 12, 20)
    assert application.state == ApplicationState.SHORTLISTED
    assert list(application.versions.values_list("number", flat=True)) == [1, 2]
    assert AuditEvent.objects.filter(verb="application.version_submitted").exists()


def test_a_shortlisted_full_application_needs_the_letter(two_stage_call):
    application = ApplicationFactory(
        call=two_stage_call, state=ApplicationState.SHORTLISTED, shortlisted_on=AS_OF
    )

    with pytest.raises(ValidationError) as error:
        submit(application, as_of=date(2026, 12, 20))

    assert "application.letter_missing" in rule_codes(error.value)
    application.refresh_from_db()
    assert application.full_submitted_on is None


# --- withdrawing, messages ------------------------------------------------------------------------


def test_the_applicant_withdraws_through_the_transition_table():
    application = complete_application()
    submit(application)

    withdraw_application(
        actor=application.applicant, application=application, reason="Elections moved.", as_of=AS_OF
    )

    application.refresh_from_db()
    assert application.state == ApplicationState.WITHDRAWN
    assert AuditEvent.objects.get(verb="application.withdrawn").reason == "Elections moved."


def test_nobody_else_withdraws_an_application():
    application = ApplicationFactory()

    with pytest.raises(PermissionDenied):
        withdraw_application(actor=UserFactory(staff=True), application=application, as_of=AS_OF)


def test_an_accepted_application_cannot_be_withdrawn():
    application = ApplicationFactory(state=ApplicationState.ACCEPTED)

    with pytest.raises(ValidationError) as error:
        withdraw_application(actor=application.applicant, application=application, as_of=AS_OF)

    assert rule_codes(error.value) == {"application.transition_not_allowed"}


def test_staff_write_to_the_applicant_and_it_is_audited():
    application = ApplicationFactory(state=ApplicationState.SUBMITTED)

    send_application_message(
        actor=UserFactory(staff=True), application=application, body="Please resend the letter."
    )

    assert application.messages.get().body == "Please resend the letter."
    assert AuditEvent.objects.filter(verb="application.message_sent").exists()


def test_an_empty_message_is_refused():
    application = ApplicationFactory(state=ApplicationState.SUBMITTED)

    with pytest.raises(ValidationError) as error:
        send_application_message(actor=UserFactory(staff=True), application=application, body=" ")

    assert rule_codes(error.value) == {"message.empty"}
    assert not ApplicationMessage.objects.exists()


def test_a_recused_staff_member_cannot_write_to_the_applicant():
    application = ApplicationFactory(state=ApplicationState.SUBMITTED)
    staff = UserFactory(staff=True)
    CommitteeMemberFactory(call=application.call, user=staff, country=application.country)

    with pytest.raises(PermissionDenied):
        send_application_message(actor=staff, application=application, body="Hello.")
