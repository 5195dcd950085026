"""Read paths of commitment changes: the versions of a commitment with what changed between each
and the one before (a side-by-side difference, long text diffed word by word), and the Support
Unit's list of recent change notices."""

import difflib
import re
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from commitments.models import (
    BranchOfGovernment,
    ChangeNotice,
    Commitment,
    CommitmentVersion,
    OgpValue,
    PolicyArea,
    Sector,
)
from commitments.services import COMMITMENT_FIELDS

_CHOICES = {
    "policy_area": PolicyArea,
    "second_policy_area": PolicyArea,
    "sector": Sector,
    "second_sector": Sector,
    "lead_agency_branch": BranchOfGovernment,
}
_LONG = 40  # longer texts are diffed word by word
_WORDS = re.compile(r"(\s+)")


@dataclass
class FieldDifference:
    label: str
    before: SafeString
    after: SafeString


@dataclass
class VersionChange:
    version: CommitmentVersion
    notice: ChangeNotice | None
    differences: list[FieldDifference]


def _day(value: str | None) -> str:
    return date_format(date.fromisoformat(value), "DATE_FORMAT") if value else "—"


def _display(name: str, value) -> str:
    if value in (None, "", []):
        return "—"
    if name in ("starts_on", "ends_on", "removed_on"):
        return _day(value)
    if name in _CHOICES:
        return str(_CHOICES[name](value).label) if value in _CHOICES[name].values else value
    if name == "ogp_values":
        return ", ".join(str(OgpValue(v).label) for v in value if v in OgpValue.values)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def _milestones_text(milestones: list[dict]) -> str:
    return "\n".join(
        f"{row['number']}. {row['output']} "
        f"({_day(row['starts_on'])} \u2013 {_day(row['ends_on'])}; {row['responsible_agency']})"
        for row in milestones
    )


def word_diff(before: str, after: str) -> tuple[SafeString, SafeString]:
    """The two texts, escaped, with removed words in `<del>` and added words in `<ins>`."""
    old, new = _WORDS.split(before), _WORDS.split(after)
    left, right = [], []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed = conditional_escape("".join(old[i1:i2]))
        added = conditional_escape("".join(new[j1:j2]))
        if tag == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(format_html("<del>{}</del>", removed))
        if added:
            right.append(format_html("<ins>{}</ins>", added))
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 (escaped above)


def _label(name: str) -> str:
    if name == "milestones":
        return _("Milestones")
    return capfirst(Commitment._meta.get_field(name).verbose_name)


def differences(before: dict, after: dict) -> list[FieldDifference]:
    """The fields that differ between two version snapshots, in Annex 2's order."""
    rows = []
    for name in (*COMMITMENT_FIELDS, "removed_on", "milestones"):
        if name == "jurisdiction" or before.get(name) == after.get(name):
            continue
        if name == "milestones":
            old = _milestones_text(before.get(name) or [])
            new = _milestones_text(after.get(name) or [])
        else:
            old, new = _display(name, before.get(name)), _display(name, after.get(name))
        if len(old) > _LONG or len(new) > _LONG or "\n" in old + new:
            left, right = word_diff(old, new)
        else:
            left, right = conditional_escape(old), conditional_escape(new)
        rows.append(FieldDifference(_label(name), left, right))
    return rows


def version_changes(commitment: Commitment) -> list[VersionChange]:
    """Each version of `commitment`, newest first, with its change notice and its differences
    from the version before (one query)."""
    versions = list(
        CommitmentVersion.objects.filter(commitment=commitment)
        .select_related("change_notice")
        .order_by("number")
    )
    changes = []
    for previous, version in zip([None, *versions], versions, strict=False):
        notice = getattr(version, "change_notice", None)
        rows = differences(previous.snapshot, version.snapshot) if previous else []
        changes.append(VersionChange(version, notice, rows))
    return list(reversed(changes))


def recent_change_notices(limit: int = 100):
    """The Support Unit's list: the latest change notices of every member."""
    return ChangeNotice.objects.select_related(
        "commitment__plan__member__jurisdiction",
        "commitment__plan__coalition",
        "proposed_by",
        "version",
    ).order_by("-created_at", "-pk")[:limit]
