#!/bin/sh
# link.sh - the state section in a linked image (tests/state/CMakeLists.txt):
# kitchen.wat compiled for each board's core, linked with the runtime and
# state_main.c; the image's .synth_state output section lies in RAM and
# holds every kitchen state symbol, constants lie in flash (.text), then
# the program runs under QEMU and must print state_main.expected and exit 0.
#
# usage: link.sh SYNTH SRCDIR WORKDIR RTDIR   (exit 77 when a tool is missing)
set -u
synth=$1 src=$2 work=$3 rt=$4
for t in wat2wasm arm-none-eabi-gcc arm-none-eabi-nm arm-none-eabi-readelf qemu-system-arm; do
	command -v "$t" >/dev/null 2>&1 || { echo "SKIP: $t not found"; exit 77; }
done
mkdir -p "$work"
fail=0
wat2wasm --enable-multi-memory "$src/data/kitchen.wat" -o "$work/kitchen.wasm" || exit 1
for pair in mps2-an385:cortex-m3 mps2-an505:cortex-m33; do
	b=${pair%%:*} t=${pair##*:} d=$work/$b
	mkdir -p "$d"
	"$synth" compile --target "$t" --header "$d/kitchen.h" -o "$d/kitchen.o" "$work/kitchen.wasm" || {
		echo "FAIL: compile for $t"; fail=1; continue; }
	# shellcheck disable=SC2046 # the .cflags file is a list of flags
	if ! arm-none-eabi-gcc $(cat "$rt/$b/synth-rt-$b.cflags") -O1 -ffreestanding -nostdlib -nostartfiles \
		-I"$rt/include" -I"$d" -T"$rt/$b/synth-rt-$b.ld" "$src/state_main.c" "$d/kitchen.o" \
		"$rt/$b/libsynth-rt-$b.a" -lgcc -o "$d/state.elf"; then
		echo "FAIL: link for $b"; fail=1; continue
	fi
	# The output sections: .synth_state (writable, in RAM next to .bss) and
	# .text (read-only, in flash); every state symbol inside the first,
	# the constant globals inside the second.
	arm-none-eabi-readelf -SW "$d/state.elf" | awk '$2 ~ /^\./ { print $2, $4, $6, $8 } $3 ~ /^\./ { print $3, $5, $7, $9 }' \
		> "$d/sections.txt"
	arm-none-eabi-nm "$d/state.elf" > "$d/nm.txt"
	if ! awk -v board="$b" '
		function hex(s,  i, n) {
			n = 0
			for (i = 1; i <= length(s); i++)
				n = n * 16 + index("0123456789abcdef", tolower(substr(s, i, 1))) - 1
			return n
		}
		FILENAME ~ /sections/ { addr[$1] = hex($2); size[$1] = hex($3); flags[$1] = $4; next }
		{ v = hex($1) }
		$3 ~ /^kitchen__(memctl|tablectl|table|elemseg|dataseg|global1$|global6$|global8$|global9$|state$)/ {
			n++
			if (v < addr[".synth_state"] || v >= addr[".synth_state"] + size[".synth_state"]) {
				print "FAIL: " board ": " $3 " at " $1 " is outside .synth_state"; bad = 1 }
		}
		$3 ~ /^kitchen__global[2-57]$/ {
			n++
			if (v < addr[".text"] || v >= addr[".text"] + size[".text"]) {
				print "FAIL: " board ": constant " $3 " at " $1 " is outside .text (flash)"; bad = 1 }
		}
		$3 == "__synth_bss_end" { bss_end = v }
		$3 == "__synth_fault_stack_bottom" { fault = v }
		END {
			if (flags[".synth_state"] != "WA" || flags[".text"] != "AX") {
				print "FAIL: " board ": .synth_state is " flags[".synth_state"] ", .text " flags[".text"]; bad = 1 }
			if (addr[".synth_state"] < bss_end || addr[".synth_state"] + size[".synth_state"] > fault) {
				print "FAIL: " board ": .synth_state is not in RAM between .bss and the fault stack"; bad = 1 }
			if (n != 21) { print "FAIL: " board ": " n " kitchen symbols checked, not 21"; bad = 1 }
			exit bad
		}' "$d/sections.txt" "$d/nm.txt"; then
		fail=1
	else
		echo "ok: $b: state symbols in .synth_state (RAM), constants in .text (flash)"
	fi
	sh "$rt/qemu-run.sh" "$b" "$d/state.elf" 20 > "$d/run.out" 2>&1
	st=$?
	if [ $st -eq 0 ] && cmp -s "$d/run.out" "$src/state_main.expected"; then
		echo "ok: $b: M__init sets up the state over garbage; exports change only state"
	else
		echo "FAIL: $b: run (exit status $st):"; diff "$src/state_main.expected" "$d/run.out"; fail=1
	fi
done
exit $fail
