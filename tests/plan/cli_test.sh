#!/bin/sh
# CLI test of synth plan / synth layout: usage: cli_test.sh SYNTH SRCDIR WORKDIR
# Every case asserts the exact exit status (so a crash, 128+N, fails it) and
# what the command printed. With arm-none-eabi-gcc, real images are linked
# with the exported ld fragment: a good one, one whose linker script has a
# catch-all *(.synth_mem.*) before the fragment, a tampered one and one with
# a section over a planned memory; the layout check must tell them apart.
# The same for state sections (.synth_state.M): catch-all, moved, missing.
# Without arm-none-eabi-gcc those steps are left out and the test exits 77
# (SKIP) after everything else passed.
set -eu
synth=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "cli_test: $*" >&2; exit 1; }

# run STATUS CMD...: runs CMD with stdout in out.txt and stderr in err.txt
# and fails unless it exits with exactly STATUS.
run() {
  want=$1; shift
  set +e
  "$@" > out.txt 2> err.txt
  got=$?
  set -e
  # A sanitizer's report exits 1 like a failed check: it must never pass for one.
  if grep -q "Sanitizer\|runtime error:" err.txt; then fail "sanitizer report: $*: $(cat err.txt)"; fi
  [ "$got" -eq "$want" ] || fail "exit $got, want $want: $*
--- stdout:
$(cat out.txt)
--- stderr:
$(cat err.txt)"
}
# has FILE TEXT: FILE holds the fixed string TEXT.
has() { grep -qF -- "$2" "$1" || fail "$1 lacks \"$2\": $(cat "$1")"; }
# lacks FILE TEXT: FILE does not hold TEXT.
lacks() { if grep -qF -- "$2" "$1"; then fail "$1 holds \"$2\": $(cat "$1")"; fi; }

run 0 "$synth" plan --help; has out.txt "usage: synth plan"
run 0 "$synth" layout --help; has out.txt "synth layout export"
run 0 "$synth" plan --list-targets; grep -qx mps2-an505 out.txt || fail "--list-targets"

run 0 "$synth" plan --target mps2-an385 "$src/data/two-domains.json" -o l.json
has out.txt "model A (shared)"
run 0 "$synth" layout export l.json --ld l.ld --h synth_layout.h --c synth_layout.c --map l.map
cmp -s l.json "$src/golden/an385-two-domains-b.layout.json" || fail "layout differs from golden"
cmp -s l.ld "$src/golden/an385-two-domains-b.ld" || fail "ld differs from golden"
run 0 "$synth" layout check l.json --requests "$src/data/two-domains.json"
has out.txt "l.json: ok: 4 memories, 2 domains, register tables exact, inputs fit"

# A grown memory fails the check with a precise message.
sed 's/"reserve":70000/"reserve":140000, "max":196608/' "$src/data/two-domains.json" > grown.json
run 1 "$synth" layout check l.json --requests grown.json
has err.txt "l.json: error: memory net.0 no longer fits"

# A hand-edited region is caught with its JSON path.
sed '0,/"base": "0x21010000",/s//"base": "0x21018000",/' l.json > bad.json
run 1 "$synth" layout check bad.json
has err.txt 'bad.json: $.domains[0].regions[4]: error: PMSAv7 region base 0x21018000 is not aligned'

# An infeasible plan explains itself on stderr and exits 1, with or without
# -o; with -o no file is written, and an older one is left as it was. (Five
# memories in one domain: 4 fixed + 5 regions > 8 on the nrf52840.)
m='"module":"big","min":1,"page_size":1,"reserve":1000'
printf '{"format":"synth-requests","version":1,"memories":[{%s,"memidx":0},{%s,"memidx":1},{%s,"memidx":2},{%s,"memidx":3},{%s,"memidx":4}]}\n' \
  "$m" "$m" "$m" "$m" "$m" > big.json
run 1 "$synth" plan --target nrf52840 --model b big.json
has out.txt "feasible                   -                        NO"
has err.txt "synth plan: error: model B is infeasible on target nrf52840:"
has err.txt '  domain "big" needs 9 regions but the pmsav7 unit has 8'
echo keep > inf.json
run 1 "$synth" plan --target nrf52840 --model b big.json -o inf.json
has err.txt "model B is infeasible on target nrf52840, no layout written:"
[ "$(cat inf.json)" = keep ] || fail "an infeasible plan touched inf.json"
run 1 "$synth" plan --target nrf52840 --model b big.json -o new.json
[ ! -e new.json ] && [ -z "$(ls new.json.tmp* 2>/dev/null)" ] || fail "an infeasible plan left a file"
# With both models and -o, only the model written decides the status.
run 1 "$synth" plan --target nrf52840 big.json
has out.txt "feasible                   yes                      NO"
has err.txt "model B is infeasible on target nrf52840:"
run 0 "$synth" plan --target mps2-an385 --model a big.json
has out.txt "feasible                   yes                      -"
run 1 "$synth" plan --target mps2-an385 "$src/data/two-domains.json" -o no/such/dir/l.json
has err.txt "no/such/dir/l.json: error: cannot write: No such file or directory"

