"""Deciding an application (LH §1.2): `members.services_decisions.decide_application`."""

from datetime import date
from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from members.models import (
    ApplicationState,
    CallStages,
    Decision,
    DecisionOutcome,
    Jurisdiction,
    JurisdictionTerm,
    Member,
    MemberStatus,
    PointOfContact,
)
from members.services_calls import APPLICATION_TRANSITIONS
from members.services_decisions import decide_application
from ogplocal.accounts.models import User
from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.factories import (
    ApplicationFactory,
    CommitteeMemberFactory,
    JurisdictionFactory,
    MemberFactory,
    RecusalFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2027, 1, 20)
REASONS = "A clear commitment, broad civil-society support and a term long enough for a plan."
NATIONAL_CONTACT = "Ana Pérez, national OGP point of contact, ogp@gob.example.org"


@pytest.fixture
def staff():
    return UserFactory(staff=True, full_name="Marta Lindqvist")


def _submitted(**kwargs):
    return ApplicationFactory(state=ApplicationState.SUBMITTED, **kwargs)


def _accept(application, staff, **kwargs):
    return decide_application(
        application, DecisionOutcome.ACCEPTED, REASONS, actor=staff, as_of=AS_OF, **kwargs
    )


def _decline(application, staff, national_contact=NATIONAL_CONTACT):
    return decide_application(
        application,
        DecisionOutcome.NOT_ACCEPTED,
        "The term ends too soon for a first action plan.",
        actor=staff,
        as_of=AS_OF,
        national_contact=national_contact,
    )


