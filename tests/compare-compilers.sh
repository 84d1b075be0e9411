#!/bin/sh
# compare-compilers.sh - proof that a change of the compiler's structure
# changed no behaviour: every .wasm under CORPUS is validated (all features,
# --disable-multi-memory, --disable-simd, --disable-custom-page-sizes) and
# compiled (cortex-m3, cortex-m4f, cortex-m7dp, cortex-m33 x --bounds trap,
# mask, none; with --header) by two synth binaries, REF and NEW; objects,
# headers and requests must be byte-identical, and a refusal must have the
# same stderr and exit code. A module REF's validator refuses is refused
# before target or bounds matter: it is compiled in one configuration.
# Prints one line per check (SAME-VALID, SAME-OBJ, SAME-REFUSED or DIFF)
# and, at the end, the counts; exits 1 on any DIFF.
#
# usage: compare-compilers.sh REF NEW CORPUS [JOBS]
#   e.g. a corpus of the spec suite (wast2json [--enable-multi-memory] -o
#   DIR/x.json x.wast for each .wast of ../shared/testsuite/{core,multi-memory}),
#   tests/programs and tests/bench/mcu/workloads compiled with clang
#   --target=wasm32 (see tests/programs/run-program.sh), build/**/*.wasm.
set -eu
if [ "${1:-}" = --one ]; then
	ref=$2 new=$3 f=$4
	d=$(mktemp -d)
	trap 'rm -rf "$d"' EXIT
	for v in "" --disable-multi-memory --disable-simd --disable-custom-page-sizes; do
		# shellcheck disable=SC2086 # $v is one option or none
		"$ref" validate $v "$f" >"$d/r.out" 2>"$d/r.err" && rr=0 || rr=$?
		# shellcheck disable=SC2086
		"$new" validate $v "$f" >"$d/n.out" 2>"$d/n.err" && nr=0 || nr=$?
		if [ "$rr" = "$nr" ] && cmp -s "$d/r.out" "$d/n.out" && cmp -s "$d/r.err" "$d/n.err"; then
			[ "$rr" = 0 ] && echo "SAME-VALID validate$v $f" || echo "SAME-REFUSED validate$v $f"
		else
			echo "DIFF validate$v $f"
		fi
	done
	if "$ref" validate "$f" >/dev/null 2>&1; then
		targets="cortex-m3 cortex-m4f cortex-m7dp cortex-m33" bounds="trap mask none"
	else
		targets=cortex-m3 bounds=trap
	fi
	for t in $targets; do
		for b in $bounds; do
			rm -f "$d"/*
			"$ref" compile --target "$t" --bounds="$b" --name M --header "$d/r.h" -o "$d/r.o" "$f" \
				>"$d/r.out" 2>"$d/r.err" && rr=0 || rr=$?
			"$new" compile --target "$t" --bounds="$b" --name M --header "$d/n.h" -o "$d/n.o" "$f" \
				>"$d/n.out" 2>"$d/n.err" && nr=0 || nr=$?
			ok=1
			[ "$rr" = "$nr" ] && cmp -s "$d/r.err" "$d/n.err" && cmp -s "$d/r.out" "$d/n.out" || ok=0
			if [ "$rr" = 0 ]; then
				cmp -s "$d/r.o" "$d/n.o" && cmp -s "$d/r.h" "$d/n.h" &&
					cmp -s "$d/r.requests.json" "$d/n.requests.json" || ok=0
			elif [ -e "$d/n.o" ]; then
				ok=0
			fi
			if [ $ok = 1 ]; then
				[ "$rr" = 0 ] && echo "SAME-OBJ $t/$b $f" || echo "SAME-REFUSED $t/$b $f"
			else
				echo "DIFF $t/$b $f (exit $rr/$nr)"
			fi
		done
	done
	exit 0
fi
[ $# -ge 3 ] || { echo "usage: compare-compilers.sh REF NEW CORPUS [JOBS]" >&2; exit 2; }
ref=$1 new=$2 corpus=$3 jobs=${4:-2}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
find "$corpus" -name '*.wasm' | sort |
	xargs -P "$jobs" -n 1 sh "$0" --one "$ref" "$new" | tee "$out"
echo "modules: $(find "$corpus" -name '*.wasm' | wc -l)"
for k in SAME-VALID SAME-OBJ SAME-REFUSED DIFF; do
	echo "$k: $(grep -c "^$k " "$out" || true)"
done
! grep -q '^DIFF ' "$out"