# Issue 10, item 6: bad numbers are rejected with a reason, never ignored.
printf '\000asm\001\000\000\000\005\004\001\001\001\002' > m.wasm # (memory 1 2)
run 0 "$synth" plan --target mps2-an385 m.wasm
has out.txt "reserve bytes              131104                   131104"
for cap in -1 -5K 99999999999999999999999 0 5G 12Q ""; do
  run 2 "$synth" plan --target mps2-an385 --cap "$cap" m.wasm
  has err.txt "synth plan: error: --cap $cap: "
  [ ! -s out.txt ] || fail "--cap $cap printed a plan"
done
run 2 "$synth" plan --target mps2-an385 --cap -1 m.wasm; has err.txt '"-1" is negative'
run 2 "$synth" plan --target mps2-an385 --cap 99999999999999999999999 m.wasm; has err.txt 'is too large (more than 2^64 - 1)'
run 2 "$synth" plan --target mps2-an385 --cap 5G m.wasm; has err.txt 'a cap is from 1 byte to 4 GiB, not 5368709120'
run 2 "$synth" plan --target mps2-an385 m.wasm --cap; has err.txt "synth plan: error: --cap needs a value"
run 2 "$synth" layout check l.json --cap -1 m.wasm; has err.txt 'synth layout check: error: --cap -1: "-1" is negative'
run 1 "$synth" plan --target mps2-an385 --cap 1K m.wasm
has err.txt "m.wasm: error: memory 0 needs 65536 bytes at start, more than the cap of 1 KiB"
has err.txt "(raise the planner's cap: --cap SIZE"
lacks err.txt "--mem-cap"
run 0 "$synth" plan --target mps2-an385 --cap 4G m.wasm
has out.txt "feasible                   yes                      yes"

# ... and in JSON, each at its path, with the number the file holds.
req() { printf '{"format":"synth-requests","version":1,"memories":[{"module":"a","memidx":0,"min":1,"page_size":1,%s}]}\n' "$1" > r.json; }
bad_req() { # bad_req FIELDS PATH MESSAGE
  req "$1"
  run 1 "$synth" plan --target mps2-an385 r.json
  has err.txt "r.json: $2: error: $3"
  [ ! -s out.txt ] || fail "$1 printed a plan"
}
bad_req '"reserve":4096,"align":0' '$.memories[0].align' 'align 0 is not a power of two'
bad_req '"reserve":4096,"align":48' '$.memories[0].align' 'align 48 is not a power of two'
bad_req '"reserve":18446744073709551615' '$.memories[0]' 'memory a.0: reserve 18446744073709551615 is more than 4 GiB'
bad_req '"reserve":18446744073709551616' '$.memories[0].reserve' '"18446744073709551616" is too large (more than 2^64 - 1)'
bad_req '"reserve":99999999999999999999999' '$.memories[0].reserve' '"99999999999999999999999" is too large'
bad_req '"reserve":-1' '$.memories[0].reserve' '-1 is negative'
bad_req '"reserve":-99999999999999999999' '$.memories[0].reserve' '-99999999999999999999 is negative'
bad_req '"reserve":4096.5' '$.memories[0].reserve' '4096.5 is not an integer'
bad_req '"reserve":"-5K"' '$.memories[0].reserve' '"-5K" is negative'
bad_req '"reserve":4096,"max":18446744073709551615' '$.memories[0].max' 'max 18446744073709551615 is more than 4 GiB'
bad_req '"reserve":4096,"memidx":4294967296' '$.memories[0].memidx' 'memidx 4294967296 is too large'
req '"reserve":4096,"align":4096'
run 0 "$synth" plan --target mps2-an385 r.json
has out.txt "feasible                   yes                      yes"
printf '{"format":"synth-plan-input","version":1,"cap":0,"inputs":["m.wasm"]}' > pi.json
run 1 "$synth" plan --target mps2-an385 pi.json; has err.txt 'pi.json: $.cap: error: a cap is from 1 byte to 4 GiB, not 0'
run 1 "$synth" plan --target nosuch r.json; has err.txt 'synth plan: error: unknown target "nosuch"'
run 1 "$synth" plan --target mps2-an385 --domain 'd=a.-1' r.json
has err.txt 'synth plan: error: domain "d": "a.-1" is not "module", "module.memidx" or "module.state"'

