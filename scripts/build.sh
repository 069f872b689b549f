#!/usr/bin/env bash
# Configures and builds Dragoman into build/ (Release with debug info, ccache, Ninja).
# Usage: scripts/build.sh [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${DRAGOMAN_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
if (($# > 0)); then
    cmake --build "$build_dir" --target "$@"
else
    cmake --build "$build_dir"
fi
