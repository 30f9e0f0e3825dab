#!/usr/bin/env bash
# `make run`: the web server and one background worker (with the beat scheduler built in) on the
# embedded default. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
host=${1:-127.0.0.1}
port=${2:-8000}
bin=.venv/bin

banner=$(mktemp)

# Filesystem transport: no broadcast, so no gossip/mingle/heartbeat between workers (there is only one).
# `make run` is often started as root (a container, a VM): the embedded worker then runs as root by
# design, so Celery's advice to drop privileges with --uid is silenced for it alone (the image's worker
# runs as the otbasy user). C_FORCE_ROOT would not do it: it only permits pickle, the warning stays.
PYTHONWARNINGS="ignore:You're running the worker with superuser privileges" \
  "$bin/celery" -A otbasy worker --beat --pool=solo --loglevel=WARNING \
  --without-gossip --without-mingle --without-heartbeat > >(tee "$banner") 2>&1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true; rm -f "$banner"' EXIT INT TERM

# The worker's banner comes a few seconds after it starts and would push the logins off the screen:
# wait for it (at most 30 s), then say where the portal is and print the logins again.
for _ in $(seq 300); do
  grep -q '\[queues\]' "$banner" && break
  sleep 0.1
done
sleep 0.5
cat <<TXT

  Otbasy is starting at http://$host:$port/  (Kazakh: /kk/, Russian: /ru/, admin: /admin/, health: /healthz)
  Background worker: pid $worker. Sign in with one of the demo logins below. Stop with Ctrl+C.
TXT
"$bin/python" manage.py seed_demo --logins-only
echo
"$bin/python" manage.py runserver --noreload "$host:$port"