# A target whose "align" is 0 or not a power of two.
"$synth" plan --list-targets > /dev/null
for al in 0 48 18446744073709551616; do
  sed "s/\"kind\": \"pmsav7\",/\"kind\": \"pmsav7\", \"align\": $al,/" "$src/../../core/targets/nrf52840.json" > t.json
  grep -q "\"align\": $al" t.json || fail "target edit did not apply"
  run 1 "$synth" plan --target ./t.json r.json
  has err.txt "t.json: \$.protection.align: error: "
done

# Issue 10, item 5: a model A carving that exposes one domain's bytes to
# another fails the check unless the layout was written accepting it.
run 0 "$synth" plan --target mps2-an385 --model a "$src/data/exposed.json" -o ex.json
has err.txt 'ex.json: warning: domain "pair0" can write 192 bytes of other domains (model A carving, NOT enforced)'
has ex.json '"version": 1'
lacks ex.json accepted_exposure
run 1 "$synth" layout check ex.json
has err.txt 'ex.json: error: domain "pair0" can write 192 bytes it does not own ([0x21002740, 0x21002800) of m0.0)'
has err.txt 'ex.json: error: domain "pair3" can write 5248 bytes'
has err.txt "ex.json: error: the layout check failed with 4 violations"
run 0 "$synth" layout export ex.json --map ex.map --h ex.h
has ex.map "exposes 192 bytes (exposure NOT accepted: synth layout check fails)"
has ex.h "NOT accepted (synth layout check fails)"
run 0 "$synth" plan --target mps2-an385 --model a "$src/data/exposed.json" -o exa.json --accept-exposure
lacks err.txt warning
has exa.json '"accepted_exposure": 192,'
grep -q '^  "version": 2$' exa.json || fail "an accepting layout is not version 2"
run 0 "$synth" layout check exa.json
has out.txt 'exa.json: ok: 10 memories, 7 domains, register tables exact'
has out.txt 'exa.json: note: domain "pair0" can write 192 bytes of other domains (NOT enforced); the layout accepts this exposure'
run 0 "$synth" layout export exa.json --map exa.map --h exa.h --c exa.c
has exa.map "exposes 192 bytes (exposure ACCEPTED by the integrator)"
has exa.h "#define SYNTH_DOMAIN_pair0_EXPOSED_BYTES 192u"
has exa.h "#define SYNTH_DOMAIN_pair0_EXPOSURE_ACCEPTED 1"
has exa.c "NOT enforced: exposes 192 bytes of other domains, ACCEPTED by the integrator"
# An acceptance that does not match what is exposed does not load.
sed 's/"accepted_exposure": 192,/"accepted_exposure": 100,/' exa.json > exb.json
run 1 "$synth" layout check exb.json
has err.txt 'exb.json: $.domains[2].accepted_exposure: error: domain "pair0" accepts 100 exposed bytes but its regions expose 192'
# ... nor in a layout of version 1.
sed 's/^  "version": 2$/  "version": 1/' exa.json > exc.json
run 1 "$synth" layout check exc.json
has err.txt 'accepted_exposure needs a layout of version 2'
# Where nothing is exposed, --accept-exposure marks nothing.
run 0 "$synth" plan --target mps2-an385 "$src/data/two-domains.json" -o exm.json --accept-exposure
cmp -s exm.json l.json || fail "--accept-exposure changed a layout that exposes nothing"

