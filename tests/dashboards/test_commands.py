import io

import pytest
from django.core.management import CommandError, call_command

from dashboards.models import MonthlyReport
from tests.dashboards.conftest import NOVEMBER

pytestmark = pytest.mark.django_db


def test_the_command_builds_the_month_s_reports_once_and_says_how_long_it_took(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    out = io.StringIO()
    call_command("build_monthly_reports", "--month", str(NOVEMBER), stdout=out)
    assert MonthlyReport.objects.filter(month=NOVEMBER.first_day, scope="city").count() == 1
    assert "reports built in" in out.getvalue()


def test_a_wrong_month_is_refused():
    with pytest.raises(CommandError):
        call_command("build_monthly_reports", "--month", "November")
