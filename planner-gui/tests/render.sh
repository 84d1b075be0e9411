#!/bin/sh
# render.sh PLANNER TEST_GUI EXAMPLES DATA OUTDIR - synth-planner --render
# without any display: the PNG is checked for content (test_gui --check-png),
# the demo with a memory pinned to an address for the pin drawn on both maps,
# the waste project (DATA) for its hatching, the exposed one for model A's
# exposure drawn over its memories, the SVG for being one; corrupt
# and missing projects fail with a message, no crash.
set -u
planner=$1 check=$2 examples=$3 data=$4 out=$5
mkdir -p "$out" || exit 1
unset DISPLAY WAYLAND_DISPLAY
fail=0
"$planner" --render "$out/demo.png" "$examples/demo.synth.json" || { echo "render failed"; fail=1; }
"$check" --check-png "$out/demo.png" || fail=1
"$check" --check-no-pin "$out/demo.png" || fail=1
# The demo with net.0 pinned at an address (issue 12): a pin head on both maps.
sed -e "s|\"wasm\": \"|\"wasm\": \"$examples/|" \
    -e 's|"memory": "net.0",|"address": "0x24000000", "memory": "net.0",|' "$examples/demo.synth.json" > "$out/pinned.synth.json"
"$planner" --render "$out/pinned.png" "$out/pinned.synth.json" || { echo "pinned render failed"; fail=1; }
"$check" --check-pin "$out/pinned.png" || fail=1
"$planner" --render "$out/demo.svg" "$examples/demo.synth.json" || { echo "svg render failed"; fail=1; }
head -c 200 "$out/demo.svg" | grep -q "<svg" || { echo "demo.svg is not an SVG"; fail=1; }
"$planner" --render "$out/waste.png" "$data/waste.synth.json" || { echo "waste render failed"; fail=1; }
"$check" --check-waste "$out/waste.png" || fail=1
"$planner" --render "$out/exposed.png" "$data/exposed/exposed.synth.json" || { echo "exposed render failed"; fail=1; }
"$check" --check-exposure "$out/exposed.png" || fail=1
printf '{"synth_project": 1, "board": ' > "$out/bad.json"
"$planner" --render "$out/bad.png" "$out/bad.json" 2> "$out/bad.err"
st=$?
if [ "$st" -ne 1 ] || ! grep -q "bad.json" "$out/bad.err"; then
	echo "corrupt project: exit $st, stderr:"; cat "$out/bad.err"; fail=1
fi
"$planner" --render "$out/none.png" "$out/no-such.json" 2> "$out/none.err"
st=$?
if [ "$st" -ne 1 ] || ! grep -q "no-such.json" "$out/none.err"; then
	echo "missing project: exit $st"; fail=1
fi
[ "$fail" -eq 0 ] && echo "render: png and svg drawn, bad inputs rejected"
exit "$fail"
