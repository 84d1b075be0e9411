#!/bin/sh
# Installs the Debian 12 packages Synth needs to build and test: the build
# (gcc, cmake, ninja, pkg-config, json-c, GTK 4), the MCU runtime and its
# tests (the arm-none-eabi toolchain with newlib, qemu-system-arm), and the
# test tools (wabt, clang + lld for C -> wasm, binaryen, xvfb + imagemagick,
# gnuplot and the shellcheck linter). tests/CMakeLists.txt's CI mode checks the same tools.
# Idempotent and quiet when everything is present; uses sudo when not run as
# root. Packages come from Debian's archive only.
set -eu

PKGS="gcc cmake ninja-build pkg-config libjson-c-dev libgtk-4-dev
gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi qemu-system-arm
wabt clang lld llvm libclang-rt-14-dev binaryen xvfb xauth imagemagick shellcheck gnuplot-nox"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install:$missing" >&2; exit 1; }
	SUDO=sudo
fi
echo "install-deps: installing$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
