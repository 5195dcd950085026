"""Every URL the project defines, requested by every role, reading and writing, against one table.

The table `POLICY` is the access policy of the whole site, written out: for each URL (by name, or
by route for the few unnamed patterns; shell-style patterns group the admin and allauth) and each
method, what each role gets. A URL that no row covers fails `test_every_url_has_a_row_in_the_policy`
— whoever adds a page decides who may use it here. Any mismatch fails, and so does any 500.

Outcomes: a status code, or "login" (redirect to sign in), "admin_login" (redirect to the admin's
sign-in, which sends on to ours), "redirect" (any other redirect, e.g. after a form or to a page's
canonical address). POSTs carry an empty body: they show who may write, not what is written.

Speed: the people and objects are created once per module (`world`), and every request runs in a
savepoint that is rolled back, so that a POST (a sign-out, an admin save) changes nothing for the
next one.
"""

import ast
import fnmatch
import os
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

from ogplocal.accounts.permissions import MARKER, ObjectPermissionMixin
from tests import factories
from tests.factories import (
    AuditEventFactory,
    MemberFactory,
    MonitoringBodyReviewerFactory,
    OrganizationFactory,
    PointOfContactFactory,
    UserFactory,
)

ROLES = ("anonymous", "poc_a", "poc_b", "poc_ab", "reviewer", "staff")
METHODS = ("GET", "POST")

# Abbreviations for the table below.
LOGIN, ADMIN_LOGIN, REDIRECT = "login", "admin_login", "redirect"
EVERYONE_200 = (200,) * 6
EVERYONE_405 = (405,) * 6
EVERYONE_REDIRECT = (REDIRECT,) * 6
SIGNED_IN_200 = (LOGIN, 200, 200, 200, 200, 200)
SIGNED_IN_REDIRECT = (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)
SIGNED_OUT_200 = (200, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)
STAFF = (ADMIN_LOGIN,) * 5  # the admin, for everyone but staff: its sign-in, which sends on to ours


def staff(outcome) -> tuple:
    return (*STAFF, outcome)


# Selection (issue 18): read-only in the admin, changed through services and the pages under
# /calls/.
SELECTION_ADMIN = (
    "members_call",
    "members_committeemember",
    "members_application",
    "members_applicationversion",
    "members_applicationmessage",
    "members_recusal",
    "members_review",
    "members_score",
    "members_decision",
    "members_coalition",
)
# Action plans and commitments (issue 19): read-only in the admin, filed through their services.
PLANS_ADMIN = (
    "actionplans_actionplan",
    "actionplans_actionplanversion",
    "commitments_commitment",
    # H1: the co-creation record, the evidence repository and changes, append-only.
    "actionplans_meeting",
    "actionplans_contribution",
    "actionplans_evidence",
    "commitments_changenotice",
    "commitments_commitmentversion",
)
# Admin pages where nobody adds or edits: audit rows, sign-in logs, authenticators (reset by
# deleting them), a jurisdiction's terms (recorded through a service with a reason).
# Public comments (issue 22, H6): read in the admin, hidden through the moderation page.
COMMENTS_ADMIN = ("comments_comment", "comments_commentreply", "corrections_correctionrequest")
# H4 (issue 21): the daily job's records and the e-mail outbox, written by the job and the
# delivery task only (staff resend a failed e-mail through an admin action).
JOB_ADMIN = (
    "tracker_statuschange",
    "tracker_statusletter",
    "tracker_memberevaluation",
    "notifications_outboxmessage",
    # Session 4 (H2): tracker updates and voluntary inactivity with their history, read-only.
    "tracker_trackerupdate",
    "tracker_voluntaryinactivity",
)
# Session 4 (H1): monitoring, issue 20. What was filed (assessments, evidence, invitations,
# comments, findings, endorsements, answers, introductions) changes only through the services.
MONITORING_ADMIN = (
    "monitoring_assessment",
    "monitoring_assessmentevidence",
    "monitoring_commentinvitation",
    "monitoring_assessmentcomment",
    "monitoring_requirementfinding",
    "monitoring_bodyendorsement",
    "monitoring_bodyassignmentreview",
    "monitoring_reviewerintroduction",
)
READ_ONLY_ADMIN = (
    *MONITORING_ADMIN,
    *COMMENTS_ADMIN,
    *JOB_ADMIN,
    "audit_auditevent",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    "mfa_authenticator",
    "members_jurisdictionterm",
    *SELECTION_ADMIN,
    *PLANS_ADMIN,
)
# ... and where nobody deletes: what was filed or recorded stays.
UNDELETABLE_ADMIN = (
    *MONITORING_ADMIN,
    "monitoring_trainedreviewer",  # introductions point at them: "available" off instead
    *COMMENTS_ADMIN,
    *JOB_ADMIN,
    "account_emailaddress",
    "audit_auditevent",
    "axes_accesslog",
    "axes_accessfailurelog",
    "members_jurisdictionterm",
    "members_termcorrectionrequest",
    *SELECTION_ADMIN,
    *PLANS_ADMIN,
)

# Pages that answer only GET.
READ_ONLY_PAGES = (
    "home",
    "healthz",
    "robots.txt",
    "members:list",
    "members:detail[[]?]",
    "members:history[[]?]",
    "account_inactive",
    "account_email_verification_sent",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
)

