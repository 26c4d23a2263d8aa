#!/usr/bin/env bash
# Installs the pinned native LiveKit SDK and ws (npm ci) when package-lock.json changed since the last run.
# Safe to call on every test run; about 1 s when up to date.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null 2>&1 || { echo "install.sh: npm not found (install Node.js 18+ with npm)" >&2; exit 1; }
exec 9>.install.lock
command -v flock >/dev/null 2>&1 && flock 9
lock_hash=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
if [ ! -f node_modules/.kit-lock-hash ] || [ "$(cat node_modules/.kit-lock-hash)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.kit-lock-hash
fi
