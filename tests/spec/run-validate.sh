#!/bin/sh
# run-validate.sh - runs one WebAssembly spec suite through spec-validate and
# enforces the committed pass-count floors.
#
# Usage: run-validate.sh [--multi-memory] [--floor FILE] [--only NAME.wast]
#                        [--verbose] SPEC_VALIDATE SUITE_DIR WORK_DIR
#
# Every SUITE_DIR/*.wast (or only the one named by --only) is converted with
# wast2json into WORK_DIR/NAME/ (the suite folder is read-only and never
# written). A file wast2json cannot convert is listed as unconvertible and
# counted (files_converted / files_total). spec-validate then checks each
# converted script on its own, so a crash in the library is pinned to one
# file; its report goes to WORK_DIR/NAME/validate.log, its counts to
# WORK_DIR/NAME/counts.txt, and all failure lines are collected in
# WORK_DIR/failures.txt. The per-file lines and the summed counts are printed.
#
# The floor file has `key value` lines ('#' starts a comment). The keys are
# files_converted, valid_accepted, malformed_rejected, malformed_msg,
# invalid_rejected and invalid_msg, each a count that may only go up, plus
# files_total, valid_total, malformed_total and invalid_total, the sizes the
# percentages are taken of (a changed total is reported, not enforced). A key
# absent from the file has no floor. A count below its floor fails the run; a
# count above it prints a hint to raise the floor.
#
# Exit status: 0 every floor met; 1 a count below its floor, or spec-validate
# crashed, timed out or failed to read a file; 2 usage error or harness
# trouble; 77 wast2json is not installed (CTest SKIP_RETURN_CODE).

usage() {
	echo "usage: $0 [--multi-memory] [--floor FILE] [--only NAME.wast] [--verbose]" \
		"SPEC_VALIDATE SUITE_DIR WORK_DIR" >&2
	exit 2
}

die() {
	echo "run-validate: error: $*" >&2
	exit 2
}

multi_memory=
floor=
only='*.wast'
verbose=
while [ $# -gt 0 ]; do
	case $1 in
	--multi-memory) multi_memory=1 ;;
	--floor) [ $# -ge 2 ] || usage; floor=$2; shift ;;
	--only) [ $# -ge 2 ] || usage; only=$2; shift ;;
	--verbose) verbose=1 ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
	shift
done
[ $# -eq 3 ] || usage
validate=$1
suite=$2
work=$3

if ! command -v wast2json >/dev/null 2>&1; then
	echo "SKIP: wast2json not found (install wabt); spec suite $suite not checked"
	exit 77
fi
[ -x "$validate" ] || die "$validate is not an executable"
[ -d "$suite" ] || die "suite folder $suite does not exist"
[ -z "$floor" ] || [ -r "$floor" ] || die "cannot read floor file $floor"

# WORK_DIR is wiped on every run, so accept only a fresh folder or one this
# script made (it carries a marker), and never one inside the suite.
suite_abs=$(cd -P "$suite" && pwd) || die "cannot enter $suite"
parent_abs=$(cd -P "$(dirname "$work")" 2>/dev/null && pwd) ||
	die "the parent folder of $work does not exist"
work=$parent_abs/$(basename "$work")
case $work/ in
"$suite_abs"/*) die "work folder $work is inside the suite folder $suite_abs" ;;
esac
marker=$work/.run-validate-work
if [ -e "$work" ] && [ ! -e "$marker" ] && [ -n "$(ls -A "$work" 2>/dev/null)" ]; then
	die "$work exists and was not made by this script; not deleting it"
fi
if ! { rm -rf "$work" && mkdir -p "$work" && : >"$marker"; }; then
	die "cannot create $work"
fi

w2j_flags=
sv_flags=
if [ -n "$multi_memory" ]; then
	w2j_flags=--enable-multi-memory
	sv_flags=--multi-memory
fi
timeout_cmd=
if command -v timeout >/dev/null 2>&1; then
	timeout_cmd="timeout 300"
fi

echo "suite: $suite_abs"
echo "wast2json: $(wast2json --version 2>/dev/null) ${w2j_flags:-(no flags)}"

files_total=0
files_converted=0
unconvertible=
crashed=
for wast in "$suite_abs"/$only; do
	[ -f "$wast" ] || continue
	files_total=$((files_total + 1))
	name=$(basename "$wast" .wast)
	dir=$work/$name
	mkdir -p "$dir" || die "cannot create $dir"
	# shellcheck disable=SC2086 # w2j_flags is empty or one word
	if wast2json $w2j_flags "$wast" -o "$dir/$name.json" >"$dir/wast2json.log" 2>&1; then
		files_converted=$((files_converted + 1))
	else
		unconvertible="$unconvertible $name.wast"
		echo "$name.wast: UNCONVERTIBLE by wast2json: $(head -n 1 "$dir/wast2json.log")"
		continue
	fi
	# shellcheck disable=SC2086 # timeout_cmd and sv_flags are split on purpose
	$timeout_cmd "$validate" $sv_flags --verbose --hexdump --counts "$dir/counts.txt" \
		"$dir/$name.json" >"$dir/validate.log" 2>&1
	rc=$?
	if [ $rc -ne 0 ]; then
		case $rc in
		124) why="timed out" ;;
		1) why="could not read its input" ;;
		*) why="crashed (exit status $rc)" ;;
		esac
		crashed="$crashed $name.wast"
		rm -f "$dir/counts.txt"
		echo "$name.wast: FAILED: spec-validate $why; last lines of $dir/validate.log:"
		tail -n 5 "$dir/validate.log" | sed 's/^/    /'
		continue
	fi
	grep -v "^$name.wast: modules " "$dir/validate.log" >>"$work/failures.txt"
	if [ -n "$verbose" ]; then
		grep -v "^$name.wast: modules " "$dir/validate.log"
	fi
	grep "^$name.wast: modules " "$dir/validate.log"
done
[ "$files_total" -gt 0 ] || die "no .wast files matching $only in $suite_abs"

# Sum the per-file counts; the file counts come from the loop above.
{
	echo "files_converted $files_converted"
	echo "files_total $files_total"
	cat "$work"/*/counts.txt 2>/dev/null
} | awk '{ sum[$1] += $2; if (!($1 in order)) { order[$1] = ++n; key[n] = $1 } }
	END { for (i = 1; i <= n; i++) print key[i], sum[key[i]] }' >"$work/counts.txt"