# fmt: off
# (URL, method): outcome for   anonymous poc_a  poc_b  poc_ab  reviewer staff
# The first row whose patterns match a URL and a method applies: specific rows above general.
POLICY: dict[tuple[str, str], tuple] = {
    # Public pages.
    ("home", "GET"):                 EVERYONE_200,
    ("healthz", "GET"):              EVERYONE_200,
    ("robots.txt", "GET"):           EVERYONE_200,
    ("members:list", "GET"):         EVERYONE_200,
    ("members:detail[[]?]", "GET"):  EVERYONE_200,
    ("set_language", "*"):           EVERYONE_REDIRECT,
    # A member's pages: the points of contact of that member and staff edit, staff read history.
    ("members:edit[[]A]", "*"):      (LOGIN, 200,   404,   200,    404,     200),
    ("members:edit[[]B]", "*"):      (LOGIN, 404,   200,   200,    404,     200),
    ("members:history[[]?]", "GET"): (404,   404,   404,   404,    404,     200),
    # Sign-in and accounts (allauth). Sign-up is closed: its page says so.
    ("account_login", "*"):          SIGNED_OUT_200,
    ("account_signup", "*"):         SIGNED_OUT_200,
    ("account_logout", "GET"):       (REDIRECT, 200, 200, 200, 200, 200),
    ("account_logout", "POST"):      EVERYONE_REDIRECT,
    ("account_inactive", "GET"):     EVERYONE_200,
    ("account_email_verification_sent", "GET"): EVERYONE_200,
    ("account_confirm_email", "GET"): EVERYONE_200,  # an unknown key: the page says so
    ("account_confirm_email", "POST"): (404,) * 6,
    ("account_reset_password*", "GET"): EVERYONE_200,
    ("account_reset_password", "POST"): EVERYONE_200,  # the form again, with its errors
    ("account_reset_password_from_key", "POST"): EVERYONE_200,
    ("account_reauthenticate", "*"): SIGNED_IN_200,
    ("account_request_reauthentication_code", "*"): SIGNED_IN_200,
    ("account_email", "GET"):        SIGNED_IN_200,
    ("account_email", "POST"):       SIGNED_IN_REDIRECT,
    ("account_change_password", "*"): SIGNED_IN_200,
    ("account_set_password", "*"):   SIGNED_IN_REDIRECT,  # everyone has a password already
    ("account_confirm_*_code", "*"): SIGNED_IN_REDIRECT,  # no code was sent
    # Second factor (allauth.mfa). Only the staff member has a TOTP authenticator.
    ("mfa_index", "GET"):            SIGNED_IN_200,
    ("mfa_index", "POST"):           (LOGIN, 405, 405, 405, 405, 405),
    ("mfa_reauthenticate", "*"):     (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, 200),
    ("mfa_deactivate_totp", "*"):    (LOGIN, 404,   404,   404,    404,     REDIRECT),
    ("mfa_view_recovery_codes", "GET"): (LOGIN, 404, 404,  404,    404,     404),
    ("mfa_view_recovery_codes", "POST"): (LOGIN, 405, 405, 405,    405,     405),
    ("mfa_download_recovery_codes", "*"): (LOGIN, 404, 404, 404,   404,     404),
    ("mfa_*", "*"):                  SIGNED_IN_REDIRECT,  # authenticate, activate, generate
    # The admin: staff only. Our admin sign-in sends everyone to the portal's.
    ("admin:login", "*"):            (LOGIN, 404,   404,   404,    404,     REDIRECT),
    ("admin:logout", "GET"):         (*(REDIRECT,) * 5, 405),
    ("admin:logout", "POST"):        (*(REDIRECT,) * 5, 200),
    ("admin:password_change_done", "POST"): staff(405),
    ("admin:autocomplete", "GET"):   staff(403),  # without its parameters
    ("admin:autocomplete", "POST"):  staff(405),
    ("admin:jsi18n", "POST"):        staff(405),
    ("admin:view_on_site", "*"):     staff(404),  # members have no get_absolute_url
    **{(f"admin:{model}_add", "*"): staff(403) for model in READ_ONLY_ADMIN},
    **{(f"admin:{model}_change", "POST"): staff(403) for model in READ_ONLY_ADMIN},
    **{(f"admin:{model}_delete", "*"): staff(403) for model in UNDELETABLE_ADMIN},
    # A correction request is answered, never filed, by staff.
    ("admin:members_termcorrectionrequest_add", "*"): staff(403),
    # Every field a member's change form still edits may be blank: an empty form saves.
    ("admin:members_member_change", "POST"): staff(REDIRECT),
    ("admin:members_termcorrectionrequest_change", "POST"): staff(REDIRECT),
    ("admin/*/<path:object_id>/", "*"): staff(REDIRECT),  # the old address of a change page
    ("admin/(?P<url>.*)$", "*"):     staff(404),
    ("admin:*", "*"):                staff(200),
    # Pages that only read answer a POST with 405.
    **{(name, "POST"): EVERYONE_405 for name in READ_ONLY_PAGES},
    # Calls for new members (issue 18). Public: the calls and a decided call's results. poc_a
    # stands for an applicant: the application in the table is their draft, which nobody else
    # sees — not even staff or committee members, who read applications once submitted.
    ("calls:list", "GET"):           EVERYONE_200,
    ("calls:detail", "GET"):         EVERYONE_200,
    ("calls:results", "GET"):        EVERYONE_200,
    ("calls:apply", "GET"):          (LOGIN, REDIRECT, 200,  200,    200,     200),  # poc_a has one
    ("calls:apply", "POST"):         (LOGIN, *(REDIRECT,) * 5),
    ("calls:my_applications", "GET"): SIGNED_IN_200,
    ("calls:application", "GET"):    (404,   200,   404,   404,    404,     404),
    ("calls:application_letter_pdf", "GET"): (404, 200, 404, 404,  404,     404),
    # Staff write to applicants about submitted applications only (the draft here: 404).
    ("calls:application_message", "POST"): (LOGIN, 404, 404, 404,  404,     404),
    ("calls:application_message", "GET"): EVERYONE_405,
    ("calls:application_letter_pdf", "POST"): EVERYONE_405,
    # The parts of the form: an empty POST saves (and goes on) or shows what is missing.
    ("calls:application_signatories", "*"): (LOGIN, 200, 404, 404, 404,     404),
    ("calls:application_submit", "*"): (LOGIN, 200, 404,  404,    404,     404),
    ("calls:application_*", "GET"):  (LOGIN, 200,   404,   404,    404,     404),
    ("calls:application_*", "POST"): (LOGIN, REDIRECT, 404, 404,   404,     404),
    ("calls:signatory_remove", "POST"): (LOGIN, REDIRECT, 404, 404, 404,    404),
    # The Support Unit's pages for calls.
    ("calls:manage", "GET"):         (LOGIN, 404,   404,   404,    404,     200),
    ("calls:manage_new", "*"):       (LOGIN, 404,   404,   404,    404,     200),
    ("calls:manage_edit", "*"):      (LOGIN, 404,   404,   404,    404,     200),
    ("calls:manage_*", "POST"):      (LOGIN, 404,   404,   404,    404,     REDIRECT),
    # Actions answer only POST, pages only GET.
    **{(f"calls:{name}", "GET"): EVERYONE_405
       for name in ("manage_open", "manage_close", "manage_decide", "signatory_remove")},
    **{(f"calls:{name}", "POST"): EVERYONE_405
       for name in ("list", "detail", "results", "my_applications", "application", "manage")},
    # Review (issue 18): "reviewer" also sits on the open call's committee (from another country
    # than the submitted application reviewed here); staff are not on it and do not score.
    ("review:mine", "GET"):          SIGNED_IN_200,
    ("review:queue", "GET"):         (LOGIN, 404,   404,   404,    200,     200),
    ("review:cohort", "GET"):        (LOGIN, 404,   404,   404,    200,     200),
    ("review:committee", "*"):       (LOGIN, 404,   404,   404,    404,     200),
    ("review:application", "GET"):   (LOGIN, 404,   404,   404,    200,     200),
    ("review:letter", "GET"):        (LOGIN, 404,   404,   404,    200,     200),
    ("review:score", "POST"):        (LOGIN, 404,   404,   404,    REDIRECT, 404),  # a draft
    ("review:conflict", "*"):        (LOGIN, 404,   404,   404,    200,     404),
    ("review:shortlist", "POST"):    (LOGIN, 404,   404,   404,    404,     REDIRECT),  # refused
    ("review:*", "*"):               EVERYONE_405,
    # Decisions (issue 18): staff decide (an application under review); the applicant (poc_a) and
    # staff download a decision letter; coalitions are formed by staff and public.
    ("decisions:call", "GET"):       (LOGIN, 404,   404,   404,    404,     200),
    ("decisions:decide", "*"):       (LOGIN, 404,   404,   404,    404,     200),  # POST: the form
    ("decisions:letter", "GET"):     (404,   200,   404,   404,    404,     200),
    ("decisions:coalition_new", "*"): (LOGIN, 404,  404,   404,    404,     200),  # POST: the form
    ("decisions:coalition", "GET"):  EVERYONE_200,
    ("decisions:*", "POST"):         EVERYONE_405,
    # Action plans (issue 19): the plan in the table is member A's draft (with a commitment, a
    # milestone, an endorsement and both uploads): its points of contact and staff see and file
    # it, nobody else learns it exists. Empty POSTs: a form with its errors (200) or a part saved.
    ("plans:start[[]A]", "*"):       (LOGIN, 200,   404,   200,    404,     200),
    ("plans:start[[]B]", "*"):       (LOGIN, 404,   200,   200,    404,     200),
    ("plans:detail", "GET"):         (404,   200,   404,   200,    404,     200),
    ("plans:history", "GET"):        (404,   200,   404,   200,    404,     200),
    ("plans:pdf", "GET"):            (404,   200,   404,   200,    404,     200),
    ("plans:introduction_letter", "GET"): (404, 200, 404,  200,    404,     200),
    ("plans:strategy", "GET"):       (404,   200,   404,   200,    404,     200),
    ("plans:submit", "*"):           (LOGIN, 200,   404,   200,    404,     200),  # POST: refused
    ("plans:part_dates", "*"):       (LOGIN, 200,   404,   200,    404,     200),
    ("plans:part_endorsements", "*"): (LOGIN, 200,  404,   200,    404,     200),
    ("plans:part_*", "GET"):         (LOGIN, 200,   404,   200,    404,     200),
    ("plans:part_*", "POST"):        (LOGIN, REDIRECT, 404, REDIRECT, 404,  REDIRECT),
    ("plans:endorsement_remove", "POST"): (LOGIN, REDIRECT, 404, REDIRECT, 404, REDIRECT),
    # The co-creation record of member A's draft plan: a meeting with agenda and minutes.
    ("plans:meetings", "GET"):       (404,   200,   404,   200,    404,     200),
    ("plans:contributions", "GET"):  (404,   200,   404,   200,    404,     200),
    ("plans:meeting_agenda", "GET"): (404,   200,   404,   200,    404,     200),
    ("plans:meeting_minutes", "GET"): (404,  200,   404,   200,    404,     200),
    ("plans:meeting_new", "*"):      (LOGIN, 200,   404,   200,    404,     200),  # POST: refused
    ("plans:contribution_new", "*"): (LOGIN, 200,   404,   200,    404,     200),  # POST: refused
    ("plans:meeting_withdraw", "POST"): (LOGIN, 200, 404,  200,    404,     200),  # no reason
    # Issue 19 (H1): the evidence repository of member A's draft plan (a file, checked by content):
    # its points of contact and staff see and file it; empty POSTs answer with the form's errors.
    ("plans:evidence", "GET"):       (404,   200,   404,   200,    404,     200),
    ("plans:evidence_file", "GET"):  (404,   200,   404,   200,    404,     200),
    ("plans:evidence_new", "*"):     (LOGIN, 200,   404,   200,    404,     200),  # POST: refused
    ("plans:evidence_replace", "*"): (LOGIN, 200,   404,   200,    404,     200),  # POST: refused
    ("plans:evidence_withdraw", "POST"): (LOGIN, 200, 404, 200,    404,     200),  # no reason
    # H1: a joint plan is started by the coalition's coordinator, its members' points of contact
    # and staff (the table's coalition has none of the table's people in it).
    ("plans:start_joint", "*"):      (LOGIN, 404,   404,   404,    404,     200),  # POST: refused
    ("plans:*", "*"):                EVERYONE_405,
    ("commitments:detail", "GET"):   (404,   200,   404,   200,    404,     200),
    ("commitments:new", "*"):        (LOGIN, 200,   404,   200,    404,     200),
    ("commitments:edit", "*"):       (LOGIN, 200,   404,   200,    404,     200),
    ("commitments:milestone_new", "*"): (LOGIN, 200, 404,  200,    404,     200),
    ("commitments:milestone_edit", "*"): (LOGIN, 200, 404, 200,    404,     200),
    ("commitments:*remove", "POST"): (LOGIN, REDIRECT, 404, REDIRECT, 404,  REDIRECT),
    # Changes (LH §3.2.1.3): the table's commitment is a draft, so the page answers with its form
    # and an empty POST with its errors; the Support Unit's list of change notices.
    ("commitments:change_new", "*"): (LOGIN, 200,   404,   200,    404,     200),
    ("commitments:changes", "GET"):  (LOGIN, 404,   404,   404,    404,     200),
    ("commitments:*", "*"):          EVERYONE_405,
    # Issue 21 (H3): tracker updates of member A's submitted plan's commitment (an update this
    # quarter with a PDF of evidence) are public; its points of contact and staff file and correct
    # them (empty POSTs: the form with its errors). Voluntary inactivity: a member's points of
    # contact and staff request it, staff alone see the queue and decide (member A's pending one).
    ("tracker:updates", "GET"):      EVERYONE_200,
    ("tracker:evidence", "GET"):     EVERYONE_200,
    ("tracker:update_new", "*"):     (LOGIN, 200,   404,   200,    404,     200),
    ("tracker:update_correct", "*"): (LOGIN, 200,   404,   200,    404,     200),
    ("tracker:inactivity_new[[]A]", "*"): (LOGIN, 200, 404, 200,   404,     200),
    ("tracker:inactivity_new[[]B]", "*"): (LOGIN, 404, 200, 200,   404,     200),
    ("tracker:inactivity_queue", "GET"): (LOGIN, 404, 404, 404,    404,     200),
    ("tracker:inactivity_decide", "*"): (LOGIN, 404, 404,  404,    404,     200),
    # Session 4 (H2): ending a period (member A's pending request: the page says only a granted
    # one can be ended; an empty POST answers with the form's errors).
    ("tracker:inactivity_end", "*"): (LOGIN, 200,   404,   200,    404,     200),
    **{(f"tracker:{name}", "POST"): EVERYONE_405
       for name in ("updates", "evidence", "inactivity_queue")},
    # Issue 21 (H4): a status letter of member A (PDF): its points of contact and staff.
    ("status_letters:pdf", "GET"):   (404,   200,   404,   200,    404,     200),
    ("status_letters:pdf", "POST"):  EVERYONE_405,
    # Issue 20 (H2): monitoring. The table's plan_id is member A's draft plan (nobody reviews a
    # draft); "assessment_id" is a draft inception assessment of member A's submitted plan, whose
    # body "reviewer" reviews for: only that reviewer and staff see it, its points of contact
    # (poc_a, poc_ab) learn nothing of a draft. Staff see but do not file.
    ("monitoring:dashboard", "GET"): (LOGIN, 404,   404,   404,    200,     200),
    ("monitoring:staff", "GET"):     (LOGIN, 404,   404,   404,    404,     200),
    ("monitoring:plan", "GET"):      (LOGIN, 404,   404,   404,    404,     404),  # a draft plan
    ("monitoring:assessment_start", "POST"): (LOGIN, 404, 404, 404, 404,    404),
    ("monitoring:body_review", "POST"): (LOGIN, 404, 404,  404,    404,     404),
    ("monitoring:body_endorsement", "*"): (LOGIN, 404, 404, 404,   404,     404),
    ("monitoring:assessment", "GET"): (404,  404,   404,   404,    200,     200),
    ("monitoring:assessment_pdf", "GET"): (404, 404, 404,  404,    200,     200),
    ("monitoring:comment_period_open", "GET"): (LOGIN, 404, 404, 404, 200,  404),
    ("monitoring:comment_period_open", "POST"): (LOGIN, 404, 404, 404, 200, 404),  # refused
    ("monitoring:publish", "POST"):  (LOGIN, 404,   404,   404,    REDIRECT, 404),  # refused
    ("monitoring:correct", "*"):     (LOGIN, 404,   404,   404,    404,     404),  # a draft
    ("monitoring:comment", "*"):     (LOGIN, 404,   404,   404,    404,     404),  # a draft
    ("monitoring:invitation_comment", "*"): (404,) * 6,  # an unknown token
    ("monitoring:finding_new[[]?]", "GET"): (LOGIN, 404, 404, 404, 404,     200),
    ("monitoring:finding_new[[]?]", "POST"): (LOGIN, 404, 404, 404, 404,    200),  # refused
    ("monitoring:part_requirements", "GET"): (LOGIN, 404, 404, 404, 200,    404),
    ("monitoring:part_requirements", "POST"): (LOGIN, 404, 404, 404, REDIRECT, 404),
    ("monitoring:part_practices", "GET"): (LOGIN, 404, 404, 404, 200,       404),
    ("monitoring:part_practices", "POST"): (LOGIN, 404, 404, 404, REDIRECT, 404),
    ("monitoring:part_commitments", "GET"): (LOGIN, 404, 404, 404, 200,     404),
    ("monitoring:part_commitments", "POST"): (LOGIN, 404, 404, 404, REDIRECT, 404),
    ("monitoring:part_*", "*"):      (LOGIN, 404,   404,   404,    404,     404),  # not inception
    # Session 4 (H1): evidence of the draft assessment (a PDF), the pool of trained reviewers and
    # introductions (staff). Empty POSTs are refused with their errors (the form, or a message).
    ("monitoring:evidence", "*"):    (LOGIN, 404,   404,   404,    200,     404),
    ("monitoring:evidence_download", "GET"): (404, 404, 404, 404,  200,     200),
    ("monitoring:evidence_withdraw", "POST"): (LOGIN, 404, 404, 404, REDIRECT, 404),
    ("monitoring:reviewer_pool", "GET"): (LOGIN, 404, 404,  404,    404,     200),
    ("monitoring:introduce_reviewers[[]?]", "*"): (LOGIN, 404, 404, 404, 404, 200),
    ("monitoring:*", "*"):           EVERYONE_405,
    # Issue 22 (H6): the public API reads public rows only (a submitted plan of member B with a
    # commitment and a milestone); every write is refused (no action maps a POST to a permission).
    ("api:schema", "GET"):           EVERYONE_200,
    ("api:docs", "GET"):             EVERYONE_200,
    ("api:schema", "POST"):          EVERYONE_405,
    ("api:docs", "POST"):            EVERYONE_405,
    ("api:*", "GET"):                EVERYONE_200,
    ("api:*", "POST"):               (403,) * 6,
    # Session 4 (H3): a member's own rows of each open-data table as CSV, anyone's, read only.
    ("opendata:member_csv[[]?]", "GET"): EVERYONE_200,
    ("opendata:member_csv[[]?]", "POST"): EVERYONE_405,
    # Session 4 (H3): a member's Atom feeds, everything and one per kind, anyone's, read only.
    ("opendata:member_feed*[[]?]", "GET"): EVERYONE_200,
    ("opendata:member_feed*[[]?]", "POST"): EVERYONE_405,
    # Session 4 (lead): a commitment's rows as CSV; the world's commitment is a draft's, not
    # public data for anyone (the CSVs of submitted ones: tests/opendata/test_commitment_open_data).
    ("opendata:commitment_csv", "GET"): (404,) * 6,
    ("opendata:commitment_csv", "POST"): EVERYONE_405,
    # Open data: downloads of the last build, the directory's CSV, the documentation, the feeds.
    ("opendata:*", "GET"):           EVERYONE_200,
    ("opendata:*", "POST"):          EVERYONE_405,
    # Public comments: anyone posts (an empty POST names no open row: 400); staff moderate; the
    # points of contact of member B (whose submitted commitment the world's comment is on) reply.
    ("comments:post", "POST"):       (400,) * 6,
    ("comments:moderation", "GET"):  (LOGIN, 404,   404,   404,    404,     200),
    ("comments:hide", "*"):          (LOGIN, 404,   404,   404,    404,     200),  # POST: no reason
    ("comments:reply", "*"):         (LOGIN, 404,   200,   200,    404,     404),  # POST: no body
    ("comments:*", "*"):             EVERYONE_405,
    # Report an error: anyone files (an empty POST: the form's errors, 400); staff close.
    ("corrections:report", "GET"):   EVERYONE_200,
    ("corrections:report", "POST"):  (400,) * 6,
    ("corrections:queue", "GET"):    (LOGIN, 404,   404,   404,    404,     200),
    ("corrections:close", "*"):      (LOGIN, 404,   404,   404,    404,     200),  # POST: refused
    ("corrections:*", "*"):          EVERYONE_405,
    # Issue 22 (H5): the programme overview and the sitemap are public and read-only; anyone may
    # write to a member's point of contact (an empty POST answers the form with its errors).
    ("overview", "GET"):             EVERYONE_200,
    ("overview", "POST"):            EVERYONE_405,
    ("django.contrib.sitemaps.views.sitemap", "GET"): EVERYONE_200,
    ("django.contrib.sitemaps.views.sitemap", "POST"): EVERYONE_405,
    ("members:contact[[]?]", "*"):   EVERYONE_200,
}
# fmt: on


