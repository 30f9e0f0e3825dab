"""Migration operations the apps share.

``OnPostgreSQL`` wraps schema changes that are worth making on PostgreSQL only. SQLite, the embedded
default of ``make run``, cannot alter a column in place: Django rebuilds the whole table for it, and a
rebuilt table loses the triggers on it (the courses' seat counters, the grants' budget counters) and
breaks the ones on other tables that name it. A change that only saves PostgreSQL work at every write
(dropping an index that a wider one makes redundant) is not worth that; every database still takes the
change into the migration state, so the models and the migrations agree everywhere.
"""

from django.db import migrations


class OnPostgreSQL(migrations.SeparateDatabaseAndState):
    """``operations`` in every database's migration state, and in the schema of PostgreSQL alone."""

    def __init__(self, *operations):
        super().__init__(database_operations=operations, state_operations=operations)

    def deconstruct(self):
        return self.__class__.__qualname__, self.state_operations, {}

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return "On PostgreSQL: " + "; ".join(operation.describe() for operation in self.state_operations)
