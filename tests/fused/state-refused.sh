#!/bin/sh
# state-refused.sh SYNTH STATE-SHARED.wasm WORK - a fused module whose state
# cannot be split into its components' domains (state-shared.wat: globals,
# a table, a data segment) is refused by name: synth compile and synth plan
# exit non-zero naming the first item and write nothing; synth inspect
# --components lists every item and exits 1.
synth=$1
wasm=$2
work=$3
rm -rf "$work" && mkdir -p "$work" || exit 1
fail=0
first='global 0: function 0 "set" (c1) writes it and function 1 "get" (c2) uses it, and one component could change another'"'"'s behaviour through it'
second='global 1: function 2 "bump" (shared) writes it, and only a component'"'"'s own functions may change state'
expect() { # what status output
	if [ "$2" -ne 0 ] && printf '%s\n' "$3" | grep -qF "$4"; then
		echo "ok: $1"
	else
		echo "FAIL: $1 (exit $2):"
		printf '%s\n' "$3"
		fail=1
	fi
}
out=$("$synth" compile --target cortex-m33 --name app -o "$work/app.o" "$wasm" 2>&1)
expect "synth compile refuses it" $? "$out" "the module's state cannot be split into its components' domains: $first (and more)"
if [ -e "$work/app.o" ] || [ -e "$work/app.requests.json" ]; then
	echo "FAIL: synth compile wrote an output"
	fail=1
fi
out=$("$synth" plan --target mps2-an505 "$wasm" 2>&1)
expect "synth plan refuses it" $? "$out" "$first"
out=$("$synth" inspect --components "$wasm" 2>&1)
st=$?
expect "synth inspect --components names the first item" $st "$out" "$first"
expect "synth inspect --components names the second item" $st "$out" "$second"
for item in 'global 2: function 8 "adapt" (adapter c1->c2) writes it, and only a component'"'"'s own functions may change state' \
	'global 3: function 10 "r0" (c0) writes it and function 11 "rs" (shared) uses it, and runs in the domain of whichever component calls it' \
	'global 5: function 15 "adapt_q" (adapter c1->c2) uses it in an adapter'"'"'s domain, which does not hold the module'"'"'s read-only state' \
	'table 0: function 4 "tset" (c1) writes it and function 5 "tcall" (c2) uses it, and one component could change another'"'"'s behaviour through it' \
	'data segment 0: function 6 "ddrop" (c1) writes it and function 7 "dinit" (c2) uses it, and one component could change another'"'"'s behaviour through it'; do
	expect "synth inspect --components names ${item%%:*}" $st "$out" "$item"
done
if printf '%s\n' "$out" | grep -q '^global 4'; then
	echo "FAIL: global 4 (never written, read by c0 and c2) is refused: it belongs in the read-only section"
	fail=1
else
	echo "ok: global 4 (never written, read by c0 and c2) is accepted"
fi
[ $fail -eq 0 ] && echo "state-refused: ok"
exit $fail