# --- The URLs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Url:
    key: str  # the URL name (namespace:name), or the route of an unnamed pattern; [A]/[B] target
    route: str
    name: str | None
    params: tuple[str, ...]


_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, prefix + str(pattern.pattern), pattern


def project_urls() -> list[Url]:
    """Every pattern of the URLconf, one entry per object a parameterized page is tried on."""
    urls = []
    for name, route, _pattern in _walk(get_resolver().url_patterns):
        params = tuple(a or b for a, b in _PARAM.findall(route))
        key = name or route
        if "slug" in params:
            urls += [Url(f"{key}[{target}]", route, name, params) for target in ("A", "B")]
        else:
            urls.append(Url(key, route, name, params))
    return urls


def policy_row(key: str, method: str) -> tuple | None:
    for (pattern, row_method), outcomes in POLICY.items():
        if fnmatch.fnmatchcase(method, row_method) and fnmatch.fnmatchcase(key, pattern):
            return outcomes
    return None


# --- The people and objects -------------------------------------------------------------------


def _admin_object(url: Url) -> str:
    """The pk of an object of the model an admin URL is about (admin/<app>/<model>/…)."""
    for model in admin.site._registry:
        if url.route.startswith(f"admin/{model._meta.app_label}/{model._meta.model_name}/"):
            obj = model._default_manager.order_by("pk").first()
            if obj is None:  # a model added since: its factory, if tests/factories.py has one
                factory = getattr(factories, f"{model.__name__}Factory", None)
                assert factory, f"no {model._meta.label} (and no factory) to request {url.key}"
                obj = factory()
            return str(obj.pk)
    raise AssertionError(f"no admin model for {url.key}")


