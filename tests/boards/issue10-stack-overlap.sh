#!/bin/sh
# Regression test for issue 10: with the shipped mps2-an386 / mps2-an505
# targets the planner put memories on the runtime's 256 KiB main stack; the
# image linked, `synth layout check --elf` accepted it, and the first
# exception entry wrote its frame into a memory.
#
# usage: issue10-stack-overlap.sh [--expect-overlap] SYNTH RUNTIME_DIR BOARD CC WORKDIR [TARGET]
#
# Plans two memories (512 KiB and 64 KiB, one domain each) for TARGET
# (default: BOARD's built-in target), exports the layout, links a firmware
# with the layout's ld fragment before the runtime's linker script, checks
# it with `synth layout check --elf`, compares every planned memory with the
# runtime's own sections read from the image (arm-none-eabi-nm), and runs
# it under QEMU: it fills every memory with a pattern, takes an exception
# (a UsageFault turned into a trap and caught), and exits 0 only when the
# pattern is intact.
#
# --expect-overlap: TARGET is a target from before the fix; the test passes
# only when the bug shows (a memory on the runtime's sections, and the run
# failing after the exception frame changed words of the memories) and
# `synth layout check --elf`, which now also looks for other sections on
# planned regions, rejects the image: the checks above can fail.
set -u
expect_overlap=0
if [ "${1:-}" = --expect-overlap ]; then expect_overlap=1; shift; fi
[ $# -ge 5 ] || { echo "usage: $0 [--expect-overlap] SYNTH RUNTIME_DIR BOARD CC WORKDIR [TARGET]" >&2; exit 2; }
synth=$1 rt=$2 board=$3 cc=$4 work=$5 target=${6:-$3}
fail() { echo "issue10 ($board): FAIL: $*" >&2; exit 1; }
command -v "$cc" >/dev/null 2>&1 || { echo "SKIP: $cc not found"; exit 77; }
nm=$(dirname "$(command -v "$cc")")/arm-none-eabi-nm
[ -x "$nm" ] || nm=arm-none-eabi-nm
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

cat > req.json <<'JSON'
{"format":"synth-plan-input","version":1,
 "memories":[
  {"module":"a","memidx":0,"min":524288,"max":524288},
  {"module":"b","memidx":0,"min":65536,"max":65536}
 ]}
JSON
"$synth" plan --target "$target" req.json -o layout.json > plan.txt || fail "synth plan: $(cat plan.txt)"
"$synth" layout export layout.json --ld layout.ld --c layout.c --h synth_layout.h --map layout.map ||
	fail "synth layout export"

# Two module memories as synth compile emits them: the section and the
# module's own symbol M__mem<k> (an object) at its start.
cat > mem.S <<'ASM'
	.section .synth_mem.a.0,"aw",%nobits
	.balign 8
	.global a__mem0
	.type a__mem0, %object
a__mem0:
	.space 524288
	.size a__mem0, 524288
	.section .synth_mem.b.0,"aw",%nobits
	.balign 8
	.global b__mem0
	.type b__mem0, %object
b__mem0:
	.space 65536
	.size b__mem0, 65536
ASM
cat > fw.c <<'C'
#include <stdint.h>
#include "synth_rt.h"

extern uint32_t __synth_mem_a_0_base[], __synth_mem_b_0_base[];
extern char __synth_mem_a_0_size[], __synth_mem_b_0_size[];

static void fill(uint32_t *p, uint32_t bytes, uint32_t seed)
{
	for (uint32_t i = 0; i < bytes / 4; i++)
		p[i] = seed ^ (i * 0x9e3779b9u);
}

static uint32_t bad(const uint32_t *p, uint32_t bytes, uint32_t seed)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < bytes / 4; i++)
		n += p[i] != (seed ^ (i * 0x9e3779b9u));
	return n;
}

static void boom(void *arg)
{
	(void)arg;
	__asm__ volatile("udf #5"); /* UsageFault: an exception entry, then a trap */
}

