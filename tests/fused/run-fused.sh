#!/bin/sh
# run-fused.sh SYNTH FUSED3.wasm - runs exports of fused3.wat under QEMU and
# compares each result line; exit 77 when qemu-system-arm is missing.
synth=$1
wasm=$2
command -v qemu-system-arm >/dev/null 2>&1 || { echo "SKIP: qemu-system-arm missing"; exit 77; }
command -v arm-none-eabi-gcc >/dev/null 2>&1 || { echo "SKIP: arm-none-eabi-gcc missing"; exit 77; }
fail=0
check() {
	want=$1
	shift
	got=$("$synth" run --board mps2-an385 "$wasm" --invoke "$@" 2>&1 | tail -n 1)
	if [ "$got" = "$want" ]; then
		echo "ok: $want"
	else
		echo "FAIL: $* gave '$got', expected '$want'"
		fail=1
	fi
}
# run (c0) -> outer (c1, gated) -> mid -> leaf; filter (c1, gated) ->
# adapter c1->c2 (gated) -> encode (c2, gated) writes {5, 10}, copied into memory$1
check 'run(i32:5) => i32:15' run 5
check 'filter$1(i32:7) => i32:21' 'filter$1' 7
check 'square(i32:9) => i32:81' square 9
exit $fail