def fill(url: Url, world) -> str:
    """The path of `url` with its parameters filled from the world's objects."""
    member = world["member_b"] if url.key.endswith("[B]") else world["member_a"]
    values = {}
    for param in url.params:
        if param == "slug":
            values[param] = member.jurisdiction.slug
        elif (url.name or "").startswith("tracker:") and param in world["tracker_objects"]:
            values[param] = str(world["tracker_objects"][param].pk)  # H3: member A's submitted plan
        elif param == "object_id" and url.name == "admin:view_on_site":
            values[param] = str(member.pk)
        elif param == "content_type_id":
            values[param] = str(ContentType.objects.get_for_model(member).pk)
        elif param in ("object_id", "id"):
            values[param] = _admin_object(url)
        elif param == "app_label":
            values[param] = "members"
        elif param == "uidb36":
            values[param] = "1"
        elif param == "key":
            values[param] = "not-a-key"
        elif param == "call_slug" and url.name == "decisions:letter":
            values[param] = world["decided_call"].slug
        elif param == "application_id" and url.name == "decisions:letter":
            values[param] = str(world["decided_application"].pk)  # poc_a's, not accepted
        elif param == "application_id" and url.name == "decisions:decide":
            values[param] = str(world["review_application"].pk)  # submitted, in the open call
        elif param == "evidence_id" and (url.name or "").startswith("monitoring:"):
            values[param] = str(world["assessment_evidence"].pk)  # Session 4 (H1): a PDF
        elif param in (
            "plan_id",
            "endorsement_id",
            "commitment_id",
            "milestone_id",
            "meeting_id",
            "evidence_id",  # H1
        ):
            values[param] = str(world["plan_objects"][param].pk)  # member A's draft plan
        elif param == "letter_id":  # H4: a status letter of member A
            values[param] = str(world["status_letter"].pk)
        elif param == "coalition_id":
            values[param] = str(world["coalition"].pk)
        elif param == "call_slug":  # the decided call's results page, else the open call
            call = world["decided_call"] if url.name == "calls:results" else world["open_call"]
            values[param] = call.slug
        elif param == "application_id" and (url.name or "").startswith("review:"):
            values[param] = str(world["review_application"].pk)  # submitted, in the open call
        elif param == "application_id":  # poc_a's draft application in the open call
            values[param] = str(world["application"].pk)
        elif param == "signatory_id":
            values[param] = str(world["signatory"].pk)
        elif param == "pk" and (url.name or "").startswith("api:"):  # H6: public rows
            values[param] = str(world["public_objects"][url.name.split(":")[1].split("-")[0]].pk)
        elif param == "report_id":  # H6: an open error report
            values[param] = str(world["correction"].pk)
        elif param == "comment_id":  # H6: a comment on member B's public commitment
            values[param] = str(world["comment"].pk)
        elif param == "file_name":  # H6: a file of the open-data build (world)
            values[param] = "members.csv"
        elif param == "table_name":  # Session 4 (H3): a member's rows of the plans table
            values[param] = "plans"
        elif param == "assessment_id":  # H2: a draft assessment of member A's submitted plan
            values[param] = str(world["assessment"].pk)
        elif param == "token":  # H2: an invitation's link that matches none
            values[param] = "00000000-0000-4000-8000-000000000000"
        elif param in ("url", "path"):
            values[param] = "nothing-here/"
        else:
            raise AssertionError(f"no fixture for the parameter {param!r} of {url.key}")
    path = _PARAM.sub(lambda m: values[m.group(1) or m.group(2)], url.route)
    return "/" + path.replace("^", "").replace("$", "")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(STAFF_MFA_REQUIRED=True),
        transaction.atomic(),
    ):
        yield _build_world()
        transaction.set_rollback(True)