int main(void)
{
	uint32_t sa = (uint32_t)(uintptr_t)__synth_mem_a_0_size, sb = (uint32_t)(uintptr_t)__synth_mem_b_0_size;
	fill(__synth_mem_a_0_base, sa, 0xa5a5a5a5u);
	fill(__synth_mem_b_0_base, sb, 0x5a5a5a5au);
	synth_rt_trap_quiet = 1;
	int code = synth_rt_try(boom, 0);
	uint32_t n = bad(__synth_mem_a_0_base, sa, 0xa5a5a5a5u) + bad(__synth_mem_b_0_base, sb, 0x5a5a5a5au);
	synth_rt_print("trap code ");
	synth_rt_print_i32(code);
	synth_rt_print(", words changed in the memories ");
	synth_rt_print_u32(n);
	synth_rt_print("\n");
	if (code != 5 || n != 0)
		return 1;
	synth_rt_print("issue10: ok\n");
	return 0;
}
C
cflags=$(cat "$rt/$board/synth-rt-$board.cflags") || fail "no runtime for $board in $rt"
# shellcheck disable=SC2086 # cflags is a list of flags
"$cc" $cflags -O2 -ffreestanding -nostdlib -nostartfiles -I"$rt/include" -I. \
	-T layout.ld -T "$rt/$board/synth-rt-$board.ld" \
	fw.c mem.S layout.c "$rt/$board/libsynth-rt-$board.a" -lgcc -o fw.elf > link.txt 2>&1 ||
	fail "link: $(cat link.txt)"
# The image check must accept the fixed layout's image, and (since it also
# looks for sections on planned regions) reject the pre-fix one by itself.
"$synth" layout check layout.json --elf fw.elf > check.txt 2>&1
check=$?
if [ "$expect_overlap" = 1 ]; then
	[ $check = 1 ] && grep -q "section .stack .* overlaps a.0" check.txt ||
		fail "layout check --elf did not reject the pre-fix image for its stack (status $check): $(cat check.txt)"
else
	[ $check = 0 ] || fail "layout check --elf: $(cat check.txt)"
fi

# The runtime's own sections, as linked, against every planned memory.
"$nm" fw.elf > nm.txt || fail "nm"
# addr SYMBOL: its value in $a (decimal). Not in a $(...) subshell, where
# fail would only end the subshell and an empty value read as no overlap.
addr() {
	a=$(awk -v s="$1" '$3 == s { print $1 }' nm.txt)
	[ -n "$a" ] || fail "no symbol $1 in fw.elf"
	a=$((0x$a))
}
overlaps=0 compared=0
for m in a_0 b_0; do
	addr "__synth_mem_${m}_base"; lo=$a
	addr "__synth_mem_${m}_size"; hi=$((lo + a))
	for sec in stack_bottom:stack_top data_start:fault_stack_top heap_start:heap_end; do
		addr "__synth_${sec%%:*}"; rlo=$a
		addr "__synth_${sec##*:}"; rhi=$a
		compared=$((compared + 1))
		if [ "$lo" -lt "$rhi" ] && [ "$rlo" -lt "$hi" ]; then
			printf 'memory %s [0x%08x, 0x%08x) overlaps the runtime'"'"'s %s [0x%08x, 0x%08x)\n' \
				"$m" "$lo" "$hi" "$sec" "$rlo" "$rhi"
			overlaps=$((overlaps + 1))
		fi
	done
done > overlap.txt
[ "$compared" -eq 6 ] || fail "$compared of 6 memory/runtime pairs compared"

sh "$rt/qemu-run.sh" "$board" fw.elf 20 > run.txt 2>&1
status=$?
[ "$status" = 77 ] && { echo "SKIP: qemu-system-arm not found"; exit 77; }
cat overlap.txt run.txt

if [ "$expect_overlap" = 1 ]; then
	[ -s overlap.txt ] || fail "the pre-fix target did not put a memory on the runtime's sections"
	[ "$status" != 0 ] || fail "the pre-fix image ran clean: the regression test cannot see the bug"
	# Either the exception frame lands in a memory (the issue's symptom), or,
	# now that start-up zeroes every planned memory, that zeroing wipes the
	# live stack of the reset handler, which returns to address 0.
	if ! grep -q '^trap code 5, words changed in the memories [1-9][0-9]*$' run.txt &&
		! { [ "$status" = 102 ] && grep -q '^fault: HardFault: .* pc=0x00000000 ' run.txt; }; then
		fail "the pre-fix image failed (status $status) without a memory and the stack overlapping"
	fi
	echo "issue10 ($board): the pre-fix target overlaps the runtime, layout check --elf rejects it, and its firmware fails (status $status), as expected"
	exit 0
fi
[ -s overlap.txt ] && fail "a planned memory lies on the runtime's own sections"
[ "$status" = 0 ] || fail "the firmware exited with $status"
grep -q "issue10: ok" run.txt || fail "no 'issue10: ok' in the output"

echo "issue10 ($board): ok"
