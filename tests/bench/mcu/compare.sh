#!/bin/sh
# compare.sh BEFORE.tsv AFTER.tsv [MODES]: the effect of a change, from
# two results.tsv files written by run.sh: one markdown row per workload
# and board with the instruction counts of each synth mode before -> after
# and the change in percent, then the geometric-mean ratio to gcc -O2 per
# board and mode before and after. MODES defaults to "trap mask none".
set -u
before=$1 after=$2 modes=${3:-trap mask none}
awk -F'\t' -v modes="$modes" '
FNR == 1 { f++; next }
{
	k = $1 SUBSEP $2 SUBSEP $3
	if (f == 1) B[k] = $5; else A[k] = $5
	if (f == 2 && !sb[$1]++) boards[++nb] = $1
	if (f == 2 && !sw[$2]++) works[++nw] = $2
}
END {
	nm = split(modes, M, " ")
	printf "| board | workload |"
	for (i = 1; i <= nm; i++) printf " %s before -> after |", M[i]
	printf "\n|---|---|"
	for (i = 1; i <= nm; i++) printf "---:|"
	printf "\n"
	for (j = 1; j <= nb; j++) for (q = 1; q <= nw; q++) {
		b = boards[j]; w = works[q]
		printf "| %s | %s |", b, w
		for (i = 1; i <= nm; i++) {
			k = b SUBSEP w SUBSEP M[i]
			if ((k in B) && (k in A)) printf " %d -> %d (%+.1f%%) |", B[k], A[k], 100 * (A[k] - B[k]) / B[k]
			else printf " - |"
		}
		printf "\n"
	}
	printf "\n| board | mode | geomean vs gcc -O2 before | after |\n|---|---|---:|---:|\n"
	for (j = 1; j <= nb; j++) for (i = 1; i <= nm; i++) {
		b = boards[j]; lb = la = n = 0
		for (q = 1; q <= nw; q++) {
			k = b SUBSEP works[q] SUBSEP M[i]; g = b SUBSEP works[q] SUBSEP "gcc-O2"
			if ((k in B) && (k in A) && (g in B) && (g in A)) {
				lb += log(B[k] / B[g]); la += log(A[k] / A[g]); n++
			}
		}
		if (n) printf "| %s | %s | %.3f | %.3f |\n", b, M[i], exp(lb / n), exp(la / n)
	}
}' "$before" "$after"