def _build_world() -> dict:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.utils import timezone
    from django_celery_beat.models import (
        ClockedSchedule,
        CrontabSchedule,
        IntervalSchedule,
        PeriodicTask,
        SolarSchedule,
    )

    member_a = MemberFactory(jurisdiction__name="Alpha City")
    member_b = MemberFactory(jurisdiction__name="Beta County")
    poc_a = PointOfContactFactory(member=member_a)
    poc_b = PointOfContactFactory(member=member_b)
    poc_ab = UserFactory()
    PointOfContactFactory(member=member_a, user=poc_ab, contact=None)
    PointOfContactFactory(member=member_b, user=poc_ab, contact=None)
    staff = UserFactory(staff=True, with_totp=True)
    OrganizationFactory(jurisdiction=member_a.jurisdiction)
    AuditEventFactory(target=member_a, actor=staff)
    access = {"user_agent": "test", "ip_address": "127.0.0.1", "username": "x", "path_info": "/"}
    AccessAttempt.objects.create(**access, get_data="", post_data="", failures_since_start=1)
    AccessFailureLog.objects.create(**access)
    AccessLog.objects.create(**access)
    interval = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.DAYS)
    CrontabSchedule.objects.create(hour="3")
    SolarSchedule.objects.create(event="sunrise", latitude=0, longitude=0)
    ClockedSchedule.objects.create(clocked_time=timezone.now())
    PeriodicTask.objects.create(name="nightly", task="ogplocal.celery.noop", interval=interval)

    users = {
        "anonymous": None,
        "poc_a": poc_a.user,
        "poc_b": poc_b.user,
        "poc_ab": poc_ab,
        "reviewer": MonitoringBodyReviewerFactory().user,
        "staff": staff,
    }
    # Calls (issue 18): an open call in which poc_a (here, an applicant) has a draft with one
    # signatory, and a decided call with its results.
    today = timezone.localdate()
    open_call = factories.CallFactory(
        opens_on=today - timedelta(days=30),
        closes_on=today + timedelta(days=30),
        first_plan_due_on=today + timedelta(days=400),
    )
    decided_call = factories.CallFactory(
        state="decided",
        opens_on=today - timedelta(days=400),
        closes_on=today - timedelta(days=300),
        first_plan_due_on=today + timedelta(days=30),
    )
    application = factories.ApplicationFactory(
        call=open_call, applicant=poc_a.user, letter=factories.pdf_file(pages=2), letter_pages=2
    )
    signatory = factories.SignatoryFactory(application=application)
    # Review: a submitted application, and the reviewer on the committee from another country.
    review_application = factories.ApplicationFactory(
        call=open_call, state="submitted", letter=factories.pdf_file(pages=1), letter_pages=1
    )
    factories.CommitteeMemberFactory(call=open_call, user=users["reviewer"])
    # Decisions: poc_a's application in the decided call, not accepted, with its letter; a
    # coalition of two members.
    decided_application = factories.ApplicationFactory(
        call=decided_call, applicant=poc_a.user, state="not_accepted"
    )
    factories.DecisionFactory(
        application=decided_application, letter_pdf=factories.pdf_file(pages=1)
    )
    coalition = factories.CoalitionFactory()
    factories.CoalitionMembershipFactory.create_batch(2, coalition=coalition)
    # Action plans (issue 19): member A's draft plan with what its URLs name.
    plan = factories.ActionPlanFactory(
        member=member_a,
        introduction_letter=factories.pdf_file(),
        strategy_document=factories.pdf_file(),
    )
    commitment = factories.CommitmentFactory(plan=plan)
    plan_objects = {
        "plan_id": plan,
        "endorsement_id": factories.EndorsingStakeholderFactory(plan=plan),
        "commitment_id": commitment,
        "milestone_id": factories.MilestoneFactory(commitment=commitment),
        "meeting_id": factories.MeetingFactory(
            plan=plan, agenda=factories.pdf_file(), minutes=factories.pdf_file()
        ),
        # H1: an item of the plan's evidence repository, a file.
        "evidence_id": factories.EvidenceFactory(plan=plan, url="", file=factories.pdf_file()),
    }
    # H6 (issue 22): public rows for the API, open data and comments: member B's submitted plan.
    public_plan = factories.ActionPlanFactory(member=member_b, submitted=True)
    public_commitment = factories.CommitmentFactory(plan=public_plan)
    public_objects = {
        "member": member_a,
        "plan": public_plan,
        "commitment": public_commitment,
        "milestone": factories.MilestoneFactory(commitment=public_commitment),
    }
    from tests.opendata import records

    public_objects["update"] = records.tracker_update(public_commitment)
    public_objects["assessment"] = records.published_assessment(public_plan)
    public_objects["statuschange"] = records.status_change(member_b)
    from ogplocal.opendata.build import build_open_data

    build_open_data(as_of=today)
    comment = factories.CommentFactory(target=public_commitment, member=member_b)
    from ogplocal.comments.models import CommentReply
    from ogplocal.corrections.models import CorrectionRequest

    CommentReply.objects.create(
        comment=factories.CommentFactory(target=public_commitment, member=member_b),
        body="Thank you.",
        author=poc_b.user,
    )
    # H2 (issue 20): a draft inception assessment of member A's submitted plan, filed by the
    # body "reviewer" reviews for.
    reviewed_plan = factories.ActionPlanFactory(member=member_a, submitted=True)
    factories.MonitoringBodyReviewerFactory(
        body=reviewed_plan.monitoring_body, user=users["reviewer"]
    )
    assessment = factories.AssessmentFactory(plan=reviewed_plan)
    # Session 4 (H1): a PDF that draft relies on, and a trained reviewer in the pool.
    assessment_evidence = factories.AssessmentEvidenceFactory(assessment=assessment)
    factories.TrainedReviewerFactory()
    # H4 (issue 21): a status letter of member A, and an e-mail in the outbox.
    status_letter = factories.StatusLetterFactory(change__member=member_a)
    factories.OutboxMessageFactory(member=member_a)
    # H3 (issue 21): member A's submitted plan with a commitment, this quarter's update with a PDF
    # of evidence, and a pending request for voluntary inactivity of member A.
    tracked = factories.CommitmentFactory(
        plan=factories.ActionPlanFactory(member=member_a, submitted=True)
    )
    factories.MilestoneFactory(commitment=tracked)
    quarter_update = factories.TrackerUpdateFactory(
        commitment=tracked,
        quarter_starts_on=today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1),
        submitted_on=today,
    )
    tracker_objects = {
        "commitment_id": tracked,
        "update_id": quarter_update,
        "evidence_id": factories.TrackerEvidenceFactory(version=quarter_update.versions.get()),
        "request_id": factories.VoluntaryInactivityFactory(member=member_a),
    }
    return {
        "tracker_objects": tracker_objects,
        "status_letter": status_letter,
        "assessment": assessment,
        "assessment_evidence": assessment_evidence,
        "public_objects": public_objects,
        "comment": comment,
        "correction": CorrectionRequest.objects.create(page="/members/", description="Wrong."),
        "plan_objects": plan_objects,
        "member_a": member_a,
        "member_b": member_b,
        "users": users,
        "open_call": open_call,
        "decided_call": decided_call,
        "application": application,
        "signatory": signatory,
        "review_application": review_application,
        "decided_application": decided_application,
        "coalition": coalition,
    }


