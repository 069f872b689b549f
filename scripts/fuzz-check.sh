#!/usr/bin/env bash
# Fuzzes the RTP, RTCP, SDP and SAP parsers with libFuzzer for a bounded time each. Builds only
# core, net and the fuzz targets with clang (-fsanitize=fuzzer,address,undefined) in a build
# directory of its own, then runs every target on a scratch copy of its seed corpus
# (Tests/fuzz/corpus/<target>). Fails if any target crashes, leaks, times out or breaks a
# round-trip check; the input that did it is saved in BUILD_DIR/fuzz-artifacts/.
# Usage: scripts/fuzz-check.sh [SECONDS [TARGET...]]   (per target, default 20; targets: rtp
#        rtcp sdp sap, default all)
# Environment: DRAGOMAN_FUZZ_BUILD_DIR (default build-fuzz), CC/CXX (default clang-22),
#              DRAGOMAN_FUZZ_SOURCE_DIR (default the repository; a scratch top level for testing)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-20}
shift $(($# > 0 ? 1 : 0))
build_dir=${DRAGOMAN_FUZZ_BUILD_DIR:-$root/build-fuzz}
source_dir=${DRAGOMAN_FUZZ_SOURCE_DIR:-$root}
export CC=${CC:-clang-22} CXX=${CXX:-clang++-22}
targets=(rtp rtcp sdp sap)
if (($# > 0)); then
    targets=("$@")
fi

if [[ ! $seconds =~ ^[0-9]+$ ]] || ((seconds < 1)); then
    echo "usage: $0 [SECONDS [TARGET...]]" >&2
    exit 2
fi
for target in "${targets[@]}"; do
    if [[ ! -d $root/Tests/fuzz/corpus/$target ]]; then
        echo "fuzz-check: no target '$target' (rtp, rtcp, sdp, sap)" >&2
        exit 2
    fi
done
if ! command -v "$CXX" >/dev/null; then
    echo "fuzz-check: $CXX not found (apt-get install clang-22 libclang-rt-22-dev llvm-22)" >&2
    exit 2
fi

cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DDRAGOMAN_FUZZ_ONLY=ON -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" >/dev/null
if ! grep -q '^DRAGOMAN_HAVE_LIBFUZZER:INTERNAL=1' "$build_dir/CMakeCache.txt"; then
    echo "fuzz-check: $CXX does not support -fsanitize=fuzzer" >&2
    exit 2
fi
if ! cmake --build "$build_dir" --target "${targets[@]/#/dragoman_fuzz_}" >"$build_dir/build.log" 2>&1; then
    grep -E 'error|FAILED' "$build_dir/build.log" >&2 || true
    echo "fuzz-check: build failed, see $build_dir/build.log" >&2
    exit 1
fi

artifacts=$build_dir/fuzz-artifacts
mkdir -p "$artifacts"
failed=()
for target in "${targets[@]}"; do
    # libFuzzer adds what it finds to the first directory: a scratch one, so that the seed
    # corpus in the repository stays small and reviewed.
    work=$build_dir/fuzz-corpus/$target
    mkdir -p "$work"
    dict=()
    if [[ $target == sdp || $target == sap ]]; then
        dict=(-dict="$root/Tests/fuzz/sdp.dict")
    fi
    log=$build_dir/fuzz-$target.log
    rc=0
    "$build_dir/fuzz/dragoman_fuzz_$target" -max_total_time="$seconds" -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "${dict[@]}" \
        "$work" "$root/Tests/fuzz/corpus/$target" >"$log" 2>&1 || rc=$?
    execs=$(grep -oP 'stat::number_of_executed_units:\s*\K[0-9]+' "$log" || echo "?")
    cov=$(grep -oP '#[0-9]+\s+DONE\s+cov: \K[0-9]+' "$log" || echo "?")
    if ((rc != 0)); then
        failed+=("$target")
        echo "fuzz $target: FAILED (exit $rc) after $execs runs, see $log:"
        grep -E 'ERROR|FUZZ_CHECK|runtime error|Test unit written' "$log" | head -5 | sed 's/^/    /'
    else
        echo "fuzz $target: ok, $execs runs in ${seconds}s, coverage $cov, corpus $(ls "$work" | wc -l) inputs"
    fi
done

if ((${#failed[@]} > 0)); then
    echo "fuzz-check: ${failed[*]} failed; inputs in $artifacts" >&2
    exit 1
fi
