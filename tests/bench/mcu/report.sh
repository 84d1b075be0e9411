#!/bin/sh
# report.sh RESULTS.tsv THROUGHPUT.md OUTDIR: turns run.sh's measurements
# into OUTDIR/table.md (markdown) and OUTDIR/chart.png (gnuplot, skipped
# with a note when gnuplot is missing).
#
# RESULTS.tsv has a header line, then one line per measurement:
# board, workload, mode, result value, instructions, text, data, bss bytes.
# Ratios are taken against gcc -O2 on the same board and workload
# (instructions) and against gcc -Os (text); a geometric mean covers the
# workloads that have both figures.
set -u
res=$1 tp=$2 out=$3
md=$out/table.md
modes_all="gcc-O2 gcc-Os trap mask none wasm2c"

awk -F'\t' -v modes="$modes_all" -v tpfile="$tp" '
NR == 1 { next }
{
	b = $1; w = $2; m = $3
	if (!(b in seenb)) { seenb[b] = 1; boards[++nb] = b }
	if (!(w in seenw)) { seenw[w] = 1; works[++nw] = w }
	if (!(m in seenm)) seenm[m] = 1
	I[b, w, m] = $5; T[b, w, m] = $6; D[b, w, m] = $7; B[b, w, m] = $8
}
function gm(b, m, base, arr,    i, w, l, n) {
	l = 0; n = 0
	for (i = 1; i <= nw; i++) {
		w = works[i]
		if ((b, w, m) in arr && (b, w, base) in arr && arr[b, w, base] > 0) {
			l += log(arr[b, w, m] / arr[b, w, base]); n++
		}
	}
	return n ? sprintf("%.2f", exp(l / n)) : "-"
}
END {
	nm = split(modes, M, " ")
	k = 0
	for (i = 1; i <= nm; i++) if (M[i] in seenm) mode[++k] = M[i]
	nm = k
	print "## Summary: geometric means over the workloads\n"
	printf "Instructions against gcc -O2 on the same board (lower is better), .text against gcc -Os.\n\n"
	printf "| board |"
	for (i = 1; i <= nm; i++) if (mode[i] != "gcc-O2") printf " %s insns |", mode[i]
	for (i = 1; i <= nm; i++) if (mode[i] != "gcc-Os") printf " %s .text |", mode[i]
	printf "\n|---|"
	for (i = 1; i < 2 * nm - 1; i++) printf "---:|"
	printf "\n"
	for (j = 1; j <= nb; j++) {
		b = boards[j]
		printf "| %s |", b
		for (i = 1; i <= nm; i++) if (mode[i] != "gcc-O2") printf " %s |", gm(b, mode[i], "gcc-O2", I)
		for (i = 1; i <= nm; i++) if (mode[i] != "gcc-Os") printf " %s |", gm(b, mode[i], "gcc-Os", T)
		printf "\n"
	}
	for (j = 1; j <= nb; j++) {
		b = boards[j]
		printf "\n## %s: instructions (QEMU -icount, exact)\n\n", b
		printf "| workload |"
		for (i = 1; i <= nm; i++) printf " %s |", mode[i]
		printf "\n|---|"
		for (i = 1; i <= nm; i++) printf "---:|"
		printf "\n"
		for (q = 1; q <= nw; q++) {
			w = works[q]
			printf "| %s |", w
			for (i = 1; i <= nm; i++) {
				m = mode[i]
				if (!((b, w, m) in I)) { printf " - |"; continue }
				if (m == "gcc-O2" || !((b, w, "gcc-O2") in I)) printf " %d |", I[b, w, m]
				else printf " %d (%.2fx) |", I[b, w, m], I[b, w, m] / I[b, w, "gcc-O2"]
			}
			printf "\n"
		}
		printf "| geomean vs gcc -O2 |"
		for (i = 1; i <= nm; i++) printf " %s |", gm(b, mode[i], "gcc-O2", I)
		printf "\n\n### %s: code and data of the workload object (bytes: .text+.rodata / .data / .bss)\n\n", b
		printf "| workload |"
		for (i = 1; i <= nm; i++) printf " %s |", mode[i]
		printf "\n|---|"
		for (i = 1; i <= nm; i++) printf "---:|"
		printf "\n"
		for (q = 1; q <= nw; q++) {
			w = works[q]
			printf "| %s |", w
			for (i = 1; i <= nm; i++) {
				m = mode[i]
				if ((b, w, m) in T) printf " %d / %d / %d |", T[b, w, m], D[b, w, m], B[b, w, m]
				else printf " - |"
			}
			printf "\n"
		}
		printf "| .text geomean vs gcc -Os |"
		for (i = 1; i <= nm; i++) printf " %s |", gm(b, mode[i], "gcc-Os", T)
		printf "\n"
	}
	if ((getline line < tpfile) > 0) {
		print "\n## Compile throughput (same run; wasm bytes per second, ratio to wasm2c + gcc)\n"
		print line
		while ((getline line < tpfile) > 0) print line
	}
}' "$res" >"$md"

