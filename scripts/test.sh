#!/usr/bin/env bash
# Builds Dragoman and runs every test: unit, DSP, engine, drivers, programs on a JACK dummy
# server, and the RealtimeSanitizer build. This is the README's test command and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --rtsan
scripts/build.sh
build_dir=${DRAGOMAN_BUILD_DIR:-build}

# Real-time proof with clang's RealtimeSanitizer, in its own build tree.
scripts/rtsan-check.sh

cd "$build_dir"
ctest --output-on-failure --timeout 600 -j 2
