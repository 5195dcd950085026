"""The member directory on a phone: the page never scrolls sideways; the table scrolls inside its
own box instead (real Chromium, real CSS)."""

import pytest
from django.urls import reverse

from members.models import JurisdictionKind, MemberStatus, OgpRegion
from tests.factories import CountryFactory, MemberFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Long names as the demo world and real members have them.
DEMO_LIKE_MEMBERS = [
    ("Municipalidad Distrital de San Juan de Lurigancho", "Lima Metropolitana", "PE", "Peru"),
    ("Gouvernement provincial du Kasaï-Oriental", "Kasaï-Oriental", "CD", "Congo (DRC)"),
    ("Kommunalverwaltung Bihać-Unsko-sanski kanton", "Federacija BiH", "BA", "Bosnia"),
    ("Prefeitura Municipal de São José dos Campos", "Vale do Paraíba", "BR", "Brazil"),
    ("Nairobi City County", "", "KE", "Kenya"),
]


@pytest.fixture
def directory():
    for name, region, code, country in DEMO_LIKE_MEMBERS:
        MemberFactory(
            jurisdiction__name=name,
            jurisdiction__region=region,
            jurisdiction__kind=JurisdictionKind.MUNICIPALITY,
            jurisdiction__country=CountryFactory(
                iso_code=code, name=country, ogp_region=OgpRegion.LATIN_AMERICA
            ),
            status=MemberStatus.INACTIVE,
        )
    return reverse("members:list")


def _open(chromium, live_server, url, width):
    context = chromium.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": width, "height": 844}
    )
    page = context.new_page()
    page.goto(url)
    return context, page


@pytest.mark.parametrize("width", [360, 390, 1280])
def test_directory_page_never_scrolls_sideways(chromium, live_server, directory, width):
    context, page = _open(chromium, live_server, directory, width)
    try:
        assert page.locator("table tbody tr").count() == len(DEMO_LIKE_MEMBERS)
        document_width = page.evaluate("document.documentElement.scrollWidth")
        assert document_width <= width
    finally:
        context.close()


def test_directory_table_scrolls_inside_its_own_box_on_a_phone(chromium, live_server, directory):
    context, page = _open(chromium, live_server, directory, 390)
    try:
        box = page.locator(".table-wrapper")
        overflow_x = box.evaluate("element => getComputedStyle(element).overflowX")
        fits = box.evaluate("element => element.scrollWidth <= element.clientWidth")
        # Either the table fits, or its box scrolls: no column is cut off out of reach.
        assert fits or overflow_x in {"auto", "scroll"}
        assert box.bounding_box()["width"] <= 390
    finally:
        context.close()
