#!/bin/sh
# A user target file that names a board of the registry is checked against
# it: the board's own target (generated from core/boards/boards.def) loads
# and plans (exit 0, a feasible plan); each edit below is refused with exit
# status 1 (not a crash), the file, the JSON path of the field and the reason.
# usage: user-target.sh SYNTH BOARD_TARGET.json WORKDIR
set -u
synth=$1 json=$2 work=$3
fail() { echo "user-target: FAIL: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
board=$(sed -n 's/^ *"board": "\([^"]*\)".*/\1/p' "$json")
[ -n "$board" ] || fail "$json names no board"
printf '{"format":"synth-plan-input","version":1,"memories":[{"module":"a","memidx":0,"min":65536,"max":65536}]}\n' > req.json
cp "$json" ok.json
"$synth" plan --target ok.json req.json > ok.txt 2>&1 || fail "the board's own target is refused: $(cat ok.txt)"
grep -q "^target $board: " ok.txt && grep -q '^  feasible  *yes  *yes$' ok.txt ||
	fail "the board's own target does not plan: $(cat ok.txt)"

# expect NAME SED-SCRIPT "FILE: PATH: error: MESSAGE" (a grep -F pattern)
expect() {
	sed "$2" ok.json > "$1.json"
	cmp -s ok.json "$1.json" && fail "$1: the edit does not apply"
	"$synth" plan --target "$1.json" req.json > "$1.out" 2> "$1.err"
	st=$?
	[ $st -eq 1 ] || fail "$1: exit status $st, want 1: $(cat "$1.err")"
	grep -qF "$3" "$1.err" || fail "$1: want '$3', got: $(cat "$1.err")"
}
expect no-stack '/"rt_stack"/d' "no-stack.json: \$.fixed: error: board \"$board\" keeps the runtime's main stack at"
expect no-heap '/"rt_heap"/d' "no-heap.json: \$.fixed: error: board \"$board\" keeps the runtime's heap at"
expect granted '/"rt_stack"/s/"regions": 0/"regions": 1/' "granted.json: \$.fixed: error: board \"$board\" keeps the runtime's main stack at"
expect core 's/"core": "[^"]*"/"core": "cortex-m0"/' "core.json: \$.core: error: board \"$board\" has a"
expect regions 's/\("kind": "pmsav[78]", "regions": \)8\b/\116/; t; s/\("kind": "pmsav[78]", "regions": \)16/\18/' \
	"regions.json: \$.protection.regions: error: board \"$board\" has"
expect align 's/"kind": "\(pmsav[78]\)", "regions": \([0-9]*\)[^}]*}/"kind": "\1", "regions": \2, "align": 4096}/' \
	"align.json: \$.protection.align: error: board \"$board\" aligns every planned range to"
expect board 's/"board": "[^"]*"/"board": "mps2-an999"/' "board.json: \$.board: error: unknown board \"mps2-an999\""
expect banked '/"rt_heap"/s/"base": "[^"]*"/"bank": "psram"/' "banked.json: \$.fixed[4].regions: error: a reserved region"
echo "user-target: ok ($board)"
