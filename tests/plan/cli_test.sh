#!/bin/sh
# CLI smoke test of synth plan / synth layout: usage: cli_test.sh SYNTH SRCDIR WORKDIR
set -eu
synth=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "cli_test: $*" >&2; exit 1; }

"$synth" plan --help | grep -q "usage: synth plan" || fail "plan --help"
"$synth" layout --help | grep -q "synth layout export" || fail "layout --help"
"$synth" plan --list-targets | grep -qx mps2-an505 || fail "--list-targets"

"$synth" plan --target mps2-an385 "$src/data/two-domains.json" -o l.json > plan.txt || fail "plan"
grep -q "model A (shared)" plan.txt || fail "side by side"
"$synth" layout export l.json --ld l.ld --h synth_layout.h --c synth_layout.c --map l.map || fail "export"
cmp -s l.json "$src/golden/an385-two-domains-b.layout.json" || fail "layout differs from golden"
cmp -s l.ld "$src/golden/an385-two-domains-b.ld" || fail "ld differs from golden"
"$synth" layout check l.json --requests "$src/data/two-domains.json" > check.txt || fail "check"
grep -q "ok" check.txt || fail "check output"

# A grown memory fails the check with a precise message.
sed 's/"reserve":70000/"reserve":140000, "max":196608/' "$src/data/two-domains.json" > grown.json
if "$synth" layout check l.json --requests grown.json 2> err.txt; then fail "grown memory passed"; fi
grep -q "net.0 no longer fits" err.txt || fail "grown message: $(cat err.txt)"

# A hand-edited region is caught with its JSON path.
sed '0,/"base": "0x21010000",/s//"base": "0x21018000",/' l.json > bad.json
if "$synth" layout check bad.json 2> err.txt; then fail "bad layout passed"; fi
grep -q 'bad.json: \$.domains\[0\].regions\[4\]: error: .*not aligned' err.txt || fail "bad layout message: $(cat err.txt)"

# An infeasible plan explains itself and exits 1.
if "$synth" plan --target nrf52840 --model b --domain all=net,app,shared "$src/data/two-domains.json" > inf.txt; then
  grep -q "infeasible" inf.txt && fail "infeasible plan exited 0"
fi

# If the cross toolchain is present, compile the C table and link the ld fragment.
if command -v arm-none-eabi-gcc >/dev/null 2>&1; then
  arm-none-eabi-gcc -mcpu=cortex-m3 -mthumb -O2 -Wall -Werror -c synth_layout.c -o synth_layout.o || fail "C table does not compile"
  printf 'char net_mem[16] __attribute__((section(".synth_mem.net.0")));\nint main(void){return net_mem[0];}\nvoid _start(void){main();}\n' > m.c
  arm-none-eabi-gcc -mcpu=cortex-m3 -mthumb -O2 -c m.c -o m.o
  printf 'MEMORY { FLASH (rx) : ORIGIN = 0, LENGTH = 4M }\nSECTIONS { .text : { *(.text*) *(.rodata*) } > FLASH }\nINCLUDE l.ld\n' > img.ld
  arm-none-eabi-gcc -nostdlib -nostartfiles -T img.ld m.o synth_layout.o -o img.elf || fail "link with the ld fragment"
  "$synth" layout check l.json --elf img.elf || fail "elf check"
else
  echo "cli_test: arm-none-eabi-gcc not found: C compile and ELF link steps skipped"
fi
echo "cli_test: ok"
