"""The parts of ``make bench`` (scripts/bench.py): the scratch database, gunicorn, the HTTP clients,
the measuring and the report. Standard library and psycopg only: Django runs in the subprocesses."""
