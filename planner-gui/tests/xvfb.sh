#!/bin/sh
# xvfb.sh PROGRAM ARGS... - runs a GUI test on a virtual 1280x800 screen;
# exit 77 (SKIP) when xvfb-run is not installed, 1 in CI (SYNTH_CI=1), where
# every tool must be there.
if ! command -v xvfb-run >/dev/null 2>&1; then
	if [ "${SYNTH_CI:-0}" = 1 ]; then
		echo "error: xvfb-run not found (apt install xvfb), and CI runs every test"
		exit 1
	fi
	echo "SKIP: xvfb-run not found (apt install xvfb)"
	exit 77
fi
GTK_A11Y=none
# A GLib/GTK CRITICAL or WARNING aborts the test: they are bugs (a widget
# used after it was destroyed, a signal on a finalized object), not noise.
G_DEBUG=fatal-criticals
export GTK_A11Y G_DEBUG
exec xvfb-run -a -s "-screen 0 1280x800x24" "$@"
