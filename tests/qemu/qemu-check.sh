#!/bin/sh
# qemu-check.sh - run a test command (normally qemu-run.sh) and check it.
#
# usage: qemu-check.sh [--status N] [--expect FILE] [--match ERE]...
#                      [--reject ERE]... [--runs N] [--stderr] -- COMMAND [ARG]...
#
# Runs COMMAND (N times with --runs, default once) and fails unless:
#   its exit status is N (--status, default 0);
#   its stdout equals FILE byte for byte (--expect; diff shown on failure);
#   every --match extended regex matches some whole line of stdout;
#   no --reject extended regex matches any line;
#   with --runs N > 1, every run printed exactly the same output.
# --stderr checks stderr with stdout (2>&1), for commands that report on it.
# Any test that must assert a command's exit status and its output together
# uses this script (CTest's PASS_REGULAR_EXPRESSION ignores the status, so
# it would pass a crash that printed the expected text).
# Exit status 77 from COMMAND (a tool is missing) is passed on, so that
# CTest reports SKIP (SKIP_RETURN_CODE 77). The output is echoed for the
# test log. Exit 0 pass, 1 fail, 2 usage error.
set -u

usage() {
	echo "usage: qemu-check.sh [--status N] [--expect FILE] [--match ERE]... [--reject ERE]... [--runs N] [--stderr] -- COMMAND..." >&2
	exit 2
}

status=0
expect=
runs=1
stderr=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qemu-check.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/match"
: >"$tmp/reject"
while [ $# -gt 0 ]; do
	case $1 in
	--status) [ $# -ge 2 ] || usage; status=$2; shift 2 ;;
	--expect) [ $# -ge 2 ] || usage; expect=$2; shift 2 ;;
	--match) [ $# -ge 2 ] || usage; printf '%s\n' "$2" >>"$tmp/match"; shift 2 ;;
	--reject) [ $# -ge 2 ] || usage; printf '%s\n' "$2" >>"$tmp/reject"; shift 2 ;;
	--runs) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
	--stderr) stderr=1; shift ;;
	--) shift; break ;;
	*) usage ;;
	esac
done
[ $# -ge 1 ] || usage
# (a status that is not a number would make the test below error out, and
# pass)
case $status$runs in ''|*[!0-9]*) usage ;; esac

fail=0
i=1
while [ "$i" -le "$runs" ]; do
	if [ "$stderr" = 1 ]; then
		"$@" >"$tmp/out.$i" 2>&1
	else
		"$@" >"$tmp/out.$i"
	fi
	got=$?
	echo "--- run $i: $* (exit $got)"
	cat "$tmp/out.$i"
	if [ "$got" -eq 77 ]; then
		exit 77
	fi
	if [ "$got" -ne "$status" ]; then
		echo "FAIL: exit status $got, expected $status"
		fail=1
	fi
	if [ -n "$expect" ] && ! diff -u "$expect" "$tmp/out.$i" >"$tmp/diff"; then
		echo "FAIL: output differs from $expect:"
		cat "$tmp/diff"
		fail=1
	fi
	while IFS= read -r re; do
		if ! grep -Eq -e "^($re)\$" "$tmp/out.$i"; then
			echo "FAIL: no line matches: $re"
			fail=1
		fi
	done <"$tmp/match"
	while IFS= read -r re; do
		if grep -Eq -e "$re" "$tmp/out.$i"; then
			echo "FAIL: a line matches rejected: $re"
			fail=1
		fi
	done <"$tmp/reject"
	if [ "$i" -gt 1 ] && ! cmp -s "$tmp/out.1" "$tmp/out.$i"; then
		echo "FAIL: run $i printed something else than run 1:"
		diff -u "$tmp/out.1" "$tmp/out.$i"
		fail=1
	fi
	i=$((i + 1))
done
[ "$fail" -eq 0 ] && echo "PASS"
exit "$fail"
