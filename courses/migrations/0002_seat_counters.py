"""The groups' seat and kids' corner counters, kept by the database itself from the bookings: a booking
holding a seat (confirmed, or offered from the waiting list) counts one seat, and one kids' corner place
when it names a child. Each change updates the group's row, which takes its lock, so two transactions
booking the same group queue there; the check constraints on the counters then refuse an overbooking
that slipped past the services' own lock (a script, the admin, a bug): the last line."""

from django.db import migrations

HOLDING = "('confirmed', 'offered')"

POSTGRESQL = f"""
CREATE FUNCTION courses_booking_counts() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN {HOLDING} THEN
    UPDATE courses_group SET seats_taken = seats_taken - 1,
           childcare_taken = childcare_taken - (CASE WHEN OLD.child_id IS NULL THEN 0 ELSE 1 END)
     WHERE id = OLD.group_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status IN {HOLDING} THEN
    UPDATE courses_group SET seats_taken = seats_taken + 1,
           childcare_taken = childcare_taken + (CASE WHEN NEW.child_id IS NULL THEN 0 ELSE 1 END)
     WHERE id = NEW.group_id;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER courses_booking_counts
AFTER INSERT OR DELETE OR UPDATE OF status, child_id, group_id ON courses_booking
FOR EACH ROW EXECUTE FUNCTION courses_booking_counts();
"""
POSTGRESQL_REVERSE = "DROP TRIGGER courses_booking_counts ON courses_booking; DROP FUNCTION courses_booking_counts();"

_HOLDS = "{row}.status IN " + HOLDING
_CHANGE = (
    "UPDATE courses_group SET seats_taken = seats_taken {sign} ({holds}), "
    "childcare_taken = childcare_taken {sign} ({holds} AND {row}.child_id IS NOT NULL) WHERE id = {row}.group_id;"
)
_GIVE = _CHANGE.format(sign="-", holds=_HOLDS.format(row="OLD"), row="OLD")
_TAKE = _CHANGE.format(sign="+", holds=_HOLDS.format(row="NEW"), row="NEW")
# One trigger per event; an update gives the old seat back before it takes the new one, as on PostgreSQL.
SQLITE = [
    f"CREATE TRIGGER courses_booking_counts_insert AFTER INSERT ON courses_booking BEGIN {_TAKE} END;",
    f"CREATE TRIGGER courses_booking_counts_delete AFTER DELETE ON courses_booking BEGIN {_GIVE} END;",
    f"CREATE TRIGGER courses_booking_counts_update AFTER UPDATE OF status, child_id, group_id ON courses_booking "
    f"BEGIN {_GIVE} {_TAKE} END;",
]
SQLITE_REVERSE = [f"DROP TRIGGER courses_booking_counts_{name};" for name in ("insert", "delete", "update")]


def forwards(apps, schema_editor):
    statements = [POSTGRESQL] if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = [POSTGRESQL_REVERSE] if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
