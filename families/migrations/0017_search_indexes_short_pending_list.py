"""The registry's trigram indexes (0003, 0012) keep a short list of pending entries (64 kB, the least
PostgreSQL allows, instead of the server's 4 MB default).

A GIN index takes new rows into a pending list that every search reads through in full, until a vacuum
or an overflowing list merges it into the index. The registry is written a few dozen rows a day and
searched all day: with the default, a search after a day's registrations (or after the demo's bulk
load) read a megabyte of pending entries, which took most of the name search's time. A short list is
merged as soon as it fills, so a search reads at most eight pages of it."""

from django.db import migrations

# The trigram indexes of 0003 (the mothers' folded names) and 0012 (IINs and phones).
TRIGRAM_INDEXES = ("family_search_name_trgm", "person_iin_trgm", "family_phone_trgm", "family_phone_extra_trgm")
PENDING_LIST_KB = 64


def shorten(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in TRIGRAM_INDEXES:
            schema_editor.execute(f"ALTER INDEX IF EXISTS {name} SET (gin_pending_list_limit = {PENDING_LIST_KB})")
            schema_editor.execute(f"SELECT gin_clean_pending_list(oid::regclass) FROM pg_class WHERE relname = '{name}'")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in TRIGRAM_INDEXES:
            schema_editor.execute(f"ALTER INDEX IF EXISTS {name} RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("families", "0016_family_verified_message")]

    operations = [migrations.RunPython(shorten, restore)]
