"""The shared base predicates: who may see a draft (its author and the Support Unit only)."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from ogplocal.accounts.rules import can_see_draft, is_author
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "author": UserFactory(),
        "another user": UserFactory(),
        "staff": UserFactory(staff=True),
        "inactive author": UserFactory(is_active=False),
        "anonymous": AnonymousUser(),
    }


# Written out on purpose: role -> may see a draft written by "author".
DRAFT_MATRIX = {
    "author": True,
    "another user": False,
    "staff": True,
    "inactive author": False,
    "anonymous": False,
}


@pytest.mark.parametrize(("who", "allowed"), DRAFT_MATRIX.items())
def test_only_the_author_and_the_support_unit_see_a_draft(people, who, allowed):
    draft = SimpleNamespace(author_id=people["author"].pk)
    if who == "inactive author":
        draft = SimpleNamespace(author_id=people["inactive author"].pk)

    assert can_see_draft(people[who], draft) is allowed


def test_created_by_counts_as_the_author_when_there_is_no_author_field(people):
    draft = SimpleNamespace(created_by_id=people["author"].pk)

    assert is_author(people["author"], draft)
    assert not is_author(people["another user"], draft)


def test_an_object_without_an_author_has_no_author(people):
    assert not is_author(people["author"], SimpleNamespace())
    assert not is_author(people["author"], None)


# A recusal is a reason to refuse that binds everyone, staff included. Calls and selection
# committees (next issue) will register a role "recused" whose selector lists the applications a
# person declared a conflict of interest on, and bind e.g. `selection.score_application` to
# `~is_recused_from & (is_support_unit | is_committee_member)`. Here both are test-local.
@pytest.fixture
def recusal_rules():
    import rules

    from ogplocal.accounts.rules import is_support_unit

    recused_from: dict[int, set[int]] = {}

    @rules.predicate
    def is_recused_from(user, application) -> bool:
        return application is not None and application.pk in recused_from.get(user.pk, set())

    @rules.predicate
    def is_committee_member(user, application) -> bool:
        return application is not None and user.pk in application.committee

    rules.add_perm(
        "test.score_application", ~is_recused_from & (is_support_unit | is_committee_member)
    )
    yield recused_from
    rules.remove_perm("test.score_application")


def test_staff_who_recused_themselves_are_refused(recusal_rules):
    staff = UserFactory(staff=True)
    application = SimpleNamespace(pk=7, committee=set())
    assert staff.has_perm("test.score_application", application)

    recusal_rules[staff.pk] = {application.pk}

    assert not staff.has_perm("test.score_application", application)


def test_a_recused_committee_member_is_refused_and_the_others_are_not(recusal_rules):
    recused, other = UserFactory(), UserFactory()
    application = SimpleNamespace(pk=7, committee={recused.pk, other.pk})
    recusal_rules[recused.pk] = {application.pk}

    assert not recused.has_perm("test.score_application", application)
    assert other.has_perm("test.score_application", application)
