#!/bin/sh
# check-layers.sh - dependencies in core/src point down (STYLE.md, "Dependencies
# point down"): the compile driver uses the back end, never the other way round.
# Layers, lowest first: the common files of core/src (context, allocator,
# strings); wasm/ (decode, validate, the operator reader, components); ir/ and
# obj/ (side by side: neither uses the other); arm/; driver/. A file may use
# its own layer and the layers below it.
#   1. includes: no #include of a folder at the same or a higher layer;
#   2. symbols (nm on libsynth's objects): no object references a symbol that
#      an object of the same or a higher layer (another folder) defines.
# usage: check-layers.sh CORE_SRC NM OBJECT...
set -eu
src=$1 nm=$2
shift 2
rank() {
	case $1 in
	common) echo 0 ;; wasm) echo 1 ;; ir | obj) echo 2 ;; arm) echo 3 ;; driver) echo 4 ;; *) echo - ;;
	esac
}
fail=0
# 1. includes
for dir in wasm ir obj arm driver; do
	for f in "$src/$dir"/*.c "$src/$dir"/*.h; do
		[ -e "$f" ] || continue
		# shellcheck disable=SC2013 # folder names, one word each
		for inc in $(sed -n 's|^#include "\(\.\./\)\{0,1\}\([a-z]*\)/.*|\2|p' "$f"); do
			r=$(rank "$inc")
			[ "$r" = - ] && continue
			if [ "$inc" != "$dir" ] && [ "$r" -ge "$(rank "$dir")" ]; then
				echo "FAIL: ${f#"$src"/} includes a header of $inc/ (layer $r >= $dir/'s $(rank "$dir"))"
				fail=1
			fi
		done
	done
done
# 2. symbols: each object's layer from its path (.../src/<layer>/file.c.o)
layer_of() {
	case $1 in
	*/src/wasm/*) echo wasm ;; */src/ir/*) echo ir ;; */src/obj/*) echo obj ;;
	*/src/arm/*) echo arm ;; */src/driver/*) echo driver ;;
	*) case ${1%/*} in */src) echo common ;; *) echo other ;; esac ;;
	esac
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nobj=0
for o in "$@"; do
	l=$(layer_of "$o")
	[ "$l" = other ] && continue
	nobj=$((nobj + 1))
	"$nm" -g --defined-only "$o" | awk -v l="$l" 'NF == 3 { print $3, l }' >>"$tmp/defs"
	"$nm" -u "$o" | awk -v l="$l" -v o="${o##*/}" '{ print $NF, l, o }' >>"$tmp/uses"
done
[ "$nobj" -gt 10 ] || { echo "FAIL: only $nobj objects of core/src given"; exit 1; }
sort -u "$tmp/defs" >"$tmp/defs.s"
sort "$tmp/uses" >"$tmp/uses.s"
join "$tmp/uses.s" "$tmp/defs.s" >"$tmp/pairs" || true
while read -r sym ul obj dl; do
	[ "$ul" = "$dl" ] && continue
	if [ "$(rank "$dl")" -ge "$(rank "$ul")" ]; then
		echo "FAIL: $obj ($ul/) uses $sym, defined in $dl/ (layer $(rank "$dl") >= $(rank "$ul"))"
		fail=1
	fi
done <"$tmp/pairs"
[ "$fail" = 0 ] && echo "layers: $nobj objects, $(wc -l <"$tmp/pairs") cross-object references, all pointing down"
exit $fail
