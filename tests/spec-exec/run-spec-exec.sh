#!/bin/sh
# run-spec-exec.sh - runs WebAssembly spec scripts (the core suite, or the
# multi-memory proposal's) on a QEMU board and enforces the committed
# pass-count floors.
#
# Usage: run-spec-exec.sh --board BOARD --runtime DIR [--cc GCC] [--floor FILE]
#                         [--multi-memory] [--mem-reserve BYTES] [--target CORE]
#                         [--only GLOB] [--jobs N]
#                         [--timeout S] [--verbose]
#                         SPEC_EXEC_GEN SUITE_DIR WORK_DIR
#
# --runtime names the runtime's build (or install) folder: DIR/BOARD/ holds
# libsynth-rt-BOARD.a, synth-rt-BOARD.ld and synth-rt-BOARD.cflags, DIR/include
# synth_rt.h and DIR/qemu-run.sh the runner, the layout `synth run` uses.
#
# Every SUITE_DIR/*.wast (or those matching --only; several globs may be
# given, separated by blanks) is converted with wast2json into
# WORK_DIR/NAME/ (the suite folder is never written), then
# SPEC_EXEC_GEN compiles its modules and writes the images (see
# spec_exec_gen.c) into WORK_DIR/NAME/out/; each image is linked with
# harness.c, spectest.c and the runtime exactly like `synth run` links (the
# board's flags, -O1 -ffreestanding -nostdlib -nostartfiles, the board's
# linker script, libsynth-rt, -lgcc) and run with qemu-run.sh. Files are
# processed N at a time (--jobs, default 2) by this script re-run as a
# worker. An image ends with `passed P failed F skipped S`; one that does
# not (fault outside the harness, lockup, timeout) counts all its runnable
# commands as failed and the file is marked CRASHED.
#
# --target CORE compiles for another core the board runs (cortex-m7, single
# precision, on mps2-an500).
#
# --mem-reserve BYTES is what a memory without a declared maximum reserves
# (synth compile --mem-reserve; the compiler's 1 MiB by default), so how far
# the scripts can grow one. A command that fails because it grew a memory
# past the board's whole WASM region is skipped, with the reason, and so is
# a later failing command of that instance (harness.c).
#
# --multi-memory is for the multi-memory suite: wast2json
# --enable-multi-memory and spec-exec-gen --multi-memory. Without it the
# decoder keeps multi-memory off, as the core suite (which predates the
# proposal) expects.
#
# Each image's imageI.hdr.c, which checks the generated headers against the
# ABI, is compiled with -fsyntax-only first; a mismatch is a note on the
# file and a line in WORK_DIR/headers.txt, and fails the run.
#
# Printed: one line per file, `NAME.wast: passed P failed F skipped S`, with
# the most common skip reason; then the totals, the files skipped entirely
# and why, the skips by class and the most common reasons, and the floor
# check. Details: WORK_DIR/failures.txt (every failing command, one line
# each, as the image printed it), WORK_DIR/skips.txt (FILE:LINE KIND CLASS
# REASON, tab-separated), WORK_DIR/skip-classes.txt (CLASS COUNT), and per
# file WORK_DIR/NAME/ (gen.log, out/imageI.c, build and run logs).
#
# The floor file has `NAME.wast PASSED` lines and one `total PASSED` line
# (floors: a count below fails the run; one above prints a HINT to raise
# it; a file absent from the floor file has no floor), and ceilings:
# `ceiling failed N` (failed commands) and `ceiling skipped CLASS N` for
# each skip class (spec_exec_gen.h's SKIP_* and the harness's
# grow-refused). A class without a ceiling may not occur at all; a count
# above its ceiling fails the run ('#' starts a comment).
#
# Exit status: 0 every floor and ceiling met; 1 a count beyond its bound,
# a header mismatch, or the generator or an image's count failed on a file;
# 2 usage error or harness trouble; 77 wast2json, the cross compiler or QEMU
# is missing (CTest SKIP_RETURN_CODE; a failure when SYNTH_CI=1).

usage() {
	echo "usage: $0 --board BOARD --runtime DIR [--cc GCC] [--floor FILE] [--multi-memory] [--mem-reserve BYTES]" \
		"[--only GLOB] [--jobs N] [--timeout S] [--verbose] SPEC_EXEC_GEN SUITE_DIR WORK_DIR" >&2
	exit 2
}

die() {
	echo "run-spec-exec: error: $*" >&2
	exit 2
}

