from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection

from families.models import CentreGuest
from tests.factories import RegistrarFactory
from tests.families.factories import FamilyFactory, VisitFactory

pytestmark = pytest.mark.django_db


def test_the_migration_records_the_centres_of_visits_made_before_it(almaly, bostandyk):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    VisitFactory(family=family, centre=bostandyk)
    VisitFactory(family=family, centre=bostandyk)
    VisitFactory(family=family, centre=almaly)
    CentreGuest.objects.all().delete()

    with connection.schema_editor() as editor:
        import_module("families.migrations.0005_centre_guests").backfill(apps, editor)

    assert list(CentreGuest.objects.values_list("centre_id", "family_id")) == [(bostandyk.pk, family.pk)]