# State sections (.synth_state.M, requests of kind "state"): planned like
# memories of their module's domain, in layout version 3, checked for fit.
run 0 "$synth" plan --target mps2-an505 --model b "$src/data/state.json" -o ls.json
grep -q '^    of which state sections  *-  *4352$' out.txt || fail "no state bytes row: $(cat out.txt)"
cmp -s ls.json "$src/golden/an505-state-b.layout.json" || fail "state layout differs from golden"
grep -q '^  "version": 3$' ls.json || fail "a layout with states is not version 3"
run 0 "$synth" layout check ls.json --requests "$src/data/state.json"
has out.txt "ls.json: ok: 4 memories, 3 state sections, 4 domains, register tables exact, inputs fit"
sed 's/"size":4192/"size":8192/' "$src/data/state.json" > sgrown.json
run 1 "$synth" layout check ls.json --requests sgrown.json
has err.txt "ls.json: error: the state section of module app (.synth_state.app) no longer fits: it needs 8 KiB, the layout gives it 4192 B at 0x300053a0"
sed 's/^  "version": 3$/  "version": 2/' ls.json > ls2.json
run 1 "$synth" layout check ls2.json
has err.txt 'ls2.json: $.states: error: state sections need a layout of version 3'
run 0 "$synth" layout export ls.json --ld ls.ld --h ls.h --c ls.c --map ls.map
has ls.ld "  .synth_state.net 0x800113a0 (NOLOAD) :"
has ls.ld 'ASSERT(!DEFINED(net__state) || net__state == ADDR(.synth_state.net), "net.state: the module'"'"'s state net__state is not in .synth_state.net'
has ls.h "#define SYNTH_STATE_app_BASE 0x300053a0u"
has ls.c "  { 0x80000000u, 0x00021400u },"
has ls.map "  0x800113a0  0x800113ff          96          96  net.state  state section .synth_state.net, 1 region"
# A domain naming a state alone; a state no domain names.
run 0 "$synth" plan --target mps2-an505 --model b "$src/data/state.json" --domain n=net,shared --domain a=app --domain c=cfg.state -o lsd.json
grep -A1 '"name": "c",' lsd.json | grep -q '"regions"' && has lsd.json '"states": ["cfg.state"]'
run 1 "$synth" plan --target mps2-an505 "$src/data/state.json" --domain n=net,shared --domain a=app
has err.txt 'synth plan: error: the state section of module cfg (.synth_state.cfg) is in no domain: name "cfg" or "cfg.state" in the domain that runs it'

# Address pins (issue 12): --pin puts a memory exactly at its address on both
# models; the layout records it and layout check holds the requests to it; an
# impossible pin is an error naming item and address; a bad --pin is a usage error.
run 0 "$synth" plan --help; has out.txt "--pin ITEM=ADDRESS"
run 0 "$synth" plan --target mps2-an385 "$src/data/two-domains.json" --pin app.0=0x21100000 --pin net.0=555745280 --map -o lp.json
has out.txt "    0x21100000  0x2110ffff       65536       65536  app.0  min 65536"
has out.txt "  0x21100000  0x2110ffff       65536       65536  app.0  min 65536, 1 region"
has out.txt "  0x21200000  0x2121117f       70016       70000  net.0  min 65536, 3 regions, rounded up"; has out.txt "    0x21200000  0x2121117f       70016       70000  net.0  min 65536"; grep -q "feasible  *yes  *yes" out.txt || fail "a pinned plan is infeasible"
grep -B8 '"name": "app.0"' lp.json | grep -q '"base": "0x21100000"' || fail "app.0 not at its pin in lp.json"
has lp.json '"pinned": true'; has lp.json '"version": 4'
run 0 "$synth" layout check lp.json
sed 's/"reserve":5000}/"reserve":5000, "address":"0x21300000"}/' "$src/data/two-domains.json" > pinned-req.json
run 1 "$synth" layout check l.json --requests pinned-req.json
has err.txt "l.json: error: memory app.1 is pinned at 0x21300000, the layout puts it at 0x"
run 0 "$synth" plan --target mps2-an385 pinned-req.json -o lq.json
run 0 "$synth" layout check lq.json --requests pinned-req.json
run 1 "$synth" plan --target mps2-an385 "$src/data/two-domains.json" --pin app.0=0x20000000
has err.txt "synth plan: error: model B is infeasible on target mps2-an385:"
has err.txt "  app.0 is pinned at 0x20000000: its 64 KiB would overlap the reserved range rt_stack [0x20000000, 0x20040000)"
run 1 "$synth" plan --target mps2-an385 --model b "$src/data/two-domains.json" --pin app.0=0x21100020 -o none.json
has err.txt "app.0 is pinned at 0x21100020, where the pmsav7 unit cannot cover its 64 KiB with 4 regions or fewer: its regions need another alignment; one region covers it at 0x21104000"
[ ! -e none.json ] || fail "an infeasible pin wrote a layout"
run 2 "$synth" plan --target mps2-an385 "$src/data/two-domains.json" --pin app.0
has err.txt "synth plan: error: --pin app.0: expected ITEM=ADDRESS, e.g. net.0=0x20010000"
run 2 "$synth" plan --target mps2-an385 "$src/data/two-domains.json" --pin app.7=0x21100000
has err.txt "synth plan: error: --pin app.7=0x21100000: no memory app.7 among the inputs"
run 2 "$synth" plan --target mps2-an385 "$src/data/two-domains.json" --pin app.0=0x211000zz
has err.txt "synth plan: error: --pin app.0=0x211000zz: \"0x211000zz\" is not a size or address"
# A state section pinned, model A and B.
run 0 "$synth" plan --target mps2-an505 "$src/data/state.json" --pin net.state=0x80200000 --map
has out.txt "    0x80200000  0x802003ff        1024          96  net.state  state section .synth_state.net"
has out.txt "  0x80200000  0x802003ff        1024          96  net.state  state section .synth_state.net, 1 region, rounded up"

