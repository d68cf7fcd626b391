# Shared by scripts/test and scripts/bench: a live Meilisearch for the run, when there is one.
# Usage: source scripts/_meili.sh; start_meili   (after scripts/_setup.sh)
# With FINDER_MEILI_URL set, that server is used as it is. Otherwise, when FINDER_TEST_MEILI_BIN
# names a Meilisearch binary, it is started on a free loopback port with a temporary data folder
# and a master key, FINDER_MEILI_URL/FINDER_MEILI_KEY are exported, and it is stopped on exit,
# also when the run fails. Afterwards `meili_backends` says which backends the run covers.
meili_pid=""
meili_dir=""
stop_meili() {
  if [ -n "$meili_pid" ]; then kill "$meili_pid" 2>/dev/null || true; wait "$meili_pid" 2>/dev/null || true; fi
  if [ -n "$meili_dir" ]; then rm -rf "$meili_dir"; fi
}

start_meili() {
  trap stop_meili EXIT
  if [ -z "${FINDER_MEILI_URL:-}" ] && [ -n "${FINDER_TEST_MEILI_BIN:-}" ]; then
    [ -x "$FINDER_TEST_MEILI_BIN" ] || need "FINDER_TEST_MEILI_BIN=$FINDER_TEST_MEILI_BIN is not an executable"
    meili_dir="$(mktemp -d)"
    local port key
    port="$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    key="$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(24))')"
    "$FINDER_TEST_MEILI_BIN" --db-path "$meili_dir/data" --http-addr "127.0.0.1:$port" \
      --master-key "$key" --no-analytics --env development >"$meili_dir/meilisearch.log" 2>&1 &
    meili_pid=$!
    meili_up() { .venv/bin/python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "http://127.0.0.1:$port/health" >/dev/null 2>&1; }
    for _ in $(seq 1 120); do
      if meili_up; then break; fi
      kill -0 "$meili_pid" 2>/dev/null || { cat "$meili_dir/meilisearch.log" >&2; need "Meilisearch did not start"; }
      sleep 0.5
    done
    meili_up || need "Meilisearch did not answer on port $port"
    export FINDER_MEILI_URL="http://127.0.0.1:$port" FINDER_MEILI_KEY="$key"
  fi
  if [ -n "${FINDER_MEILI_URL:-}" ]; then
    meili_backends="embedded and meilisearch ($FINDER_MEILI_URL)"
  else
    meili_backends="embedded only (set FINDER_TEST_MEILI_BIN or FINDER_MEILI_URL to include Meilisearch)"
  fi
}
