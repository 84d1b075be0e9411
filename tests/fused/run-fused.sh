#!/bin/sh
# run-fused.sh SYNTH FUSED3.wasm SRC WORK RT - runs exports of fused3.wat
# under QEMU and compares each result line (the calls between components go
# through the weak M__xcall<g> thunks); then builds gates.c, whose gate
# stubs (from the header's app__XCALLS and the layout's domains) replace the
# thunks, and checks the image: every app__xcall<g> is `movw ip, #id; svc 2`
# with the id of its gate. Exit 77 when the cross tools are missing.
synth=$1
wasm=$2
src=$3
work=$4
rt=$5
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

# The gates: header, requests, plan, layout export, link.
rm -rf "$work" && mkdir -p "$work" || exit 1
b=mps2-an505
# The software stack check (not the m33 default): domains.c grants every
# domain the word its prologues read (core/ABI.md, "Components").
if ! "$synth" compile --target cortex-m33 --stack-check=software --name app --header "$work/app.h" -o "$work/app.o" "$wasm" ||
	! "$synth" plan --target "$b" --model b -o "$work/layout.json" "$work/app.requests.json" >/dev/null ||
	! "$synth" layout export "$work/layout.json" --h "$work/synth_layout.h" --c "$work/synth_layout.c" \
		--ld "$work/synth_layout.ld" --map "$work/synth_layout.map"; then
	echo "FAIL: compile, plan or export"
	exit 1
fi
# shellcheck disable=SC2046 # the .cflags file is a list of flags
if ! arm-none-eabi-gcc $(cat "$rt/$b/synth-rt-$b.cflags") -std=c11 -O1 -Wall -Wextra -Werror -ffreestanding \
	-nostdlib -nostartfiles -I"$rt/include" -I"$work" -T"$rt/$b/synth-rt-$b.ld" "$src/gates.c" \
	"$work/synth_layout.c" "$work/app.o" "$rt/$b/libsynth-rt-$b.a" -lgcc -o "$work/gates.elf"; then
	echo "FAIL: gates.c does not build with the header's app__XCALLS"
	exit 1
fi
id=0
for g in 1 3 4 5 8; do
	dis=$(arm-none-eabi-objdump -d "$work/gates.elf" | sed -n "/<app__xcall$g>:/,/^\$/p")
	if printf '%s\n' "$dis" | grep -q "movw.*ip, #$id" && printf '%s\n' "$dis" | grep -q "svc.*2"; then
		echo "ok: app__xcall$g is gate $id (svc #2)"
	else
		echo "FAIL: app__xcall$g is not gate $id:"
		printf '%s\n' "$dis"
		fail=1
	fi
	id=$((id + 1))
done
out=$(sh "$rt/qemu-run.sh" "$b" "$work/gates.elf" 20 2>&1)
dom() { sed -n "s/^#define SYNTH_DOMAIN_$1 \\([0-9]*\\)u\$/\\1/p" "$work/synth_layout.h"; }
# gate 2 enters the adapter c1->c2 (function 4), open to c1 only; gate 1
# enters c2's encode, open to the adapter only; gate 0 takes the adapter
# back into c1's domain for c1's allocator (function 1), which is suspended
# on the call chain then (SYNTH_RT_GATE_REENTER, bit 31); every gate is
# open to its listed callers only (SYNTH_RT_GATE_LISTED, bit 30)
if printf '%s\n' "$out" | grep -q "^gates: ok" &&
	printf '%s\n' "$out" | grep -q "^gate 2: domain $(dom app_c1_c2) entry set callers $(((1 << 30) + (1 << $(dom app_c1))))\$" &&
	printf '%s\n' "$out" | grep -q "^gate 1: domain $(dom app_c2) entry set callers $(((1 << 30) + (1 << $(dom app_c1_c2))))\$" &&
	printf '%s\n' "$out" | grep -q "^gate 0: domain $(dom app_c1) entry set callers $(((1 << 31) + (1 << 30) + (1 << $(dom app_c1_c2))))\$"; then
	echo "ok: the gate table names each callee's domain, entry and callers"
else
	echo "FAIL: gates.elf:"
	printf '%s\n' "$out"
	fail=1
fi

# The components in their domains (domains.c): the layout's fragment places
# the memories and stacks, the exported tables and the header's gates do the
# rest.
# shellcheck disable=SC2046 # the .cflags file is a list of flags
if ! arm-none-eabi-gcc $(cat "$rt/$b/synth-rt-$b.cflags") -std=c11 -O1 -Wall -Wextra -Werror -ffreestanding \
	-nostdlib -nostartfiles -I"$rt/include" -I"$work" -T"$work/synth_layout.ld" -T"$rt/$b/synth-rt-$b.ld" \
	-Wl,--defsym=__synth_stack_limit=fused_stack_limit \
	"$src/domains.c" "$work/synth_layout.c" "$work/app.o" "$rt/$b/libsynth-rt-$b.a" -lgcc -o "$work/domains.elf"; then
	echo "FAIL: domains.c does not build"
	exit 1
fi
if ! "$synth" layout check "$work/layout.json" --elf "$work/domains.elf" >"$work/check.txt" 2>&1; then
	echo "FAIL: layout check --elf:"
	cat "$work/check.txt"
	fail=1
fi
out=$(sh "$rt/qemu-run.sh" "$b" "$work/domains.elf" 30 2>&1)
printf '%s\n' "$out"
if printf '%s\n' "$out" | grep -q "^fused-domains: ok" && ! printf '%s\n' "$out" | grep -q "^FAIL"; then
	echo "ok: fused3 runs with each component in its own domain"
else
	echo "FAIL: domains.elf"
	fail=1
fi
exit $fail