# The project side: synth project pin writes the pin (canonical, byte-stable),
# synth project plan honours it, "none" takes it away, bad input is refused.
mkdir -p proj && cp "$src/../../planner-gui/examples/"*.wasm "$src/../../planner-gui/examples/demo.synth.json" proj/
run 0 "$synth" project pin proj/demo.synth.json net.0 0x24010000 -o proj/p.json
has proj/p.json '"address": "0x24010000",'
run 0 "$synth" project save proj/p.json -o proj/p2.json
cmp -s proj/p.json proj/p2.json || fail "a pinned project does not save byte-identically"
run 0 "$synth" project plan proj/p.json -o proj/p.layout.json
grep -B8 '"name": "net.0"' proj/p.layout.json | grep -q '"base": "0x24010000"' || fail "net.0 not at its pin"
run 0 "$synth" project pin proj/p.json net.0 none -o proj/p3.json
lacks proj/p3.json '"address"'; has proj/p3.json '"needs": ["dma"]'
run 1 "$synth" project pin proj/p.json zz.0 0x24010000
has err.txt 'proj/p.json: pins: error: no module named "zz"'
run 2 "$synth" project pin proj/p.json net.0 0x24zz
has err.txt 'synth project: error: pin net.0 0x24zz: "0x24zz" is not a size or address'
run 2 "$synth" project pin proj/p.json net.0
run 0 "$synth" project pin proj/demo.synth.json net.0 0x24010010 -o proj/bad.json
run 1 "$synth" project plan proj/bad.json -o proj/bad.layout.json
has err.txt "proj/bad.json: error: model B is infeasible on target stm32h743:"
has err.txt "  pin_align: net.0 is pinned at 0x24010010, which is not aligned to 32 bytes"
[ ! -e proj/bad.layout.json ] || fail "an infeasible project plan wrote a layout"

