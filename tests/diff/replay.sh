#!/bin/sh
# replay.sh - replays differential-testing regressions: each FILE (.wasm, or
# .wat converted with wat2wasm) is run with `synth run --run-all-exports`
# and the normalized output (normalize.awk) must equal FILE's .expected,
# the normalized output of wasm-interp recorded when the module was kept;
# with --oracle, wasm-interp's output of this run instead (hand-written
# modules in oracle/). synth run's exit status must be 1 when the expected
# output holds a trap and 0 otherwise (a crash after the right output fails),
# and an empty expected output is a failure, not a vacuous match.
# --bounds MODE compiles with --bounds=MODE (default trap), as diff-run.sh
# did for a module it saved from a --bounds mask or none campaign.
#
# usage: replay.sh --synth SYNTH [--board BOARD] [--bounds trap|mask|none] [--oracle] FILE...
#
# Exit status: 0 all equal, 1 otherwise, 77 when a tool is missing (SKIP).
set -u

usage() {
	echo "usage: replay.sh --synth SYNTH [--board BOARD] [--bounds trap|mask|none] [--oracle] FILE..." >&2
	exit 2
}

here=$(cd "$(dirname "$0")" && pwd)
synth='' board=mps2-an385 oracle=0 bounds=trap
while [ $# -gt 0 ]; do
	case $1 in
	--oracle) oracle=1; shift ;;
	--synth) synth=$2; shift 2 ;;
	--board) board=$2; shift 2 ;;
	--bounds) bounds=${2:-}; shift 2 ;;
	-*) usage ;;
	*) break ;;
	esac
done
if [ -z "$synth" ] || [ $# -eq 0 ]; then usage; fi
case $bounds in trap|mask|none) ;; *) usage ;; esac
for tool in wat2wasm arm-none-eabi-gcc qemu-system-arm awk $([ $oracle = 1 ] && echo wasm-interp); do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP: $tool not found"
		exit 77
	fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/synth-replay-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

status=0
for f in "$@"; do
	base=${f%.*}
	wasm=$f
	case $f in
	*.wat)
		wasm=$tmp/$(basename "$base").wasm
		if ! wat2wasm --enable-all "$f" -o "$wasm"; then
			echo "FAIL: $f: wat2wasm failed"
			status=1
			continue
		fi ;;
	esac
	expected=$base.expected
	if [ $oracle = 1 ]; then
		expected=$tmp/expected
		# (wasm-interp exits 0 when a call traps, so anything else is trouble)
		if ! wasm-interp --enable-all "$wasm" --run-all-exports >"$tmp/ref.raw" 2>&1; then
			echo "FAIL: $f: wasm-interp failed:"
			cat "$tmp/ref.raw"
			status=1
			continue
		fi
		awk -f "$here/normalize.awk" "$tmp/ref.raw" >"$expected"
	fi
	if [ ! -s "$expected" ]; then
		echo "FAIL: $f: the expected output $expected is empty or missing"
		status=1
		continue
	fi
	want_rc=0
	grep -q '=> trap: ' "$expected" && want_rc=1
	"$synth" run --board "$board" --bounds="$bounds" "$wasm" --run-all-exports --timeout 30 >"$tmp/raw" 2>"$tmp/err"
	rc=$?
	awk -f "$here/normalize.awk" "$tmp/raw" >"$tmp/actual"
	if cmp -s "$expected" "$tmp/actual" && [ $rc -eq $want_rc ]; then
		echo "PASS: $f ($board, $bounds)"
	else
		echo "FAIL: $f ($board, $bounds): synth run exited $rc (expected $want_rc); expected (<) and synth run (>):"
		diff "$expected" "$tmp/actual"
		cat "$tmp/err"
		status=1
	fi
done
exit $status
