import datetime as dt

import pytest
from django.utils import timezone

from core.months import Month
from tests.factories import RegistrarFactory

# Past months with 31 days (the Almaty boundary is tested on the 31st).
OCTOBER = Month(2026, 10)
NOVEMBER = Month(2026, 11)


def almaty(month: Month, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    """A moment in Almaty time (UTC+5)."""
    return timezone.make_aware(dt.datetime(month.year, month.month, day, hour, minute), timezone.get_default_timezone())


@pytest.fixture
def almaly_registrar(almaly):
    return RegistrarFactory(centre=almaly)


@pytest.fixture
def bostandyk_registrar(bostandyk):
    return RegistrarFactory(centre=bostandyk)
