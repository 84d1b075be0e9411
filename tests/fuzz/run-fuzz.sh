#!/bin/sh
# run-fuzz.sh FUZZER CORPUS-DIR SECONDS [SEED-DIR...]: runs a libFuzzer
# target for a bounded time on a corpus seeded with every .wasm found under
# the seed folders (for example the converted spec suite), then reports the
# executions. Crashes are written to CORPUS-DIR/../crashes and fail the run,
# and so do an empty corpus (no seed found: the run would only try what
# libFuzzer makes up), a fuzzer that exits non-zero, and a run that executed
# no input.
set -eu
fuzzer=$1 corpus=$2 secs=$3
shift 3
mkdir -p "$corpus" "$corpus/../crashes"
for d in "$@"; do
	[ -d "$d" ] || { echo "FAIL: seed folder $d does not exist"; exit 1; }
	find "$d" -name '*.wasm' -size -256k -exec cp {} "$corpus/" \;
done
seeds=$(find "$corpus" -type f | wc -l)
echo "fuzzing $fuzzer for ${secs}s on $seeds seed(s)"
[ "$seeds" -gt 0 ] || { echo "FAIL: no seed in $corpus"; exit 1; }
log=$corpus.log
status=0
"$fuzzer" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$corpus/../crashes/" -print_final_stats=1 "$corpus" >"$log" 2>&1 || status=$?
grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss|==[0-9]+==ERROR|SUMMARY)|Done [0-9]+ runs" "$log" || :
if [ -n "$(ls "$corpus/../crashes" 2>/dev/null)" ]; then
	echo "FAIL: crashes in $corpus/../crashes:"; ls "$corpus/../crashes"; exit 1
fi
if [ "$status" -ne 0 ]; then
	echo "FAIL: $fuzzer exited with status $status; the end of its log ($log):"
	tail -n 20 "$log"
	exit 1
fi
units=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\)$/\1/p' "$log")
if [ -z "$units" ] || [ "$units" -eq 0 ]; then
	echo "FAIL: $fuzzer executed no input (see $log)"
	exit 1
fi
