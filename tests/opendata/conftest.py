import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Each test builds its open-data files into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
