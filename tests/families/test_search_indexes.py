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