# ---- worker: one .wast file ------------------------------------------------
# Environment: SX_BOARD SX_RT SX_CC SX_CFLAGS SX_GEN SX_SRC SX_SUITE SX_WORK
# SX_TIMEOUT SX_MM (1 for --multi-memory) SX_MEMRES (--mem-reserve or empty)
# SX_TARGET (--target or empty). Writes WORK/NAME/result.txt
# (`key value` lines: passed, failed, skipped, and `note TEXT` lines) and
# never fails itself.
if [ "${1:-}" = --worker ]; then
	name=$2
	dir=$SX_WORK/$name
	out=$dir/out
	rm -rf "$dir"
	mkdir -p "$out" || exit 0
	res=$dir/result.txt
	passed=0 failed=0 skipped=0
	notes=
	finish() {
		{
			echo "passed $passed"
			echo "failed $failed"
			echo "skipped $skipped"
			[ -z "$notes" ] || printf '%s\n' "$notes" | sed 's/^/note /'
		} >"$res"
		exit 0
	}
	note() {
		notes="${notes:+$notes
}$*"
	}
	w2j_flags='' gen_flags=''
	[ "$SX_MM" != 1 ] || w2j_flags=--enable-multi-memory gen_flags=--multi-memory
	# shellcheck disable=SC2086 # empty or one flag
	if ! wast2json $w2j_flags "$SX_SUITE/$name.wast" -o "$dir/$name.json" >"$dir/wast2json.log" 2>&1; then
		note "UNCONVERTIBLE by wast2json: $(head -n 1 "$dir/wast2json.log")"
		finish
	fi
	# shellcheck disable=SC2086 # empty or one flag
	"$SX_GEN" --board "$SX_BOARD" $gen_flags ${SX_MEMRES:+--mem-reserve "$SX_MEMRES"} \
		${SX_TARGET:+--target "$SX_TARGET"} "$dir/$name.json" "$out" >"$dir/gen.log" 2>&1
	rc=$?
	if [ $rc -ne 0 ] || [ ! -f "$out/summary.txt" ]; then
		note "GENERATOR FAILED (exit status $rc): $(tail -n 1 "$dir/gen.log")"
		echo "generator" >"$dir/trouble"
		finish
	fi
	sed "s/^/$name.wast:/" "$out/skips.txt" >"$dir/skips.txt"
	: >"$dir/failures.txt"
	: >"$dir/headers.txt"
	while read -r key image _r runnable _s skip; do
		[ "$key" = image ] || continue
		skipped=$((skipped + skip))
		# The generated headers against the ABI (reported, not counted).
		# shellcheck disable=SC2086 # SX_CFLAGS is a list of flags
		if ! "$SX_CC" $SX_CFLAGS -std=c11 -fsyntax-only -I"$SX_RT/include" -I"$SX_SRC" -I"$out" \
			"$out/image$image.hdr.c" >"$dir/header$image.log" 2>&1; then
			# (an undeclared name also makes its assertion "not an integer")
			grep 'error' "$dir/header$image.log" | grep -v 'static assertion is not an integer' |
				sed "s|^.*error: |$name.wast: image $image: |" >"$dir/header$image.txt"
			# a failed check with no error line left (say, the compiler died) is
			# a mismatch too, never a pass
			[ -s "$dir/header$image.txt" ] ||
				echo "$name.wast: image $image: the header check failed without an error line ($dir/header$image.log)" \
					>"$dir/header$image.txt"
			cat "$dir/header$image.txt" >>"$dir/headers.txt"
			note "HEADER MISMATCH (image $image): $(wc -l <"$dir/header$image.txt") errors"
		fi
		[ "$runnable" -gt 0 ] || continue
		elf=$out/image$image.elf
		# shellcheck disable=SC2086,SC2046 # SX_CFLAGS and the .objs file are lists
		if ! "$SX_CC" $SX_CFLAGS -O1 -ffreestanding -nostdlib -nostartfiles \
			-I"$SX_RT/include" -I"$SX_SRC" -I"$out" -T"$SX_RT/$SX_BOARD/synth-rt-$SX_BOARD.ld" \
			"$out/image$image.c" "$SX_WORK/harness.o" "$SX_WORK/spectest.o" \
			$(cat "$out/image$image.objs") "$out/image$image.ld" \
			"$SX_RT/$SX_BOARD/libsynth-rt-$SX_BOARD.a" -lgcc -o "$elf" \
			>"$dir/build$image.log" 2>&1; then
			failed=$((failed + runnable))
			note "BUILD FAILED (image $image): $(grep -m 1 -i 'error' "$dir/build$image.log")"
			echo "$name.wast: image $image: build failed, $runnable commands not run" >>"$dir/failures.txt"
			continue
		fi
		sh "$SX_RT/qemu-run.sh" "$SX_BOARD" "$elf" "$SX_TIMEOUT" >"$dir/run$image.log" 2>"$dir/run$image.err"
		st=$?
		grep "^$name\.wast:[0-9]*: " "$dir/run$image.log" >>"$dir/failures.txt"
		# skips the image decided at run time (a grow the board cannot hold)
		sed -n "s/^skipped: \($name\.wast:[0-9]*\t\)/\1/p" "$dir/run$image.log" >>"$dir/skips.txt"
		last=$(grep '^passed [0-9]* failed [0-9]* skipped [0-9]*$' "$dir/run$image.log" | tail -n 1)
		if [ $st -eq 0 ] && [ -n "$last" ]; then
			# shellcheck disable=SC2086 # split "passed P failed F skipped S"
			set -- $last
			passed=$((passed + $2))
			failed=$((failed + $4))
			late=$(($6 - skip))
			skipped=$((skipped + late))
			if [ $(($2 + $4 + late)) -ne "$runnable" ] || [ "$late" -lt 0 ]; then
				note "COUNT MISMATCH (image $image): ran $(($2 + $4 + late)) of $runnable, skipped $6 of $skip"
				echo "count" >"$dir/trouble"
			fi
		else
			failed=$((failed + runnable))
			why="exit status $st"
			[ $st -eq 124 ] && why="timeout after $SX_TIMEOUT s"
			note "CRASHED (image $image, $why): $(grep -v '^trap: ' "$dir/run$image.log" | tail -n 1)"
			echo "$name.wast: image $image: crashed ($why), its $runnable commands count as failed;" \
				"last output: $(tail -n 1 "$dir/run$image.log")" >>"$dir/failures.txt"
		fi
	done <"$out/summary.txt"
	finish
