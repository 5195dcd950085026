"""Who may view and change what: role, object and action, as permissions and as HTTP answers.

Both tables are written out in full on purpose: reading them is reading the policy.
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

# What the pages answer. "login": redirect to sign in; "admin_login": the admin's sign-in;
# "shown"/"hidden": the contact's e-mail on member A's public page. An inactive account is signed
# out by Django, so it gets what the anonymous visitor gets.
PAGES = {
    ("member_a", "view"):    (200,     200,   200,   200,   200,     200,   200),
    ("member_a", "change"):  ("login", 200,   404,   200,   404,     200,   "login"),
    ("member_b", "view"):    (200,     200,   200,   200,   200,     200,   200),
    ("member_b", "change"):  ("login", 404,   200,   200,   404,     200,   "login"),
    ("contact_a", "view"):   ("hidden", "shown", "hidden", "shown", "hidden", "shown", "hidden"),
    ("contact_a", "change"): ("admin_login", "admin_login", "admin_login", "admin_login",
                              "admin_login", 200, "admin_login"),
    ("audit_event", "view"): (404,     404,   404,   404,   404,     200,   404),
    ("audit_event", "change"): ("admin_login", "admin_login", "admin_login", "admin_login",
                                "admin_login", 403, "admin_login"),
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


def _respond(client, obj_name, action, obj, objects):
    member_a = objects["member_a"]
    if obj_name.startswith("member") and action == "view":
        return client.get(reverse("members:detail", args=[obj.slug]))
    if obj_name.startswith("member"):
        return client.get(reverse("members:edit", args=[obj.slug]))
    if obj_name == "contact_a" and action == "view":
        return client.get(reverse("members:detail", args=[member_a.slug]))
    if obj_name == "contact_a":
        return client.get(reverse("admin:members_contact_change", args=[obj.pk]))
    if action == "view":
        return client.get(reverse("members:history", args=[member_a.slug]))
    return client.post(reverse("admin:audit_auditevent_change", args=[obj.pk]), {"reason": "x"})


def _outcome(response, obj_name, action, obj) -> object:
    if obj_name == "contact_a" and action == "view":
        assert response.status_code == 200
        return "shown" if obj.email in response.content.decode() else "hidden"
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("admin:login")):
            return "admin_login"
        if location.startswith(reverse("account_login")):
            return "login"
        return location
    return response.status_code


@pytest.mark.parametrize(("role", "obj_name", "action"), CASES)
def test_permission_matrix(client, world, settings, role, obj_name, action):
    settings.STAFF_MFA_REQUIRED = True
    users, objects = world
    user = users[role] or AnonymousUser()
    obj = objects[obj_name]
    column = ROLES.index(role)

    allowed = user.has_perm(PERMISSION_NAMES[obj_name, action], obj)

    assert allowed is PERMISSIONS[obj_name, action][column]
    if users[role] is not None:
        client.force_login(users[role])
    response = _respond(client, obj_name, action, obj, objects)
    assert _outcome(response, obj_name, action, obj) == PAGES[obj_name, action][column]


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
