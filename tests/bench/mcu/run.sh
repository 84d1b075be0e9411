#!/bin/sh
# run.sh - the MCU benchmark suite: twelve self-checking workloads
# (workloads/*.c) measured on QEMU mps2 boards in exact instructions
# (-icount) and in code size, for native arm-none-eabi-gcc -O2 and -Os,
# synth --bounds=trap, mask and none, and wasm2c + arm-none-eabi-gcc -O2,
# all built and run in the same invocation; then the compile throughput of
# synth and of wasm2c + gcc. Writes, in OUT:
#   results.tsv   board workload mode value instructions text data bss
#   table.md      the markdown tables with geometric means against gcc -O2
#   chart.png     the ratios as a gnuplot bar chart (when gnuplot exists)
#
# usage: sh tests/bench/mcu/run.sh [--smoke] [--boards "B ..."]
#          [--workloads "W ..."] [--modes "M ..."] [--out DIR]
#          [--synth PATH] [--runtime DIR] [--ceilings FILE] [--no-throughput]
#
# Every run compares each workload's result with expected.txt (computed on
# the host) and fails on any difference: a miscompile fails the run, a
# ratio never does. --smoke measures one board (mps2-an386), modes gcc-O2
# and the synth modes, no throughput and no chart, and checks the
# instruction counts against the ceilings file (default ceilings.txt):
# a count above its ceiling fails. Defaults: synth and the runtime from
# ./build (the CMake build tree), OUT = build/bench-mcu.
#
# Exit status: 0 all results right (and under the ceilings), 1 a wrong
# result, a failed build step or a ceiling exceeded, 77 a tool is missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
smoke=0 throughput=1 ceilings=
boards="mps2-an385 mps2-an386 mps2-an500"
workloads="crc32 sha256 aes128 filter matmul sort json fsm huffman fixmath nbody dct"
modes="gcc-O2 gcc-Os trap mask none wasm2c"
synth=$root/build/core/synth rt=$root/build/core/runtime out=$root/build/bench-mcu
while [ $# -gt 0 ]; do
	case $1 in
	--smoke) smoke=1 throughput=0 boards=mps2-an386 modes="gcc-O2 trap mask none"
		ceilings=${ceilings:-$here/ceilings.txt} ;;
	--boards) boards=$2; shift ;;
	--workloads) workloads=$2; shift ;;
	--modes) modes=$2; shift ;;
	--out) out=$2; shift ;;
	--synth) synth=$2; shift ;;
	--runtime) rt=$2; shift ;;
	--ceilings) ceilings=$2; shift ;;
	--no-throughput) throughput=0 ;;
	*) echo "usage: run.sh [--smoke] [--boards B] [--workloads W] [--modes M] [--out DIR]" \
		"[--synth PATH] [--runtime DIR] [--ceilings FILE] [--no-throughput]" >&2; exit 2 ;;
	esac
	shift
done
for t in clang wasm-ld wasm2c arm-none-eabi-gcc arm-none-eabi-size qemu-system-arm awk; do
	command -v $t >/dev/null 2>&1 || { echo "SKIP: $t not found"; exit 77; }
done
[ -x "$synth" ] || { echo "SKIP: no synth at $synth (build first)"; exit 77; }
[ -d "$rt/mps2-an385" ] || { echo "SKIP: no runtime at $rt (build first)"; exit 77; }
w2c_inc=
for d in /usr/include /usr/share/wabt/wasm2c /usr/src/wasm2c; do
	[ -f "$d/wasm-rt.h" ] && { w2c_inc=$d; break; }
done
[ -n "$w2c_inc" ] || { echo "SKIP: wasm-rt.h (wabt) not found"; exit 77; }

# wasm-rt.h alone in a folder of its own: -I/usr/include would hand the
# host's C library headers to the cross compiler.
mkdir -p "$out/w2c-inc"
cp "$w2c_inc/wasm-rt.h" "$out/w2c-inc/"
w2c_inc=$out/w2c-inc
src=$here/workloads
res=$out/results.tsv
log=$out/log.txt
: >"$log"
printf 'board\tworkload\tmode\tvalue\tinstructions\ttext\tdata\tbss\n' >"$res"
fail=0
now() { date +%s%N; }

