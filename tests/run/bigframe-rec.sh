#!/bin/sh
# bigframe-rec.sh - a recursion whose frames are larger than 4 KiB (N
# values live across the recursive call, spilled) runs out of stack and
# traps "call stack exhausted", then the stack is usable again (core/ABI.md,
# "Stack checks"). On the mps2-an505 the code has no prologue check
# (cortex-m33 default): the frame is allocated by one `sub sp, sp, ip`
# before any slot is written, MSPLIM stops that decrement and the runtime
# turns the STKOF into the trap; the listing check below makes sure no
# store into the new frame comes before the decrement.
# usage: bigframe-rec.sh SYNTH WAT2WASM WORKDIR BOARD N [SYNTH RUN OPTION...]
set -u
synth=$1 wat2wasm=$2 work=$3 board=$4 n=$5
shift 5
[ -x "$synth" ] || { echo "SKIP: no synth at $synth"; exit 77; }
for t in "$wat2wasm" qemu-system-arm arm-none-eabi-gcc; do
	command -v "$t" >/dev/null 2>&1 || { echo "SKIP: $t missing"; exit 77; }
done
mkdir -p "$work" || exit 1
wat=$work/bigrec-$board.wat wasm=$work/bigrec-$board.wasm
awk -v n="$n" 'BEGIN {
	print "(module"
	print " (func $r (param $p i32) (param $k i32) (result i32) (local $s i32)"
	printf "  "
	for (i = 0; i < n; i++) printf " (local $v%d i32)", i
	print ""
	for (i = 0; i < n; i++)
		printf "  (local.set $v%d (i32.add (i32.mul (local.get $p) (i32.const %d)) (i32.const %d)))\n", i, 2 * i + 3, i
	print "  (local.set $s (if (result i32) (local.get $k)"
	print "    (then (call $r (i32.add (local.get $p) (i32.const 1)) (i32.sub (local.get $k) (i32.const 1))))"
	print "    (else (i32.const 0))))"
	for (i = 0; i < n; i++) printf "  (local.set $s (i32.add (local.get $s) (local.get $v%d)))\n", i
	print "  (local.get $s))"
	print " (func (export \"a_runaway\") (result i32) (call $r (i32.const 1) (i32.const -1)))"
	print " (func (export \"b_three\") (result i32) (call $r (i32.const 1) (i32.const 3)))"
	print " (func (export \"c_runaway\") (result i32) (call $r (i32.const 7) (i32.const -1)))"
	print " (func (export \"d_three\") (result i32) (call $r (i32.const 1) (i32.const 3))))"
}' >"$wat"
"$wat2wasm" "$wat" -o "$wasm" || { echo "FAIL: wat2wasm"; exit 1; }
fail=0
# r(p, 3) = sum over the four levels p..p+3 of sum_i (q(2i+3) + i), mod 2^32
want=$(awk -v n="$n" 'BEGIN { s = 0; for (q = 1; q <= 4; q++) for (i = 0; i < n; i++) s = (s + q * (2 * i + 3) + i) % 4294967296; if (s >= 2147483648) s -= 4294967296; print s }')
out=$("$synth" run --board "$board" "$@" "$wasm" --run-all-exports 2>&1)
status=$?
expect="a_runaway() => trap: call stack exhausted
b_three() => i32:$want
c_runaway() => trap: call stack exhausted
d_three() => i32:$want"
if [ "$out" != "$expect" ] || [ $status != 1 ]; then
	echo "FAIL: synth run on $board (status $status):"; echo "$out"; echo "wanted:"; echo "$expect"; fail=1
else
	echo "ok: two runaways of >4 KiB frames trapped on $board, the stack usable after each ($want)"
fi
# The prologue: pushes and the one sp decrement come before any access to
# the frame.
core=$("$synth" run --help | awk -v b="$board" '$1 == b { print $2 }')
"$synth" compile --target "$core" --name m "$@" --emit=asm -o "$work/bigrec-$board.o" "$wasm" >"$work/bigrec-$board.s" ||
	{ echo "FAIL: synth compile"; exit 1; }
awk '/^[0-9a-f]+ <m__func0>:$/ { on = 1; next } on && /^$/ { exit } on' "$work/bigrec-$board.s" |
	awk '/\[sp/ { print "FAIL: the frame is touched before sp is decremented: " $0; bad = 1; exit }
	     /sub(\.w)?[[:space:]]+(sp, sp|lr, sp)/ { big = 1; print "ok: frame allocated first: " $0; exit }
	     END { if (!big && !bad) print "FAIL: no sp decrement in the prologue"; exit !big || bad }' || fail=1
exit $fail
