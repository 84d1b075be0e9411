#!/bin/sh
# synth-shim.sh - runs $SYNTH_REAL (the synth under test) with the given
# arguments. Until `synth compile` has --depfile FILE (issue 11, added
# separately), a compile's --depfile is taken off the command and the shim
# writes that depfile itself ("OUT: IN", Make syntax), so the generated
# build.ninja can be run end to end today; once synth has the option, the
# shim only passes the call through.
synth=${SYNTH_REAL:?SYNTH_REAL names the synth command}
if [ "$1" != compile ] || "$synth" compile --help | grep -q -e '--depfile'; then
	exec "$synth" "$@"
fi
dep='' out='' prev='' last=''
for a do
	shift
	if [ "$prev" = --depfile ]; then
		dep=$a
		prev=
		continue
	fi
	if [ "$a" = --depfile ]; then
		prev=$a
		continue
	fi
	[ "$prev" = -o ] && out=$a
	prev=$a
	last=$a
	set -- "$@" "$a"
done
"$synth" "$@" || exit
if [ -n "$dep" ]; then
	esc() { printf '%s' "$1" | sed -e 's/[ #]/\\&/g' -e 's/\$/$$/g'; }
	printf '%s: %s\n' "$(esc "$out")" "$(esc "$last")" >"$dep"
fi
