#!/bin/sh
# run-float-bench.sh SYNTH RUNTIME-DIR SRCDIR WORKDIR: exact instruction
# counts (QEMU -icount) of float kernels compiled by synth, next to the same
# C compiled natively with arm-none-eabi-gcc -O2 for the same core, on every
# board. Prints a table; fails only when the two results differ or either
# run does not exit 0 (never on a ratio).
set -u
synth=$1 rt=$2 src=$3 work=$4
for t in clang wasm-ld arm-none-eabi-gcc qemu-system-arm; do
	command -v $t >/dev/null 2>&1 || { echo "SKIP: $t not found"; exit 77; }
done
mkdir -p "$work"
fail=0
printf '%-8s %-11s %12s %12s %7s\n' kernel board synth gcc-O2 ratio
for k in fir matmul nbody; do
	clang --target=wasm32 -O2 -nostdlib -ffreestanding -Wl,--no-entry -Wl,--export-dynamic \
		-o "$work/$k.wasm" "$src/$k.c" || { fail=1; continue; }
	for b in mps2-an385 mps2-an386 mps2-an500 mps2-an505; do
		s=$("$synth" run --count --board $b "$work/$k.wasm" --invoke run 2>&1)
		sst=$?
		# shellcheck disable=SC2046 # the .cflags file is a list of flags
		arm-none-eabi-gcc $(cat "$rt/$b/synth-rt-$b.cflags") -O2 -ffp-contract=off -ffreestanding -nostdlib \
			-nostartfiles -I"$rt/include" -DKERNEL="\"$src/$k.c\"" -T"$rt/$b/synth-rt-$b.ld" \
			"$src/native_main.c" "$rt/$b/libsynth-rt-$b.a" -lgcc -o "$work/$k.$b.elf" || { fail=1; continue; }
		n=$(sh "$rt/qemu-run.sh" --icount $b "$work/$k.$b.elf" 60 2>&1)
		nst=$?
		sv=${s%%  *}; nv=${n%%  *}
		si=$(echo "$s" | sed -n 's/.*\[\([0-9]*\) instructions\]/\1/p')
		ni=$(echo "$n" | sed -n 's/.*\[\([0-9]*\) instructions\]/\1/p')
		if [ $sst -ne 0 ] || [ $nst -ne 0 ] || [ "$sv" != "$nv" ] || [ -z "$si" ] || [ -z "$ni" ]; then
			echo "FAIL: $k on $b: synth '$s' (exit $sst), native '$n' (exit $nst)"; fail=1; continue
		fi
		printf '%-8s %-11s %12s %12s %7s\n' "$k" "$b" "$si" "$ni" "$(awk "BEGIN { printf \"%.2f\", $si / $ni }")"
	done
done
exit $fail
