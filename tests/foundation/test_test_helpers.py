"""The shared test helpers fail when they should: the query budget, the country factory and the
frozen day (tests/conftest.py, tests/factories.py)."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from members.models import Country
from tests.conftest import FROZEN_TODAY
from tests.factories import CountryFactory, MemberFactory, PointOfContactFactory

pytestmark = pytest.mark.django_db


class QueryingClient:
    """A stand-in client whose page runs one query per country and answers `status`."""

    def __init__(self, status=200):
        self.status = status

    def get(self, url, data=None):
        for _country in range(Country.objects.count()):
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        return SimpleNamespace(status_code=self.status)


# --- assert_page_query_budget ----------------------------------------------------------------


def test_query_budget_fails_a_page_that_redirects(client, assert_page_query_budget):
    member = MemberFactory()
    edit_url = reverse("members:edit", args=[member.slug])  # anonymous: sent to sign in
    with pytest.raises(AssertionError, match="answered 302, not 200"):
        assert_page_query_budget(client, edit_url, 50)


def test_query_budget_fails_a_page_over_its_budget(assert_page_query_budget):
    CountryFactory.create_batch(3)
    with pytest.raises(AssertionError, match="over its budget of 2"):
        assert_page_query_budget(QueryingClient(), "/countries/", 2)


def test_query_budget_fails_a_page_whose_count_grows_with_rows(assert_page_query_budget):
    CountryFactory.create_batch(2)
    with pytest.raises(AssertionError, match="the count grows"):
        assert_page_query_budget(
            QueryingClient(), "/countries/", 10, add_rows=lambda: CountryFactory.create_batch(2)
        )


def test_query_budget_passes_a_flat_page_and_gives_its_count(client, assert_page_query_budget):
    MemberFactory()
    count = assert_page_query_budget(
        client, reverse("members:list"), 20, add_rows=lambda: MemberFactory.create_batch(5)
    )
    assert 0 < count <= 20


# --- CountryFactory ----------------------------------------------------------------------------


def test_country_factory_refuses_a_code_that_already_exists():
    CountryFactory(iso_code="KE", name="Kenya")
    with pytest.raises(ValueError, match="KE already exists"):
        CountryFactory(iso_code="KE", name="Kenia")
    assert Country.objects.get(iso_code="KE").name == "Kenya"


def test_country_factory_generates_distinct_codes_no_real_country_has():
    generated = CountryFactory.create_batch(60)
    assert len({country.iso_code for country in generated}) == 60
    # Unknown to django-countries, each shows the name the test gave it.
    assert all(str(country) == country.name for country in generated)


# --- today -------------------------------------------------------------------------------------


def test_today_fixture_freezes_the_clock_for_the_factories_too(today):
    assert today == FROZEN_TODAY
    assert timezone.localdate() == FROZEN_TODAY
    assert PointOfContactFactory().starts_on.year == FROZEN_TODAY.year - 1
