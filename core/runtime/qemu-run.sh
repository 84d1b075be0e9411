#!/bin/sh
# qemu-run.sh - run a bare-metal Synth image on a QEMU mps2 board.
#
# usage: qemu-run.sh [--icount] BOARD ELF [TIMEOUT_SECONDS]
#
# Semihosting output (synth_rt_print and friends) goes to stdout; QEMU's
# own messages go to stderr. The exit status is the program's
# (SYS_EXIT_EXTENDED status & 0xff), 124 when the wall-clock timeout
# (default 10 s) expired, 77 when qemu-system-arm is missing (CTest SKIP),
# 2 on a usage error.
#
# --icount (or SYNTH_QEMU_ICOUNT=1) adds -icount shift=7,align=off,sleep=off:
# every instruction then takes exactly 128 ns of virtual time, so the
# runtime's synth_rt_counter_insns() counts instructions exactly and
# repeatably (and the run is deterministic).
#
# Environment: SYNTH_QEMU names the emulator (default qemu-system-arm);
# SYNTH_QEMU_ARGS adds arguments (split at blanks).
set -u

usage() {
	echo "usage: qemu-run.sh [--icount] BOARD ELF [TIMEOUT_SECONDS]" >&2
	exit 2
}

icount=${SYNTH_QEMU_ICOUNT:-0}
while [ $# -gt 0 ]; do
	case $1 in
	--icount) icount=1; shift ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	usage
fi
board=$1
elf=$2
seconds=${3:-10}

# BOARD is the QEMU machine of a board of the registry
# (core/boards/boards.def: `synth run` passes its machine field; the mps2
# boards are named after their machines). QEMU itself rejects any other.
case $board in
''|-*|*[!A-Za-z0-9._-]*) echo "qemu-run.sh: bad machine name '$board'" >&2; exit 2 ;;
esac
if [ ! -f "$elf" ]; then
	echo "qemu-run.sh: no such image: $elf" >&2
	exit 2
fi
qemu=${SYNTH_QEMU:-qemu-system-arm}
if ! command -v "$qemu" >/dev/null 2>&1; then
	echo "SKIP: $qemu not found" >&2
	exit 77
fi
if ! command -v timeout >/dev/null 2>&1; then
	echo "SKIP: timeout(1) not found" >&2
	exit 77
fi

# The default CPU of each machine is the right one (cortex-m3, -m4, -m7,
# -m33), so no -cpu. stdin is /dev/null so that a killed QEMU cannot leave
# a terminal in raw mode.
if [ "$icount" = 1 ]; then
	set -- -icount shift=7,align=off,sleep=off
else
	set --
fi
# shellcheck disable=SC2086 # SYNTH_QEMU_ARGS is split on purpose
exec timeout -k 2 "$seconds" "$qemu" -M "$board" "$@" \
	-display none -serial null -monitor none -no-reboot \
	-chardev stdio,id=synth_sh \
	-semihosting-config enable=on,target=native,chardev=synth_sh \
	${SYNTH_QEMU_ARGS:-} \
	-kernel "$elf" </dev/null