@pytest.fixture(scope="module")
def clients(world, django_db_blocker):
    """One client per role, signed in once; its session cookie is put back before each request
    (a sign-out's rollback restores the session row, not the client's cookie)."""
    result = {}
    with django_db_blocker.unblock():
        for role, user in world["users"].items():
            client = Client(raise_request_exception=False)
            session_key = None
            if user is not None:
                client.force_login(user)
                session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
            result[role] = (client, session_key)
    return result


def outcome(response):
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        if location.startswith(reverse("account_login")):
            return LOGIN
        if location.startswith(reverse("admin:login")):
            return ADMIN_LOGIN
        return REDIRECT
    return response.status_code


def request_as(clients, role: str, method: str, path: str):
    client, session_key = clients[role]
    client.cookies.clear()
    if session_key:
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    with transaction.atomic():
        response = client.get(path) if method == "GET" else client.post(path, {})
        transaction.set_rollback(True)
    return response


# --- The tests --------------------------------------------------------------------------------

URLS = project_urls()


@pytest.mark.parametrize("url", URLS, ids=[url.key for url in URLS])
def test_url_answers_each_role_as_the_policy_says(db, world, clients, url):
    cache.clear()  # rate limits must not carry over from one URL to the next
    path = fill(url, world)
    failures = []
    for method in METHODS:
        expected = policy_row(url.key, method)
        observed = tuple(outcome(request_as(clients, role, method, path)) for role in ROLES)
        if os.environ.get("POLICY_PRINT"):
            print(f"POLICY ({url.key!r}, {method!r}): {observed},")
        if 500 in observed or expected != observed:
            failures.append(f"{method} {path}: expected {expected}, got {observed}")
    assert not failures, "\n".join(failures)


