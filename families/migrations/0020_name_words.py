"""The vocabulary of the mothers' name words (``NameWord``), kept by PostgreSQL, and an index of each
family's name words.

The name search looked each word typed up in the trigram index of the families' whole names. A
misspelt surname then read the index entries of a family in forty (2,578 for "sarsinbaeva" at 100,000
families), intersected them with her district's and her centre's guests' and tested the similarity
on a few hundred rows; and planning it tested the 300 names of the column's statistics (migration
0018), 3 ms a search. A word is now looked up among the distinct words of the mothers' names (442 in
the demo at any size, a few tens of thousands in a city), and the families holding the words found
are read from a GIN index of their names' words (``string_to_array(search_name, ' ')``).

The words stay complete whatever writes the families: statement triggers add the words of the rows an
``INSERT`` (or ``COPY``) or an ``UPDATE`` wrote, in one ``INSERT … ON CONFLICT DO NOTHING`` taken in
the words' order (two registrations adding the same new words wait for each other rather than
deadlock). They are enabled ``ALWAYS``: the demo's bulk load, which switches the other triggers off
(``session_replication_role = replica``), runs them too. SQLite, the embedded default, has no such
search: there the table stays empty.
"""

from django.db import migrations, models

PENDING_LIST_KB = 64  # as the trigram indexes' (migration 0017)

_ADD_WORDS = """
INSERT INTO families_nameword (word)
SELECT DISTINCT word FROM {rows}, unnest(string_to_array(new_rows.search_name::text, ' ')) AS word
WHERE word <> '' {changed}
ORDER BY word
ON CONFLICT DO NOTHING;
"""

POSTGRESQL = f"""
CREATE INDEX family_name_words ON families_family USING gin (string_to_array(search_name::text, ' '))
  WITH (gin_pending_list_limit = {PENDING_LIST_KB});
CREATE INDEX name_word_trgm ON families_nameword USING gin (word gin_trgm_ops)
  WITH (gin_pending_list_limit = {PENDING_LIST_KB});

CREATE FUNCTION families_name_words_inserted() RETURNS trigger AS $$
BEGIN
  {_ADD_WORDS.format(rows="new_rows", changed="")}
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE FUNCTION families_name_words_updated() RETURNS trigger AS $$
BEGIN
  {
    _ADD_WORDS.format(
        rows="new_rows JOIN old_rows ON old_rows.id = new_rows.id",
        changed="AND new_rows.search_name IS DISTINCT FROM old_rows.search_name",
    )
}
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER families_name_words_inserted AFTER INSERT ON families_family
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION families_name_words_inserted();
CREATE TRIGGER families_name_words_updated AFTER UPDATE ON families_family
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION families_name_words_updated();
ALTER TABLE families_family ENABLE ALWAYS TRIGGER families_name_words_inserted;
ALTER TABLE families_family ENABLE ALWAYS TRIGGER families_name_words_updated;

{_ADD_WORDS.format(rows="families_family AS new_rows", changed="")}
"""
POSTGRESQL_REVERSE = """
DROP TRIGGER families_name_words_inserted ON families_family;
DROP TRIGGER families_name_words_updated ON families_family;
DROP FUNCTION families_name_words_inserted();
DROP FUNCTION families_name_words_updated();
DROP INDEX family_name_words;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("families", "0019_no_index_beside_a_wider_one")]

    operations = [
        migrations.CreateModel(
            name="NameWord",
            fields=[("word", models.CharField(max_length=320, primary_key=True, serialize=False))],
        ),
        migrations.RunPython(forwards, backwards),
    ]
