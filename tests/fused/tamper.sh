#!/bin/sh
# tamper.sh SYNTH OBJCOPY LAYOUT ELF WORK - moves component c1's state
# section of a fused module (.synth_state.app.c1) 32 bytes up in a copy of
# the linked image, as a tampered image or a stray linker statement would;
# synth layout check --elf must then fail and name app__state_c1.
synth=$1
objcopy=$2
layout=$3
elf=$4
work=$5
rm -rf "$work" && mkdir -p "$work" || exit 1
"$objcopy" --change-section-address .synth_state.app.c1+0x20 "$elf" "$work/tampered.elf" 2>/dev/null
[ -s "$work/tampered.elf" ] || { echo "FAIL: objcopy"; exit 1; }
if "$synth" layout check "$layout" --elf "$elf" >/dev/null 2>&1; then
	echo "ok: the untampered image passes"
else
	echo "FAIL: the untampered image fails the check"
	exit 1
fi
out=$("$synth" layout check "$layout" --elf "$work/tampered.elf" 2>&1)
st=$?
if [ $st -ne 0 ] && printf '%s\n' "$out" | grep -qF "app.c1.state: module app's state (app__state_c1) is at"; then
	echo "ok: the tampered image fails naming app__state_c1"
	echo "tamper: ok"
	exit 0
fi
echo "FAIL: the tampered image (exit $st):"
printf '%s\n' "$out"
exit 1
