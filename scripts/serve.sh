#!/usr/bin/env bash
# Serve the assistant: the action server, then Rasa (REST, Socket.IO and the HTTP API),
# or with --shell a terminal chat. Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
MODE=${1:-serve}
pids=()
CREDENTIALS=""

stop_all() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    echo; echo "==> Stopping the servers"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  if [ -n "$CREDENTIALS" ]; then rm -f "$CREDENTIALS"; fi
}
trap stop_all INT TERM EXIT

wait_for() {  # name url seconds
  local name=$1 url=$2 limit=$3 waited=0
  printf '==> Waiting for %s ' "$name"
  until curl -fs -o /dev/null "$url"; do
    if [ "$waited" -ge "$limit" ]; then echo " gave up after ${limit}s (see the log above)"; return 1; fi
    printf '.'; sleep 1; waited=$((waited + 1))
  done
  echo " up after ${waited}s"
}

# The HTTP API (everything but the channels' webhooks) and the privacy endpoint need a token:
# RASA_AUTH_TOKEN, or one made once and kept in .rasa_token (git-ignored).
if [ -z "${RASA_AUTH_TOKEN:-}" ]; then
  [ -s .rasa_token ] || "$BIN/python" -c "import secrets; print(secrets.token_hex(24))" > .rasa_token
  RASA_AUTH_TOKEN=$(cat .rasa_token)
fi
# credentials.yml hands it to Rasa's privacy endpoint (channels/privacy.py), which sends it to the action server's
# (actions/privacy_endpoint.py) to delete rehearsals and ratings: both servers get it.
export RASA_AUTH_TOKEN

# Sanic drops a new connection whose request is not in within KEEP_ALIVE_TIMEOUT (5 s by default); a busy Rasa
# can take that long to write it, and the action is then lost (tests/e2e/test_load.py).
SANIC_KEEP_ALIVE_TIMEOUT=60 SANIC_HOST="$ACTION_HOST" "$BIN/python" -m actions.server --actions actions --port "$ACTION_PORT" --quiet &
pids+=($!)
wait_for "the action server on $ACTION_HOST:$ACTION_PORT" "http://$ACTION_HOST:$ACTION_PORT/health" 60

# The credentials Rasa reads: credentials.yml with each messaging platform on only when its
# environment variables are set (see credentials.yml and README "Messaging platforms").
CREDENTIALS=$(mktemp "${TMPDIR:-/tmp}/credentials.XXXXXX.yml")
"$BIN/python" scripts/credentials.py --out "$CREDENTIALS"

if [ "$MODE" = "--shell" ]; then
  "$BIN/python" -m rasa_patches.run shell --model models/assistant.tar.gz --endpoints endpoints.yml --credentials "$CREDENTIALS" --port "$RASA_PORT"
  exit 0
fi


# CORS: only the origins in CORS_ORIGINS (space-separated; default the web page's own origin).
# rasa_patches.run is Rasa's own command line with the speed-ups applied first (rasa_patches/; RASA_SPEEDUPS=0: none).
"$BIN/python" -m rasa_patches.run run --model models/assistant.tar.gz --enable-api --port "$RASA_PORT" --auth-token="$RASA_AUTH_TOKEN" \
  --credentials "$CREDENTIALS" --endpoints endpoints.yml --cors ${CORS_ORIGINS:-"http://localhost:$WEB_PORT"} &
pids+=($!)
wait_for "Rasa on port $RASA_PORT (loading the model takes up to a minute)" "http://localhost:$RASA_PORT/" 180

# --- Web chat: web/server.py serves the chat page, which talks to Rasa's Socket.IO channel.
RASA_URL="${RASA_URL:-http://localhost:$RASA_PORT}" "$BIN/python" web/server.py &
pids+=($!)
wait_for "the web chat on port ${WEB_PORT:-8080}" "http://localhost:${WEB_PORT:-8080}/health" 30
# --- end web chat

cat <<INFO

The assistant is ready.
  REST:      curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"my husband refuses to see a therapist"}'
  Web chat:  http://localhost:${WEB_PORT:-8080}/
  HTTP API:  needs ?token=<RASA_AUTH_TOKEN or the contents of .rasa_token>
  Privacy:   curl -X DELETE "localhost:$RASA_PORT/privacy/conversations/<sender>?token=<the same token>"
  Socket.IO: http://localhost:$RASA_PORT/socket.io
  Platforms: POST /webhooks/<slack|telegram|twilio|callback>/webhook when on (README "Messaging platforms")
  Terminal:  make shell   (in another terminal, after stopping this one)
Press Ctrl-C to stop.
INFO
wait -n "${pids[@]}"
