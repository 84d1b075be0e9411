#!/bin/sh
# CLI test of regions per memory (issue 12): synth plan --max-regions and
# the "max_regions" keys of plan-input files; labels plan;unit.
# usage: regions-cli.sh SYNTH WORKDIR
# Every case asserts the exit status and what the command printed.
set -eu
synth=$1 work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "regions-cli: $*" >&2; exit 1; }
run() {
  want=$1; shift
  set +e
  "$@" > out.txt 2> err.txt
  got=$?
  set -e
  if grep -q "Sanitizer\|runtime error:" err.txt; then fail "sanitizer report: $*: $(cat err.txt)"; fi
  [ "$got" -eq "$want" ] || fail "exit $got, want $want: $* -- $(cat out.txt err.txt)"
}
has() { grep -qF -- "$2" "$1" || fail "$1 lacks \"$2\": $(cat "$1")"; }
lacks() { if grep -qF -- "$2" "$1"; then fail "$1 holds \"$2\": $(cat "$1")"; fi; }

cat > in.json <<'JSON'
{"format":"synth-plan-input","version":1,
 "memories":[{"module":"a","memidx":0,"min":1,"page_size":1,"reserve":70000},
             {"module":"b","memidx":0,"min":1,"page_size":1,"reserve":70000}]}
JSON
run 0 "$synth" plan --help; has out.txt "--max-regions [M.K=]N"
# No cap: three regions each (all the spare regions of its domain on mps2-an386).
run 0 "$synth" plan --target mps2-an386 --model b in.json --map
has out.txt "reserved bytes             -                        140032"
has out.txt "a.0  min 1, 3 regions, rounded up"
# A default of one region, and b.0 allowed two: options and file keys agree.
run 0 "$synth" plan --target mps2-an386 --model b in.json --max-regions 1 --max-regions b.0=2 --map -o opt.json
has out.txt "reserved bytes             -                        152576"
has out.txt "a.0  min 1, 1 region, rounded up"
has out.txt "b.0  min 1, 2 regions, rounded up"
sed 's/"version":1,/"version":1, "max_regions":1,/; s/"module":"b","memidx":0,/"module":"b","memidx":0,"max_regions":2,/' in.json > keys.json
run 0 "$synth" plan --target mps2-an386 --model b keys.json -o keys-layout.json
cmp -s opt.json keys-layout.json || fail "--max-regions and the file's max_regions give other layouts"
# The option overrides the file's default.
run 0 "$synth" plan --target mps2-an386 --model b keys.json --max-regions 3
has out.txt "reserved bytes             -                        140672"
# The layout with a two-region memory checks and exports; its map says so.
run 0 "$synth" layout check opt.json --requests in.json
has out.txt "opt.json: ok:"
run 0 "$synth" layout export opt.json --map opt.map --c opt.c
has opt.map "b.0  min 1, 2 regions, rounded up"
[ "$(grep -c ': b\.0 \[' opt.c)" = 2 ] || fail "b.0 has not two regions in the C table: $(cat opt.c)"
# synth layout diff: the region count change of b.0 (one region -> two).
run 0 "$synth" plan --target mps2-an386 --model b in.json --max-regions 1 -o one.json
run 1 "$synth" layout diff one.json opt.json
has out.txt "moved    b.0  psram 0x"
has out.txt "(80 KiB -> 69 KiB), 1 region -> 2"
has out.txt "regions  domain b: 5 regions (5 used) -> 6 regions (6 used)"
run 0 "$synth" layout diff opt.json keys-layout.json
has out.txt "no changes"
run 2 "$synth" layout diff opt.json
has err.txt "synth layout diff: error: need OLD and NEW layouts"
run 2 "$synth" layout diff opt.json missing.json
has err.txt "missing.json"
# A project: synth project regions edits the caps, synth project plan plans
# with them (big.0 under one region, then two); a cap on a module the project
# lacks is refused, on a memory its module lacks planning says so.
printf '\000asm\001\000\000\000\005\011\001\011\360\242\004\360\242\004\000' > big.wasm
printf '{"synth_project": 1, "board": "mps2-an386", "modules": [{"name": "big", "wasm": "big.wasm"}]}\n' > p.json
run 0 "$synth" project regions p.json 1 -o p1.json
has p1.json '"max_regions": 1,'
run 0 "$synth" project regions p1.json big.0 2 -o p2.json
has p2.json '"max_regions": [2],'
run 0 "$synth" project plan p1.json -o pl1.json
run 0 "$synth" project plan p2.json -o pl2.json
# (the regions of the domain table that hold big.0, alone or with big.state:
# the map's domain rows name every item a region grants)
run 0 "$synth" layout export pl1.json --map pl1.map
run 0 "$synth" layout export pl2.json --map pl2.map
[ "$(sed -n '/^domains/,$p' pl1.map | grep -c ' big\.0')" = 1 ] || fail "big.0 is not under one region: $(cat pl1.map)"
[ "$(sed -n '/^domains/,$p' pl2.map | grep -c ' big\.0')" = 2 ] || fail "big.0 is not under two regions: $(cat pl2.map)"
run 1 "$synth" layout diff pl1.json pl2.json
has out.txt "1 region -> 2"
run 0 "$synth" project regions p2.json big.0 none
has out.txt '"max_regions": 1,'
lacks out.txt '"max_regions": ['
# A memory the module lacks: the project does not read the module, planning does.
run 0 "$synth" project regions p.json big.7 2 -o p7.json
run 1 "$synth" project plan p7.json
has err.txt "p7.json: modules[0].max_regions[7]: error: module big has no memory 7 to cap"
run 1 "$synth" project regions p.json other.0 2
has err.txt 'p.json: error: no memory "other.0" in the project'"'"'s modules (module.memidx)'
run 2 "$synth" project regions p.json big.0 0
has err.txt "synth project: error: regions 0: want a number of regions from 1 to 64, or none"
# The check holds a layout to the requests' caps: b.0 under two regions
# fails a request that allows one, and passes one that allows two.
sed 's/"module":"b","memidx":0,/"module":"b","memidx":0,"max_regions":1,/' in.json > cap1.json
run 1 "$synth" layout check opt.json --requests cap1.json
has err.txt "memory b.0 is covered by 2 regions, its max_regions allows 1: plan again and review the new layout"
run 0 "$synth" layout check opt.json --requests keys.json
# Bad caps: usage errors (exit 2) or the file's path (exit 1).
for bad in 0 65 x a.0= =2 -1; do
  run 2 "$synth" plan --target mps2-an386 in.json --max-regions "$bad"
  has err.txt "synth plan: error: --max-regions $bad: want [MODULE.MEMIDX=]N, N from 1 to 64"
done
run 2 "$synth" plan --target mps2-an386 in.json --max-regions c.0=2
has err.txt 'synth plan: error: --max-regions c.0=2: no memory "c.0" to cap (expected module.memidx)'
run 2 "$synth" plan --target mps2-an386 in.json --max-regions
has err.txt "synth plan: error: --max-regions needs a value"
sed 's/"version":1,/"version":1, "max_regions":0,/' in.json > zero.json
run 1 "$synth" plan --target mps2-an386 zero.json
has err.txt 'zero.json: $.max_regions: error: max_regions 0 is not a number of regions from 1 to 64'
sed 's/"module":"b","memidx":0,/"module":"b","memidx":0,"max_regions":"two",/' in.json > str.json
run 1 "$synth" plan --target mps2-an386 str.json
has err.txt 'str.json: $.memories[1].max_regions: error:'
echo "regions-cli: ok"
