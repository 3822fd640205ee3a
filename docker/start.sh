#!/bin/sh
# Start newsmeta: migrate the store, import NEWSMETA_IMPORT_PATHS if set, serve.
# `make run` and the container image both start through this script. Every NEWSMETA_*
# setting reaches the server from the environment: `NEWSMETA_API_KEYS=KEY make run`, or
# `docker run -e NEWSMETA_API_KEYS=KEY …`, enables writes.
set -eu
newsmeta db upgrade
if [ -n "${NEWSMETA_IMPORT_PATHS:-}" ]; then
    # A failed file is reported and skipped; it must not stop the server from starting.
    # shellcheck disable=SC2086
    newsmeta import $NEWSMETA_IMPORT_PATHS || echo "start.sh: some files were not imported (see above)" >&2
fi
exec newsmeta serve --host "${NEWSMETA_HOST:-0.0.0.0}" --port "${NEWSMETA_PORT:-8000}" --workers "${NEWSMETA_WORKERS:-1}"
