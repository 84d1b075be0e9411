#!/bin/sh
# run-icall.sh SYNTH ICALL.wasm SRC WORK RT BOARD - builds icall.c with
# icall.wat compiled for BOARD's core (--bounds=none --stack-check=none),
# its layout planned (model B) and exported, checks the image with
# `synth layout check --elf`, runs it under QEMU with exact -icount and
# expects "fused-icall: ok" and no FAIL line (icall.c says what each check
# proves). Exit 77 when the cross tools are missing.
synth=$1
wasm=$2
src=$3
work=$4
rt=$5
b=$6
command -v qemu-system-arm >/dev/null 2>&1 || { echo "SKIP: qemu-system-arm missing"; exit 77; }
command -v arm-none-eabi-gcc >/dev/null 2>&1 || { echo "SKIP: arm-none-eabi-gcc missing"; exit 77; }
case $b in
mps2-an386) core=cortex-m4f ;;
mps2-an505) core=cortex-m33 ;;
*) echo "run-icall.sh: no core for board $b"; exit 2 ;;
esac
rm -rf "$work" && mkdir -p "$work" || exit 1
if ! "$synth" compile --target "$core" --bounds=none --stack-check=none --name app --header "$work/app.h" \
	-o "$work/app.o" "$wasm" ||
	! "$synth" plan --target "$b" --model b -o "$work/layout.json" "$work/app.requests.json" >/dev/null ||
	! "$synth" layout export "$work/layout.json" --h "$work/synth_layout.h" --c "$work/synth_layout.c" \
		--ld "$work/synth_layout.ld" --map "$work/synth_layout.map"; then
	echo "FAIL: compile, plan or export"
	exit 1
fi
# shellcheck disable=SC2046 # the .cflags file is a list of flags
if ! arm-none-eabi-gcc $(cat "$rt/$b/synth-rt-$b.cflags") -std=c11 -O1 -Wall -Wextra -Werror -ffreestanding \
	-nostdlib -nostartfiles -I"$rt/include" -I"$work" -T"$work/synth_layout.ld" -T"$rt/$b/synth-rt-$b.ld" \
	"$src/icall.c" "$work/synth_layout.c" "$work/app.o" "$rt/$b/libsynth-rt-$b.a" -lgcc -o "$work/icall.elf"; then
	echo "FAIL: icall.c does not build"
	exit 1
fi
fail=0
if ! "$synth" layout check "$work/layout.json" --elf "$work/icall.elf" >"$work/check.txt" 2>&1; then
	echo "FAIL: layout check --elf:"
	cat "$work/check.txt"
	fail=1
fi
out=$(sh "$rt/qemu-run.sh" --icount "$b" "$work/icall.elf" 30 2>&1)
printf '%s\n' "$out"
if printf '%s\n' "$out" | grep -q "^fused-icall: ok" && ! printf '%s\n' "$out" | grep -q "FAIL"; then
	echo "ok: icall.wat's indirect, shared and allocator calls keep each component in its domain on $b"
else
	echo "FAIL: icall.elf on $b"
	fail=1
fi
exit $fail