# The chart: instruction ratios to gcc -O2 per workload, one panel per board.
command -v gnuplot >/dev/null 2>&1 || { echo "note: gnuplot not found, no chart"; exit 0; }
boards=$(awk -F'\t' 'NR > 1 && !s[$1]++ { print $1 }' "$res")
modes=$(awk -F'\t' 'NR > 1 && !s[$3]++ && $3 != "gcc-O2" { printf "%s ", $3 }' "$res")
[ -n "$boards" ] && [ -n "$modes" ] || exit 0
nb=0
for b in $boards; do
	nb=$((nb + 1))
	awk -F'\t' -v b="$b" -v modes="$modes" '
		NR > 1 && $1 == b { I[$2, $3] = $5; if (!s[$2]++) w[++n] = $2 }
		END {
			k = split(modes, M, " ")
			printf "workload"; for (i = 1; i <= k; i++) printf " %s", M[i]; printf "\n"
			for (j = 1; j <= n; j++) {
				printf "%s", w[j]
				for (i = 1; i <= k; i++) {
					r = ((w[j], M[i]) in I && I[w[j], "gcc-O2"] > 0) ? I[w[j], M[i]] / I[w[j], "gcc-O2"] : 0
					if (r > 0) { L[i] += log(r); N[i]++ }
					printf " %.4f", r
				}
				printf "\n"
			}
			printf "geomean"
			for (i = 1; i <= k; i++) printf " %.4f", N[i] ? exp(L[i] / N[i]) : 0
			printf "\n"
		}' "$res" >"$out/chart-$b.dat"
done
ncol=$(echo "$modes" | wc -w)
{
	echo "set terminal pngcairo size 1400,$((380 * nb)) font 'sans,9'"
	echo "set output '$out/chart.png'"
	echo "set multiplot layout $nb,1"
	echo "set style data histograms"
	echo "set style histogram clustered gap 1"
	echo "set style fill solid 0.9 border -1"
	echo "set boxwidth 0.9"
	echo "set grid ytics"
	echo "set key top left horizontal"
	echo "set ylabel 'instructions / gcc -O2'"
	echo "set yrange [0:*]"
	echo "set xtics rotate by -30"
	for b in $boards; do
		echo "set title '$b: exact instructions relative to arm-none-eabi-gcc -O2 (1.0 = native)'"
		printf "plot '%s' using 2:xtic(1) title columnheader(2)" "$out/chart-$b.dat"
		i=3
		while [ $i -le $((ncol + 1)) ]; do
			printf ", '' using %d title columnheader(%d)" $i $i
			i=$((i + 1))
		done
		printf ", 1 notitle lc rgb 'black' lw 1\n"
	done
	echo "unset multiplot"
} >"$out/chart.gp"
gnuplot "$out/chart.gp" || { echo "FAIL: gnuplot"; exit 1; }
