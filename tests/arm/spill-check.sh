#!/bin/sh
# spill-check.sh - register allocator checks on a module under register
# pressure (data/spill.wat), over the allocated MIR of `synth compile
# --emit=mir` for cortex-m3 and cortex-m4f:
#   - split: within a block, a stack slot is not reloaded again within 4
#     instructions of its last reload, unless stored or a call came between
#     (a spilled value keeps its register across reads up to 4 instructions
#     apart, instead of a reload per read);
#   - remat: no value set by a one-instruction constant (MOVI of 1000..65535,
#     the module's multipliers) is stored to a stack slot: it is recomputed
#     at its uses;
#   - the module does spill (at least one SPILL and one RELOAD), so the
#     checks see spill code;
#   - with a board given, it runs under QEMU (`synth run`) and the results
#     must be the ones wasm-interp computes (data/spill.wat's header).
# usage: spill-check.sh SYNTH MODULE.wasm [BOARD]
set -eu
[ $# -ge 2 ] || { echo "usage: spill-check.sh SYNTH MODULE.wasm [BOARD]" >&2; exit 2; }
synth=$1 mod=$2 board=${3:-}
fail=0
for core in cortex-m3 cortex-m4f; do
	mir=$("$synth" compile --target $core --emit=mir "$mod") || { echo "FAIL: synth compile $core"; exit 1; }
	printf '%s\n' "$mir" | awk -v core=$core '
		/ after register allocation:$/ { fn = $1; on = 1; next }
		/^[A-Za-z_].*:$/ && !/^\.L/ { on = 0 }
		!on { next }
		/^\.L[0-9]+:$/ { blk = $1; delete reloaded; delete movi; next }
		{
			n++
			op = $1; r = $2; sub(",", "", r)
			if (op == "SPILL") {
				spills++
				s = $3
				if (movi[r] != "") { printf "FAIL %s %s %s: constant %s stored to slot %s (not rematerialized)\n", core, fn, blk, movi[r], s; bad = 1 }
				delete reloaded[s]
			} else if (op == "RELOAD") {
				reloads++
				s = $3
				if ((s in reloaded) && n - reloaded[s] <= 4) { printf "FAIL %s %s %s: slot %s reloaded again %d instructions later (into %s)\n", core, fn, blk, s, n - reloaded[s], r; bad = 1 }
				reloaded[s] = n
			} else if (op == "CALL" || op == "CALLR") {
				delete reloaded
			}
			# what each register holds: a MOVI constant, or something else
			if (op == "MOVI") {
				v = $3; sub("#", "", v)
				movi[r] = (v + 0 >= 1000 && v + 0 <= 65535) ? v : ""
			} else if (op != "SPILL" && op != "STR" && op != "CMP" && op != "CMPI") {
				movi[r] = ""
			}
		}
		END {
			if (!spills || !reloads) { printf "FAIL %s: no spill code (%d spills, %d reloads): the module does not test the allocator\n", core, spills, reloads; bad = 1 }
			else printf "%s: %d spills, %d reloads checked\n", core, spills, reloads
			exit bad
		}' || fail=1
done
if [ -n "$board" ]; then
	want=$(sed -n 's/^;; Results (wasm-interp): run \([0-9]*\), consts \([0-9]*\), wide \([0-9]*\)\.$/run() => i32:\1 consts() => i32:\2 wide() => i32:\3/p' "$(dirname "$0")/data/spill.wat")
	got=$("$synth" run --board "$board" "$mod" --run-all-exports | tr '\n' ' ' | sed 's/ $//') || { echo "FAIL: synth run"; exit 1; }
	if [ "$got" != "$want" ]; then
		echo "FAIL: $board: got '$got', want '$want'"; fail=1
	else
		echo "$board: $got"
	fi
fi
exit $fail
