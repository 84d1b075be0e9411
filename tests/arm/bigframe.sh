#!/bin/sh
# bigframe.sh - a function whose spill slots outgrow the 4 KiB that ldr/str
# [sp, #imm] reach (issue 13, item 3: frames larger than 4 KiB addressed
# cheaply). The module, written here, defines N values from the parameter,
# keeps every one live to the end (summed in reverse), and between the two
# runs a loop over the last HOT of them, the ones a naive slot order puts
# furthest from sp. Checks:
#   - the result on QEMU equals the one computed here (for several loop
#     counts), so slots beyond 4 KiB are read and written right;
#   - the loop's cost per iteration (synth run --count at two loop counts)
#     stays under CEIL instructions: its reloads must be single ldr [sp, #imm];
#   - the listing has no `add rX, sp` (a far slot is ldr/str rX, [sp, rY]).
# usage: bigframe.sh SYNTH WAT2WASM WORKDIR BOARD N HOT CEIL
set -u
synth=$1 wat2wasm=$2 work=$3 board=$4 n=$5 hot=$6 ceil=$7
[ -x "$synth" ] || { echo "SKIP: no synth at $synth"; exit 77; }
for t in "$wat2wasm" qemu-system-arm arm-none-eabi-gcc; do
	command -v "$t" >/dev/null 2>&1 || { echo "SKIP: $t missing"; exit 77; }
done
mkdir -p "$work" || exit 1
wat=$work/bigframe-$board.wat wasm=$work/bigframe-$board.wasm
# v_i = p * (2i + 3) + i  (mod 2^32); loop: acc += v_k ^ (acc + k) over the
# hot values, iters times; result: acc + sum of all v_i, in reverse.
awk -v n="$n" -v hot="$hot" 'BEGIN {
	print "(module (func (export \"f\") (param $p i32) (param $iters i32) (result i32)"
	printf "  (local $acc i32) (local $j i32)"
	for (i = 0; i < n; i++) printf " (local $v%d i32)", i
	print ""
	for (i = 0; i < n; i++)
		printf "  (local.set $v%d (i32.add (i32.mul (local.get $p) (i32.const %d)) (i32.const %d)))\n", i, 2 * i + 3, i
	print "  (block $out (loop $top"
	print "    (br_if $out (i32.ge_u (local.get $j) (local.get $iters)))"
	for (k = n - hot; k < n; k++)
		printf "    (local.set $acc (i32.add (local.get $acc) (i32.xor (local.get $v%d) (i32.add (local.get $acc) (i32.const %d)))))\n", k, k
	print "    (local.set $j (i32.add (local.get $j) (i32.const 1)))"
	print "    (br $top)))"
	for (i = n - 1; i >= 0; i--)
		printf "  (local.set $acc (i32.add (local.get $acc) (local.get $v%d)))\n", i
	print "  (local.get $acc)))"
}' >"$wat" || exit 1
"$wat2wasm" "$wat" -o "$wasm" || { echo "FAIL: wat2wasm"; exit 1; }
# the expected result, in 32-bit arithmetic
expect() { # p iters
	awk -v p="$1" -v iters="$2" -v n="$n" -v hot="$hot" '
	function add(a, b) { return (a + b) % 4294967296 }
	function mul(a, b,  lo) { lo = (a % 65536) * b; return (lo + ((int(a / 65536) * b) % 65536) * 65536) % 4294967296 }
	function xor(a, b,  r, bit) { r = 0; bit = 1
		while (a > 0 || b > 0) { if ((a % 2) != (b % 2)) r += bit; a = int(a / 2); b = int(b / 2); bit *= 2 }
		return r }
	BEGIN {
		for (i = 0; i < n; i++) v[i] = add(mul(p, 2 * i + 3), i)
		acc = 0
		for (j = 0; j < iters; j++)
			for (k = n - hot; k < n; k++) acc = add(acc, xor(v[k], add(acc, k)))
		for (i = n - 1; i >= 0; i--) acc = add(acc, v[i])
		printf "%.0f\n", acc
	}'
}
fail=0
"$synth" compile --name m --emit=asm "$wasm" -o "$work/bigframe-$board.o" >"$work/bigframe-$board.s" || exit 1
adds=$(grep -cE 'add(\.w)?[[:space:]]+(r[0-9]+|ip|fp|sl|sb), sp$' "$work/bigframe-$board.s")
far=$(grep -cE '(ldr|str)(\.w)?[[:space:]]+(r[0-9]+|ip|fp|sl|sb), \[sp, (r[0-9]+|ip|fp|sl|sb)\]' "$work/bigframe-$board.s")
if [ "$adds" != 0 ] || [ "$far" = 0 ]; then
	echo "FAIL: far slots: $adds address adds (want 0), $far [sp, reg] accesses (want some)"; fail=1
else
	echo "ok: far slots addressed [sp, reg] ($far accesses), no address adds"
fi
count() { # p iters -> "result instructions"
	"$synth" run --board "$board" --count "$wasm" --invoke f "$1" "$2" 2>&1 |
		sed -n 's/^f([^)]*) => i32:\(-\{0,1\}[0-9]*\).*[^0-9]\([0-9][0-9]*\) instructions.*$/\1 \2/p'
}
ins_3=0 ins_40=0
for pi in "7 0" "123456789 3" "4000000000 40"; do
	set -- $pi
	got=$(count "$1" "$2")
	want=$(expect "$1" "$2")
	if [ "${got% *}" != "$want" ]; then
		echo "FAIL: f($1, $2) = '${got% *}' want $want ($("$synth" run --board "$board" --count "$wasm" --invoke f "$1" "$2" 2>&1 | head -3))"
		fail=1
	else
		echo "ok: f($1, $2) = $want on $board"
	fi
	case $2 in
	3) ins_3=${got#* } ;;
	40) ins_40=${got#* } ;;
	esac
done
per=$(( (ins_40 - ins_3) / 37 ))
if [ "$per" -gt "$ceil" ]; then
	echo "FAIL: $per instructions per loop iteration over $hot hot values (ceiling $ceil)"; fail=1
else
	echo "ok: $per instructions per loop iteration over $hot hot values (ceiling $ceil)"
fi
exit $fail
