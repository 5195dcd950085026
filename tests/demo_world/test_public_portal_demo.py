"""The demo behind issue 22's additions of session 4 (H3): after `seed_demo`, the coalition's
members show their joint plan, a member page offers its own open data with rows in it, and a
commitment with tracker updates shows its milestones as last reported and its tracker history."""

import csv
import io
import re

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan

pytestmark = pytest.mark.django_db


def test_each_member_of_the_demo_coalition_shows_the_joint_plan(client):
    plan = ActionPlan.objects.filter(coalition__isnull=False, state="submitted").first()
    assert plan is not None
    for member in plan.coalition.members.all():
        html = client.get(reverse("members:detail", args=[member.slug])).content.decode()
        assert "Joint action plans" in html
        assert f'href="{reverse("plans:detail", args=[plan.pk])}"' in html


def test_a_demo_member_page_offers_its_own_rows_of_the_open_data(client):
    html = client.get(reverse("members:detail", args=["plateau-state"])).content.decode()
    assert 'type="application/atom+xml"' in html
    for table in ("plans", "commitments", "updates", "status_changes"):
        url = reverse("opendata:member_csv", args=["plateau-state", table])
        assert f'href="{url}"' in html
        rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
        assert rows, table


def test_a_demo_commitment_with_updates_shows_its_milestones_and_history(client):
    feed = client.get(reverse("opendata:feed_updates")).content.decode()
    path = re.search(r'<entry>.*?<link href="https?://[^/]+([^"#]+)', feed, re.S).group(1)
    html = client.get(path).content.decode()
    assert "Milestones as last reported" in html
    assert "The tracker history:" in html
    assert "Assessments by the monitoring body" in html
