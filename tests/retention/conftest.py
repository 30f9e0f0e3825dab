import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _in_kazakh():
    """Services' refusals are read in Kazakh (the default language) whatever a test before left active."""
    with translation.override("kk"):
        yield
