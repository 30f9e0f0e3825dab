"""The registry's trigram indexes keep a short pending list (migration 0017): a search never reads
through a megabyte of entries not yet merged into the index."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

TRIGRAM_INDEXES = {"family_search_name_trgm", "person_iin_trgm", "family_phone_trgm", "family_phone_extra_trgm"}


def test_every_trigram_index_of_the_registry_keeps_at_most_64_kb_pending():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reloptions FROM pg_class c JOIN pg_am a ON a.oid = c.relam "
            "WHERE a.amname = 'gin' AND c.relname = ANY(%s)",
            [sorted(TRIGRAM_INDEXES)],
        )
        options = dict(cursor.fetchall())

    assert options == {name: ["gin_pending_list_limit=64"] for name in TRIGRAM_INDEXES}


def test_the_planner_keeps_300_mothers_names_to_estimate_a_misspelt_names_matches():
    """Migration 0018: with the server's 100, the estimate of a similar-name search swung from one
    ANALYZE to the next, and one plan in three read all the similar names of the city before her
    district's (see the migration)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute WHERE attrelid = 'families_family'::regclass AND attname = 'search_name'"
        )
        (target,) = cursor.fetchone()

    assert target == 300