fi

# ---- main ------------------------------------------------------------------
board='' rt='' cc=arm-none-eabi-gcc floor='' only='*.wast' jobs=2 timeout=120 verbose='' mm=0 memres='' target=''
while [ $# -gt 0 ]; do
	case $1 in
	--board) [ $# -ge 2 ] || usage; board=$2; shift ;;
	--runtime) [ $# -ge 2 ] || usage; rt=$2; shift ;;
	--cc) [ $# -ge 2 ] || usage; cc=$2; shift ;;
	--floor) [ $# -ge 2 ] || usage; floor=$2; shift ;;
	--only) [ $# -ge 2 ] || usage; only=$2; shift ;;
	--jobs) [ $# -ge 2 ] || usage; jobs=$2; shift ;;
	--timeout) [ $# -ge 2 ] || usage; timeout=$2; shift ;;
	--multi-memory) mm=1 ;;
	--mem-reserve) [ $# -ge 2 ] || usage; memres=$2; shift ;;
	--target) [ $# -ge 2 ] || usage; target=$2; shift ;;
	--verbose) verbose=1 ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
	shift
done
[ $# -eq 3 ] && [ -n "$board" ] && [ -n "$rt" ] || usage
gen=$1
suite=$2
work=$3

for tool in wast2json "$cc" "${SYNTH_QEMU:-qemu-system-arm}" timeout; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP: $tool not found; spec scripts not run on $board"
		exit 77
	fi
done
[ -x "$gen" ] || die "$gen is not an executable"
[ -d "$suite" ] || die "suite folder $suite does not exist"
[ -z "$floor" ] || [ -r "$floor" ] || die "cannot read floor file $floor"
cflags_file=$rt/$board/synth-rt-$board.cflags
[ -r "$cflags_file" ] || die "no runtime for $board in $rt ($cflags_file is missing)"
[ -r "$rt/include/synth_rt.h" ] || die "$rt/include/synth_rt.h is missing"
[ -r "$rt/qemu-run.sh" ] || die "$rt/qemu-run.sh is missing"

# WORK_DIR is wiped on every run: accept only a fresh folder or one this
# script made (it carries a marker), and never one inside the suite.
src=$(cd -P "$(dirname "$0")" && pwd) || die "cannot find the script's folder"
suite=$(cd -P "$suite" && pwd) || die "cannot enter the suite folder"
rt=$(cd -P "$rt" && pwd) || die "cannot enter $rt"
case $gen in /*) ;; *) gen=$(pwd)/$gen ;; esac
parent=$(cd -P "$(dirname "$work")" 2>/dev/null && pwd) || die "the parent folder of $work does not exist"
work=$parent/$(basename "$work")
case $work/ in "$suite"/*) die "work folder $work is inside the suite folder $suite" ;; esac
marker=$work/.run-spec-exec-work
if [ -e "$work" ] && [ ! -e "$marker" ] && [ -n "$(ls -A "$work" 2>/dev/null)" ]; then
	die "$work exists and was not made by this script; not deleting it"
fi
{ rm -rf "$work" && mkdir -p "$work" && : >"$marker"; } || die "cannot create $work"

cflags=$(cat "$cflags_file")
start=$(date +%s)
# The fixed parts of every image, compiled once per board.
for part in harness spectest; do
	# shellcheck disable=SC2086 # cflags is a list of flags
	"$cc" $cflags -std=c11 -O1 -ffreestanding -Wall -Wextra -I"$rt/include" -I"$src" \
		-c "$src/$part.c" -o "$work/$part.o" >"$work/$part.log" 2>&1 ||
		die "cannot compile $src/$part.c for $board: $(head -n 3 "$work/$part.log")"
done

echo "board: $board"
echo "suite: $suite"
echo "wast2json: $(wast2json --version 2>/dev/null)"
[ $mm -eq 0 ] || echo "features: multi-memory"
[ "$only" = '*.wast' ] || echo "only: $only"

SX_BOARD=$board SX_RT=$rt SX_CC=$cc SX_CFLAGS=$cflags SX_GEN=$gen SX_SRC=$src SX_SUITE=$suite \
SX_WORK=$work SX_TIMEOUT=$timeout SX_MM=$mm SX_MEMRES=$memres SX_TARGET=$target
export SX_BOARD SX_RT SX_CC SX_CFLAGS SX_GEN SX_SRC SX_SUITE SX_WORK SX_TIMEOUT SX_MM SX_MEMRES SX_TARGET
names=$work/files.txt
# Each blank-separated glob of --only expands in the suite folder only.
{
	set -f
	for glob in $only; do
		set +f
		for wast in "$suite"/$glob; do
			[ -f "$wast" ] && basename "$wast" .wast
		done
		set -f
	done
	set +f
} | LC_ALL=C sort -u >"$names"
[ -s "$names" ] || die "no .wast files matching $only in $suite"
xargs -P "$jobs" -n 1 sh "$0" --worker <"$names"

# Per-file lines, sums, reasons.
: >"$work/failures.txt"
: >"$work/skips.txt"
: >"$work/headers.txt"
: >"$work/counts.txt"
trouble=
while read -r name; do
	res=$work/$name/result.txt
	if [ ! -f "$res" ]; then
		echo "$name.wast: NO RESULT (the worker died)"
		trouble="$trouble $name.wast"
		continue
	fi
	[ -e "$work/$name/trouble" ] && trouble="$trouble $name.wast"
	cat "$work/$name/failures.txt" >>"$work/failures.txt" 2>/dev/null
	cat "$work/$name/skips.txt" >>"$work/skips.txt" 2>/dev/null
	cat "$work/$name/headers.txt" >>"$work/headers.txt" 2>/dev/null
	p=$(sed -n 's/^passed //p' "$res") f=$(sed -n 's/^failed //p' "$res") s=$(sed -n 's/^skipped //p' "$res")
	echo "$name.wast $p $f $s" >>"$work/counts.txt"
	why=
	if [ "$s" -gt 0 ]; then
		why=$(cut -f 3,4 "$work/$name/skips.txt" | sed 's/\t/: /; s/[0-9][0-9]*/N/g' | sort | uniq -c | sort -rn |
			awk 'NR == 1 { top = $0; sub(/^ *[0-9]+ /, "", top); n = $1 } END {
				printf "%s%s", top, (NR > 1 ? sprintf("; +%d other reasons", NR - 1) : "") }')
		why=" ($why)"
	fi
	echo "$name.wast: passed $p failed $f skipped $s$why"
	sed -n 's/^note /    /p' "$res"
	if [ -n "$verbose" ]; then
		[ ! -f "$work/$name/failures.txt" ] || sed "s/^/    /" "$work/$name/failures.txt"
	fi
