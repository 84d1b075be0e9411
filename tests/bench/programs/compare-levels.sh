#!/bin/sh
# compare-levels.sh BEFORE AFTER [BOARD]: the effect of a compiler change on
# code clang did not optimize. The C programs of tests/programs are built
# with clang --target=wasm32 at -O0, -O2 and -Os, each run by
# `BEFORE run --count` and `AFTER run --count` (exact instructions, QEMU
# -icount, default --bounds=trap) and compiled by both (.text of the object);
# prints one markdown row per program and level and the geometric means per
# level. Fails when the two compilers' results differ. BEFORE and AFTER are
# synth binaries (SYNTH_RUNTIME_DIR must name the runtime when they are not
# in a build tree); BOARD defaults to mps2-an386.
set -u
[ $# -ge 2 ] || { echo "usage: compare-levels.sh BEFORE AFTER [BOARD]" >&2; exit 2; }
before=$1 after=$2 board=${3:-mps2-an386}
src=$(cd "$(dirname "$0")/../../programs" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
echo "| program | clang | instructions before -> after | .text before -> after |"
echo "|---|---|---:|---:|"
for lvl in O0 O2 Os; do
	for c in "$src"/*.c; do
		p=$(basename "$c" .c)
		case $p in support|native_main) continue ;; esac
		w=$work/$p-$lvl.wasm
		clang --target=wasm32 -$lvl -nostdlib -ffreestanding -Wl,--no-entry -I"$src" -o "$w" "$c" \
			"$src/support.c" || { echo "FAIL: $p -$lvl: clang"; fail=1; continue; }
		row="$p $lvl"
		for s in "$before" "$after"; do
			r=$("$s" run --count --board "$board" "$w" --invoke run 2>&1)
			i=$(echo "$r" | sed -n 's/.*\[\([0-9]*\) instructions\]/\1/p')
			"$s" compile "$w" -o "$work/o.o" || { echo "FAIL: $p -$lvl: $s compile"; fail=1; }
			t=$(arm-none-eabi-size -A "$work/o.o" | awk '$1 == ".text" {print $2}')
			row="$row ${i:-0} ${t:-0} ${r%%  *}"
		done
		echo "$row" >>"$work/rows"
	done
done
awk '{
	res1 = $5 $6 $7; res2 = $10 $11 $12
	if (res1 != res2 || $3 == 0 || $8 == 0) { print "FAIL: " $1 " -" $2 ": " $5 " " $6 " " $7 " vs " $10 " " $11 " " $12; bad = 1; next }
	printf "| %s | -%s | %d -> %d (%+.1f %%) | %d -> %d (%+.1f %%) |\n", $1, $2, $3, $8, 100 * ($8 - $3) / $3, $4, $9, 100 * ($9 - $4) / $4
	li[$2] += log($8 / $3); lt[$2] += log($9 / $4); n[$2]++
}
END {
	print ""
	print "| clang | geomean instructions after/before | geomean .text after/before |"
	print "|---|---:|---:|"
	split("O0 O2 Os", L, " ")
	for (k = 1; k <= 3; k++)
		if (n[L[k]])
			printf "| -%s | %.3f | %.3f |\n", L[k], exp(li[L[k]] / n[L[k]]), exp(lt[L[k]] / n[L[k]])
	exit bad
}' "$work/rows" || fail=1
exit $fail
