#!/usr/bin/env bash
# Runs a command with the reference Python adapter (clients/python-adapter) up on a free loopback port and
# HEYGEN_CLIENTS naming it, then stops the adapter: scripts/with-python-adapter.sh dotnet test conformance …
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(command -v python3 || true)
[ -n "$python" ] || { echo "with-python-adapter: python3 is missing (scripts/ensure-deps.sh python3)" >&2; exit 1; }
out=$(mktemp)
"$python" clients/python-adapter/adapter.py --port 0 >"$out" 2>&1 &
adapter=$!
trap 'kill "$adapter" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do
  grep -q '^listening on ' "$out" && break
  kill -0 "$adapter" 2>/dev/null || { cat "$out" >&2; exit 1; }
  sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$out")
[ -n "$url" ] || { echo "with-python-adapter: the adapter did not start" >&2; cat "$out" >&2; exit 1; }
HEYGEN_CLIENTS="adapter:$url" "$@"