done <"$names"

awk '{ p += $2; f += $3; s += $4 }
	END { printf "\ntotal: passed %d failed %d skipped %d (%d files)\n", p, f, s, NR }' "$work/counts.txt"
echo "elapsed: $(($(date +%s) - start)) s"
echo
echo "files skipped entirely (nothing ran):"
awk '$2 == 0 && $3 == 0 { print $1 }' "$work/counts.txt" | while read -r file; do
	base=${file%.wast}
	if [ -s "$work/$base/skips.txt" ]; then
		echo "  $file: $(cut -f 3,4 "$work/$base/skips.txt" | sed 's/\t/: /; s/[0-9][0-9]*/N/g' | sort | uniq -c |
			sort -rn | head -n 1 | sed 's/^ *[0-9]* //')"
	else
		why=$(sed -n 's/^note //p' "$work/$base/result.txt" | head -n 1)
		echo "  $file: ${why:-no execution commands}"
	fi
done
echo
echo "skips by class (commands):"
cut -f 3 "$work/skips.txt" | LC_ALL=C sort | uniq -c | awk '{ print $2, $1 }' >"$work/skip-classes.txt"
sed 's/^/  /' "$work/skip-classes.txt"
echo "most common skip reasons (commands):"
cut -f 3,4 "$work/skips.txt" | sed 's/\t/: /; s/[0-9][0-9]*/N/g' | sort | uniq -c | sort -rn | head -n 15
echo
echo "failure details: $work/failures.txt ($(wc -l <"$work/failures.txt") lines)"
echo "skip details: $work/skips.txt"
echo "header mismatches (generated headers against the ABI): $(wc -l <"$work/headers.txt"), in $work/headers.txt"
echo

