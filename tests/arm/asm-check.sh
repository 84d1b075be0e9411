#!/bin/sh
# asm-check.sh - listing checks of the code synth selects for a module
# (`synth compile --emit=asm`): CASE.wat holds, in comments,
#   ;; synth: ARGS          compile with these options (starts a new group)
#   ;; expect FUNC N ERE    exactly N lines of FUNC's listing (from its
#                           `<M__FUNC>:` line to the next function's) match
#                           the extended regular expression ERE
#   ;; expect-loop FUNC N ERE  the same over FUNC's last loop only: the lines
#                           from the label its last backward branch goes
#                           to, up to that branch
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
loop_listing() { # function $1's last loop: label of its last backward branch .. that branch
	listing "$1" | awk '
		function hex(s,  v, i) { v = 0; for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1; return v }
		{ line[NR] = $0 }
		/^[0-9a-f]+ <\.L[0-9]+>:$/ { at[substr($2, 2, length($2) - 3)] = NR }
		/^ +[0-9a-f]+:\t/ && match($0, /\t[0-9a-f]+ <\.L[0-9]+>$/) {
			split(substr($0, RSTART + 1), t, " ")
			here = $1; sub(":", "", here)
			l = substr(t[2], 2, length(t[2]) - 2)
			if (hex(t[1]) <= hex(here) && l in at)
				{ from = at[l]; to = NR }
		}
		END { for (k = from; from && k <= to; k++) print line[k] }'
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
	";; expect-loop "*)
		[ $have = 1 ] || { [ $groups = 0 ] && { echo "FAIL: expect-loop before any '; synth:' line"; fail=1; }; continue; }
		set -- ${line#;; expect-loop }
		f=$1 n=$2
		ere=${line#;; expect-loop $f $n }
		checks=$((checks + 1))
		got=$(loop_listing "$f" | grep -cE -- "$ere")
		if [ -z "$(loop_listing "$f")" ]; then
			echo "FAIL: $args: no loop in function $f"; listing "$f"; fail=1
		elif [ "$got" != "$n" ]; then
			echo "FAIL: $args: $f's last loop: $got lines match '$ere', want $n"; loop_listing "$f"; fail=1
		else
			echo "ok: $args: $f's last loop: $n x '$ere'"
		fi ;;
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
