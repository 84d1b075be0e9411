#!/bin/sh
# check-testsuite.sh SUITE_DIR MANIFEST - checks that the WebAssembly spec
# testsuite in SUITE_DIR is the one the committed floors were measured on:
# its README names the pinned commits of core/ and multi-memory/, and every
# file listed in MANIFEST (sha256sum format, paths relative to SUITE_DIR)
# has the recorded content, with no .wast file missing from the list.
# Exit status: 0 pinned; 1 anything differs or is missing.
set -u
suite=$1 manifest=$2
core_commit=3a04b2cf93bd8fce277458d419eea8d9c326345c
mm_commit=9862b0dafbe703a8b4dab62d219e5c9b72494a0b
if [ ! -d "$suite" ]; then
	echo "FAIL: the spec testsuite $suite does not exist (set -DSYNTH_TESTSUITE_DIR)"
	exit 1
fi
status=0
for c in $core_commit $mm_commit; do
	if ! grep -q "$c" "$suite/README.md" 2>/dev/null; then
		echo "FAIL: $suite/README.md does not name the pinned commit $c"
		status=1
	fi
done
if ! (cd "$suite" && sha256sum -c --quiet "$manifest"); then
	echo "FAIL: the files of $suite differ from $manifest"
	status=1
fi
listed=$(wc -l <"$manifest")
present=$(cd "$suite" && ls README.md core/*.wast multi-memory/*.wast 2>/dev/null | wc -l)
if [ "$listed" -ne "$present" ]; then
	echo "FAIL: $manifest lists $listed files, $suite has $present"
	status=1
fi
[ $status -eq 0 ] && echo "testsuite pinned: core $core_commit, multi-memory $mm_commit, $listed files"
exit $status
