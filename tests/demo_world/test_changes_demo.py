"""The demo has one commitment with two recorded changes and three versions (LH §3.2.1.3)."""

import pytest

from commitments.models import ChangeNotice, CommitmentVersion

pytestmark = pytest.mark.django_db


def test_demo_has_a_commitment_with_changes_and_its_versions():
    notice = ChangeNotice.objects.select_related("commitment").first()
    assert ChangeNotice.objects.count() == 2
    versions = CommitmentVersion.objects.filter(commitment=notice.commitment)
    assert list(versions.values_list("number", flat=True)) == [1, 2, 3]
