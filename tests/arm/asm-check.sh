#!/bin/sh
# asm-check.sh - listing checks of the code synth selects for a module
# (`synth compile --emit=asm`): CASE.wat holds, in comments,
#   ;; synth: ARGS          compile with these options (starts a new group)
#   ;; expect FUNC N ERE    exactly N lines of FUNC's listing (from its
#                           `<M__FUNC>:` line to the next function's) match
#                           the extended regular expression ERE
# The module is named m (symbols m__func<i>). Every group is compiled twice
# and the listings must be identical (deterministic output). Exit 0 when
# every expectation holds, 1 otherwise (each failure printed with the
# function's listing), 77 when a tool is missing.
# usage: asm-check.sh SYNTH WAT2WASM CASE.wat WORKDIR
set -u
synth=$1 wat2wasm=$2 case=$3 work=$4
[ -x "$synth" ] || { echo "SKIP: no synth at $synth"; exit 77; }
command -v "$wat2wasm" >/dev/null 2>&1 || { echo "SKIP: wat2wasm missing"; exit 77; }
mkdir -p "$work" || exit 1
name=$(basename "$case" .wat)
wasm=$work/$name.wasm
"$wat2wasm" "$case" -o "$wasm" || { echo "FAIL: wat2wasm $case"; exit 1; }
fail=0 groups=0 checks=0 args='' have=0
listing() { # listing of function $1 in $work/$name.s
	awk -v f="<m__$1>:" '/^[0-9a-f]+ <m__[A-Za-z0-9_]+>:$/ { on = ($2 == f) } on' "$work/$name.s"
}
compile() {
	groups=$((groups + 1))
	# shellcheck disable=SC2086
	if ! "$synth" compile --name m $args --emit=asm "$wasm" -o "$work/$name.o" >"$work/$name.s" 2>"$work/$name.err" ||
	   ! "$synth" compile --name m $args --emit=asm "$wasm" -o "$work/$name.o" >"$work/$name.2.s" 2>>"$work/$name.err"; then
		echo "FAIL: synth compile $args: $(cat "$work/$name.err")"
		fail=1 have=0
		return
	fi
	cmp -s "$work/$name.s" "$work/$name.2.s" || { echo "FAIL: $args: two compiles listed differently"; fail=1; }
	have=1
}
while IFS= read -r line; do
	case $line in
	";; synth: "*) args=${line#;; synth: }; compile ;;
	";; expect "*)
		[ $have = 1 ] || { [ $groups = 0 ] && { echo "FAIL: expect before any '; synth:' line"; fail=1; }; continue; }
		set -- ${line#;; expect }
		f=$1 n=$2
		ere=${line#;; expect $f $n }
		checks=$((checks + 1))
		got=$(listing "$f" | grep -cE -- "$ere")
		if [ -z "$(listing "$f")" ]; then
			echo "FAIL: $args: no function $f in the listing"; fail=1
		elif [ "$got" != "$n" ]; then
			echo "FAIL: $args: $f: $got lines match '$ere', want $n"; listing "$f"; fail=1
		else
			echo "ok: $args: $f: $n x '$ere'"
		fi ;;
	esac
done <"$case"
[ $checks -gt 0 ] || { echo "FAIL: $case has no expectations"; exit 1; }
[ $fail = 0 ] && echo "$name: $checks expectations in $groups configurations hold"
exit $fail
