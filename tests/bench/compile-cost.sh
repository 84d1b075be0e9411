#!/bin/sh
# compile-cost.sh - the compile-cost smoke test (issue 13, item 4): writes
# the four generated modules (one ~300 KB function of straight-line and
# branchy code, a loop over 64 locals holding 20,000 ifs, one block of
# 60,000 conditional adds, and 2.5 MB of small functions) and compiles each under an address-space cap and a time
# ceiling (bench_compile.c), which fail the test when exceeded; the time,
# peak RSS and MB/s are printed, and for the small functions a throughput
# ratio against BASELINE (wabt's wasm-validate on the same file) or, when
# none is given, against `synth validate` (synth's own decode + validate).
#
# usage: compile-cost.sh GEN_MODULE BENCH_COMPILE SYNTH OUTDIR MEM_MB TIMEOUT_S [BASELINE]
set -eu
[ $# -ge 6 ] || { echo "usage: compile-cost.sh GEN BENCH SYNTH OUTDIR MEM_MB TIMEOUT_S [BASELINE]" >&2; exit 2; }
gen=$1 bench=$2 synth=$3 out=$4 mem=$5 secs=$6 base=${7:-}
mkdir -p "$out"
"$gen" --one "$out/one.wasm" 0.3
"$gen" --ifs 20000 "$out/ifs.wasm"
"$gen" --selects 60000 "$out/sel.wasm"
"$gen" --small "$out/many.wasm" 2.5
if [ -n "$base" ]; then
	exec "$bench" "$synth" "$out" "$mem" "$secs" "$out/one.wasm" "$out/ifs.wasm" "$out/sel.wasm" "$out/many.wasm" \
		--ratio "$base" "$out/many.wasm"
fi
exec "$bench" "$synth" "$out" "$mem" "$secs" "$out/one.wasm" "$out/ifs.wasm" "$out/sel.wasm" "$out/many.wasm" \
	--ratio "$synth" validate "$out/many.wasm"
