"""The decisions demo (`seed_demo`): every decided application has its decision and letter, the
open call's accepted applicant is a member, and one coalition of two Kenyan counties."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from members.models import Application, ApplicationState, Coalition, Decision, DecisionOutcome

pytestmark = pytest.mark.django_db


def test_every_decided_demo_application_has_its_decision_and_letter():
    decided = Application.objects.filter(
        state__in=[ApplicationState.ACCEPTED, ApplicationState.NOT_ACCEPTED]
    )
    assert decided.filter(state=ApplicationState.ACCEPTED).exists()
    assert decided.filter(state=ApplicationState.NOT_ACCEPTED).exists()
    assert Decision.objects.count() == decided.count()
    assert not Decision.objects.filter(letter_pdf="").exists()


def test_the_accepted_demo_letter_names_the_member_and_its_deadline():
    decision = Decision.objects.filter(
        outcome=DecisionOutcome.ACCEPTED, application__call__state="open"
    ).get()
    with decision.letter_pdf.open("rb") as letter:
        text = " ".join(page.extract_text() for page in PdfReader(BytesIO(letter.read())).pages)
    assert decision.member.jurisdiction.name in " ".join(text.split())
    assert f"{decision.member.first_plan_due_on:%-d %B %Y}" in " ".join(text.split())


def test_the_demo_coalition_joins_two_members_of_one_country():
    coalition = Coalition.objects.get()
    members = list(coalition.members.select_related("jurisdiction"))
    assert len(members) == 2
    assert {member.jurisdiction.country_id for member in members} == {coalition.country_id}


def test_the_demo_decision_pages_answer_staff(client):
    from ogplocal.accounts.demo import DEMO_STAFF_EMAIL
    from ogplocal.accounts.models import User

    decision = Decision.objects.filter(application__call__state="open").first()
    client.force_login(User.objects.get(email=DEMO_STAFF_EMAIL))
    call = decision.application.call
    assert client.get(reverse("decisions:call", args=[call.slug])).status_code == 200
    url = reverse("decisions:decide", args=[call.slug, decision.application_id])
    assert client.get(url).status_code == 200
    coalition = Coalition.objects.get()
    assert client.get(reverse("decisions:coalition", args=[coalition.pk])).status_code == 200
