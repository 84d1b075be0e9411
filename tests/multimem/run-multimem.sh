#!/bin/sh
# run-multimem.sh SYNTH SRCDIR WORKDIR RUNTIME: runs every multi-memory
# program here through `synth run` on mps2-an386 and mps2-an505 and compares
# with the committed expected output (checked once against wasm-interp),
# links a firmware image and checks with nm that every memory has its own
# base and that the reserved ranges do not overlap, and runs mask_guard.c
# (the MPU requirement of --bounds=mask) against mask_guard.c.expected.
# Every run's exit status is checked with its output: synth run exits 1 when
# a call traps (the expected output holds `=> trap:`), else 0.
set -u
synth=$1 src=$2 work=$3 rt=$4
for t in wat2wasm arm-none-eabi-nm arm-none-eabi-gcc qemu-system-arm; do
	command -v $t >/dev/null 2>&1 || { echo "SKIP: $t not found"; exit 77; }
done
mkdir -p "$work"
fail=0
# want_status FILE: the exit status of a synth run that printed FILE.
want_status() {
	if grep -q '=> trap: ' "$1"; then echo 1; else echo 0; fi
}
compared=0
for input in "$src"/*.wat "$src"/*.wasm; do
	case $input in
	*.wat)
		name=$(basename "$input" .wat)
		wasm=$work/$name.wasm
		wat2wasm --enable-multi-memory "$input" -o "$wasm" || { echo "FAIL: $name: wat2wasm"; fail=1; continue; }
		;;
	*) name=$(basename "$input" .wasm); wasm=$input ;;
	esac
	[ -f "$src/$name.expected" ] || continue
	for board in mps2-an386 mps2-an505; do
		"$synth" run --board "$board" "$wasm" --run-all-exports > "$work/$name.$board.out" 2>&1
		st=$? want=$(want_status "$src/$name.expected")
		if cmp -s "$work/$name.$board.out" "$src/$name.expected" && [ $st -eq "$want" ]; then
			echo "ok: $name on $board ($(wc -l < "$src/$name.expected") calls)"
			compared=$((compared + 1))
		else
			echo "FAIL: $name on $board (exit status $st, expected $want):"; diff "$src/$name.expected" "$work/$name.$board.out"; fail=1
		fi
	done
done
# copy, transfer and pagesize1, on both boards: a lost program is a failure.
if [ $compared -lt 6 ]; then
	echo "FAIL: $compared program runs matched, expected 6 (3 programs on 2 boards)"; fail=1
fi
# The bounds modes: exact traps, wrapping inside the reservation, none.
wat2wasm --enable-multi-memory "$src/bounds.wat" -o "$work/bounds.wasm" || { echo "FAIL: bounds: wat2wasm"; fail=1; }
for mode in trap mask none; do
	"$synth" run --bounds=$mode "$work/bounds.wasm" --run-all-exports > "$work/bounds.$mode.out" 2>&1
	st=$? want=$(want_status "$src/bounds.$mode.expected")
	if cmp -s "$work/bounds.$mode.out" "$src/bounds.$mode.expected" && [ $st -eq "$want" ]; then
		echo "ok: bounds=$mode"
	else
		echo "FAIL: bounds=$mode (exit status $st, expected $want):"; diff "$src/bounds.$mode.expected" "$work/bounds.$mode.out"; fail=1
	fi
	"$synth" run --count --bounds=$mode "$work/bounds.wasm" --invoke sum > "$work/bounds.$mode.count" 2>&1
done
# Instruction overhead of each mode against none (exact counts, reported only).
n=$(sed -n 's/.*\[\([0-9]*\) instructions\]/\1/p' "$work/bounds.none.count")
for mode in trap mask; do
	c=$(sed -n 's/.*\[\([0-9]*\) instructions\]/\1/p' "$work/bounds.$mode.count")
	[ -n "$c" ] && [ -n "$n" ] && echo "bounds=$mode: $c instructions for 12288 accesses, none: $n, ratio $(awk "BEGIN { printf \"%.2f\", $c / $n }")"
done
# A per-memory cap: memory 2 capped at 64 KiB cannot grow to 2 pages.
# (copy.wasm was converted in the first loop)
r=$("$synth" run --mem-cap 2=64K "$work/copy.wasm" --invoke grow_c 2>&1)
st=$?
if [ $st -eq 1 ] && [ "$r" = "grow_c() => trap: out of bounds memory access" ]; then
	echo "ok: a per-memory cap limits growth and accesses beyond it trap"
else
	echo "FAIL: --mem-cap 2=64K: exit status $st: $r"; fail=1
fi
# A memory without a maximum reserves 1 MiB unless --mem-reserve says more:
# growing it to 40 pages (2.5 MiB) fails (-1) by default and works with 4M;
# a malformed or per-memory --mem-reserve is a usage error.
printf '(module (memory 1) (func (export "g") (result i32) (memory.grow (i32.const 39))))' >"$work/unbounded.wat"
wat2wasm "$work/unbounded.wat" -o "$work/unbounded.wasm" || { echo "FAIL: unbounded.wat: wat2wasm"; fail=1; }
r1=$("$synth" run "$work/unbounded.wasm" --invoke g 2>&1)
st1=$?
r2=$("$synth" run --mem-reserve 4M "$work/unbounded.wasm" --invoke g 2>&1)
st2=$?
if [ $st1 -eq 0 ] && [ "$r1" = "g() => i32:4294967295" ] && [ $st2 -eq 0 ] && [ "$r2" = "g() => i32:1" ]; then
	echo "ok: --mem-reserve 4M lets a memory without a maximum grow past 1 MiB"
else
	echo "FAIL: --mem-reserve: default gave '$r1' (exit $st1), 4M gave '$r2' (exit $st2)"; fail=1
fi
for bad in 0 1=4K 4X -5; do
	"$synth" compile --mem-reserve "$bad" -o "$work/bad.o" "$work/unbounded.wasm" >"$work/bad.err" 2>&1
	st=$?
	if [ $st -eq 2 ] && grep -q "mem-reserve" "$work/bad.err" && [ ! -e "$work/bad.o" ]; then
		echo "ok: --mem-reserve $bad is refused: $(cat "$work/bad.err")"
	else
		echo "FAIL: --mem-reserve $bad: exit status $st"; cat "$work/bad.err"; fail=1
	fi
done
# Each memory at a distinct base, with its reserved size, in a linked image.
"$synth" compile --emit=firmware --board mps2-an505 -o "$work/copy.elf" "$work/copy.wasm" || { echo "FAIL: firmware"; exit 1; }
arm-none-eabi-nm "$work/copy.elf" > "$work/copy.nm"
ranges=$(awk '
	$3 ~ /^copy__mem[0-9]+$/ { base[$3] = $1 }
	$3 ~ /^copy__mem[0-9]+_size$/ { n = $3; sub(/_size$/, "", n); size[n] = $1 }
	END { for (m in base) printf "%s %s %s\n", m, base[m], size[m] }' "$work/copy.nm" | sort -k2)
echo "$ranges" | while read -r m b s; do echo "memory $m at 0x$b, $((0x$s)) bytes reserved"; done
count=$(echo "$ranges" | grep -c copy__mem)
if [ "$count" -ne 3 ]; then
	echo "FAIL: expected 3 memories in the image, found $count"; fail=1
fi
prev_end=0
for line in $(echo "$ranges" | awk '{ print $2 ":" $3 }'); do
	b=$((0x${line%%:*})); s=$((0x${line##*:}))
	if [ "$b" -lt "$prev_end" ]; then echo "FAIL: memory at $b overlaps the previous one"; fail=1; fi
	if [ "$s" -eq 0 ]; then echo "FAIL: a memory has no reserved size"; fail=1; fi
	prev_end=$((b + s))
done
# --bounds=mask needs the MPU: an 8-byte store at the last offset of a
# memory reaches 7 bytes into the next one without it, and faults with the
# region boundary there (mask_guard.c). Both cases are checked exactly.
for pair in mps2-an386:cortex-m4f mps2-an505:cortex-m33; do
	b=${pair%%:*} t=${pair##*:}
	wat2wasm --enable-multi-memory "$src/mask_guard.wat" -o "$work/mg.wasm" &&
		"$synth" compile --bounds=mask --target "$t" --header "$work/mg.h" -o "$work/mg.o" "$work/mg.wasm" || {
		echo "FAIL: mask_guard: compile for $t"; fail=1; continue; }
	# shellcheck disable=SC2046 # the .cflags file is a list of flags
	if ! arm-none-eabi-gcc $(cat "$rt/$b/synth-rt-$b.cflags") -O1 -ffreestanding -nostdlib -nostartfiles \
		-I"$rt/include" -I"$work" -T"$rt/$b/synth-rt-$b.ld" "$src/mask_guard.c" "$work/mg.o" \
		"$rt/$b/libsynth-rt-$b.a" -lgcc -o "$work/mg.$b.elf"; then
		echo "FAIL: mask_guard: link for $b"; fail=1; continue
	fi
	sh "$rt/qemu-run.sh" "$b" "$work/mg.$b.elf" 20 >"$work/mg.$b.out" 2>&1
	st=$?
	[ $st -eq 0 ] || { echo "FAIL: mask_guard on $b: exit status $st"; fail=1; }
	if cmp -s "$work/mg.$b.out" "$src/mask_guard.c.expected"; then
		echo "ok: --bounds=mask on $b: 7 bytes of the next memory change without the MPU, none with it"
	else
		echo "FAIL: mask_guard on $b:"; diff "$src/mask_guard.c.expected" "$work/mg.$b.out"; fail=1
	fi
done
[ $fail -eq 0 ] && echo "multi-memory: all programs match on both boards; memories are disjoint"
exit $fail
