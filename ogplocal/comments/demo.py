"""Demo comments for `seed_demo` (issue 22): public comments on a tracker update, a commitment and
a published assessment, the member's reply, one comment hidden by moderators; an error report;
then the open-data files are built so that /data/ has them. A second run adds nothing."""

from datetime import date

from members.models import PointOfContact
from ogplocal.comments import services
from ogplocal.comments.models import Comment
from ogplocal.comments.selectors import comments_on
from ogplocal.corrections.models import CorrectionRequest
from ogplocal.corrections.services import report_error
from ogplocal.opendata import selectors
from ogplocal.opendata.build import build_open_data

COMMENTS = [
    (
        "Lucía Fernández",
        "lucia.fernandez@example.org",
        "The contracts of the first quarter are on the portal, but the award criteria are "
        "missing. Will they be published too?",
    ),
    (
        "Observatorio Ciudadano",
        "contacto@observatorio.example.org",
        "We checked twenty contracts against the registry: all matched. Thank you.",
    ),
]
HIDDEN = (
    "Anonymous",
    "spam@example.org",
    "Buy cheap followers at this address!!!",
    "Advertising, not a comment on the update.",
)
REPLY = (
    "The award criteria will be published with each contract from next month; the first "
    "quarter's will be added by the end of the quarter."
)


def _first_commented(obj) -> bool:
    return comments_on(obj).exists()


def _point_of_contact_user(member, as_of: date):
    record = (
        PointOfContact.objects.current(as_of=as_of).filter(member=member).order_by("pk").first()
    )
    return record.user if record else None


def seed_comments_demo(*, staff, as_of: date) -> None:
    targets = []
    version = (
        selectors.public_update_versions()
        .filter(update__commitment__plan__member__isnull=False)
        .order_by("-filed_on")
        .first()
    )
    if version is not None:
        targets.append(version.update)
    commitment = selectors.public_commitments().filter(plan__member__isnull=False).first()
    if commitment is not None:
        targets.append(commitment)
    assessment = selectors.public_assessments().filter(plan__member__isnull=False).first()
    if assessment is not None:
        targets.append(assessment)
    anonymous = None
    for index, target in enumerate(targets):
        if _first_commented(target):
            continue
        written = [
            services.post_comment(target=target, user=anonymous, name=name, email=email, body=body)
            for name, email, body in COMMENTS[: 2 if index == 0 else 1]
        ]
        member = written[0].member
        poc = _point_of_contact_user(member, as_of) if member else None
        if poc is not None:
            services.reply_to_comment(comment=written[0], actor=poc, body=REPLY)
        if index == 0:
            name, email, body, reason = HIDDEN
            spam = services.post_comment(
                target=target, user=anonymous, name=name, email=email, body=body
            )
            services.hide_comment(comment=spam, actor=staff, reason=reason)
    if not CorrectionRequest.objects.exists():
        report_error(
            page="/members/",
            description="The directory lists Cali as joining in 2022; its acceptance letter says "
            "2021.",
            user=None,
            email="reader@example.org",
        )
    assert Comment.objects.exists() or not targets
    build_open_data(as_of=as_of)
