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
