"""Country names follow the interface language (django-countries' catalogues)."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from members.filters import MemberFilterSet
from members.models import Member
from tests.factories import CountryFactory, MemberFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("members:list")


@pytest.fixture
def spain():
    return CountryFactory(iso_code="ES", name="Spain")


def _directory(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(LIST_URL)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "spain_named"),
    [("es", "España"), ("fr", "Espagne"), ("pt-br", "Espanha")],
)
def test_directory_names_the_country_in_the_page_language(client, spain, language, spain_named):
    MemberFactory(jurisdiction__name="Madrid", jurisdiction__country=spain)
    html = _directory(client, language)
    assert f'<td>{spain_named}<span class="cell-note">' in html  # then its OGP region
    assert f'<option value="ES">{spain_named}</option>' in html
    assert "Spain" not in html


def test_member_page_names_the_country_in_the_page_language(client, spain):
    member = MemberFactory(jurisdiction__name="Madrid", jurisdiction__country=spain)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = client.get(reverse("members:detail", args=[member.slug])).content.decode()
    assert "Espagne" in html
    assert "Spain" not in html


def test_country_the_library_does_not_know_keeps_its_stored_name():
    country = CountryFactory(iso_code="XK", name="Kosovo")
    with translation.override("es"):
        assert str(country) == "Kosovo"


def test_country_filter_lists_countries_by_their_translated_name():
    # English order: Germany, Spain, United Kingdom; Spanish: Alemania, España, Reino Unido;
    # French: Allemagne, Espagne, Royaume-Uni; German-free check of accents: Égypte among the E's.
    for code, name in [("GB", "United Kingdom"), ("DE", "Germany"), ("EG", "Egypt")]:
        MemberFactory(jurisdiction__country=CountryFactory(iso_code=code, name=name))
    MemberFactory(jurisdiction__country=CountryFactory(iso_code="ES", name="Spain"))
    with translation.override("fr"):
        form = MemberFilterSet(data={}, queryset=Member.objects.all()).form
        labels = [str(label) for value, label in form.fields["country"].choices if value]
    assert labels == ["Allemagne", "Égypte", "Espagne", "Royaume-Uni"]
