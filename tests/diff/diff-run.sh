#!/bin/sh
# diff-run.sh - differential testing of synth against wabt's interpreter.
#
# usage: diff-run.sh --synth SYNTH [--board BOARD] [--seed FIRST] [--count N]
#                    [--jobs J] [--time SECONDS] [--size MIN:MAX]
#                    [--features "WASM-OPT FLAGS"] [--floats erase|keep]
#                    [--save DIR] [--work DIR] [--min-compared N] [--verbose]
#                    [--bounds trap|mask|none]
#
# For each seed FIRST .. FIRST+N-1, one module:
#   1. seeded pseudo-random bytes (MINSTD in awk; the length, between MIN and
#      MAX, also follows from the seed), turned into a valid module by
#      `wasm-opt -ttf` with FEATURES (default: -mvp --enable-sign-ext), plus
#      --denan when floats are kept (NaN bits are not deterministic);
#   2. prepare.awk on its text: the fuzzing-support log imports become
#      defined functions folding into globals (exported as zlog32/zlog64),
#      floats are rewritten to integers unless --floats keep;
#   3. `wasm-interp --run-all-exports` (the reference) and
#      `synth run --board BOARD --run-all-exports`, both outputs put through
#      normalize.awk and compared. With --bounds mask or none (synth run
#      --bounds=MODE), a module whose reference output has an out-of-bounds
#      memory trap is skipped: those modes do not trap there, by design.
# Outcome per module (one line each, `seed S: OUTCOME`):
#   same        equal outputs, and synth run's exit status 1 if a call
#               trapped, else 0
#   skip        synth refused the module (exit status 3: a feature outside
#               the supported set; the reason is counted), or the module
#               could not be generated or run by the reference, or it has
#               no export to call (nothing to compare)
#   MISMATCH    different outputs or exit status (also a synth run timeout)
#   FAIL        synth failed on the module in another way (compiler error)
# MISMATCH and FAIL modules are copied to --save DIR as
# diff-<board>-s<seed>.wasm (diff-<board>-<mode>-s<seed>.wasm with --bounds mask
# or none) with the reference output in .expected (the
# form replay.sh replays) and synth's in .actual.
# --jobs runs J modules at a time; --time stops starting modules after
# SECONDS. The summary closes the output. Exit status: 0 when nothing
# mismatched or failed and at least N modules (--min-compared, default 1)
# were compared, 1 otherwise, 77 when a tool is missing (SKIP).
set -u

usage() {
	sed -n '4,9p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

here=$(cd "$(dirname "$0")" && pwd)
synth='' board=mps2-an385 first=1 count=20 jobs=1 limit=0 size=64:2048
features="-mvp --enable-sign-ext" floats=erase save='' work='' verbose=0 mincmp=1 bounds=trap
while [ $# -gt 0 ]; do
	case $1 in
	--synth) synth=$2; shift 2 ;;
	--board) board=$2; shift 2 ;;
	--seed) first=$2; shift 2 ;;
	--count) count=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--time) limit=$2; shift 2 ;;
	--size) size=$2; shift 2 ;;
	--features) features=$2; shift 2 ;;
	--floats) floats=$2; shift 2 ;;
	--save) save=$2; shift 2 ;;
	--work) work=$2; shift 2 ;;
	--min-compared) mincmp=$2; shift 2 ;;
	--verbose) verbose=1; shift ;;
	--bounds) bounds=$2; shift 2 ;;
	*) usage ;;
	esac