echo
if [ -n "$unconvertible" ]; then
	echo "unconvertible by wast2json:$unconvertible"
fi
if [ -n "$crashed" ]; then
	echo "spec-validate failed on:$crashed"
fi
echo "failure details: $work/failures.txt ($(wc -l <"$work/failures.txt" 2>/dev/null || echo 0) lines)"
echo

# Compare with the floors. awk reads the counts, then the floor file (or an
# empty one), prints the table and exits 0 (met), 1 (below) or 2 (bad file).
floor_name=${floor:-"(no floor file)"}
[ -n "$floor" ] || floor=/dev/null
awk -v floor_name="$floor_name" '
	NR == FNR { got[$1] = $2; next }
	/^[ \t]*(#|$)/ { next }
	{
		if (NF != 2 || $2 !~ /^[0-9]+$/) {
			printf "run-validate: error: %s:%d: expected `key value`\n", floor_name, FNR
			bad = 1
		} else if (!($1 in known)) {
			printf "run-validate: error: %s:%d: unknown key %s\n", floor_name, FNR, $1
			bad = 1
		} else {
			floor[$1] = $2
		}
	}
	BEGIN {
		n = split("files_converted valid_accepted malformed_rejected malformed_msg " \
		          "invalid_rejected invalid_msg", counts, " ")
		split("files_total valid_total malformed_total malformed_total " \
		      "invalid_total invalid_total", totals, " ")
		for (i = 1; i <= n; i++) { known[counts[i]] = 1; known[totals[i]] = 1 }
	}
	function pct(a, b) { return b > 0 ? sprintf("%6.2f%%", 100 * a / b) : "     -" }
	END {
		if (bad)
			exit 2
		below = 0
		printf "%-19s %7s %7s %8s %7s %8s\n", "count", "got", "of", "", "floor", ""
		for (i = 1; i <= n; i++) {
			c = counts[i]; t = totals[i]; g = got[c] + 0; tot = got[t] + 0
			if (c in floor) {
				f = floor[c]; fs = f; fp = pct(f, tot)
			} else {
				f = -1; fs = "-"; fp = ""
			}
			verdict = ""
			if (f >= 0 && g < f) { verdict = "  BELOW FLOOR"; below++ }
			else if (f >= 0 && g > f) verdict = "  above floor"
			printf "%-19s %7d %7d %8s %7s %8s%s\n", c, g, tot, pct(g, tot), fs, fp, verdict
		}
		print ""
		for (i = 1; i <= n; i++) {
			t = totals[i]
			if ((t in floor) && !(t in noted) && floor[t] != got[t] + 0) {
				printf "NOTE: %s is %d but %s says %d (suite or wast2json changed?)\n", \
				       t, got[t], floor_name, floor[t]
				noted[t] = 1
			}
		}
		for (i = 1; i <= n; i++) {
			c = counts[i]
			if ((c in floor) && got[c] + 0 > floor[c])
				printf "HINT: %s went up from %d to %d: raise its floor in %s\n", \
				       c, floor[c], got[c], floor_name
		}
		for (i = 1; i <= n; i++) {
			c = counts[i]
			if ((c in floor) && got[c] + 0 < floor[c])
				printf "FAIL: %s is %d, below its floor %d in %s\n", \
				       c, got[c], floor[c], floor_name
		}
		exit below ? 1 : 0
	}' "$work/counts.txt" "$floor"
verdict=$?
[ $verdict -le 1 ] || exit 2

if [ -n "$crashed" ]; then
	echo "FAIL: spec-validate did not finish on:$crashed"
	exit 1
fi
if [ $verdict -ne 0 ]; then
	exit 1
fi
echo "PASS: every count is at or above its floor in $floor_name"
exit 0
