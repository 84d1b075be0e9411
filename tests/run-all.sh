#!/bin/sh
# run-all.sh - builds Synth three ways and runs the whole test suite, in CI
# mode: a test that would be skipped (a missing tool, the spec testsuite
# missing) fails the run instead, configuring fails naming what is missing,
# and compiler warnings are errors.
#   build-asan/  gcc with AddressSanitizer + UndefinedBehaviorSanitizer:
#                unit, spec (the suite validated, and every spec module
#                compiled for every core and bounds mode) and fuzz-regression
#                tests;
#   build-fuzz/  clang with libFuzzer: short bounded fuzz runs, in parallel;
#   build/       the normal build: every test (its CTest summary closes
#                the output).
# Each phase's time is printed at the end, before the closing summary.
# Usage: sh tests/run-all.sh   (from the source tree; JOBS=N to override;
# SYNTH_CI=0 to let missing tools skip, as a plain ctest run does)
set -eu
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}
SYNTH_CI=${SYNTH_CI:-1}
export SYNTH_CI
ci=OFF
[ "$SYNTH_CI" = 1 ] && ci=ON
status=0
times=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# phase NAME START: records how long phase NAME took since START.
phase() {
	times="$times$(printf '  %-34s %5d s' "$1" $(($(date +%s) - $2)))
"
}

# run_ctest ARGS...: runs ctest, shows its output, and in CI mode fails
# when any test was skipped or not run.
run_ctest() {
	rc=0
	ctest "$@" >"$log" 2>&1 || rc=1
	cat "$log"
	if [ "$SYNTH_CI" = 1 ] && grep -E '\*\*\*Skipped|\(Skipped\)|\*\*\*Not Run|\(Not Run\)' "$log" >/dev/null; then
		echo "FAIL (CI mode): tests were skipped or not run; every tool is installed in CI:"
		grep -E '\*\*\*Skipped|\*\*\*Not Run' "$log" | sed 's/^/  /'
		rc=1
	fi
	return $rc
}

configure() {
	dir=$1
	shift
	cmake -S . -B "$dir" -G Ninja -DSYNTH_CI=$ci -DSYNTH_WERROR=$ci "$@" >"$log" 2>&1 || {
		cat "$log"
		echo "FAIL: configuring $dir"
		exit 1
	}
}

t=$(date +%s)
echo "== sanitizer build (ASan + UBSan)"
configure build-asan -DSYNTH_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
cmake --build build-asan -j "$JOBS" >"$log" 2>&1 || { cat "$log"; exit 1; }
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	run_ctest --test-dir build-asan -L "unit|spec|fuzz" -LE "bench|qemu|sweep|lint" -j "$JOBS" \
	--output-on-failure --no-tests=error || status=1
phase "sanitizer build + tests" "$t"

t=$(date +%s)
echo "== fuzz build (clang, libFuzzer)"
if command -v clang >/dev/null 2>&1 || [ "$SYNTH_CI" = 1 ]; then
	CC=clang configure build-fuzz -DSYNTH_FUZZ=ON -DBUILD_TESTING=ON
	cmake --build build-fuzz -j "$JOBS" >"$log" 2>&1 || { cat "$log"; exit 1; }
	# The fuzzers run side by side; the spec conversion that seeds them is
	# a fixture of theirs and runs once first.
	run_ctest --test-dir build-fuzz -L fuzz -j "$JOBS" --output-on-failure --no-tests=error || status=1
else
	echo "SKIP: clang not found, no fuzz build"
fi
phase "fuzz build + short fuzz runs" "$t"

t=$(date +%s)
echo "== normal build: the whole suite"
configure build
cmake --build build -j "$JOBS" >"$log" 2>&1 || { cat "$log"; exit 1; }
run_ctest --test-dir build -j "$JOBS" --output-on-failure --no-tests=error || status=1
cp "$log" build/run-all-ctest.log
phase "normal build + whole suite" "$t"

echo
echo "== phase times"
printf '%s' "$times"
# The normal build's CTest summary closes the output.
echo
grep -E '^[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' build/run-all-ctest.log | tail -n 1
exit $status
