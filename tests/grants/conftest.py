import pytest

from tests.grants.factories import open_round


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def round_(almaly):
    return open_round(districts=[almaly.district])