def urls_without_a_row() -> list[str]:
    return [
        f"{url.key} {method}"
        for url in project_urls()
        for method in METHODS
        if policy_row(url.key, method) is None
    ]


def test_every_url_has_a_row_in_the_policy():
    assert urls_without_a_row() == []


urlpatterns = [
    *get_resolver("ogplocal.urls").url_patterns,
    path("members/<slug:slug>/vote/", lambda request, slug: None, name="members-vote"),
]


@pytest.mark.urls(__name__)
def test_a_url_added_without_a_row_fails_the_policy():
    assert urls_without_a_row() == [
        "members-vote[A] GET",
        "members-vote[A] POST",
        "members-vote[B] GET",
        "members-vote[B] POST",
    ]


# --- Views load their objects one way ---------------------------------------------------------

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = {"ogplocal", "members", "monitoring", "tracker", "actionplans", "commitments"}


def test_every_project_page_with_an_object_loads_it_through_the_permission_helper():
    """A view of ours whose URL names an object loads it with `object_permission_required` (or
    `ObjectPermissionMixin`), so that scope and permission cannot be forgotten. The admin checks
    its own model permissions (and is in the table above)."""
    offenders = []
    for name, route, pattern in _walk(get_resolver().url_patterns):
        callback = pattern.callback
        if route.startswith("admin/") or not _PARAM.search(route):
            continue
        if callback.__module__.split(".")[0] not in PROJECT_PACKAGES:
            continue
        view_class = getattr(callback, "view_class", None)
        if hasattr(callback, MARKER) or (
            view_class and issubclass(view_class, ObjectPermissionMixin)
        ):
            continue
        if _is_rules_api_view(callback):
            continue
        offenders.append(f"{name or route} ({callback.__module__}.{callback.__name__})")
    assert offenders == []


