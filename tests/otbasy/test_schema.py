"""The database schema the migrations build: what the models declare, and no index a write pays for
that another index already gives."""

from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db


# A plain b-tree index on one column whose lookups another b-tree index of the same table serves,
# because that index starts with the same column (a unique constraint's included). Many-to-many
# tables Django makes itself (their pair is unique, and Django indexes each column on its own) are
# left out: their layout is Django's.
REDUNDANT_INDEXES = """
SELECT single.indexrelid::regclass::text, wider.indexrelid::regclass::text
FROM pg_index single
JOIN pg_class single_index ON single_index.oid = single.indexrelid
JOIN pg_am single_am ON single_am.oid = single_index.relam
JOIN pg_index wider ON wider.indrelid = single.indrelid AND wider.indexrelid <> single.indexrelid
JOIN pg_class wider_index ON wider_index.oid = wider.indexrelid
JOIN pg_am wider_am ON wider_am.oid = wider_index.relam
WHERE single.indrelid = ANY(%s::regclass[])
  AND single_am.amname = 'btree' AND wider_am.amname = 'btree'
  AND single.indnkeyatts = 1 AND NOT single.indisunique AND single.indpred IS NULL AND single.indexprs IS NULL
  AND wider.indnkeyatts > 1 AND wider.indpred IS NULL AND wider.indkey[0] = single.indkey[0]
ORDER BY 1
"""


def own_tables() -> list[str]:
    """The tables of the portal's own apps, each a top-level folder of the checkout (Django's, axes' and
    celery-beat's are theirs to lay out, even when the virtualenv sits inside the checkout)."""
    own = [config for config in apps.get_app_configs() if Path(config.path).parent == settings.BASE_DIR]
    return [model._meta.db_table for config in own for model in config.get_models() if not model._meta.auto_created]


def test_the_migrations_build_what_the_models_declare():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)


def test_no_index_on_one_column_is_kept_beside_a_wider_index_that_starts_with_it():
    with connection.cursor() as cursor:
        cursor.execute(REDUNDANT_INDEXES, [own_tables()])
        redundant = cursor.fetchall()
    assert redundant == []


def test_the_check_finds_an_index_that_a_wider_one_makes_redundant():
    # The control: the query above would find the index the registry's timeline had before
    # migration 0019 (its family beside the timeline's (family, at, id)).
    with connection.cursor() as cursor:
        cursor.execute("CREATE INDEX schema_test_timeline_family ON families_timelineentry (family_id)")
        cursor.execute(REDUNDANT_INDEXES, [own_tables()])
        redundant = cursor.fetchall()
    assert redundant == [("schema_test_timeline_family", "timeline_family_at")]
