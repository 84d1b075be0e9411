#!/bin/sh
# run-abi.sh SYNTH RUNTIME-DIR SRCDIR WORKDIR: the float ABI of compiled
# objects. C code calls f32/f64 exports through the generated header on
# every board (soft-float AAPCS on M3, AAPCS-VFP elsewhere), and linking a
# hard-float object with soft-float C code must fail at link time.
set -u
synth=$1 rt=$2 src=$3 work=$4
for t in wat2wasm arm-none-eabi-gcc qemu-system-arm; do
	command -v $t >/dev/null 2>&1 || { echo "SKIP: $t not found"; exit 77; }
done
mkdir -p "$work"
wat2wasm "$src/scale.wat" -o "$work/scale.wasm" || exit 1
fail=0
for pair in mps2-an385:cortex-m3 mps2-an386:cortex-m4f mps2-an500:cortex-m7dp mps2-an505:cortex-m33; do
	b=${pair%%:*} t=${pair##*:}
	"$synth" compile --target "$t" -o "$work/scale.o" --header "$work/scale.h" "$work/scale.wasm" || { fail=1; continue; }
	# shellcheck disable=SC2046 # the .cflags file is a list of flags
	if ! arm-none-eabi-gcc $(cat "$rt/$b/synth-rt-$b.cflags") -O1 -ffreestanding -nostdlib -nostartfiles \
		-I"$rt/include" -I"$work" -T"$rt/$b/synth-rt-$b.ld" "$src/caller.c" "$work/scale.o" \
		"$rt/$b/libsynth-rt-$b.a" -lgcc -o "$work/abi.$b.elf"; then
		echo "FAIL: float exports on $b ($t): link"; fail=1; continue
	fi
	# caller.c prints OK and exits 0 when both results are right
	out=$(sh "$rt/qemu-run.sh" "$b" "$work/abi.$b.elf" 20)
	st=$?
	if [ $st -eq 0 ] && [ "$out" = "OK" ]; then
		echo "ok: C calls float exports on $b ($t)"
	else
		echo "FAIL: float exports on $b ($t): exit status $st, output '$out'"; fail=1
	fi
done
# A hard-float object linked with soft-float C code must be refused.
"$synth" compile --target cortex-m4f -o "$work/hard.o" "$work/scale.wasm" || exit 1
arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -mfloat-abi=soft -c -I"$rt/include" -I"$work" \
	"$src/caller.c" -o "$work/soft.o" || exit 1
if arm-none-eabi-ld -r "$work/soft.o" "$work/hard.o" -o "$work/mixed.o" 2> "$work/mixed.err"; then
	echo "FAIL: hard-float object linked with soft-float code"; fail=1
elif grep -q "VFP register arguments" "$work/mixed.err"; then
	echo "ok: linking a hard-float object with soft-float code fails: $(head -1 "$work/mixed.err" | sed 's/.*: //')"
else
	echo "FAIL: unexpected link error:"; cat "$work/mixed.err"; fail=1
fi
exit $fail