def _pdf_text(decision: Decision) -> str:
    with decision.letter_pdf.open("rb") as letter:
        reader = PdfReader(BytesIO(letter.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


# --- accepted -----------------------------------------------------------------------------------


def test_accepting_creates_jurisdiction_member_and_point_of_contact_once(staff):
    application = _submitted(jurisdiction_name="Villa Nueva", population=120_000)
    application.contact_email = application.applicant.email
    application.save()

    decision = _accept(application, staff)

    jurisdiction = Jurisdiction.objects.get()
    member = Member.objects.get()
    point = PointOfContact.objects.get()
    assert jurisdiction.name == "Villa Nueva"
    assert jurisdiction.country == application.country
    assert jurisdiction.population == 120_000
    assert decision.member == member
    assert member.jurisdiction == jurisdiction
    assert member.joined_on == AS_OF
    assert member.first_plan_due_on == application.call.first_plan_due_on
    assert point.member == member
    assert point.user == application.applicant
    assert point.is_primary
    application.refresh_from_db()
    assert application.state == ApplicationState.ACCEPTED
    assert application.decided_on == AS_OF


def test_accepting_a_new_jurisdiction_records_its_term(staff):
    application = _submitted(term_ends_on=date(2029, 12, 31))
    _accept(application, staff)
    term = JurisdictionTerm.objects.get()
    assert term.ends_on == date(2029, 12, 31)
    assert term.recorded_on == AS_OF


def test_accepting_an_existing_jurisdiction_keeps_its_record(staff):
    jurisdiction = JurisdictionFactory(name="Old Town", population=50_000)
    application = _submitted(
        jurisdiction=jurisdiction,
        jurisdiction_name="Old Town",
        country=jurisdiction.country,
        population=99_999,
    )
    decision = _accept(application, staff)
    jurisdiction.refresh_from_db()
    assert Jurisdiction.objects.count() == 1
    assert decision.member.jurisdiction == jurisdiction
    assert jurisdiction.population == 50_000
    assert not JurisdictionTerm.objects.filter(jurisdiction=jurisdiction, recorded_on=AS_OF)


def test_a_revoked_jurisdiction_may_be_accepted_again(staff):
    old = MemberFactory(status=MemberStatus.REVOKED)
    application = _submitted(
        jurisdiction=old.jurisdiction,
        jurisdiction_name=old.jurisdiction.name,
        country=old.jurisdiction.country,
    )
    decision = _accept(application, staff)
    assert decision.member != old
    assert decision.member.jurisdiction == old.jurisdiction


def test_a_jurisdiction_with_an_unrevoked_membership_is_refused_and_nothing_saved(staff):
    current = MemberFactory()
    application = _submitted(
        jurisdiction=current.jurisdiction,
        jurisdiction_name=current.jurisdiction.name,
        country=current.jurisdiction.country,
    )
    with pytest.raises(ValidationError) as error:
        _accept(application, staff)
    assert rule_codes(error.value) == {"decision.already_member"}
    assert "member of OGP Local already" in str(error.value)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert Member.objects.count() == 1
    assert not Decision.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_new_jurisdiction_named_like_a_member_is_that_member_and_refused(staff):
    current = MemberFactory()
    application = _submitted(
        jurisdiction_name=current.jurisdiction.name, country=current.jurisdiction.country
    )
    with pytest.raises(ValidationError) as error:
        _accept(application, staff)
    assert rule_codes(error.value) == {"decision.already_member"}


def test_accepting_after_the_first_plan_deadline_is_refused(staff):
    application = _submitted()
    application.call.first_plan_due_on = date(2027, 1, 19)
    application.call.save()
    with pytest.raises(ValidationError) as error:
        _accept(application, staff)
    assert rule_codes(error.value) == {"decision.first_plan_due_passed"}
    assert not Member.objects.exists()


def test_a_contact_with_another_address_gets_a_new_account_and_an_invitation(
    staff, django_capture_on_commit_callbacks
):
    application = _submitted(contact_name="Lucía Gómez", contact_email="lucia@city.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        decision = _accept(application, staff)
    user = User.objects.get(email="lucia@city.example.org")
    assert user.full_name == "Lucía Gómez"
    assert not user.has_usable_password()
    assert user.emailaddress_set.get().verified
    assert PointOfContact.objects.get(member=decision.member).user == user
    invitations = [message for message in mail.outbox if message.to == [user.email]]
    assert len(invitations) == 1
    assert "/accounts/password/reset/key/" in invitations[0].body
    assert decision.member.jurisdiction.name in invitations[0].subject


def test_the_invitation_link_lets_the_contact_set_a_password(
    client, staff, django_capture_on_commit_callbacks
):
    application = _submitted(contact_email="lucia@city.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        _accept(application, staff)
    invitation = next(m for m in mail.outbox if m.to == ["lucia@city.example.org"])
    link = next(word for word in invitation.body.split() if "/password/reset/key/" in word)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    assert response.status_code == 200
    response = client.post(
        response.redirect_chain[-1][0] if response.redirect_chain else "/" + path,
        {"password1": "a long new password 42", "password2": "a long new password 42"},
    )
    assert response.status_code == 302
    assert User.objects.get(email="lucia@city.example.org").check_password("a long new password 42")


def test_a_contact_with_an_existing_account_is_not_invited(
    staff, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="known@city.example.org")
    application = _submitted(contact_email="Known@City.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        decision = _accept(application, staff)
    assert PointOfContact.objects.get(member=decision.member).user == existing
    assert all(existing.email not in message.to for message in mail.outbox)


# --- not accepted ---------------------------------------------------------------------------------


def test_not_accepting_creates_no_member_and_keeps_the_national_contact(staff):
    application = _submitted()
    decision = _decline(application, staff)
    assert decision.outcome == DecisionOutcome.NOT_ACCEPTED
    assert decision.member is None
    assert decision.national_contact == NATIONAL_CONTACT
    assert not Member.objects.exists()
    application.refresh_from_db()
    assert application.state == ApplicationState.NOT_ACCEPTED


def test_not_accepting_without_a_national_contact_is_refused(staff):
    application = _submitted()
    with pytest.raises(ValidationError) as error:
        _decline(application, staff, national_contact="  ")
    assert rule_codes(error.value) == {"decision.national_contact_required"}
    assert not Decision.objects.exists()


def test_a_decision_without_reasons_is_refused(staff):
    application = _submitted()
    with pytest.raises(ValidationError) as error:
        decide_application(application, DecisionOutcome.ACCEPTED, "   ", actor=staff, as_of=AS_OF)
    assert rule_codes(error.value) == {"decision.reasons_required"}
    assert not Member.objects.exists()


def test_an_unknown_outcome_is_refused(staff):
    application = _submitted()
    with pytest.raises(ValidationError) as error:
        decide_application(application, "maybe", REASONS, actor=staff, as_of=AS_OF)
    assert rule_codes(error.value) == {"decision.outcome_invalid"}


def test_overlong_reasons_are_refused(staff):
    application = _submitted()
    with pytest.raises(ValidationError) as error:
        decide_application(
            application, DecisionOutcome.ACCEPTED, "x" * 100_000, actor=staff, as_of=AS_OF
        )
    assert "reasons" in error.value.error_dict
    assert not Decision.objects.exists()


# --- once, and only from a state the table allows -------------------------------------------------


def test_deciding_twice_is_refused(staff):
    application = _submitted()
    _accept(application, staff)
    with pytest.raises(ValidationError) as error:
        _decline(application, staff)
    assert rule_codes(error.value) == {"decision.already_decided"}
    assert Decision.objects.count() == 1
    assert Member.objects.count() == 1


@pytest.mark.parametrize("state", ApplicationState.values)
@pytest.mark.parametrize("outcome", DecisionOutcome.values)
def test_a_decision_follows_the_transition_table(staff, state, outcome):
    application = ApplicationFactory(state=state)
    to = (
        ApplicationState.ACCEPTED
        if outcome == DecisionOutcome.ACCEPTED
        else ApplicationState.NOT_ACCEPTED
    )
    decide = lambda: decide_application(  # noqa: E731
        application, outcome, REASONS, actor=staff, as_of=AS_OF, national_contact=NATIONAL_CONTACT
    )
    if to in APPLICATION_TRANSITIONS[state]:
        decide()
        application.refresh_from_db()
        assert application.state == to
    elif state in (ApplicationState.DRAFT, ApplicationState.WITHDRAWN):
        # Not under review: staff may not decide it at all.
        with pytest.raises(PermissionDenied):
            decide()
        assert not Decision.objects.exists()
    else:
        with pytest.raises(ValidationError) as error:
            decide()
        assert rule_codes(error.value) == {"decision.already_decided"}
        assert not Decision.objects.exists()


def test_a_two_stage_application_without_its_full_application_is_not_accepted(staff):
    application = _submitted(call__stages=CallStages.TWO, call__stage1_closes_on=date(2026, 11, 15))
    with pytest.raises(ValidationError) as error:
        _accept(application, staff)
    assert rule_codes(error.value) == {"application.full_application_missing"}
    assert not Member.objects.exists()
    assert not Jurisdiction.objects.exists()


# --- who decides --------------------------------------------------------------------------------


def test_only_staff_decide():
    application = _submitted()
    with pytest.raises(PermissionDenied):
        _accept(application, UserFactory())
    with pytest.raises(PermissionDenied):
        _accept(application, CommitteeMemberFactory(call=application.call).user)


def test_staff_on_the_committee_from_the_applicants_country_cannot_decide():
    application = _submitted()
    seat = CommitteeMemberFactory(
        call=application.call, user=UserFactory(staff=True), country=application.country
    )
    with pytest.raises(PermissionDenied):
        _accept(application, seat.user)
    assert not Decision.objects.exists()


def test_staff_who_declared_a_conflict_cannot_decide():
    application = _submitted()
    recusal = RecusalFactory(
        application=application, committee_member__user=UserFactory(staff=True)
    )
    with pytest.raises(PermissionDenied):
        _accept(application, recusal.committee_member.user)


# --- the letter and the e-mail ------------------------------------------------------------------


def test_the_accepted_letter_names_the_member_the_decision_and_the_first_plan_deadline(staff):
    application = _submitted(jurisdiction_name="Villa Nueva")
    decision = _accept(application, staff)
    text = _pdf_text(decision)
    assert "Villa Nueva" in text
    assert "accepted" in text
    assert "31 December 2027" in text  # the call's first-plan deadline
    assert "20 January 2027" in text  # the letter's date
    assert REASONS[:40] in text


def test_the_not_accepted_letter_gives_reasons_community_and_national_contact(staff):
    application = _submitted(jurisdiction_name="Puerto Lejano")
    decision = _decline(application, staff)
    text = _pdf_text(decision)
    assert "Puerto Lejano" in text
    assert "not accepted" in text
    assert "The term ends too soon" in text
    assert "community of practice" in text
    assert "Ana Pérez" in text


def test_the_decision_e_mail_with_its_letter_is_sent_once_on_commit(
    staff, django_capture_on_commit_callbacks
):
    application = _submitted(jurisdiction_name="Villa Nueva")
    application.contact_email = application.applicant.email
    application.save()
    with django_capture_on_commit_callbacks() as callbacks:
        decision = _accept(application, staff)
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [application.applicant.email]
    assert "Villa Nueva" in message.subject
    (_name, content, mimetype) = message.attachments[0]
    assert mimetype == "application/pdf"
    with decision.letter_pdf.open("rb") as letter:
        assert content == letter.read()


def test_a_refused_decision_sends_nothing(staff, django_capture_on_commit_callbacks):
    application = _submitted()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        _decline(application, staff, national_contact="")
    assert mail.outbox == []


def test_the_decision_is_audited_with_its_reasons(staff):
    application = _submitted()
    _accept(application, staff)
    assert AuditEvent.objects.filter(verb="application.accepted", reason=REASONS).exists()
    assert AuditEvent.objects.filter(verb="decision.recorded").exists()
    assert AuditEvent.objects.filter(verb="member.joined").exists()


def test_the_letter_says_an_invited_contact_gets_an_e_mail_to_choose_a_password(staff):
    application = _submitted(contact_name="Lucía Gómez", contact_email="lucia@city.example.org")
    text = _pdf_text(_accept(application, staff))
    assert "receives an e-mail at lucia@city.example.org to choose a password" in text


def test_the_letter_says_the_applicant_signs_in_with_their_own_account(staff):
    application = _submitted()
    application.contact_email = application.applicant.email
    application.save()
    text = _pdf_text(_accept(application, staff))
    assert "with the account used for the application" in text


def test_a_failing_mail_server_does_not_undo_the_decision(
    staff, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.members.test_decisions_services.FailingBackend"
    application = _submitted()
    with django_capture_on_commit_callbacks(execute=True):
        decision = _accept(application, staff)
    assert Decision.objects.filter(pk=decision.pk, letter_pdf__gt="").exists()


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")
