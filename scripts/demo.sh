#!/usr/bin/env bash
# The main job: builds Dragoman and runs the Astana demo session in real time. Without a sound
# card it starts a JACK dummy server (a real JACK server without hardware) and plays the demo's
# speech clips as the floor and the interpreters' microphones, with a scripted meeting.
# Usage: scripts/demo.sh [SECONDS]   (default 34: one pass of the scripted meeting)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-34}
scripts/setup.sh
scripts/build.sh dragoman
build_dir=${DRAGOMAN_BUILD_DIR:-build}

if [[ -e /dev/snd ]] && [[ -z ${DRAGOMAN_DEMO_DUMMY:-} ]]; then
    exec "$build_dir/Source/dragoman/dragoman" engine --seconds "$seconds"
fi

server=dragoman-demo-$$
scripts/jack-dummy.sh start "$server" >/dev/null
trap 'scripts/jack-dummy.sh stop "$server" >/dev/null 2>&1 || true' EXIT
export JACK_DEFAULT_SERVER=$server JACK_NO_START_SERVER=1
"$build_dir/Source/dragoman/dragoman" engine --seconds "$seconds"
