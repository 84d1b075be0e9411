#!/bin/sh
# run-program.sh - one program test: the same C program run on a QEMU board
# twice, compiled to wasm with clang and run by `synth run`, and compiled
# natively with arm-none-eabi-gcc against the Synth runtime; both must print
# the same `run() => TYPE:VALUE` line, and that line must equal the one
# recorded for the program in checksums.txt (a program missing there
# fails). Both runs must exit 0.
#
# usage: run-program.sh --synth SYNTH --runtime RTDIR --board BOARD
#                       [--opt -O2] [--work DIR] PROGRAM.c
#
# RTDIR is the runtime folder synth run uses (include/, <board>/,
# qemu-run.sh; build/core/runtime in the build tree). Exit status: 0 same
# result, 1 different (or a failure), 77 when a tool is missing (SKIP).
# Environment: CLANG (default clang), ARM_GCC (default arm-none-eabi-gcc),
# PROGRAM_TIMEOUT (seconds per QEMU run, default 30).
set -u

usage() {
	echo "usage: run-program.sh --synth SYNTH --runtime RTDIR --board BOARD [--opt -O2] [--work DIR] PROGRAM.c" >&2
	exit 2
}

synth='' rt='' board='' opt=-O2 work=''
while [ $# -gt 0 ]; do
	case $1 in
	--synth) synth=$2; shift 2 ;;
	--runtime) rt=$2; shift 2 ;;
	--board) board=$2; shift 2 ;;
	--opt) opt=$2; shift 2 ;;
	--work) work=$2; shift 2 ;;
	-*) usage ;;
	*) break ;;
	esac
done
if [ $# -ne 1 ] || [ -z "$synth" ] || [ -z "$rt" ] || [ -z "$board" ]; then usage; fi
src=$1
here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$src" .c)
clang=${CLANG:-clang}
gcc=${ARM_GCC:-arm-none-eabi-gcc}
timeout=${PROGRAM_TIMEOUT:-30}

for tool in "$clang" wasm-ld "$gcc" qemu-system-arm; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP: $tool not found"
		exit 77
	fi
done
if [ ! -f "$rt/$board/libsynth-rt-$board.a" ]; then
	echo "SKIP: no runtime for $board in $rt"
	exit 77
fi

if [ -z "$work" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/synth-program-XXXXXX") || exit 1
	trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work" || exit 1
wasm=$work/$name$opt.wasm
elf=$work/$name.native.elf

# The wasm build: no libc; support.c has the memory functions clang may call.
if ! "$clang" --target=wasm32 "$opt" -nostdlib -ffreestanding -Wl,--no-entry \
	-I"$here" -o "$wasm" "$src" "$here/support.c"; then
	echo "FAIL: clang could not build $wasm"
	exit 1
fi
# The native build, with the board's CPU flags, linked like synth run links.
# shellcheck disable=SC2046 # the flags file holds several words
if ! "$gcc" $(cat "$rt/$board/synth-rt-$board.cflags") -O2 -ffreestanding -nostdlib -nostartfiles \
	-I"$rt/include" -I"$here" "-DPROGRAM_SOURCE=\"$src\"" \
	-T "$rt/$board/synth-rt-$board.ld" -Wl,--gc-sections \
	"$here/native_main.c" "$rt/$board/libsynth-rt-$board.a" -lgcc -o "$elf"; then
	echo "FAIL: arm-none-eabi-gcc could not build $elf"
	exit 1
fi

sh "$rt/qemu-run.sh" "$board" "$elf" "$timeout" >"$work/native.out" 2>"$work/native.err"
nrc=$?
[ $nrc -eq 77 ] && { echo "SKIP: qemu-run.sh cannot run"; exit 77; }
"$synth" run --board "$board" "$wasm" --invoke run --timeout "$timeout" >"$work/synth.out" 2>"$work/synth.err"
wrc=$?

want=$(cat "$work/native.out")
got=$(cat "$work/synth.out")
echo "program:  $name ($board, clang $opt)"
echo "native:   $want (exit $nrc)"
echo "synth:    $got (exit $wrc)"
status=0
if [ $nrc -ne 0 ] || ! printf '%s\n' "$want" | grep -Eq '^run\(\) => i(32|64):[0-9]+$'; then
	echo "FAIL: the native build did not run cleanly"
	cat "$work/native.err"
	status=1
fi
recorded=$(sed -n "s/^$name //p" "$here/checksums.txt" 2>/dev/null)
if [ -z "$recorded" ]; then
	echo "FAIL: no result recorded for $name in checksums.txt"
	status=1
elif [ "$want" != "run() => $recorded" ]; then
	echo "FAIL: the native result differs from checksums.txt (run() => $recorded)"
	status=1
fi
if [ "$got" != "$want" ] || [ $wrc -ne 0 ]; then
	echo "FAIL: synth run differs from the native build, or did not exit 0"
	[ $wrc -eq 124 ] && echo "      (synth run timed out after $timeout s)"
	sed 's/^/      /' "$work/synth.err"
	status=1
fi
[ $status -eq 0 ] && echo "PASS"
exit $status