done
[ -n "$synth" ] || usage
case $floats in erase|keep) ;; *) usage ;; esac
case $bounds in trap|mask|none) ;; *) usage ;; esac
minsize=${size%%:*} maxsize=${size##*:}
# A NaN's sign and payload after arithmetic are not deterministic in
# WebAssembly, and they reach the output through memory and reinterpret
# casts: with floats kept, binaryen's --denan turns every NaN into 0.
denan=
[ "$floats" = keep ] && denan=--denan

for tool in wasm-opt wasm2wat wat2wasm wasm-interp arm-none-eabi-gcc qemu-system-arm timeout awk; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP: $tool not found"
		exit 77
	fi
done
if [ ! -x "$synth" ]; then
	echo "SKIP: $synth not built"
	exit 77
fi
if [ -z "$work" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/synth-diff-XXXXXX") || exit 1
	trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work" || exit 1
[ -n "$save" ] && { mkdir -p "$save" || exit 1; }
start=$(date +%s)

# bytes SEED: writes the seed's input bytes to stdout. MINSTD (a = 48271,
# m = 2^31 - 1) stays exact in awk's doubles; the bytes are written as
# octal escapes for printf(1), the only portable way to write any byte.
bytes() {
	# shellcheck disable=SC2059 # the format is the data
	printf "$(awk -v seed="$1" -v lo="$minsize" -v hi="$maxsize" 'BEGIN {
		x = (seed * 7919 + 12345) % 2147483647
		if (x == 0) x = 1
		x = (x * 48271) % 2147483647
		n = lo + x % (hi - lo + 1)
		for (i = 0; i < n; i++) {
			x = (x * 48271) % 2147483647
			printf "\\%03o", int(x / 8388608) % 256
		}
	}')"
}

# one SEED: runs one module; prints `seed S: OUTCOME [detail]`.
one() {
	s=$1
	d=$work/s$s
	mkdir -p "$d"
	bytes "$s" >"$d/in.dat"
	# shellcheck disable=SC2086 # features are several flags
	if ! wasm-opt "$d/in.dat" -ttf $features $denan -o "$d/ttf.wasm" >/dev/null 2>&1; then
		echo "seed $s: skip (wasm-opt -ttf failed)"
		return
	fi
	# binaryen 108 writes typed function references in some modules with
	# reference types, which wabt rejects
	if ! wasm2wat --enable-all "$d/ttf.wasm" -o "$d/ttf.wat" 2>/dev/null; then
		echo "seed $s: skip (wasm2wat rejects the -ttf module)"
		return
	fi
	awk -v floats="$floats" -f "$here/prepare.awk" "$d/ttf.wat" "$d/ttf.wat" >"$d/m.wat" 2>"$d/prepare.err"
	case $? in
	0) ;;
	3) echo "seed $s: skip (imports synth run cannot provide)"; return ;;
	*) echo "seed $s: skip (prepare.awk: $(head -n 1 "$d/prepare.err"))"; return ;;
	esac
	if ! wat2wasm --enable-all "$d/m.wat" -o "$d/m.wasm" 2>"$d/wat2wasm.err"; then
		echo "seed $s: skip (wat2wasm: $(head -n 1 "$d/wat2wasm.err"))"
		return
	fi
	timeout 30 wasm-interp --enable-all "$d/m.wasm" --run-all-exports >"$d/ref.raw" 2>&1
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "seed $s: skip (wasm-interp exit $rc)"
		return
	fi
	awk -f "$here/normalize.awk" "$d/ref.raw" >"$d/expected"
	if [ ! -s "$d/expected" ]; then
		echo "seed $s: skip (no export to call)"
		return
	fi
	if [ "$bounds" != trap ] && grep -q 'out of bounds memory access' "$d/expected"; then
		echo "seed $s: skip (an out-of-bounds access, not a trap in --bounds=$bounds)"
		[ $verbose = 1 ] || rm -rf "$d"
		return
	fi
	# synth run exits 1 when a call traps, 0 when none does
	want_rc=0
	grep -q '=> trap: ' "$d/expected" && want_rc=1
	"$synth" run --board "$board" --bounds="$bounds" "$d/m.wasm" --run-all-exports --timeout 30 \
		>"$d/synth.raw" 2>"$d/synth.err"
	rc=$?
	awk -f "$here/normalize.awk" "$d/synth.raw" >"$d/actual"
	if [ ! -s "$d/synth.raw" ] && grep -q 'error:' "$d/synth.err"; then
		msg=$(grep -m 1 'error:' "$d/synth.err" | sed 's/^.*: error: //; s/ (in function [0-9]*)$//')
		if [ $rc -eq 3 ]; then
			echo "seed $s: skip (unsupported: $msg)"
			[ $verbose = 1 ] || rm -rf "$d"
			return
		fi
		outcome="FAIL (synth: $msg)"
	elif cmp -s "$d/expected" "$d/actual" && [ $rc -eq $want_rc ]; then
		echo "seed $s: same"
		[ $verbose = 1 ] || rm -rf "$d"
		return
	elif [ $rc -eq 124 ]; then
		outcome="MISMATCH (synth run timed out)"
	elif cmp -s "$d/expected" "$d/actual"; then
		outcome="MISMATCH (the same output, but synth run exited $rc, not $want_rc)"
	else
		outcome="MISMATCH (first difference: $(diff "$d/expected" "$d/actual" | grep -m 1 '^[<>]'))"
	fi
	echo "seed $s: $outcome"
	if [ -n "$save" ]; then
		name=diff-$board-s$s
		# a mask/none module replays in its mode (CMakeLists.txt, replay.sh --bounds)
		[ "$bounds" = trap ] || name=diff-$board-$bounds-s$s
		cp "$d/m.wasm" "$save/$name.wasm"
		cp "$d/expected" "$save/$name.expected"
		{ cat "$d/actual"; cat "$d/synth.err"; } >"$save/$name.actual"
	fi
}

# stripe J: the seeds congruent to J modulo jobs, until the time limit.
stripe() {
	i=$1
	while [ "$i" -lt "$count" ]; do
		if [ "$limit" -gt 0 ] && [ $(($(date +%s) - start)) -ge "$limit" ]; then
			break
		fi
		one $((first + i))
		i=$((i + jobs))
	done
}

j=0
while [ $j -lt "$jobs" ]; do
	stripe $j >"$work/stripe$j.log" &
	j=$((j + 1))
done
wait
sort -t' ' -k2,2n "$work"/stripe*.log >"$work/all.log"
cat "$work/all.log"

total=$(grep -c '^seed' "$work/all.log")
same=$(grep -c ': same$' "$work/all.log")
skip=$(grep -c ': skip ' "$work/all.log")
mism=$(grep -c ': MISMATCH' "$work/all.log")
fail=$(grep -c ': FAIL' "$work/all.log")
last=$(tail -n 1 "$work/all.log" | sed -n 's/^seed \([0-9]*\):.*/\1/p')
echo "== $board, seeds $first..${last:-none} (${features}, floats $floats, bounds $bounds), $(($(date +%s) - start)) s"
echo "modules: $total generated, $((same + mism + fail)) compared, $same same, $mism mismatched, $fail synth failures, $skip skipped"
if [ "$skip" -gt 0 ]; then
	echo "skipped, by reason:"
	sed -n 's/^seed [0-9]*: skip (\(.*\))$/\1/p' "$work/all.log" | sed 's/0x[0-9a-f]*/0x../g; s/[0-9][0-9]*/N/g' |
		sort | uniq -c | sort -rn | sed 's/^/  /'
fi
if [ $((same + mism + fail)) -lt "$mincmp" ]; then
	echo "FAIL: $((same + mism + fail)) modules compared, fewer than the $mincmp required"
	exit 1
fi
[ $((mism + fail)) -eq 0 ]