# Floors: `NAME.wast PASSED` and `total PASSED`.
floor_name=${floor:-"(no floor file)"}
[ -n "$floor" ] || floor=/dev/null
partial=
[ "$only" = '*.wast' ] || partial=1
nfailed=$(awk '{ f += $3 } END { print f + 0 }' "$work/counts.txt")
awk -v floor_name="$floor_name" -v partial="$partial" -v nfailed="$nfailed" -v classes="$work/skip-classes.txt" '
	BEGIN { while ((getline line < classes) > 0) { split(line, w, " "); skips[w[1]] = w[2] } }
	NR == FNR { got[$1] = $2; total += $2; next }
	/^[ \t]*(#|$)/ { next }
	$1 == "ceiling" && $2 == "failed" && NF == 3 && $3 ~ /^[0-9]+$/ { maxfail = $3; hasmaxfail = 1; next }
	$1 == "ceiling" && $2 == "skipped" && NF == 4 && $4 ~ /^[0-9]+$/ { ceil[$3] = $4; next }
	$1 == "ceiling" {
		printf "run-spec-exec: error: %s:%d: expected `ceiling failed N` or `ceiling skipped CLASS N`\n", floor_name, FNR
		bad = 1
		next
	}
	{
		if (NF != 2 || $2 !~ /^[0-9]+$/) {
			printf "run-spec-exec: error: %s:%d: expected `NAME.wast PASSED`\n", floor_name, FNR
			bad = 1
			next
		}
		floor[$1] = $2
		order[++n] = $1
	}
	END {
		if (bad)
			exit 2
		got["total"] = total
		below = 0
		for (i = 1; i <= n; i++) {
			k = order[i]
			if (k == "total" && partial)
				continue
			if (!(k in got) && k != "total") {
				printf "NOTE: %s is in %s but was not run\n", k, floor_name
				continue
			}
			if (got[k] > floor[k])
				printf "HINT: %s passed %d, above its floor %d: raise it in %s\n", k, got[k], floor[k], floor_name
		}
		for (i = 1; i <= n; i++) {
			k = order[i]
			if ((k in got) && got[k] < floor[k] && !(k == "total" && partial)) {
				printf "FAIL: %s passed %d, below its floor %d in %s\n", k, got[k], floor[k], floor_name
				below++
			}
		}
		if (floor_name != "(no floor file)") {
			if (nfailed > maxfail + 0) {
				printf "FAIL: %d commands failed, above the ceiling of %d in %s\n", nfailed, maxfail, floor_name
				below++
			}
			for (k in skips)
				if (skips[k] > ceil[k] + 0) {
					printf "FAIL: %d commands skipped as %s, above the ceiling of %d in %s\n", skips[k], k,
					       ceil[k] + 0, floor_name
					below++
				}
			for (k in ceil)
				if (skips[k] + 0 < ceil[k] && !partial)
					printf "HINT: %d commands skipped as %s, below the ceiling of %d: lower it in %s\n",
					       skips[k] + 0, k, ceil[k], floor_name
		}
		exit below ? 1 : 0
	}' "$work/counts.txt" "$floor"
verdict=$?
[ $verdict -le 1 ] || exit 2
if [ -n "$trouble" ]; then
	echo "FAIL: the harness failed on:$trouble"
	exit 1
fi
if [ -s "$work/headers.txt" ]; then
	echo "FAIL: $(wc -l <"$work/headers.txt") generated header declarations disagree with the ABI ($work/headers.txt)"
	exit 1
fi
[ $verdict -eq 0 ] || exit 1
echo "PASS: every pass count is at or above its floor in $floor_name"
exit 0