# Sizes of a relocatable object, Berkeley style: .text + .rodata as text,
# .data, .bss; a synth object has no .data and counts its state section
# (.synth_state.*, RAM that M__init fills from an image in .rodata) as bss;
# its linear-memory reservation (.synth_mem.*) is left out, as wasm2c's
# memory (allocated at run time) is.
sizes() {
	arm-none-eabi-size -A "$1" | awk '
		$1 ~ /^\.(text|rodata)/ { t += $2 }
		$1 ~ /^\.data/ { d += $2 }
		$1 ~ /^\.(bss|synth_state)/ { b += $2 }
		END { printf "%d\t%d\t%d", t, d, b }'
}

core_of() {
	case $1 in
	mps2-an385) echo cortex-m3 ;;
	mps2-an386) echo cortex-m4f ;;
	mps2-an500) echo cortex-m7dp ;;
	mps2-an505) echo cortex-m33 ;;
	esac
}

# Host check: expected.txt must be what the host's C compiler gets.
if command -v cc >/dev/null 2>&1 && [ "$smoke" = 0 ]; then
	printf '#include <stdio.h>\n#include <stdint.h>\nuint32_t run(void);\nint main(void) { printf("%%u\\n", run()); return 0; }\n' >"$out/host_main.c"
	for w in $workloads; do
		cc -O2 -ffp-contract=off -o "$out/host-$w" "$src/$w.c" "$out/host_main.c" -lm 2>>"$log" &&
			v=$("$out/host-$w") && [ "$v" = "$(awk -v w="$w" '$1 == w { print $2 }' "$here/expected.txt")" ] ||
			{ echo "FAIL: $w on the host: '${v:-}' is not the expected value"; fail=1; }
	done
fi

# The wasm modules, one per workload, and the wasm2c translations.
for w in $workloads; do
	clang --target=wasm32 -O2 -nostdlib -ffreestanding -Wl,--no-entry \
		-o "$out/$w.wasm" "$src/$w.c" "$src/support.c" 2>>"$log" ||
		{ echo "FAIL: $w: clang"; fail=1; }
	case " $modes " in *" wasm2c "*)
		mkdir -p "$out/w2c-$w"
		wasm2c -n w -o "$out/w2c-$w/w.c" "$out/$w.wasm" 2>>"$log" ||
			{ echo "FAIL: $w: wasm2c"; fail=1; } ;;
	esac
done

# arm_cc ARGS / arm_link OUT OBJS: the cross compiler and linker with the
# board's flags ($cflags, $b, set by measure); the Synth runtime gives the
# start-up, the counter and the memory functions, newlib libm the rest.
# shellcheck disable=SC2086 # the flags file holds several words
arm_cc() {
	arm-none-eabi-gcc $cflags -std=gnu11 -ffp-contract=off -fno-math-errno \
		-ffunction-sections -fdata-sections -I"$rt/include" "$@" 2>>"$log"
}
# shellcheck disable=SC2086
arm_link() {
	arm-none-eabi-gcc $cflags -nostdlib -nostartfiles -T"$rt/$b/synth-rt-$b.ld" \
		-Wl,--gc-sections -o "$@" "$rt/$b/libsynth-rt-$b.a" -lm -lc -lgcc 2>>"$log"
}

