#!/usr/bin/env bash
# Installs the pinned SDK versions (npm ci) and bundles them into dist/ (npm run build), each step only when its
# inputs changed since the last run. Safe to call on every test run; about 1 s when up to date.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null 2>&1 || { echo "build.sh: npm not found (install Node.js 18+ with npm)" >&2; exit 1; }

# One build at a time (parallel test runs share node_modules and dist).
exec 9>.build.lock
command -v flock >/dev/null 2>&1 && flock 9

hash_of() { cat "$@" 2>/dev/null | sha256sum | cut -d' ' -f1; }

lock_hash=$(hash_of package.json package-lock.json)
if [ ! -f node_modules/.kit-lock-hash ] || [ "$(cat node_modules/.kit-lock-hash)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.kit-lock-hash
fi

build_hash=$(hash_of package-lock.json build.mjs src/*.js)
if [ ! -f dist/.kit-build-hash ] || [ "$(cat dist/.kit-build-hash)" != "$build_hash" ] \
   || [ ! -f dist/sdk-2.0.8.js ] || [ ! -f dist/sdk-2.1.0.js ] || [ ! -f dist/liveavatar-0.0.18.js ]; then
  npm run --silent build
  echo "$build_hash" > dist/.kit-build-hash
fi