def _is_rules_api_view(callback) -> bool:
    """An API viewset loads its object with `get_object()`, which `RulesPermission` checks (404
    for what the person may not see): the API's form of the permission helper."""
    from ogplocal.api.permissions import RulesPermission

    view_class = getattr(callback, "cls", None)
    if view_class is None or not hasattr(view_class, "get_object"):
        return False
    return any(isinstance(p, RulesPermission) for p in view_class().get_permissions())


def _hand_written_checks(source: str) -> list[int]:
    """Lines that call `has_perm` or `permission_or_404` themselves."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in {"has_perm", "has_perms", "permission_or_404"}:
                lines.append(node.lineno)
    return lines


def test_no_view_checks_a_permission_by_hand():
    views = [
        path for package in PROJECT_PACKAGES for path in (PROJECT_ROOT / package).rglob("views*.py")
    ]
    assert views, "found no views modules"
    offenders = {
        str(path.relative_to(PROJECT_ROOT)): lines
        for path in views
        if (lines := _hand_written_checks(path.read_text()))
    }
    assert offenders == {}


def test_the_hand_written_check_detector_finds_one():
    assert _hand_written_checks("if not request.user.has_perm('x', obj):\n    raise Http404\n")
    assert _hand_written_checks("permission_or_404(request.user, 'x', obj)\n")
    assert not _hand_written_checks(
        "@object_permission_required(selector, 'x')\ndef v(r, o): pass\n"
    )
