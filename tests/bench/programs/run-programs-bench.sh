#!/bin/sh
# run-programs-bench.sh SYNTH RUNTIME-DIR PROGRAMS-DIR WORKDIR [BOARD]: exact
# instruction counts (QEMU -icount) of the C programs of tests/programs,
# compiled to wasm with clang -O2 and run by `synth run --count`, next to
# the same C compiled natively with arm-none-eabi-gcc -O2 for the board
# (default mps2-an385) and measured in the same run. Prints one line per
# program and the geometric mean of the ratios; fails only when a result
# differs from the one recorded in PROGRAMS-DIR/checksums.txt, when either
# run does not exit 0, or when not every program was measured (never on a
# ratio).
set -u
synth=$1 rt=$2 src=$3 work=$4 board=${5:-mps2-an385}
for t in clang wasm-ld arm-none-eabi-gcc qemu-system-arm; do
	command -v $t >/dev/null 2>&1 || { echo "SKIP: $t not found"; exit 77; }
done
mkdir -p "$work"
here=$(cd "$(dirname "$0")" && pwd)
fail=0
printf '%-9s %-11s %12s %12s %7s\n' program board synth gcc-O2 ratio
for c in "$src"/*.c; do
	p=$(basename "$c" .c)
	case $p in support|native_main) continue ;; esac
	clang --target=wasm32 -O2 -nostdlib -ffreestanding -Wl,--no-entry -I"$src" \
		-o "$work/$p.wasm" "$c" "$src/support.c" || { echo "FAIL: $p: clang"; fail=1; continue; }
	s=$("$synth" run --count --board "$board" "$work/$p.wasm" --invoke run 2>&1)
	sst=$?
	# shellcheck disable=SC2046 # the flags file holds several words
	arm-none-eabi-gcc $(cat "$rt/$board/synth-rt-$board.cflags") -O2 -ffreestanding -nostdlib \
		-nostartfiles -I"$rt/include" -I"$src" -DKERNEL="\"$c\"" -T"$rt/$board/synth-rt-$board.ld" \
		"$here/../float/native_main.c" "$rt/$board/libsynth-rt-$board.a" -lgcc -o "$work/$p.elf" ||
		{ echo "FAIL: $p: arm-none-eabi-gcc"; fail=1; continue; }
	n=$(sh "$rt/qemu-run.sh" --icount "$board" "$work/$p.elf" 120 2>&1)
	nst=$?
	sv=${s%%  *} nv=${n%%  *}
	recorded=$(sed -n "s/^$p //p" "$src/checksums.txt")
	si=$(echo "$s" | sed -n 's/.*\[\([0-9]*\) instructions\]/\1/p')
	ni=$(echo "$n" | sed -n 's/.*\[\([0-9]*\) instructions\]/\1/p')
	if [ $sst -ne 0 ] || [ $nst -ne 0 ] || [ "$sv" != "$nv" ] || [ -z "$si" ] || [ -z "$ni" ] ||
		[ -z "$recorded" ] || [ "$nv" != "run() => $recorded" ]; then
		echo "FAIL: $p: synth '$s' (exit $sst), native '$n' (exit $nst), checksums.txt '${recorded:-nothing}'"
		continue
	fi
	printf '%-9s %-11s %12s %12s %7s\n' "$p" "$board" "$si" "$ni" "$(awk "BEGIN { printf \"%.2f\", $si / $ni }")"
done | tee "$work/table.txt"
grep -q '^FAIL' "$work/table.txt" && fail=1
# (the loop ran in a pipe: its failures are the FAIL lines, and every
# program must have its row)
want=$(for c in "$src"/*.c; do echo "$c"; done | grep -cv '/\(support\|native_main\)\.c$')
got=$(awk '$1 != "FAIL:" && $5 ~ /^[0-9.]+$/' "$work/table.txt" | wc -l)
if [ "$want" -eq 0 ] || [ "$got" -ne "$want" ]; then
	echo "FAIL: $got programs measured, $want in $src"
	fail=1
fi
awk '$1 != "FAIL:" && $5 ~ /^[0-9.]+$/ { l += log($5); n++ }
	END { if (n) printf "geometric mean of %d ratios: %.2f\n", n, exp(l / n) }' "$work/table.txt"
exit $fail
