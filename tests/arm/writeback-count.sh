#!/bin/sh
# writeback-count.sh - how often the emitter's pre/post-indexed fusion
# fires (core/IR.md, "Pre/post-indexed accesses"): builds tests/programs
# (-O2 -Os -O0) and the tests/bench/mcu workloads (-O2) to wasm with clang,
# adds the .wasm files of the directories given, compiles each for
# cortex-m3/m4f/m7dp x trap/mask/none with --emit=asm and counts the
# listing lines of writeback accesses (`[rn], #k` and `[rn, #k]!`) among
# all ldr/str lines (modules synth refuses, e.g. SIMD, are counted apart). With OTHER_SYNTH set, also compares every object with
# the one that synth makes and counts those that differ.
# usage: sh tests/arm/writeback-count.sh SYNTH WORKDIR [WASMDIR ...]
set -u
synth=$1 work=$2
shift 2
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$work" || exit 1
for f in "$src"/tests/programs/*.c; do
	n=$(basename "$f" .c)
	case $n in support|native_main) continue ;; esac
	for o in O2 Os O0; do
		clang --target=wasm32 -$o -nostdlib -ffreestanding -Wl,--no-entry -I"$src/tests/programs" \
			-o "$work/p-$n-$o.wasm" "$f" "$src/tests/programs/support.c" || exit 1
	done
done
for f in "$src"/tests/bench/mcu/workloads/*.c; do
	n=$(basename "$f" .c)
	[ "$n" = support ] && continue
	clang --target=wasm32 -O2 -nostdlib -ffreestanding -Wl,--no-entry -o "$work/b-$n.wasm" \
		"$f" "$src/tests/bench/mcu/workloads/support.c" || exit 1
done
for d in "$@"; do cp "$d"/*.wasm "$work"/ || exit 1; done
refused=0 mods=0 runs=0 wb=0 all=0 differ=0
for w in "$work"/*.wasm; do
	mods=$((mods + 1))
	for t in cortex-m3 cortex-m4f cortex-m7dp; do
		for b in trap mask none; do
			"$synth" compile --target $t --bounds=$b --emit=asm "$w" -o "$work/x.o" >"$work/x.s" 2>/dev/null ||
				{ refused=$((refused + 1)); continue; }
			runs=$((runs + 1))
			# (sp writeback is a one-register push or pop of the prologue)
			n=$(grep -E '[[:space:]](ldr|str)[a-z.]*[[:space:]].*(\], #-?[0-9]+|\]!)$' "$work/x.s" |
				grep -vc '\[sp')
			[ "$n" -gt 0 ] && echo "$(basename "$w") $t $b: $n"
			wb=$((wb + n))
			all=$((all + $(grep -cE '[[:space:]](ldr|str)[a-z.]*[[:space:]]' "$work/x.s")))
			if [ -n "${OTHER_SYNTH:-}" ]; then
				"$OTHER_SYNTH" compile --target $t --bounds=$b "$w" -o "$work/y.o" ||
					{ echo "FAIL: other $w $t $b"; exit 1; }
				cmp -s "$work/x.o" "$work/y.o" || differ=$((differ + 1))
			fi
		done
	done
done
echo "$mods modules, $runs compiles ($refused refused): $wb writeback accesses of $all ldr/str lines"
[ -n "${OTHER_SYNTH:-}" ] && echo "objects differing from $OTHER_SYNTH: $differ"
exit 0
