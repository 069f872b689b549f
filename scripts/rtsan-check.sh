#!/usr/bin/env bash
# RealtimeSanitizer check of the audio path. Builds only the real-time core (core, dsp, engine)
# and the tests with clang and -fsanitize=realtime (Debug, -O0), then runs the RTSan CTest
# tests: the engine under a storm of commands must finish clean, and the same run with one
# deliberate allocation must be caught. The compile-time half of the check, -Wfunction-effects,
# is listed as a summary of warnings (file:line) from a full rebuild.
# Usage: scripts/rtsan-check.sh [BUILD_DIR]   (default: build-rtsan; CC/CXX default to clang-22)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-${DRAGOMAN_RTSAN_BUILD_DIR:-$root/build-rtsan}}
export CC=${CC:-clang-22} CXX=${CXX:-clang++-22}

if ! command -v "$CXX" >/dev/null; then
    echo "rtsan-check: $CXX not found (apt-get install clang-22 libclang-rt-22-dev llvm-22)" >&2
    exit 2
fi

# The flags reach every object (the engine too) and every link; the test target adds -O0.
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DDRAGOMAN_RTSAN_ONLY=ON \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
    -DCMAKE_CXX_FLAGS="-fsanitize=realtime -Wfunction-effects" >/dev/null

if ! grep -q '^DRAGOMAN_HAVE_RTSAN:INTERNAL=1' "$build_dir/CMakeCache.txt"; then
    echo "rtsan-check: $CXX does not support -fsanitize=realtime" >&2
    exit 2
fi

# From clean, so that every file's warnings appear in the log (ninja skips up-to-date objects).
log=$build_dir/build.log
cmake --build "$build_dir" --target clean >/dev/null
cmake --build "$build_dir" 2>&1 | tee "$log" | grep -E '^FAILED|error:' || true
if grep -q '^FAILED' "$log"; then
    echo "rtsan-check: build failed, see $log" >&2
    exit 1
fi

warnings=$(grep -E 'warning: .*\[-Wfunction-effects\]' "$log" | sed "s|^$root/||" | sort -u || true)
if [[ -n $warnings ]]; then
    echo "-Wfunction-effects: $(wc -l <<<"$warnings") warning(s):"
    echo "$warnings"
else
    echo "-Wfunction-effects: no warnings"
fi
# The engine's own real-time code must stay clean; test doubles (a vector that records events)
# may allocate by design.
if grep -q '^Modules/' <<<"$warnings"; then
    echo "rtsan-check: real-time code in Modules/ calls something that may block (see above)" >&2
    exit 1
fi

ctest --test-dir "$build_dir" -R '^realtime_sanitizer' --output-on-failure
