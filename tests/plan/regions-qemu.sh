#!/bin/sh
# A memory covered by two MPU regions, run for real (issue 12, "allow more
# regions per memory"): labels plan;qemu, on the PMSAv7 boards.
#
# usage: regions-qemu.sh SYNTH RUNTIME_DIR BOARD CC WORKDIR
#
# Plans one 70000-byte memory t.0 (domain t) for BOARD's target twice: with
# --max-regions 1 (one region: five eighths of a 128 KiB block, 80 KiB) and
# with --max-regions t.0=2 (64 KiB + 5 KiB of an 8 KiB region with
# subregions, 69 KiB); prints the bytes saved. The two-region layout is
# exported and linked with the runtime (the memory as synth compile emits
# it: section .synth_mem.t.0, object t__mem0), `synth layout check --elf`
# accepts the image, and under QEMU domain t, entered unprivileged with the
# layout's own table row, writes and reads back every word of the planned
# range (across the boundary of the two regions) and then faults on the
# byte just beyond it. The same image with t.0's second region disabled in
# the table must fail both the image check and the run (at the first byte
# of the second region): the test can fail.
set -u
[ $# -eq 5 ] || { echo "usage: $0 SYNTH RUNTIME_DIR BOARD CC WORKDIR" >&2; exit 2; }
synth=$1 rt=$2 board=$3 cc=$4 work=$5
fail() { echo "regions-qemu ($board): FAIL: $*" >&2; exit 1; }
command -v "$cc" >/dev/null 2>&1 || { echo "SKIP: $cc not found"; exit 77; }
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

cat > req.json <<'JSON'
{"format":"synth-plan-input","version":1,
 "memories":[{"module":"t","memidx":0,"min":1,"page_size":1,"reserve":70000}],
 "domains":[{"name":"t","memories":["t"]}]}
JSON
"$synth" plan --target "$board" --model b req.json --max-regions 1 -o one.json > one.txt ||
	fail "synth plan --max-regions 1: $(cat one.txt)"
"$synth" plan --target "$board" --model b req.json --max-regions t.0=2 -o layout.json --map > two.txt ||
	fail "synth plan --max-regions t.0=2: $(cat two.txt)"
grep -q ' t\.0  min 1, 2 regions, rounded up$' two.txt || fail "t.0 is not covered by two regions: $(cat two.txt)"
r1=$(awk '/reserved bytes/ { print $NF }' one.txt) r2=$(awk '/reserved bytes/ { print $NF }' two.txt)
[ "$r1" = 81920 ] && [ "$r2" = 70656 ] || fail "reserved $r1 with one region, $r2 with two (want 81920, 70656)"
echo "t.0 (70000 bytes): one region reserves $r1 bytes, two regions $r2: $((r1 - r2)) bytes saved"
"$synth" layout export layout.json --ld layout.ld --c layout.c --h synth_layout.h --map layout.map ||
	fail "synth layout export"

cat > mem.S <<'ASM'
	.section .synth_mem.t.0,"aw",%nobits
	.balign 8
	.global t__mem0
	.type t__mem0, %object
t__mem0:
	.space 70000
	.size t__mem0, 70000
ASM
cat > fw.c <<'C'
#include <stdint.h>
#include "synth_layout.h"
#include "synth_rt.h"

extern uint32_t __synth_mem_t_0_base[];
extern char __synth_mem_t_0_size[];
static SynthRtDomain dom;

/* Run in domain t (unprivileged): fill every word, then count the words
 * that do not read back. */
static uint32_t t_fill(uint32_t *p, uint32_t words)
{
	for (uint32_t i = 0; i < words; i++)
		p[i] = 0x7e57u ^ (i * 0x9e3779b9u);
	uint32_t bad = 0;
	for (uint32_t i = 0; i < words; i++)
		bad += p[i] != (0x7e57u ^ (i * 0x9e3779b9u));
	return bad;
}
static uint32_t t_poke(volatile uint8_t *p)
{
	*p = 0xa5;
	return 1;
}

int main(void)
{
	const SynthMpuTable *tab = &synth_mpu_tables[SYNTH_DOMAIN_t];
	uint32_t base = (uint32_t)(uintptr_t)__synth_mem_t_0_base, size = (uint32_t)(uintptr_t)__synth_mem_t_0_size;
	uint32_t n = 0, r = 0;
	/* The table row's enabled regions granting bytes of the memory (PMSAv7
	 * RBAR/RASR: a subregion disabled by SRD grants nothing). */
	for (unsigned i = 0; i < SYNTH_MPU_NREGIONS; i++) {
		uint32_t rasr = tab->region[i].RASR, lo = tab->region[i].RBAR & ~0x1fu, srd = (rasr >> 8) & 0xffu;
		uint64_t sz = 1ull << (((rasr >> 1) & 0x1fu) + 1);
		int hit = 0;
		for (unsigned k = 0; k < 8 && (rasr & 1u); k++) {
			uint64_t a = lo + sz / 8 * k, b = a + sz / 8;
			if (!(srd & (1u << k)) && a < (uint64_t)base + size && base < b)
				hit = 1;
		}
		n += (uint32_t)hit;
	}
	synth_rt_print("t.0 [");
	synth_rt_print_hex32(base);
	synth_rt_print(", +");
	synth_rt_print_u32(size);
	synth_rt_print(") under ");
	synth_rt_print_u32(n);
	synth_rt_print(" regions\n");
	int st = synth_rt_domain_init(&dom, "t", (const SynthRtMpuRegion *)(const void *)tab->region, SYNTH_MPU_NREGIONS,
	                              SYNTH_FIXED_stack_t_BASE, SYNTH_FIXED_stack_t_SIZE);
	if (st) {
		synth_rt_print("FAIL: domain t not registered\n");
		return 1;
	}
	st = synth_rt_domain_call4(&dom, (void *)t_fill, base, size / 4, 0, 0, &r);
	synth_rt_print("fill: status ");
	synth_rt_print_i32(st);
	synth_rt_print(", words wrong ");
	synth_rt_print_u32(r);
	synth_rt_print("\n");
	if (st != 0 || r != 0) {
		synth_rt_print("FAIL: domain t cannot use all of t.0\n");
		return 2;
	}
	st = synth_rt_domain_call4(&dom, (void *)t_poke, base + size, 0, 0, 0, &r);
	if (st != SYNTH_RT_DOMAIN_EFAULT || dom.last.addr != base + size) {
		synth_rt_print("FAIL: the byte just beyond t.0 did not fault\n");
		return 3;
	}
	synth_rt_print("beyond: faults at ");
	synth_rt_print_hex32(base + size);
	synth_rt_print("\nregions-qemu: ok\n");
	return 0;
}
C
cflags=$(cat "$rt/$board/synth-rt-$board.cflags") || fail "no runtime for $board in $rt"
link() { # link C_TABLE ELF
	# shellcheck disable=SC2086 # cflags is a list of flags
	"$cc" $cflags -O2 -ffreestanding -nostdlib -nostartfiles -I"$rt/include" -I. \
		-T layout.ld -T "$rt/$board/synth-rt-$board.ld" \
		fw.c mem.S "$1" "$rt/$board/libsynth-rt-$board.a" -lgcc -o "$2" > link.txt 2>&1 ||
		fail "link: $(cat link.txt)"
}
link layout.c fw.elf
"$synth" layout check layout.json --elf fw.elf > check.txt 2>&1 || fail "layout check --elf: $(cat check.txt)"
sh "$rt/qemu-run.sh" "$board" fw.elf 20 > run.txt 2>&1
status=$?
[ "$status" = 77 ] && { echo "SKIP: qemu-system-arm not found"; exit 77; }
cat run.txt
[ "$status" = 0 ] || fail "the firmware exited with $status"
grep -q '^t.0 \[0x[0-9a-f]*, +70656) under 2 regions$' run.txt || fail "t.0 is not under two regions of its table row"
grep -q '^fill: status 0, words wrong 0$' run.txt || fail "domain t did not fill all of t.0"
grep -q 'domain: fault in "t" (domain 0): MemManage .* addr=0x[0-9a-f]* outside every region' run.txt ||
	fail "no fault report for the byte beyond t.0"
grep -q '^regions-qemu: ok$' run.txt || fail "no 'regions-qemu: ok'"

# The second region taken out of the table: the image check and the run fail.
awk '/ t\.0 \[/ { k++; if (k == 2) { sub(/, 0x[0-9a-f]+u }/, ", 0x00000000u }") } } { print }' layout.c > cut.c
[ "$(grep -c ', 0x00000000u }, /\* [0-9]*: t\.0' cut.c)" = 1 ] || fail "could not disable t.0's second region"
link cut.c cut.elf
"$synth" layout check layout.json --elf cut.elf > cutcheck.txt 2>&1 && fail "layout check --elf accepted a table without t.0's second region"
sh "$rt/qemu-run.sh" "$board" cut.elf 20 > cutrun.txt 2>&1
cstatus=$?
[ "$cstatus" = 2 ] || fail "the image without t.0's second region exited with $cstatus, want 2: $(cat cutrun.txt)"
base=$(sed -n 's/^t\.0 \[\(0x[0-9a-f]*\), .*/\1/p' cutrun.txt)
[ -n "$base" ] || fail "no base of t.0 in the output: $(cat cutrun.txt)"
second=$(printf '0x%08x' $((base + 65536)))
grep -q "domain: fault in \"t\" (domain 0): MemManage .* addr=$second outside every region" cutrun.txt ||
	fail "the image without t.0's second region did not fault at its first byte $second: $(cat cutrun.txt)"
echo "without its second region: image check fails, the fill faults at $second (exit $cstatus)"
echo "regions-qemu ($board): ok"
