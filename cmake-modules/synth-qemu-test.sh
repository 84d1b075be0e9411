#!/bin/sh
# synth-qemu-test.sh - run by tests from synth_add_qemu_test():
#   synth-qemu-test.sh QEMU-RUN.SH [--icount] BOARD ELF TIMEOUT
# Runs the image with the runtime's qemu-run.sh, then prints
# "synth-qemu-test: exit status N" and exits with N (77: QEMU missing, a skip).
runner=$1
shift
sh "$runner" "$@"
status=$?
echo "synth-qemu-test: exit status $status"
exit $status
