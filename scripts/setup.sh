#!/usr/bin/env bash
# Installs what Dragoman needs to build, test and run its demo on Debian 12, when it is missing.
# Usage: scripts/setup.sh            build and test dependencies
#        scripts/setup.sh --rtsan    also clang-22 with RealtimeSanitizer
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config ccache
    libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libsndfile1-dev libsamplerate0-dev
    portaudio19-dev libopus-dev libasio-dev libwebsocketpp-dev libssl-dev juce-modules-source
    catch2 jackd2 sox espeak-ng ffmpeg clang-format python3-numpy jacktrip
    gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
    xvfb xauth xdotool imagemagick iproute2 nftables curl openssl
    libharfbuzz-dev libfreetype-dev libfontconfig-dev
    fonts-dejavu-core fonts-lohit-deva fonts-wqy-microhei
)
if [[ ${1:-} == --rtsan ]]; then
    packages+=(clang-22 libclang-rt-22-dev llvm-22)
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

echo "Installing: ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then
    sudo=sudo
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
