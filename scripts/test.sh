#!/usr/bin/env bash
# Builds Dragoman and runs every test: unit, DSP, engine, drivers, network protocols, programs
# on a JACK dummy server, the RealtimeSanitizer build and bounded fuzzing. This is the README's
# test command and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --rtsan
scripts/build.sh
build_dir=${DRAGOMAN_BUILD_DIR:-build}

# Real-time proof with clang's RealtimeSanitizer, in its own build tree.
scripts/rtsan-check.sh

# The protocol parsers (RTP, RTCP, SDP, SAP) under libFuzzer, 20 s each.
scripts/fuzz-check.sh 20

cd "$build_dir"
ctest --output-on-failure --timeout 600 -j 2
