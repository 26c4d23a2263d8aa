#!/usr/bin/env bash
# Runs the emulator with zero configuration on http://127.0.0.1:8787 (default API key: emulator-key).
# Extra arguments go to the emulator, e.g. ./run.sh --urls http://0.0.0.0:8787 --Emulator:ApiKeys:0=my-key:paid
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-deps.sh ffmpeg espeak-ng
exec dotnet run --project emulator -c Release -- "$@"