# If the cross toolchain is present, compile the C table and link real images.
if command -v arm-none-eabi-gcc >/dev/null 2>&1; then
  arm-none-eabi-gcc -mcpu=cortex-m3 -mthumb -O2 -Wall -Werror -c synth_layout.c -o synth_layout.o || fail "C table does not compile"
  # Stand-ins for the compiled modules: what synth compile defines for a
  # memory (core/ABI.md), M__memK at the start of its NOBITS section .synth_mem.M.K.
  {
    for m in net.0.70000 app.0.65536 app.1.5000 shared.0.16384; do
      mod=${m%%.*} rest=${m#*.}; k=${rest%%.*}; n=${rest#*.}
      printf '.section .synth_mem.%s.%s,"aw",%%nobits\n.global %s__mem%s\n.type %s__mem%s, %%object\n.size %s__mem%s, %s\n%s__mem%s:\n.space %s\n.global %s__mem%s_size\n.set %s__mem%s_size, %s\n' \
        "$mod" "$k" "$mod" "$k" "$mod" "$k" "$mod" "$k" "$n" "$mod" "$k" "$n" "$mod" "$k" "$mod" "$k" "$n"
    done
    printf '.text\n.global _start\n.thumb_func\n_start: b _start\n'
  } > mods.s
  arm-none-eabi-gcc -mcpu=cortex-m3 -mthumb -c mods.s -o mods.o || fail "stand-in modules do not assemble"
  printf 'MEMORY { FLASH (rx) : ORIGIN = 0, LENGTH = 4M }\nSECTIONS { .text : { *(.text*) *(.rodata*) } > FLASH }\nINCLUDE l.ld\n' > img.ld
  arm-none-eabi-gcc -nostdlib -nostartfiles -T img.ld mods.o synth_layout.o -o img.elf || fail "link with the ld fragment"
  run 0 "$synth" layout check l.json --elf img.elf
  has out.txt "l.json: ok: 4 memories, 2 domains, register tables exact, image matches"

  # A catch-all before the fragment's statements takes every memory section:
  # the fragment's output sections and symbols are all still there, empty.
  # The fragment's ASSERTs fail such a link; the check must not depend on
  # them (a script may drop them), so the image is linked without them too.
  printf 'MEMORY { FLASH (rx) : ORIGIN = 0, LENGTH = 4M\n RAM (rw) : ORIGIN = 0x20300000, LENGTH = 1M }\nSECTIONS {\n .text : { *(.text*) *(.rodata*) } > FLASH\n .bss (NOLOAD) : { *(.synth_mem.*) *(.bss*) } > RAM\n}\nINCLUDE @FRAG@\n' > catch.ld
  sed 's/@FRAG@/l.ld/' catch.ld > catch-assert.ld
  run 1 arm-none-eabi-gcc -nostdlib -nostartfiles -T catch-assert.ld mods.o synth_layout.o -o catch.elf
  has err.txt "net.0: the module's memory net__mem0 is not in .synth_mem.net.0: a statement before this fragment took the section"
  grep -v 'ASSERT(!DEFINED' l.ld > l-noassert.ld
  grep -q "ASSERT(SIZEOF" l-noassert.ld && ! grep -q DEFINED l-noassert.ld || fail "l-noassert.ld"
  sed 's/@FRAG@/l-noassert.ld/' catch.ld > catch-noassert.ld
  arm-none-eabi-gcc -nostdlib -nostartfiles -T catch-noassert.ld mods.o synth_layout.o -o catch.elf || fail "link with a catch-all"
  arm-none-eabi-nm catch.elf | grep -q "^20300000 [BbDd] " || fail "the catch-all did not take the memories: $(arm-none-eabi-nm catch.elf)"
  run 1 "$synth" layout check l.json --elf catch.elf
  for m in net.0 app.0 app.1 shared.0; do
    has err.txt "catch.elf: error: $m: module ${m%%.*}'s memory (${m%%.*}__mem${m#*.}) is at 0x203"
  done
  has err.txt "in section .bss, the layout puts it at"
  has err.txt "(a catch-all such as *(.synth_mem.*)?) placed .synth_mem.net.0"
  has err.txt "l.json: error: the layout check failed with 4 violations"

  # A tampered image: the module's own symbol moved, the fragment's untouched.
  arm-none-eabi-objcopy --strip-symbol=net__mem0 --add-symbol net__mem0=.synth_mem.net.0:0x100,global,object img.elf moved.elf
  run 1 "$synth" layout check l.json --elf moved.elf
  has err.txt "moved.elf: error: net.0: module net's memory (net__mem0) is at 0x21010100, 0x100 bytes off the planned base 0x21010000"
  has err.txt "failed with 1 violation"

  # A symbol assigned by the linker script instead of the module's.
  printf 'MEMORY { FLASH (rx) : ORIGIN = 0, LENGTH = 4M\n RAM (rw) : ORIGIN = 0x20300000, LENGTH = 1M }\nSECTIONS {\n .text : { *(.text*) *(.rodata*) } > FLASH\n .bss (NOLOAD) : { *(.synth_mem.net.0) } > RAM\n}\nINCLUDE l-noassert.ld\nSECTIONS { .synth_mem.net.0 : { net__mem0 = .; } }\n' > assign.ld
  arm-none-eabi-objcopy --strip-symbol=net__mem0 mods.o mods-nonet.o
  arm-none-eabi-gcc -nostdlib -nostartfiles -T assign.ld mods-nonet.o synth_layout.o -o assign.elf || fail "link with an assigned symbol"
  run 1 "$synth" layout check l.json --elf assign.elf
  has err.txt "assign.elf: error: net.0: net__mem0 is not the module's memory object (an object in a section)"

  # Something else linked over a planned memory.
  printf 'MEMORY { FLASH (rx) : ORIGIN = 0, LENGTH = 4M }\nSECTIONS { .text : { *(.text*) *(.rodata*) } > FLASH\n .extra 0x21001400 (NOLOAD) : { . = 0x2000; } }\nINCLUDE l.ld\n' > over.ld
  arm-none-eabi-gcc -nostdlib -nostartfiles -Wl,--no-check-sections -T over.ld mods.o synth_layout.o -o over.elf || fail "link with an extra section"
  run 1 "$synth" layout check l.json --elf over.elf
  has err.txt "over.elf: error: section .extra [0x21001400, 0x21003400) overlaps app.0 [0x21000000, 0x21010000)"
  has err.txt "failed with 1 violation"

  # The same with a module synth compile made (m.wasm: one memory, 1 to 2
  # pages): its own m__mem0 is what the check looks for.
  run 0 "$synth" compile --target cortex-m3 -o m.o m.wasm
  run 0 "$synth" plan --target mps2-an385 m.wasm -o ml.json
  run 0 "$synth" layout export ml.json --ld ml.ld
  grep -v 'ASSERT(!DEFINED' ml.ld > ml-noassert.ld
  printf 'MEMORY { FLASH (rx) : ORIGIN = 0, LENGTH = 4M\n RAM (rw) : ORIGIN = 0x20300000, LENGTH = 1M }\nSECTIONS { .text : { *(.text*) *(.rodata*) } > FLASH\n .data : { *(.data*) } > FLASH\n%s}\nINCLUDE ml.ld\n' '' > mgood.ld
  printf 'MEMORY { FLASH (rx) : ORIGIN = 0, LENGTH = 4M\n RAM (rw) : ORIGIN = 0x20300000, LENGTH = 1M }\nSECTIONS { .text : { *(.text*) *(.rodata*) } > FLASH\n .data : { *(.data*) } > FLASH\n%s}\nINCLUDE ml-noassert.ld\n' ' .bss (NOLOAD) : { *(.synth_mem.*) } > RAM
' > mcatch.ld
  for s in good catch; do
    arm-none-eabi-gcc -nostdlib -nostartfiles -Wl,--defsym=synth_rt_trap=0 -Wl,--defsym=__synth_stack_limit=0 \
      -Wl,--defsym=synth_rt_state_init=0 \
      -T m$s.ld m.o -o m$s.elf || fail "link the compiled module ($s)"
  done
  run 0 "$synth" layout check ml.json --elf mgood.elf
  has out.txt "ml.json: ok: 1 memories, 1 state section, 1 domains, register tables exact, image matches"
  # A layout planned without the module's state (requests of version 1, as
  # before state sections were planned) leaves it in the runtime's shared
  # RAM: the requests and the image both say so.
  printf '{"format":"synth-requests","version":1,"memories":[%s]}\n' \
    "$(sed -n 's/^    \({"module": "m", "memidx": 0.*}\)$/\1/p' m.requests.json)" > m1.requests.json
  run 0 "$synth" plan --target mps2-an385 --model b m1.requests.json -o ml1.json
  run 1 "$synth" layout check ml1.json --requests m.requests.json
  has err.txt "ml1.json: error: the state section of module m (.synth_state.m, 32 B) has no place in the layout"
  "$synth" layout export ml1.json --ld ml1.ld || fail "export ml1"
  sed 's/INCLUDE ml.ld/INCLUDE ml1.ld/; s/^SECTIONS { /SECTIONS { .synth_state : { *(.synth_state.*) } > RAM\n /' mgood.ld > mold.ld
  arm-none-eabi-gcc -nostdlib -nostartfiles -Wl,--defsym=synth_rt_trap=0 -Wl,--defsym=__synth_stack_limit=0 \
    -Wl,--defsym=synth_rt_state_init=0 -T mold.ld m.o -o mold.elf || fail "link the compiled module with an old layout"
  run 1 "$synth" layout check ml1.json --elf mold.elf
  has err.txt "mold.elf: error: module m's state section (m__state, 32 bytes at 0x20300000) is not placed by the layout: it lies outside the module's domain"
  run 1 "$synth" layout check ml.json --elf mcatch.elf
  has err.txt "mcatch.elf: error: m.0: module m's memory (m__mem0) is at 0x20300000 in section .bss, the layout puts it at 0x"

  # State sections: stand-ins for what synth compile defines (M__state at the
  # start of .synth_state.M, 32-byte aligned, M__state_size beside it).
  {
    for m in net.96 app.4192 cfg.64; do
      mod=${m%%.*} n=${m#*.}
      printf '.section .synth_state.%s,"aw",%%nobits\n.balign 32\n.global %s__state\n.type %s__state, %%object\n.size %s__state, %s\n%s__state:\n.space %s\n.global %s__state_size\n.set %s__state_size, %s\n' \
        "$mod" "$mod" "$mod" "$mod" "$n" "$mod" "$n" "$mod" "$mod" "$n"
    done
    for m in net.0.70000 app.0.65536 app.1.5000 shared.0.16384; do
      mod=${m%%.*} rest=${m#*.}; k=${rest%%.*}; n=${rest#*.}
      printf '.section .synth_mem.%s.%s,"aw",%%nobits\n.global %s__mem%s\n.type %s__mem%s, %%object\n.size %s__mem%s, %s\n%s__mem%s:\n.space %s\n' \
        "$mod" "$k" "$mod" "$k" "$mod" "$k" "$mod" "$k" "$n" "$mod" "$k" "$n"
    done
    printf '.text\n.global _start\n.thumb_func\n_start: b _start\n'
  } > smods.s
  arm-none-eabi-gcc -mcpu=cortex-m33 -mthumb -c smods.s -o smods.o || fail "stand-in modules with state do not assemble"
  arm-none-eabi-gcc -mcpu=cortex-m33 -mthumb -O2 -Wall -Werror -c ls.c -o ls.o || fail "C table with states does not compile"
  printf 'MEMORY { FLASH (rx) : ORIGIN = 0x10000000, LENGTH = 4M }\nSECTIONS { .text : { *(.text*) *(.rodata*) } > FLASH }\nINCLUDE ls.ld\n' > simg.ld
  arm-none-eabi-gcc -nostdlib -nostartfiles -T simg.ld smods.o ls.o -o simg.elf || fail "link with the state fragment"
  run 0 "$synth" layout check ls.json --requests "$src/data/state.json" --elf simg.elf
  has out.txt "ls.json: ok: 4 memories, 3 state sections, 4 domains, register tables exact, inputs fit, image matches"
  # A zero table that leaves part of a placed range out: rejected.
  sed 's/{ 0x80000000u, 0x00021400u }/{ 0x80000000u, 0x00021000u }/' ls.c > lsz.c
  arm-none-eabi-gcc -mcpu=cortex-m33 -mthumb -O2 -c lsz.c -o lsz.o || fail "edited C table"
  arm-none-eabi-gcc -nostdlib -nostartfiles -T simg.ld smods.o lsz.o -o szero.elf || fail "link with an edited zero table"
  run 1 "$synth" layout check ls.json --elf szero.elf
  has err.txt "szero.elf: error: synth_layout_zero[1] is [0x80000000, +135168), the layout places [0x80000000, +136192) there: the start-up code would not zero what the layout places"
  # A catch-all *(.synth_state.*) before the fragment: the ASSERT fails the
  # link; without the ASSERTs the image check sees every state elsewhere.
  printf 'MEMORY { FLASH (rx) : ORIGIN = 0x10000000, LENGTH = 4M\n RAM (rw) : ORIGIN = 0x38100000, LENGTH = 1M }\nSECTIONS {\n .text : { *(.text*) *(.rodata*) } > FLASH\n .bss (NOLOAD) : { *(.synth_state.*) *(.bss*) } > RAM\n}\nINCLUDE @FRAG@\n' > scatch.ld
  sed 's/@FRAG@/ls.ld/' scatch.ld > scatch-assert.ld
  run 1 arm-none-eabi-gcc -nostdlib -nostartfiles -T scatch-assert.ld smods.o ls.o -o scatch.elf
  has err.txt "net.state: the module's state net__state is not in .synth_state.net: a statement before this fragment took the section"
  grep -v 'ASSERT(!DEFINED' ls.ld > ls-noassert.ld
  sed 's/@FRAG@/ls-noassert.ld/' scatch.ld > scatch-noassert.ld
  arm-none-eabi-gcc -nostdlib -nostartfiles -T scatch-noassert.ld smods.o ls.o -o scatch.elf || fail "link with a state catch-all"
  run 1 "$synth" layout check ls.json --elf scatch.elf
  for m in net app cfg; do
    has err.txt "scatch.elf: error: $m.state: module $m's state (${m}__state) is at 0x381"
  done
  has err.txt "in section .bss, the layout puts it at 0x"
  has err.txt "(a catch-all such as *(.synth_state.*)?) placed .synth_state.app"
  has err.txt "ls.json: error: the layout check failed with 3 violations"
  # The module's state symbol moved, or missing: rejected.
  arm-none-eabi-objcopy --strip-symbol=app__state --add-symbol app__state=.synth_state.app:0x20,global,object simg.elf smoved.elf
  run 1 "$synth" layout check ls.json --elf smoved.elf
  has err.txt "smoved.elf: error: app.state: module app's state (app__state) is at 0x300053c0, 0x20 bytes off the planned base 0x300053a0"
  arm-none-eabi-objcopy --strip-symbol=cfg__state simg.elf smissing.elf
  run 1 "$synth" layout check ls.json --elf smissing.elf
  has err.txt "smissing.elf: error: cfg.state: the image does not define cfg__state, which module cfg defines at the start of its state section .synth_state.cfg"

  # An unlinked object is no image; a missing image is an error, not a crash.
  run 1 "$synth" layout check l.json --elf mods.o
  has err.txt "mods.o: error: not a linked executable"
  run 1 "$synth" layout check l.json --elf nothing.elf
  has err.txt "nothing.elf: error: cannot open"
else
  echo "SKIP: cli_test: arm-none-eabi-gcc not found: the C compile and ELF link steps did not run (the rest passed)"
  exit 77
fi
echo "cli_test: ok"
