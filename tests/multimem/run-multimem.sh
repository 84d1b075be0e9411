#!/bin/sh
# run-multimem.sh SYNTH SRCDIR WORKDIR: runs every multi-memory program here
# through `synth run` on mps2-an386 and mps2-an505 and compares with the
# committed expected output (checked once against wasm-interp), then links a
# firmware image and checks with nm that every memory has its own base and
# that the reserved ranges do not overlap.
set -u
synth=$1 src=$2 work=$3
for t in wat2wasm arm-none-eabi-nm arm-none-eabi-gcc qemu-system-arm; do
	command -v $t >/dev/null 2>&1 || { echo "SKIP: $t not found"; exit 77; }
done
mkdir -p "$work"
fail=0
for wat in "$src"/*.wat; do
	name=$(basename "$wat" .wat)
	wasm=$work/$name.wasm
	wat2wasm --enable-multi-memory "$wat" -o "$wasm" || { echo "FAIL: $name: wat2wasm"; fail=1; continue; }
	for board in mps2-an386 mps2-an505; do
		"$synth" run --board "$board" "$wasm" --run-all-exports > "$work/$name.$board.out" 2>&1
		if cmp -s "$work/$name.$board.out" "$src/$name.expected"; then
			echo "ok: $name on $board ($(wc -l < "$src/$name.expected") calls)"
		else
			echo "FAIL: $name on $board:"; diff "$src/$name.expected" "$work/$name.$board.out"; fail=1
		fi
	done
done
# Each memory at a distinct base, with its reserved size, in a linked image.
"$synth" compile --emit=firmware --board mps2-an505 -o "$work/copy.elf" "$work/copy.wasm" || { echo "FAIL: firmware"; exit 1; }
arm-none-eabi-nm "$work/copy.elf" > "$work/copy.nm"
ranges=$(awk '
	$3 ~ /^copy__mem[0-9]+$/ { base[$3] = $1 }
	$3 ~ /^copy__mem[0-9]+_size$/ { n = $3; sub(/_size$/, "", n); size[n] = $1 }
	END { for (m in base) printf "%s %s %s\n", m, base[m], size[m] }' "$work/copy.nm" | sort -k2)
echo "$ranges" | while read -r m b s; do echo "memory $m at 0x$b, $((0x$s)) bytes reserved"; done
count=$(echo "$ranges" | grep -c copy__mem)
if [ "$count" -ne 3 ]; then
	echo "FAIL: expected 3 memories in the image, found $count"; fail=1
fi
prev_end=0
for line in $(echo "$ranges" | awk '{ print $2 ":" $3 }'); do
	b=$((0x${line%%:*})); s=$((0x${line##*:}))
	if [ "$b" -lt "$prev_end" ]; then echo "FAIL: memory at $b overlaps the previous one"; fail=1; fi
	if [ "$s" -eq 0 ]; then echo "FAIL: a memory has no reserved size"; fail=1; fi
	prev_end=$((b + s))
done
[ $fail -eq 0 ] && echo "multi-memory: all programs match on both boards; memories are disjoint"
exit $fail
