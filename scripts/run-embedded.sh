#!/usr/bin/env bash
# `make run`: the web server and one background worker (with the beat scheduler built in) on the
# embedded default. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
host=${1:-127.0.0.1}
port=${2:-8000}
bin=.venv/bin

# Filesystem transport: no broadcast, so no gossip/mingle/heartbeat between workers (there is only one).
"$bin/celery" -A otbasy worker --beat --pool=solo --loglevel=WARNING \
  --without-gossip --without-mingle --without-heartbeat &
worker=$!
trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT INT TERM

cat <<TXT

  Otbasy is starting at http://$host:$port/  (Kazakh: /kk/, Russian: /ru/, admin: /admin/, health: /healthz)
  Background worker: pid $worker. Sign in with one of the demo logins above. Stop with Ctrl+C.

TXT
"$bin/python" manage.py runserver --noreload "$host:$port"
