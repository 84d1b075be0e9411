#!/bin/sh
# stack-check-test.sh SYNTH NM WASM WORKDIR - `synth compile --stack-check`:
# with global (the default) compiled prologues read __synth_stack_limit, with
# none the object does not reference it (code run in a protection domain
# cannot read the runtime's RAM); an unknown value is a usage error.
# Exit 0 pass, 1 fail.
set -eu
synth=$1 nm=$2 wasm=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}
"$synth" compile --target cortex-m4f --name m -o "$work/global.o" "$wasm"
"$synth" compile --target cortex-m4f --name m --stack-check=global -o "$work/global2.o" "$wasm"
"$synth" compile --target cortex-m4f --name m --stack-check=none -o "$work/none.o" "$wasm"
"$nm" "$work/global.o" | grep -q ' U __synth_stack_limit$' || fail "the default does not check the stack"
cmp -s "$work/global.o" "$work/global2.o" || fail "--stack-check=global is not the default"
if "$nm" "$work/none.o" | grep -q '__synth_stack_limit'; then
	fail "--stack-check=none still references __synth_stack_limit"
fi
if "$synth" compile --stack-check=bogus --name m -o "$work/x.o" "$wasm" 2> "$work/err.txt"; then
	fail "--stack-check=bogus accepted"
else
	[ $? -eq 2 ] || fail "--stack-check=bogus is not a usage error (2)"
	grep -q -- "--stack-check takes software, hardware or none" "$work/err.txt" || fail "no message for --stack-check=bogus"
fi
[ "$fails" -eq 0 ] || exit 1
echo "stack-check-test: ok"
