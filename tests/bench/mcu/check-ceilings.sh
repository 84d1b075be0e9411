#!/bin/sh
# check-ceilings.sh [CEILINGS]: the ceilings may only go down. Walks every
# commit that changed the ceilings file (default ceilings.txt next to this
# script) and compares it with its parent's version, then the working copy
# with HEAD's: a ceiling raised or dropped fails, unless the commit message
# holds the line `Ceiling-raise: <reason>` (a deliberate, reviewed trade).
# A file that is not committed, or holds no ceiling, fails (nothing would be
# compared). Exit 77 (SKIP) outside a git checkout.
set -u
here=$(cd "$(dirname "$0")" && pwd)
file=${1:-$here/ceilings.txt}
command -v git >/dev/null 2>&1 || { echo "SKIP: git not found"; exit 77; }
top=$(git -C "$here" rev-parse --show-toplevel 2>/dev/null) || { echo "SKIP: not a git checkout"; exit 77; }
rel=$(realpath --relative-to="$top" "$file")
fail=0

# compare OLD NEW WHAT: a ceiling in OLD missing or higher in NEW fails.
compare() {
	awk -v what="$3" '
		/^#/ || NF != 4 { next }
		NR == FNR { c[$1 " " $2 " " $3] = $4; next }
		{ n[$1 " " $2 " " $3] = $4 }
		END {
			for (k in c) {
				if (!(k in n)) { printf "FAIL: %s: ceiling %s dropped\n", what, k; bad = 1 }
				else if (n[k] + 0 > c[k] + 0) { printf "FAIL: %s: %s raised %d -> %d\n", what, k, c[k], n[k]; bad = 1 }
			}
			exit bad
		}' "$1" "$2"
}

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
for c in $(git -C "$top" log --format=%H -- "$rel"); do
	git -C "$top" show "$c:$rel" >"$tmp/new" 2>/dev/null || continue
	git -C "$top" show "$c^:$rel" >"$tmp/old" 2>/dev/null || continue
	git -C "$top" log -1 --format=%B "$c" | grep -q '^Ceiling-raise:' && continue
	compare "$tmp/old" "$tmp/new" "commit $(git -C "$top" rev-parse --short "$c")" || fail=1
done
n=$(awk '!/^#/ && NF == 4' "$file" 2>/dev/null | wc -l)
if [ "$n" -eq 0 ]; then
	echo "FAIL: $file holds no ceiling (lines \`BOARD WORKLOAD MODE COUNT')"
	fail=1
fi
if git -C "$top" show "HEAD:$rel" >"$tmp/head" 2>/dev/null; then
	compare "$tmp/head" "$file" "working copy" || fail=1
else
	echo "FAIL: $rel is not committed: nothing to compare the working copy with"
	fail=1
fi
[ $fail = 0 ] && echo "ceilings: $n, none raised or dropped in $(git -C "$top" log --format=%H -- "$rel" | wc -l) commits"
exit $fail
