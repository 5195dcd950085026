"""Nothing private reaches the public (issue 22): unique e-mail addresses and draft texts are
seeded everywhere they could be, then every public page reachable from the home page, every feed,
every API list and every open-data file is searched for them."""

import io
import re
import zipfile
from collections import deque
from datetime import date
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import cache

from ogplocal.comments import services as comments
from ogplocal.corrections.services import report_error
from ogplocal.opendata import build
from ogplocal.opendata.selectors import MEMBER_TABLES
from ogplocal.opendata.tables import tables
from tests.factories import (
    ActionPlanFactory,
    CommentFactory,
    CommitmentFactory,
    ContactFactory,
    EndorsingStakeholderFactory,
    MemberFactory,
    MilestoneFactory,
    PointOfContactFactory,
    UserFactory,
)
from tests.opendata.records import draft_assessment, published_assessment, tracker_update

pytestmark = pytest.mark.django_db

SECRETS = [
    "poc-secret-1@example.org",
    "lead-secret-2@example.org",
    "ngo-secret-3@example.org",
    "endorser-secret-4@example.org",
    "commenter-secret-5@example.org",
    "reporter-secret-6@example.org",
    "account-secret-7@example.org",
    "DRAFT-SECRET-VISION",
    "DRAFT-SECRET-COMMITMENT",
    "DRAFT-SECRET-MILESTONE",
    "DRAFT-SECRET-ASSESSMENT",
    "HIDDEN-SECRET-COMMENT",
    "HIDDEN-SECRET-REASON",
    "REPORT-SECRET-TEXT",
    "+99 555 0101",
]
SKIPPED = ("/accounts/", "/admin/", "/i18n/", "/static/", "/media/")
MAX_PAGES = 250


@pytest.fixture
def world():
    cache.clear()
    member = MemberFactory(jurisdiction__name="Bogotá", about="A public description.")
    contact = ContactFactory(email="poc-secret-1@example.org", phone="+99 555 0101")
    PointOfContactFactory(
        member=member, contact=contact, user=UserFactory(email="account-secret-7@example.org")
    )
    plan = ActionPlanFactory(member=member, submitted=True)
    EndorsingStakeholderFactory(plan=plan, contact_email="endorser-secret-4@example.org")
    commitment = CommitmentFactory(
        plan=plan,
        lead_contact_email="lead-secret-2@example.org",
        ngo_name="Transparency Now",
        ngo_contact_email="ngo-secret-3@example.org",
    )
    MilestoneFactory(commitment=commitment)
    tracker_update(commitment)
    published_assessment(plan)
    draft = ActionPlanFactory(member=member, long_term_vision="DRAFT-SECRET-VISION")
    draft_commitment = CommitmentFactory(plan=draft, title="DRAFT-SECRET-COMMITMENT")
    MilestoneFactory(commitment=draft_commitment, output="DRAFT-SECRET-MILESTONE")
    draft_assessment(
        ActionPlanFactory(member=MemberFactory(), submitted=True),
        kind="final_learning",
        successes="DRAFT-SECRET-ASSESSMENT",
    )
    CommentFactory(target=commitment, author_email="commenter-secret-5@example.org")
    hidden = CommentFactory(target=commitment, body="HIDDEN-SECRET-COMMENT")
    comments.hide_comment(
        comment=hidden, actor=UserFactory(staff=True), reason="HIDDEN-SECRET-REASON"
    )
    report_error(
        page="/members/",
        description="REPORT-SECRET-TEXT",
        user=None,
        email="reporter-secret-6@example.org",
    )
    build.build_open_data(as_of=date(2026, 1, 2))
    return {"member": member, "commitment": commitment}


def _links(html: str, base: str) -> list[str]:
    found = []
    for href in re.findall(r'href="([^"#]+)', html):
        url = urlsplit(urljoin(base, href.replace("&amp;", "&")))
        if url.netloc or not url.path.startswith("/") or url.path.startswith(SKIPPED):
            continue
        found.append(url.path)
    return found


def _texts(response) -> list[str]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as bundle:
            return [bundle.read(name).decode() for name in bundle.namelist()]
    return [content.decode(errors="replace")]


def _leaks(texts) -> list[str]:
    return [secret for secret in SECRETS for text in texts if secret.lower() in text.lower()]


def test_no_secret_on_any_page_reachable_from_the_home_page(client, world):
    queue, seen, leaks = deque(["/"]), set(), {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200:
            continue
        texts = _texts(response)
        if found := _leaks(texts):
            leaks[path] = found
        if response["Content-Type"].startswith("text/html"):
            queue.extend(_links(texts[0], path))
    assert leaks == {}
    # The crawl did reach the pages that hold the seeded rows.
    assert f"/commitments/{world['commitment'].pk}/" in seen
    assert f"/members/{world['member'].jurisdiction.slug}/" in seen
    assert "/data/" in seen


def test_no_secret_in_any_feed_api_list_or_open_data_file(client, world):
    slug = world["member"].jurisdiction.slug
    urls = [
        "/data/feed/",
        "/data/feed/plans/",
        "/data/feed/updates/",
        "/data/feed/assessments/",
        "/data/feed/status-changes/",
        f"/data/feed/members/{slug}/",
        *[
            f"/data/feed/members/{slug}/{kind}/"
            for kind in ("plans", "updates", "assessments", "status-changes")
        ],
        "/data/members.csv",
        *[f"/data/members/{slug}/{name}.csv" for name in MEMBER_TABLES],  # session 4 (H3)
        *[f"/data/files/{t.filename}" for t in tables()],
        "/data/files/ogp-local.json",
        "/data/files/datapackage.json",
        "/data/files/ogp-local-open-data-2026-01-02.zip",
        "/api/schema/",
        *[
            f"/api/{name}/"
            for name in (
                "members",
                "plans",
                "commitments",
                "milestones",
                "updates",
                "assessments",
                "status-changes",
            )
        ],
    ]
    leaks = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if found := _leaks(_texts(response)):
            leaks[url] = found
    assert leaks == {}


def test_the_search_finds_a_secret_where_it_is(client, world):
    """The check can fail: staff's moderation queue does show the commenter's address."""
    client.force_login(UserFactory(staff=True, with_totp=True))
    assert "commenter-secret-5@example.org" in _leaks(_texts(client.get("/comments/moderation/")))
