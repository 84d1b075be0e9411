#!/bin/sh
# xvfb.sh PROGRAM ARGS... - runs a GUI test on a virtual 1280x800 screen;
# exit 77 (SKIP) when xvfb-run is not installed.
if ! command -v xvfb-run >/dev/null 2>&1; then
	echo "SKIP: xvfb-run not found (apt install xvfb)"
	exit 77
fi
GTK_A11Y=none
export GTK_A11Y
exec xvfb-run -a -s "-screen 0 1280x800x24" "$@"
