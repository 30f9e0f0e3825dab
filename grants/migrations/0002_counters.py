"""The money counters, kept by the database itself: a budget's and a district allocation's ``approved``
from the approved applications, and an application's ``disbursed`` from its tranches. Each change updates
the counter's row, which takes its lock, so two transactions approving from the same allocation queue
there; the check constraints on the counters (approved ≤ amount, disbursed ≤ approved) then refuse an
overspend that slipped past the services' own lock — the last line. An approval in a district the budget
has no allocation for is refused too. A version of an application, once written, is never changed."""

from django.db import migrations

APPROVED = "('approved', 'agreement', 'disbursed', 'monitoring', 'operating', 'business_closed')"

POSTGRESQL = f"""
CREATE FUNCTION grants_application_counts() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN {APPROVED} THEN
    UPDATE grants_budget SET approved = approved - OLD.approved_amount WHERE id = OLD.budget_id;
    UPDATE grants_allocation SET approved = approved - OLD.approved_amount
     WHERE budget_id = OLD.budget_id AND district_id = OLD.district_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status IN {APPROVED} THEN
    UPDATE grants_budget SET approved = approved + NEW.approved_amount WHERE id = NEW.budget_id;
    UPDATE grants_allocation SET approved = approved + NEW.approved_amount
     WHERE budget_id = NEW.budget_id AND district_id = NEW.district_id;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'grants: no allocation for district %% in budget %%', NEW.district_id, NEW.budget_id
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER grants_application_counts
AFTER INSERT OR DELETE OR UPDATE OF status, approved_amount, budget_id, district_id ON grants_application
FOR EACH ROW EXECUTE FUNCTION grants_application_counts();

CREATE FUNCTION grants_tranche_counts() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE grants_application SET disbursed = disbursed - OLD.amount WHERE id = OLD.application_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE grants_application SET disbursed = disbursed + NEW.amount WHERE id = NEW.application_id;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER grants_tranche_counts
AFTER INSERT OR DELETE OR UPDATE OF amount, application_id ON grants_tranche
FOR EACH ROW EXECUTE FUNCTION grants_tranche_counts();

CREATE FUNCTION grants_version_frozen() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'grants: an application version is never changed' USING ERRCODE = 'check_violation';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER grants_version_frozen BEFORE UPDATE ON grants_applicationversion
FOR EACH ROW EXECUTE FUNCTION grants_version_frozen();
"""
POSTGRESQL_REVERSE = """
DROP TRIGGER grants_application_counts ON grants_application; DROP FUNCTION grants_application_counts();
DROP TRIGGER grants_tranche_counts ON grants_tranche; DROP FUNCTION grants_tranche_counts();
DROP TRIGGER grants_version_frozen ON grants_applicationversion; DROP FUNCTION grants_version_frozen();
"""

_COUNTED = "{row}.status IN " + APPROVED
_APP = (
    "UPDATE grants_budget SET approved = approved {sign} {row}.approved_amount WHERE id = {row}.budget_id AND {counted}; "
    "UPDATE grants_allocation SET approved = approved {sign} {row}.approved_amount "
    "WHERE budget_id = {row}.budget_id AND district_id = {row}.district_id AND {counted};"
)
_GIVE = _APP.format(sign="-", row="OLD", counted=_COUNTED.format(row="OLD"))
_TAKE = _APP.format(sign="+", row="NEW", counted=_COUNTED.format(row="NEW"))
_PAY = "UPDATE grants_application SET disbursed = disbursed {sign} {row}.amount WHERE id = {row}.application_id;"
SQLITE = [
    f"CREATE TRIGGER grants_application_counts_insert AFTER INSERT ON grants_application BEGIN {_TAKE} END;",
    f"CREATE TRIGGER grants_application_counts_delete AFTER DELETE ON grants_application BEGIN {_GIVE} END;",
    "CREATE TRIGGER grants_application_counts_update AFTER UPDATE OF status, approved_amount, budget_id, district_id "
    f"ON grants_application BEGIN {_GIVE} {_TAKE} END;",
    f"CREATE TRIGGER grants_tranche_counts_insert AFTER INSERT ON grants_tranche BEGIN {_PAY.format(sign='+', row='NEW')} END;",
    f"CREATE TRIGGER grants_tranche_counts_delete AFTER DELETE ON grants_tranche BEGIN {_PAY.format(sign='-', row='OLD')} END;",
    "CREATE TRIGGER grants_version_frozen BEFORE UPDATE ON grants_applicationversion "
    "BEGIN SELECT RAISE(ABORT, 'grants: an application version is never changed'); END;",
]
SQLITE_REVERSE = [
    *(f"DROP TRIGGER grants_application_counts_{name};" for name in ("insert", "delete", "update")),
    "DROP TRIGGER grants_tranche_counts_insert;",
    "DROP TRIGGER grants_tranche_counts_delete;",
    "DROP TRIGGER grants_version_frozen;",
]


def forwards(apps, schema_editor):
    statements = [POSTGRESQL] if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = [POSTGRESQL_REVERSE] if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("grants", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
