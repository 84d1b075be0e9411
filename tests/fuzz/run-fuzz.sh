#!/bin/sh
# run-fuzz.sh FUZZER CORPUS-DIR SECONDS [SEED-DIR...]: runs a libFuzzer
# target for a bounded time on a corpus seeded with every .wasm found under
# the seed folders (for example the converted spec suite), then reports the
# executions. Crashes are written to CORPUS-DIR/../crashes and fail the run.
set -eu
fuzzer=$1 corpus=$2 secs=$3
shift 3
mkdir -p "$corpus" "$corpus/../crashes"
for d in "$@"; do
	[ -d "$d" ] && find "$d" -name '*.wasm' -size -256k -exec cp {} "$corpus/" \; 2>/dev/null || :
done
echo "fuzzing $fuzzer for ${secs}s on $(ls "$corpus" | wc -l) seed(s)"
"$fuzzer" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$corpus/../crashes/" -print_final_stats=1 "$corpus" 2>&1 |
	grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss|==[0-9]+==ERROR|SUMMARY)|Done [0-9]+ runs" || :
if [ -n "$(ls "$corpus/../crashes" 2>/dev/null)" ]; then
	echo "FAIL: crashes in $corpus/../crashes:"; ls "$corpus/../crashes"; exit 1
fi