# measure BOARD WORKLOAD MODE: build, size, run, check; one line to results.tsv
measure() {
	b=$1 w=$2 m=$3 d=$out/$1
	mkdir -p "$d"
	cflags=$(cat "$rt/$b/synth-rt-$b.cflags")
	r='' st=1 # an unknown mode runs nothing and fails
	case $m in
	gcc-O2|gcc-Os)
		o=${m#gcc-}
		arm_cc "-$o" -I"$src" -c "$src/$w.c" -o "$d/$w.$m.o" &&
			arm_cc -O2 -c "$here/harness/native_main.c" -o "$d/native_main.o" &&
			arm_link "$d/$w.$m.elf" "$d/native_main.o" "$d/$w.$m.o" ||
			{ echo "FAIL: $w $b $m: build"; fail=1; return; }
		sz=$(sizes "$d/$w.$m.o")
		r=$(sh "$rt/qemu-run.sh" --icount "$b" "$d/$w.$m.elf" 120 2>>"$log")
		st=$? ;;
	wasm2c)
		arm_cc -O2 -DNDEBUG -I"$w2c_inc" -I"$out/w2c-$w" -c "$out/w2c-$w/w.c" -o "$d/$w.w2c.o" &&
			arm_cc -O2 -I"$w2c_inc" -I"$out/w2c-$w" -c "$here/harness/w2c_main.c" -o "$d/$w.w2c_main.o" &&
			arm_cc -O2 -I"$w2c_inc" -c "$here/harness/w2c_rt.c" -o "$d/w2c_rt.o" &&
			arm_link "$d/$w.w2c.elf" "$d/$w.w2c_main.o" "$d/w2c_rt.o" "$d/$w.w2c.o" ||
			{ echo "FAIL: $w $b $m: build"; fail=1; return; }
		sz=$(sizes "$d/$w.w2c.o")
		r=$(sh "$rt/qemu-run.sh" --icount "$b" "$d/$w.w2c.elf" 120 2>>"$log")
		st=$? ;;
	trap|mask|none)
		"$synth" compile --target "$(core_of "$b")" --bounds=$m -o "$d/$w.$m.o" "$out/$w.wasm" 2>>"$log" ||
			{ echo "FAIL: $w $b $m: synth compile"; fail=1; return; }
		sz=$(sizes "$d/$w.$m.o")
		r=$(SYNTH_RUNTIME_DIR=$rt "$synth" run --count --bounds=$m --board "$b" --timeout 120 "$out/$w.wasm" --invoke run 2>>"$log")
		st=$? ;;
	esac
	v=$(echo "$r" | sed -n 's/^run() => i32:\([0-9]*\) .*/\1/p')
	n=$(echo "$r" | sed -n 's/.*\[\([0-9]*\) instructions\]/\1/p')
	want=$(awk -v w="$w" '$1 == w { print $2 }' "$here/expected.txt")
	if [ "$st" -ne 0 ] || [ -z "$want" ] || [ -z "$n" ] || [ "$v" != "$want" ]; then
		echo "FAIL: $w $b $m: got '$r' (exit status $st), expected ${want:-(nothing in expected.txt)}"
		fail=1
		return
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$b" "$w" "$m" "$v" "$n" "$sz" >>"$res"
}

for b in $boards; do
	for w in $workloads; do
		for m in $modes; do
			measure "$b" "$w" "$m"
		done
	done
done

# Compile throughput, measured in the same run: wasm bytes per second of
# `synth compile` and of wasm2c + arm-none-eabi-gcc -O2 -c (for cortex-m4f).
tp=$out/throughput.txt
: >"$tp"
if [ "$throughput" = 1 ]; then
	bytes=0
	for w in $workloads; do bytes=$((bytes + $(wc -c <"$out/$w.wasm"))); done
	mkdir -p "$out/tp"
	reps=5
	t0=$(now)
	i=0
	while [ $i -lt $reps ]; do
		for w in $workloads; do
			"$synth" compile --target cortex-m4f -o "$out/tp/$w.o" "$out/$w.wasm" || fail=1
		done
		i=$((i + 1))
	done
	t1=$(now)
	for w in $workloads; do
		wasm2c -n w -o "$out/tp/w.c" "$out/$w.wasm" &&
			arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -O2 \
				-ffp-contract=off -fno-math-errno -DNDEBUG -I"$w2c_inc" -I"$out/tp" \
				-c "$out/tp/w.c" -o "$out/tp/w.o" || fail=1
	done
	t2=$(now)
	awk -v b=$bytes -v r=$reps -v s=$((t1 - t0)) -v w=$((t2 - t1)) 'BEGIN {
		sb = b * r / (s / 1e9); wb = b / (w / 1e9)
		printf "| compiler | wasm bytes | seconds | bytes/s | ratio |\n|---|---:|---:|---:|---:|\n"
		printf "| synth compile (x%d) | %d | %.3f | %.0f | %.1f |\n", r, b * r, s / 1e9, sb, sb / wb
		printf "| wasm2c + gcc -O2 | %d | %.3f | %.0f | 1.0 |\n", b, w / 1e9, wb
	}' >"$tp"
fi

# The report: markdown tables and the chart.
sh "$here/report.sh" "$res" "$tp" "$out" || fail=1
cat "$out/table.md"

# The guard: instruction counts against their committed ceilings.
if [ -n "$ceilings" ]; then
	awk -v OFS='\t' 'NR == FNR { if ($0 !~ /^#/ && NF == 4) c[$1 " " $2 " " $3] = $4; next }
		FNR > 1 { k = $1 " " $2 " " $3; if (k in c) { n++
			if ($5 + 0 > c[k] + 0) { printf "FAIL: %s: %d instructions, ceiling %d\n", k, $5, c[k]; bad = 1 }
			else if ($5 * 1.02 < c[k]) printf "note: %s: %d instructions, ceiling %d: lower it\n", k, $5, c[k] } }
		END { printf "%d counts checked against their ceilings\n", n; if (!n) bad = 1; exit bad }' \
		"$ceilings" "$res" || fail=1
fi
exit $fail
