#!/bin/sh
# plan.sh - module state placed by the planner, end to end (tests/state/CMakeLists.txt):
# ping.wat and pong.wat (memories, tables, mutable globals) compiled with
# synth compile for each board's core; their request files (with "state")
# planned with model B and model A; the layout exported and linked with the
# runtime (the fragment before the runtime's script). For each image:
#  - synth layout check --requests --elf passes, naming 2 state sections;
#  - arm-none-eabi-nm: each module's state symbols lie inside its own planned
#    state section (the layout's header), not in the other's; the layout's
#    domains own exactly their module's state (and layout check decoded the
#    register tables against them); the map lists each state section;
#  - under QEMU, plan_main.c finds every planned memory and state section zero
#    at main although synth_rt_early() filled them with garbage, and the
#    modules run from their planned places;
#  - the same image without the layout's zero table (its symbols renamed)
#    must fail that run: the test sees a runtime that does not zero them;
#  - a catch-all *(.synth_state.*) before the fragment fails the link
#    (the fragment's ASSERT) and, without the ASSERTs, layout check --elf.
#
# usage: plan.sh SYNTH SRCDIR WORKDIR RTDIR   (exit 77 when a tool is missing)
set -u
synth=$1 src=$2 work=$3 rt=$4
for t in wat2wasm arm-none-eabi-gcc arm-none-eabi-nm qemu-system-arm; do
	command -v "$t" >/dev/null 2>&1 || { echo "SKIP: $t not found"; exit 77; }
done
rm -rf "$work" && mkdir -p "$work" || exit 1
fail=0
bad() { echo "FAIL: $*"; fail=1; }
for m in ping pong; do
	wat2wasm "$src/plan/$m.wat" -o "$work/$m.wasm" || exit 1
