"""Relaying a visitor's message to a member's points of contact (issue 22).

The points of contact's addresses are never shown on a public page: the portal sends the message
to them by e-mail, with the sender's address as Reply-To, so that they can answer directly. When a
member has no current point of contact the message goes to the Support Unit.

Rate limited per sender address (IP) and per member, in the cache: a few messages an hour from one
address, a few dozen a day to one member. The sender's message is not stored.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Member, PointOfContact

PER_SENDER_PER_HOUR = 3
PER_MEMBER_PER_DAY = 30


class RateLimited(Exception):
    """Too many messages: from this address in the last hour, or to this member today."""


@dataclass(frozen=True)
class ContactMessage:
    name: str
    email: str
    message: str


def recipients_of(member: Member, *, as_of: date) -> list[str]:
    """The addresses a message to `member` goes to: its current points of contact's (their
    contact card's address, else their account's), else the Support Unit's."""
    addresses = []
    for point in (
        PointOfContact.objects.current(as_of=as_of)
        .filter(member=member)
        .select_related("user", "contact")
        .order_by("-is_primary", "starts_on", "pk")
    ):
        address = (point.contact.email if point.contact_id else "") or point.user.email
        if address and address not in addresses:
            addresses.append(address)
    return addresses or [settings.SUPPORT_UNIT_EMAIL]


def _within_limit(key: str, limit: int, seconds: int) -> bool:
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit


def relay_message(
    member: Member, message: ContactMessage, *, sender_address: str, as_of: date
) -> None:
    """E-mail `message` to the member's points of contact after the transaction commits.

    Raises RateLimited when the sender (by IP address) or the member has had too many."""
    if not _within_limit(f"contact:sender:{sender_address}", PER_SENDER_PER_HOUR, 3600):
        raise RateLimited
    if not _within_limit(f"contact:member:{member.pk}:{as_of}", PER_MEMBER_PER_DAY, 86400):
        raise RateLimited
    subject = _("Message from a visitor of the OGP Local portal about %(member)s") % {
        "member": member.jurisdiction.name
    }
    body = _(
        "%(name)s wrote to you through the OGP Local portal's page of %(member)s.\n"
        "Reply to this e-mail to answer them at %(email)s.\n\n"
        "----\n%(message)s\n----\n\n"
        "Your address was not shown to them; it is shown to nobody on the public portal."
    ) % {
        "name": message.name,
        "member": member.jurisdiction.name,
        "email": message.email,
        "message": message.message,
    }
    email = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients_of(member, as_of=as_of),
        reply_to=[message.email],
    )
    transaction.on_commit(lambda: email.send(fail_silently=False))
