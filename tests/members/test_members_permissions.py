"""Who may view and change what: role, object and action, as permissions.

The table is written out in full on purpose: reading it is reading the policy. What the pages
answer each role is in the site-wide table of tests/test_url_policy.py.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tests.factories import (
    AuditEventFactory,
    MemberFactory,
    MonitoringBodyReviewerFactory,
    PointOfContactFactory,
    UserFactory,
)

ROLES = ("anonymous", "poc_a", "poc_b", "poc_ab", "reviewer", "staff", "inactive_staff")

# fmt: off
# has_perm, per role:        anonymous poc_a  poc_b  poc_ab reviewer staff  inactive_staff
PERMISSIONS = {
    ("member_a", "view"):    (True,    True,  True,  True,  True,    True,  True),
    ("member_a", "change"):  (False,   True,  False, True,  False,   True,  False),
    ("member_b", "view"):    (True,    True,  True,  True,  True,    True,  True),
    ("member_b", "change"):  (False,   False, True,  True,  False,   True,  False),
    ("contact_a", "view"):   (False,   True,  False, True,  False,   True,  False),
    ("contact_a", "change"): (False,   False, False, False, False,   True,  False),
    ("audit_event", "view"): (False,   False, False, False, False,   True,  False),
    ("audit_event", "change"): (False, False, False, False, False,   False, False),
}

# Member A's public page shows the e-mail of its contacts to whom may see their details. An
# inactive account is signed out by Django, so it sees what the anonymous visitor sees.
CONTACT_EMAIL_ON_MEMBER_PAGE = {
    "anonymous": False, "poc_a": True, "poc_b": False, "poc_ab": True, "reviewer": False,
    "staff": True, "inactive_staff": False,
}
# fmt: on

PERMISSION_NAMES = {
    ("member_a", "view"): "members.view_member",
    ("member_a", "change"): "members.change_member",
    ("member_b", "view"): "members.view_member",
    ("member_b", "change"): "members.change_member",
    ("contact_a", "view"): "members.view_contact",
    ("contact_a", "change"): "members.change_contact",
    ("audit_event", "view"): "audit.view_auditevent",
    ("audit_event", "change"): "audit.change_auditevent",
}

CASES = [
    pytest.param(role, obj, action, id=f"{role}-{obj}-{action}")
    for (obj, action) in PERMISSIONS
    for role in ROLES
]


@pytest.fixture
def world(db):
    member_a = MemberFactory(jurisdiction__name="Alpha City")
    member_b = MemberFactory(jurisdiction__name="Beta County")
    poc_a = PointOfContactFactory(member=member_a, contact__email="coordinator@alpha.example.org")
    poc_b = PointOfContactFactory(member=member_b)
    poc_ab = UserFactory()
    PointOfContactFactory(member=member_a, user=poc_ab, contact=None)
    PointOfContactFactory(member=member_b, user=poc_ab, contact=None)
    staff = UserFactory(staff=True, with_totp=True)
    users = {
        "anonymous": None,
        "poc_a": poc_a.user,
        "poc_b": poc_b.user,
        "poc_ab": poc_ab,
        "reviewer": MonitoringBodyReviewerFactory().user,
        "staff": staff,
        "inactive_staff": UserFactory(staff=True, with_totp=True, is_active=False),
    }
    objects = {
        "member_a": member_a,
        "member_b": member_b,
        "contact_a": poc_a.contact,
        "audit_event": AuditEventFactory(target=member_a, actor=staff),
    }
    return users, objects


@pytest.mark.parametrize(("role", "obj_name", "action"), CASES)
def test_permission_matrix(world, role, obj_name, action):
    users, objects = world
    user = users[role] or AnonymousUser()

    allowed = user.has_perm(PERMISSION_NAMES[obj_name, action], objects[obj_name])

    assert allowed is PERMISSIONS[obj_name, action][ROLES.index(role)]


@pytest.mark.parametrize("role", ROLES)
def test_member_page_shows_contact_emails_to_whom_may_see_them(client, world, settings, role):
    settings.STAFF_MFA_REQUIRED = True
    users, objects = world
    if users[role] is not None:
        client.force_login(users[role])

    response = client.get(reverse("members:detail", args=[objects["member_a"].jurisdiction.slug]))

    assert response.status_code == 200
    shown = objects["contact_a"].email in response.content.decode()
    assert shown is CONTACT_EMAIL_ON_MEMBER_PAGE[role]


def test_contact_details_permission_follows_the_member(world):
    users, objects = world
    perm = "members.view_member_contact_details"
    assert users["poc_a"].has_perm(perm, objects["member_a"])
    assert not users["poc_a"].has_perm(perm, objects["member_b"])
    assert users["staff"].has_perm(perm, objects["member_b"])
    assert not AnonymousUser().has_perm(perm, objects["member_a"])


def test_contact_of_an_organization_of_the_jurisdiction_belongs_to_the_member(world):
    from tests.factories import ContactFactory, OrganizationFactory

    users, objects = world
    member_a = objects["member_a"]
    ngo_person = ContactFactory(
        organization=OrganizationFactory(jurisdiction=member_a.jurisdiction)
    )
    assert users["poc_a"].has_perm("members.view_contact", ngo_person)
    assert not users["poc_b"].has_perm("members.view_contact", ngo_person)