done
for pair in mps2-an386:cortex-m4f mps2-an505:cortex-m33; do
	b=${pair%%:*} core=${pair##*:}
	cflags=$(cat "$rt/$b/synth-rt-$b.cflags") || { bad "no runtime for $b"; continue; }
	for m in ping pong; do
		"$synth" compile --target "$core" --header "$work/$b-$m.h" -o "$work/$b-$m.o" "$work/$m.wasm" ||
			{ bad "$b: compile $m"; continue 2; }
		cp "$work/$b-$m.h" "$work/$m.h"
		grep -q '"module": "'$m'", "section": ".synth_state.'$m'"' "$work/$b-$m.requests.json" ||
			bad "$b: no state request in $m.requests.json"
	done
	for model in b a; do
		d=$work/$b-$model
		mkdir -p "$d" && cp "$work/$b-ping.h" "$d/ping.h" && cp "$work/$b-pong.h" "$d/pong.h"
		req="$work/$b-ping.requests.json $work/$b-pong.requests.json"
		# shellcheck disable=SC2086 # req is a list of files
		"$synth" plan --target "$b" --model "$model" $req -o "$d/layout.json" > "$d/plan.txt" 2>&1 ||
			{ bad "$b model $model: synth plan: $(cat "$d/plan.txt")"; continue; }
		grep -q '^  "version": 3$' "$d/layout.json" || bad "$b model $model: layout is not version 3"
		"$synth" layout export "$d/layout.json" --ld "$d/layout.ld" --c "$d/layout.c" --h "$d/synth_layout.h" \
			--map "$d/layout.map" || { bad "$b model $model: export"; continue; }
		link() { # link OUT SCRIPT... : the firmware with the given linker scripts first
			out=$1; shift
			for s in "$@"; do set -- "$@" -T "$s"; shift; done
			# shellcheck disable=SC2086 # cflags is a list of flags
			arm-none-eabi-gcc $cflags -O2 -ffreestanding -nostdlib -nostartfiles -I"$rt/include" -I"$d" \
				"$@" -T "$rt/$b/synth-rt-$b.ld" "$src/plan/plan_main.c" "$d/layout.c" \
				"$work/$b-ping.o" "$work/$b-pong.o" "$rt/$b/libsynth-rt-$b.a" -lgcc -o "$out" > "$out.log" 2>&1
		}
		link "$d/fw.elf" "$d/layout.ld" || { bad "$b model $model: link: $(cat "$d/fw.elf.log")"; continue; }
		# shellcheck disable=SC2086
		"$synth" layout check "$d/layout.json" --requests $req --elf "$d/fw.elf" > "$d/check.txt" 2>&1 ||
			bad "$b model $model: layout check --elf: $(cat "$d/check.txt")"
		grep -q "ok: 2 memories, 2 state sections, 2 domains, register tables exact, inputs fit, image matches" \
			"$d/check.txt" || bad "$b model $model: $(cat "$d/check.txt")"
		# nm: every state symbol of a module inside its own planned state
		# section, and nothing of the other module there.
		arm-none-eabi-nm "$d/fw.elf" > "$d/nm.txt"
		if ! awk -v what="$b model $model" '
			function hex(s,  i, n) {
				n = 0
				for (i = 1; i <= length(s); i++)
					n = n * 16 + index("0123456789abcdef", tolower(substr(s, i, 1))) - 1
				return n
			}
			FILENAME ~ /synth_layout.h$/ && $1 == "#define" && $2 ~ /^SYNTH_STATE_(ping|pong)_(BASE|SIZE)$/ {
				split($2, f, "_"); sub(/u$/, "", $3); v[f[3] "_" f[4]] = hex(substr($3, 3)); next }
			FILENAME ~ /synth_layout.h$/ { next }
			$3 ~ /^(ping|pong)__(state|memctl0|tablectl0|global[01])$/ {
				split($3, f, "__"); m = f[1]; a = hex($1); n[m]++
				if (a < v[m "_BASE"] || a >= v[m "_BASE"] + v[m "_SIZE"]) {
					print "FAIL: " what ": " $3 " at " $1 " is outside its planned state section"; bad = 1 }
				o = m == "ping" ? "pong" : "ping"
				if (a >= v[o "_BASE"] && a < v[o "_BASE"] + v[o "_SIZE"]) {
					print "FAIL: " what ": " $3 " lies in the state section of " o; bad = 1 }
			}
			END {
				if (n["ping"] != 5 || n["pong"] != 5 || !v["ping_SIZE"] || !v["pong_SIZE"]) {
					print "FAIL: " what ": " n["ping"] "+" n["pong"] " state symbols, sizes " v["ping_SIZE"] "/" v["pong_SIZE"]; bad = 1 }
				exit bad
			}' "$d/synth_layout.h" "$d/nm.txt"; then
			fail=1
		fi
		# Each state section belongs to its own module's domain only (the
		# layout's domains; layout check above decoded the tables against
		# them), and the map lists it.
		awk '/"name": "/ { n = $2 } /"states": \["/ { print n, $2 }' "$d/layout.json" | tr -d '",[]' > "$d/owners.txt"
		printf 'ping ping.state\npong pong.state\n' | cmp -s - "$d/owners.txt" ||
			bad "$b model $model: domains own the state sections as: $(cat "$d/owners.txt")"
		for m in ping pong; do
			grep -q "  $m.state  state section .synth_state.$m" "$d/layout.map" ||
				bad "$b model $model: the map does not list $m.state"
		done
		sh "$rt/qemu-run.sh" "$b" "$d/fw.elf" 20 > "$d/run.txt" 2>&1
		st=$?
		if [ $st != 0 ] || ! grep -q "^plan-state: ok$" "$d/run.txt"; then
			bad "$b model $model: run (status $st): $(cat "$d/run.txt")"
		else
			echo "ok: $b model $model: states planned, linked, checked, zeroed at reset, run"
		fi
		# Without the layout's zero table the garbage must show.
		sed 's/synth_layout_n\{0,1\}zero\b/x_&/g' "$d/layout.c" > "$d/nozero.c"
		cp "$d/layout.c" "$d/layout.c.keep" && cp "$d/nozero.c" "$d/layout.c"
		link "$d/nozero.elf" "$d/layout.ld"; lst=$?
		cp "$d/layout.c.keep" "$d/layout.c"
		[ $lst = 0 ] || bad "$b model $model: link without the zero table: $(cat "$d/nozero.elf.log")"
		sh "$rt/qemu-run.sh" "$b" "$d/nozero.elf" 20 > "$d/nozero.txt" 2>&1
		st=$?
		if [ $st = 0 ] || ! grep -q "^FAIL: zero at main: ping.0$" "$d/nozero.txt" ||
			! grep -q "^FAIL: zero at main: pong.state$" "$d/nozero.txt"; then
			bad "$b model $model: without the zero table the run passed or did not see the garbage (status $st): $(cat "$d/nozero.txt")"
		fi
	done
	# A catch-all for state sections before the fragment (model B layout).
	d=$work/$b-b
	[ -f "$d/layout.ld" ] || continue
	# At the runtime's heap, which no section uses.
	heap=$(awk '$3 == "__synth_heap_start" { print $1 }' "$d/nm.txt")
	printf 'SECTIONS {\n .catch 0x%s (NOLOAD) : { *(.synth_state.*) }\n}\n' "$heap" > "$d/catch.ld"
	link "$d/catch.elf" "$d/catch.ld" "$d/layout.ld" &&
		bad "$b: a catch-all before the fragment linked despite the fragment's ASSERTs"
	grep -q "ping.state: the module's state ping__state is not in .synth_state.ping" "$d/catch.elf.log" ||
		bad "$b: the catch-all link failed for another reason: $(cat "$d/catch.elf.log")"
	grep -v 'ASSERT(!DEFINED' "$d/layout.ld" > "$d/noassert.ld"
	link "$d/catch.elf" "$d/catch.ld" "$d/noassert.ld" ||
		{ bad "$b: link with a catch-all: $(cat "$d/catch.elf.log")"; continue; }
	"$synth" layout check "$d/layout.json" --elf "$d/catch.elf" > "$d/catch.txt" 2>&1 &&
		bad "$b: layout check --elf accepted the catch-all image"
	grep -q "ping.state: module ping's state (ping__state) is at 0x.* in section .catch, the layout puts it at" "$d/catch.txt" &&
		grep -q "(a catch-all such as \*(.synth_state.\*)?) placed .synth_state.pong" "$d/catch.txt" ||
		bad "$b: layout check --elf on the catch-all image: $(cat "$d/catch.txt")"
	[ $fail = 0 ] && echo "ok: $b: a catch-all *(.synth_state.*) before the fragment is rejected"
done
exit $fail
