#!/bin/sh
# run-all.sh - builds Synth three ways and runs the whole test suite:
#   build-asan/  gcc with AddressSanitizer + UndefinedBehaviorSanitizer:
#                unit, spec and fuzz-regression tests;
#   build-fuzz/  clang with libFuzzer: short bounded fuzz runs;
#   build/       the normal build: every test (its CTest summary closes
#                the output).
# Usage: sh tests/run-all.sh   (from the source tree; JOBS=N to override)
set -eu
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}
status=0

echo "== sanitizer build (ASan + UBSan)"
cmake -S . -B build-asan -G Ninja -DSYNTH_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j "$JOBS" >/dev/null
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ctest --test-dir build-asan -L "unit|spec|fuzz" -LE "bench|qemu" -j "$JOBS" --output-on-failure || status=1

if command -v clang >/dev/null 2>&1; then
	echo "== fuzz build (clang, libFuzzer)"
	CC=clang cmake -S . -B build-fuzz -G Ninja -DSYNTH_FUZZ=ON -DBUILD_TESTING=ON >/dev/null
	cmake --build build-fuzz -j "$JOBS" >/dev/null
	# The spec run converts the suite the fuzzers take their seeds from
	# (and checks the validator once more, under clang's sanitizers).
	ctest --test-dir build-fuzz -L spec -LE qemu -j "$JOBS" --output-on-failure || status=1
	ctest --test-dir build-fuzz -L fuzz --output-on-failure || status=1
fi

echo "== normal build: the whole suite"
cmake -S . -B build -G Ninja >/dev/null
cmake --build build -j "$JOBS" >/dev/null
ctest --test-dir build -j "$JOBS" --output-on-failure || status=1
exit $status
