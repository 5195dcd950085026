"""The demo behind the public pages (members/demo_public.py): after `seed_demo`, the rules
engine itself gives every status, each member page explains it."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _names(client, status) -> set[str]:
    response = client.get(reverse("members:list"), {"status": status})
    return {member.name for member in response.context["page_obj"]}


def test_demo_shows_every_status_from_the_rules_engine(client):
    assert "Plateau State" in _names(client, "probation")
    assert {"Bahía Blanca", "Larena"} <= _names(client, "inactive")
    assert "Semarang" in _names(client, "inactive_voluntary")
    assert "Gwangju" in _names(client, "revoked")
    assert "Buenos Aires" in _names(client, "active")
    assert (
        client.get(reverse("members:list"), {"status": "active"})
        .context["page_obj"]
        .paginator.count
        >= 25
    )

    html = client.get(reverse("members:detail", args=["plateau-state"])).content.decode()
    assert "probation.inactive_six_months" in html
    assert "Revocation on" in html
