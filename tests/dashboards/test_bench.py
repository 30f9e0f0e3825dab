"""The dashboards' page make bench measures, requested as the demo city official on a seeded database."""

import io
import random

import pytest
from django.core.management import call_command

from accounts.models import User
from dashboards import bench

pytestmark = pytest.mark.django_db


def test_the_city_dashboard_paths_answer_the_demo_city_official(client):
    call_command("seed_demo", families=60, stdout=io.StringIO())
    client.force_login(User.objects.get(username=bench.CITY_OFFICIAL))
    paths = bench.city_dashboard(random.Random(1), 5)
    assert len(paths) == 5
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200
        assert response.context["board"].as_of is not None
