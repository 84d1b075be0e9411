#!/bin/sh
# cmake-test.sh - the CMake package tests (label cmake), one scenario a run:
#
#   cmake-test.sh SCENARIO SYNTH_SOURCE SYNTH_BUILD PREFIX WORK
#
# install          installs SYNTH_BUILD into PREFIX (the fixture of the others)
# find-package     consumer (tests/cmake/consumer, copied to WORK) cross-built
#                  for mps2-an386 with find_package(Synth) from PREFIX, every
#                  synth command behind a SYNTH_LAUNCHER, run under QEMU by CTest
# add-subdirectory the same through add_subdirectory(SYNTH_SOURCE) and
#                  SYNTH_EXECUTABLE=PREFIX/bin/synth
# build-tree       the same through Synth_DIR=SYNTH_BUILD (no install)
# incremental      no-op build runs nothing; a touched .wasm reruns only its
#                  compile; changed code reruns its compile and the link (with
#                  the image's layout check); changed memory requests rerun
#                  the compile, the layout check and the link; a module that
#                  no longer fits fails with the check's message, and the
#                  printed command fixes it; EXACT
# reproducible     two build folders give byte-identical firmware
# generators       Ninja Multi-Config and Unix Makefiles build and run it
# pkg-config       a program calling the planner links with
#                  `pkg-config --cflags --libs synth` alone
# host-library     the same program built with CMake against Synth::libsynth
# misuse           a module for the wrong core, an unknown board: configure errors
# example-hello    examples/hello built and run as its own project, against
#                  a copy of PREFIX in another folder (relocatable), both
#                  ways (synth_add_* and synth_add_project of project.json);
#                  synth ninja builds the same image from project.json, and
#                  the committed hello.wasm is hello.wat's
# example-isolation  examples/isolation built and run as its own project
#                  (both boards, every attack blocked)
# project          tests/cmake/project (two modules, a committed layout, a C
#                  source in a subfolder; copied to a folder with a blank in
#                  its name) through synth_add_project, every
#                  synth command behind a SYNTH_LAUNCHER, run under QEMU by
#                  CTest; synth ninja + ninja on the same project file link
#                  a byte-identical image; a no-op build runs nothing; a
#                  touched .wasm reruns only its compile (restat); changed
#                  code reruns that compile, the link and the image check;
#                  an edited project file reconfigures
# project-errors   a malformed project file (bad value, bad JSON) fails
#                  configuring with synth's file/JSON-path message, also
#                  when the edit comes during a build; a "$<" in a string
#                  (a generator expression to CMake) and misused arguments
#                  fail configuring
# project-generators  the project consumer with Ninja Multi-Config and Unix
#                  Makefiles: builds, runs, and a second build does nothing;
#                  without a toolchain file (arm-none-eabi-gcc from PATH)
#                  the same image
#
# Exit 0 pass, 1 fail, 77 skip (a tool is missing). CMAKE and CTEST name the
# cmake and ctest to use; SYNTH_CONFIG the configuration to install.
set -eu
scenario=$1 src=$2 build=$3 prefix=$4 work=$5
cmake=${CMAKE:-cmake}
ctest=${CTEST:-ctest}
toolchain=$src/examples/hello/arm-none-eabi.cmake

fail() {
	echo "cmake-test: $scenario: FAIL: $*" >&2
	exit 1
}
need() {
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 || { echo "SKIP: $t not found"; exit 77; }
	done
}
# Prints a log and fails.
fail_log() {
	cat "$2" >&2
	fail "$1"
}

# consumer DIR: a fresh copy of the consumer project with its .wasm files.
consumer() {
	rm -rf "$1"
	mkdir -p "$1"
	cp "$src"/tests/cmake/consumer/* "$1"/
	cp "$src/examples/hello/hello.wat" "$1"/
	wat2wasm --enable-multi-memory "$1/hello.wat" -o "$1/hello.wasm"
	wat2wasm "$1/counter.wat" -o "$1/counter.wasm"
}
# project_consumer DIR: a fresh copy of the project-file consumer with its
# .wasm files and the consumer's committed layout.
project_consumer() {
	rm -rf "$1"
	mkdir -p "$1"
	cp -R "$src"/tests/cmake/project/. "$1"/
	cp "$src/tests/cmake/consumer/app.layout.json" "$src/tests/cmake/consumer/counter.wat" \
		"$src/examples/hello/hello.wat" "$1"/
	wat2wasm --enable-multi-memory "$1/hello.wat" -o "$1/hello.wasm"
	wat2wasm "$1/counter.wat" -o "$1/counter.wasm"
}
# configure SOURCE BUILD GENERATOR ARGS...
configure() {
	s=$1 b=$2 g=$3
	shift 3
	"$cmake" -S "$s" -B "$b" -G "$g" --toolchain "$toolchain" "$@" > "$b.configure.log" 2>&1 ||
		fail_log "configure $b" "$b.configure.log"
}
# build BUILD [ARGS...]
build() {
	b=$1
	shift
	"$cmake" --build "$b" "$@" > "$b.build.log" 2>&1 || fail_log "build $b" "$b.build.log"
}
# runs BUILD EXPECT [CTEST ARGS]: the consumer's QEMU tests ($ntests) pass,
# none skipped, and one printed EXPECT.
ntests=1
runs() {
	b=$1 expect=$2
	shift 2
	"$ctest" --test-dir "$b" -V "$@" > "$b.ctest.log" 2>&1 || fail_log "ctest in $b" "$b.ctest.log"
	grep -q "100% tests passed, 0 tests failed out of $ntests\$" "$b.ctest.log" || fail_log "ctest count" "$b.ctest.log"
	if grep -q "Skipped" "$b.ctest.log"; then fail_log "the QEMU test was skipped" "$b.ctest.log"; fi
	grep -q "$expect" "$b.ctest.log" || fail_log "output lacks '$expect'" "$b.ctest.log"
}
# steps LOG: the descriptions of the edges Ninja ran, one a line.
steps() {
	sed -n 's/^\[[0-9]*\/[0-9]*\] //p' "$1"
}

rm -rf "$work"
mkdir -p "$work"
case $scenario in
install)
	rm -rf "$prefix"
	"$cmake" --install "$build" --prefix "$prefix" ${SYNTH_CONFIG:+--config "$SYNTH_CONFIG"} > "$work/install.log" 2>&1 ||
		fail_log "install" "$work/install.log"
	for f in lib/cmake/Synth/SynthConfig.cmake lib/cmake/Synth/SynthConfigVersion.cmake \
	         lib/cmake/Synth/SynthTargets.cmake lib/cmake/Synth/Synth.cmake bin/synth \
	         lib/pkgconfig/synth.pc share/synth/runtime/include/synth_rt.h; do
		[ -f "$prefix/$f" ] || fail "$f not installed"
	done
	if command -v arm-none-eabi-gcc >/dev/null 2>&1; then
		[ -f "$prefix/share/synth/runtime/mps2-an386/libsynth-rt-mps2-an386.a" ] || fail "runtime not installed"
		grep -q "add_library(Synth::runtime-mps2-an386 INTERFACE IMPORTED)" \
			"$prefix/lib/cmake/Synth/SynthTargets.cmake" || fail "Synth::runtime-mps2-an386 not exported"
	fi
	grep -q "add_executable(Synth::synth IMPORTED)" "$prefix/lib/cmake/Synth/SynthTargets.cmake" ||
		fail "Synth::synth not exported"
	# The version file accepts a 32-bit (Cortex-M) project asking for 0.1,
	# and refuses one asking for 1.0 (SameMajorVersion).
	for want in 0.1:TRUE 1.0:FALSE; do
		printf 'cmake_policy(VERSION 3.25)\nset(CMAKE_SIZEOF_VOID_P 4)\nset(PACKAGE_FIND_VERSION %s)\nset(PACKAGE_FIND_VERSION_MAJOR %s)\ninclude("%s")\nif(PACKAGE_VERSION_UNSUITABLE)\n  message(FATAL_ERROR "unsuitable")\nendif()\nmessage("compatible=${PACKAGE_VERSION_COMPATIBLE}")\n' \
			"${want%%:*}" "${want%%.*}" "$prefix/lib/cmake/Synth/SynthConfigVersion.cmake" > "$work/version.cmake"
		"$cmake" -P "$work/version.cmake" > "$work/version.log" 2>&1 || fail_log "version check ${want%%:*}" "$work/version.log"
		grep -q "compatible=${want#*:}" "$work/version.log" || fail_log "version ${want%%:*}: expected ${want#*:}" "$work/version.log"
	done
	;;
find-package)
	need arm-none-eabi-gcc wat2wasm ninja qemu-system-arm
	consumer "$work/src"
	printf 'echo "$*" >> "%s/launch.log"\nexec "$@"\n' "$work" > "$work/launcher.sh"
	configure "$work/src" "$work/b" Ninja -DCMAKE_PREFIX_PATH="$prefix" "-DSYNTH_LAUNCHER=sh;$work/launcher.sh" \
		-DCONSUMER_PLANNED=ON
	build "$work/b"
	ntests=2
	runs "$work/b" "hello demo() => 2055"
	# Every synth command went through the launcher, with the installed synth.
	for c in "compile :2" "plan :1" "layout export :2" "layout check .*--requests:1" "layout check .*--elf:2"; do
		[ "$(grep -c "^$prefix/bin/synth ${c%:*}" "$work/launch.log")" = "${c##*:}" ] ||
			fail_log "launcher: expected ${c##*:} x synth ${c%:*}" "$work/launch.log"
	done
	[ "$(wc -l < "$work/launch.log")" = 8 ] || fail_log "launcher: unexpected commands" "$work/launch.log"
	# Planned at build time, the layout is the committed one.
	cmp "$work/b/synth/planned-layout/planned-layout.layout.json" "$work/src/app.layout.json" ||
		fail "the planned layout is not the committed one"
	;;
add-subdirectory)
	need arm-none-eabi-gcc wat2wasm ninja qemu-system-arm
	consumer "$work/src"
	configure "$work/src" "$work/b" Ninja -DSYNTH_SOURCE_DIR="$src" -DSYNTH_EXECUTABLE="$prefix/bin/synth"
	build "$work/b"
	runs "$work/b" "hello demo() => 2055"
	# The host tool is the one given, never one from the target's sysroot.
	grep -q "$prefix/bin/synth compile" "$work/b/build.ninja" || fail "SYNTH_EXECUTABLE not used"
	;;
build-tree)
	need arm-none-eabi-gcc wat2wasm ninja qemu-system-arm
	consumer "$work/src"
	configure "$work/src" "$work/b" Ninja -DSynth_DIR="$build"
	build "$work/b"
	runs "$work/b" "hello demo() => 2055"
	grep -q "$build/core/synth compile" "$work/b/build.ninja" || fail "the build tree's synth not used"
	# SYNTH_EXECUTABLE replaces Synth::synth.
	configure "$work/src" "$work/b" Ninja -DSynth_DIR="$build" -DSYNTH_EXECUTABLE="$prefix/bin/synth"
	grep -q "$prefix/bin/synth compile" "$work/b/build.ninja" || fail "SYNTH_EXECUTABLE not used"
	if grep -q "$build/core/synth " "$work/b/build.ninja"; then fail "Synth::synth still used"; fi
	;;
incremental)
	need arm-none-eabi-gcc wat2wasm ninja qemu-system-arm
	consumer "$work/src"
	b=$work/b
	configure "$work/src" "$b" Ninja -DCMAKE_PREFIX_PATH="$prefix"
	build "$b"
	# 1. A no-op build runs nothing.
	ninja -C "$b" -n > "$work/noop.log" 2>&1
	grep -q "no work to do" "$work/noop.log" || fail_log "no-op build has work" "$work/noop.log"
	# 2. A touched module (same bytes) reruns its compile only: the outputs
	#    are not rewritten, and restat prunes the layout check and the link.
	touch "$work/src/counter.wasm"
	ninja -C "$b" > "$work/touch.log" 2>&1 || fail_log "build after touch" "$work/touch.log"
	[ "$(steps "$work/touch.log")" = "Compiling wasm module counter for cortex-m4f" ] ||
		fail_log "touch reran more than the module" "$work/touch.log"
	ninja -C "$b" -n > "$work/noop2.log" 2>&1
	grep -q "no work to do" "$work/noop2.log" || fail_log "work after a touch" "$work/noop2.log"
	# 3. Changed code, same memories: that module, then the link and its
	#    layout check; not the other module, the C sources or the pre-link check.
	sed 's/(i32.const 1 ;; STEP/(i32.const 2 ;; STEP/' "$work/src/counter.wat" > "$work/counter2.wat"
	cmp -s "$work/src/counter.wat" "$work/counter2.wat" && fail "counter.wat: STEP not found"
	wat2wasm "$work/counter2.wat" -o "$work/src/counter.wasm"
	ninja -C "$b" > "$work/code.log" 2>&1 || fail_log "build after a code change" "$work/code.log"
	printf 'Compiling wasm module counter for cortex-m4f\nLinking C executable app.elf\n' > "$work/code.expected"
	steps "$work/code.log" | diff "$work/code.expected" - > /dev/null || fail_log "a code change reran other steps" "$work/code.log"
	grep -q "image matches" "$work/code.log" || fail_log "no layout check of the image" "$work/code.log"
	sh "$prefix/share/synth/runtime/qemu-run.sh" mps2-an386 "$b/app.elf" > "$work/run.log" 2>&1 ||
		fail_log "the relinked firmware fails" "$work/run.log"
	grep -q "counter => 4" "$work/run.log" || fail_log "the relinked firmware runs old code" "$work/run.log"
	# 4. Changed requests that still fit (the memory is no longer exported):
	#    that module, the layout check and the link.
	sed 's/(memory (export "mem") 1 1)/(memory 1 1)/' "$work/counter2.wat" > "$work/counter4.wat"
	wat2wasm "$work/counter4.wat" -o "$work/src/counter.wasm"
	ninja -C "$b" > "$work/req.log" 2>&1 || fail_log "build after a request change" "$work/req.log"
	printf 'Compiling wasm module counter for cortex-m4f\nChecking the modules of app-layout against app.layout.json\nLinking C executable app.elf\n' > "$work/req.expected"
	steps "$work/req.log" | diff "$work/req.expected" - > /dev/null || fail_log "a request change reran other steps" "$work/req.log"
	# 5. A memory that grows past its place fails the build with the check's
	#    message and the command that updates the layout.
	sed 's/(memory (export "mem") 1 1)/(memory (export "mem") 2 2)/' "$work/counter2.wat" > "$work/counter3.wat"
	wat2wasm "$work/counter3.wat" -o "$work/src/counter.wasm"
	cp "$work/src/app.layout.json" "$work/app.layout.before"
	if ninja -C "$b" > "$work/grow.log" 2>&1; then fail_log "a module that no longer fits built" "$work/grow.log"; fi
	grep -q "counter.0 no longer fits" "$work/grow.log" || fail_log "no check message" "$work/grow.log"
	grep -q "To accept a new layout, run" "$work/grow.log" || fail_log "no update command" "$work/grow.log"
	[ -f "$b/app.elf" ] || fail "app.elf gone"
	fix=$(sed -n '/To accept a new layout, run/{n;p;}' "$work/grow.log")
	(cd "$work" && eval "$fix") > "$work/fix.log" 2>&1 || fail_log "the printed command failed: $fix" "$work/fix.log"
	cmp -s "$work/src/app.layout.json" "$work/app.layout.before" && fail "the printed command did not update the layout"
	ninja -C "$b" > "$work/fixed.log" 2>&1 || fail_log "build with the updated layout" "$work/fixed.log"
	sh "$prefix/share/synth/runtime/qemu-run.sh" mps2-an386 "$b/app.elf" > "$work/run2.log" 2>&1 ||
		fail_log "the firmware with the new layout fails" "$work/run2.log"
	grep -q "counter => 4" "$work/run2.log" || fail_log "the firmware with the new layout runs other code" "$work/run2.log"
	# 6. EXACT: the committed layout must be the fresh plan. It is now; a
	#    module that shrinks back still fits, but no longer plans to it.
	configure "$work/src" "$b" Ninja -DCONSUMER_EXACT=ON
	ninja -C "$b" > "$work/exact.log" 2>&1 || fail_log "EXACT with the fresh layout" "$work/exact.log"
	wat2wasm "$work/counter2.wat" -o "$work/src/counter.wasm"
	if ninja -C "$b" > "$work/shrunk.log" 2>&1; then fail_log "EXACT: a layout that differs built" "$work/shrunk.log"; fi
	grep -q "app.layout.json: error: differs from the layout planned" "$work/shrunk.log" ||
		fail_log "EXACT: no message" "$work/shrunk.log"
	fix=$(sed -n '/To accept a new layout, run/{n;p;}' "$work/shrunk.log")
	(cd "$work" && eval "$fix") > "$work/fix2.log" 2>&1 || fail_log "the printed command failed: $fix" "$work/fix2.log"
	cmp "$work/src/app.layout.json" "$work/app.layout.before" || fail "the layout is not back to the first one"
	ninja -C "$b" > "$work/back.log" 2>&1 || fail_log "EXACT after the update" "$work/back.log"
	;;
reproducible)
	need arm-none-eabi-gcc wat2wasm ninja
	consumer "$work/src"
	configure "$work/src" "$work/b1" Ninja -DCMAKE_PREFIX_PATH="$prefix"
	# The second one deeper, and with blanks in its path. (Not a '$': CMake
	# 3.25's Ninja generator does not escape it in cmake_ninja_workdir, so
	# custom-command depfiles are then never found.)
	b2='another place/build two'
	mkdir -p "$work/another place"
	configure "$work/src" "$work/$b2" Ninja -DCMAKE_PREFIX_PATH="$prefix"
	build "$work/b1"
	build "$work/$b2"
	for f in app.elf synth/hello/hello.o synth/counter/counter.o synth/hello/include/hello.h \
	         synth/app-layout/synth_layout.c synth/app-layout/synth_layout.h synth/app-layout/app-layout.ld; do
		cmp "$work/b1/$f" "$work/$b2/$f" || fail "$f differs between build folders"
	done
	if grep -a -q -e "$work/b1" -e "build two" "$work/b1/app.elf" "$work/$b2/app.elf"; then
		fail "a build folder's name is inside the firmware"
	fi
	ninja -C "$work/$b2" -n > "$work/noop.log" 2>&1
	grep -q "no work to do" "$work/noop.log" || fail_log "no-op build has work (path with blanks)" "$work/noop.log"
	;;
generators)
	need arm-none-eabi-gcc wat2wasm ninja make qemu-system-arm
	consumer "$work/src"
	configure "$work/src" "$work/multi" "Ninja Multi-Config" -DCMAKE_PREFIX_PATH="$prefix"
	build "$work/multi" --config Release
	runs "$work/multi" "hello demo() => 2055" -C Release
	ninja -C "$work/multi" -f build-Release.ninja -n > "$work/multi-noop.log" 2>&1
	grep -q "no work to do" "$work/multi-noop.log" || fail_log "Ninja Multi-Config: no-op build has work" "$work/multi-noop.log"
	configure "$work/src" "$work/make" "Unix Makefiles" -DCMAKE_PREFIX_PATH="$prefix"
	build "$work/make" -j2
	runs "$work/make" "hello demo() => 2055"
	# Make has no restat: outputs synth left alone are touched, so a second
	# build does nothing.
	"$cmake" --build "$work/make" > "$work/make-noop.log" 2>&1 || fail_log "second make" "$work/make-noop.log"
	if grep -E "Compiling|Checking|Exporting|Planning|Building|Linking" "$work/make-noop.log"; then
		fail_log "Unix Makefiles: the second build did work" "$work/make-noop.log"
	fi
	cmp "$work/multi/Release/app.elf" "$work/make/app.elf" > /dev/null 2>&1 ||
		echo "note: the Release and default configurations differ (expected: different flags)"
	;;
pkg-config)
	need pkg-config cc
	PKG_CONFIG_PATH=$prefix/lib/pkgconfig
	export PKG_CONFIG_PATH
	flags=$(pkg-config --cflags --libs synth) || fail "pkg-config --cflags --libs synth"
	echo "pkg-config --cflags --libs synth: $flags"
	case " $flags " in *" -ljson-c "*) ;; *) fail "json-c is not in the plain --libs: $flags" ;; esac
	# shellcheck disable=SC2086 # flags are words
	cc "$src/tests/cmake/host/prog.c" $flags -o "$work/prog" > "$work/cc.log" 2>&1 ||
		fail_log "the pkg-config consumer does not link" "$work/cc.log"
	"$work/prog" > "$work/prog.log" 2>&1 || fail_log "the pkg-config consumer fails" "$work/prog.log"
	grep -q "on mps2-an386: feasible" "$work/prog.log" || fail_log "unexpected output" "$work/prog.log"
	;;
host-library)
	need cc
	"$cmake" -S "$src/tests/cmake/host" -B "$work/b" -DCMAKE_PREFIX_PATH="$prefix" > "$work/b.configure.log" 2>&1 ||
		fail_log "configure" "$work/b.configure.log"
	build "$work/b"
	"$work/b/prog" > "$work/prog.log" 2>&1 || fail_log "the Synth::libsynth consumer fails" "$work/prog.log"
	grep -q "on mps2-an386: feasible" "$work/prog.log" || fail_log "unexpected output" "$work/prog.log"
	;;
misuse)
	# Mistakes are configure errors that say what to do.
	need arm-none-eabi-gcc wat2wasm ninja
	consumer "$work/src"
	for case in "-DCONSUMER_CPU=cortex-m3:module 'hello' is compiled for cortex-m3, board mps2-an386 needs cortex-m4f" \
	            "-DCONSUMER_BOARD=mps2-an999:no runtime for board 'mps2-an999'"; do
		rm -rf "$work/b"
		if "$cmake" -S "$work/src" -B "$work/b" -G Ninja --toolchain "$toolchain" -DCMAKE_PREFIX_PATH="$prefix" \
			"${case%%:*}" > "$work/misuse.log" 2>&1; then
			fail_log "${case%%:*} configured" "$work/misuse.log"
		fi
		tr -s ' \n' ' ' < "$work/misuse.log" | grep -q -F "${case#*:}" || fail_log "${case%%:*}: no message '${case#*:}'" "$work/misuse.log"
	done
	;;
example-hello)
	# Against a copy of the prefix elsewhere: the package is relocatable.
	need arm-none-eabi-gcc wat2wasm ninja qemu-system-arm
	cp -R "$prefix" "$work/moved"
	configure "$src/examples/hello" "$work/b" Ninja -DCMAKE_PREFIX_PATH="$work/moved"
	build "$work/b"
	ntests=2
	runs "$work/b" "demo() => 2055"
	if grep -r -q "$prefix" "$work/b/build.ninja" "$work/b/CTestTestfile.cmake" "$work/b/synth/hello-project/steps.cmake"; then
		fail "the build refers to the original prefix"
	fi
	# project.json without CMake: the same image.
	"$work/moved/bin/synth" ninja "$src/examples/hello/project.json" -o "$work/nb/build.ninja" > "$work/nb.log" 2>&1 &&
		ninja -C "$work/nb" >> "$work/nb.log" 2>&1 || fail_log "synth ninja + ninja of examples/hello/project.json" "$work/nb.log"
	cmp "$work/b/synth/hello-project/hello.elf" "$work/nb/hello.elf" || fail "synth ninja and synth_add_project images differ"
	wat2wasm --enable-multi-memory "$src/examples/hello/hello.wat" -o "$work/hello.wasm"
	cmp "$work/hello.wasm" "$src/examples/hello/hello.wasm" || fail "examples/hello/hello.wasm is not hello.wat's: remake it"
	;;
example-isolation)
	# examples/isolation as its own project against the installed package:
	# clang -> wasm, synth glue, two boards, the attacks under QEMU.
	need arm-none-eabi-gcc clang wasm-ld ninja qemu-system-arm
	configure "$src/examples/isolation" "$work/b" Ninja -DCMAKE_PREFIX_PATH="$prefix"
	build "$work/b"
	ntests=2
	runs "$work/b" "isolation: all attacks blocked"
	;;
project)
	need arm-none-eabi-gcc wat2wasm ninja qemu-system-arm
	# The project in a folder with a blank in its name.
	ps="$work/my src"
	project_consumer "$ps"
	printf 'echo "$*" >> "%s/launch.log"\nexec "$@"\n' "$work" > "$work/launcher.sh"
	b=$work/b
	configure "$ps" "$b" Ninja -DCMAKE_PREFIX_PATH="$prefix" "-DSYNTH_LAUNCHER=sh;$work/launcher.sh"
	build "$b"
	runs "$b" "hello demo() => 2055"
	# Every synth step went through the launcher: two compiles, the
	# requests, the layout check, the export and the image check.
	for c in "compile :2" "project requests :1" "layout check .*--requests:1" "layout export :1" "layout check .*--elf:1"; do
		[ "$(grep -c "^$prefix/bin/synth ${c%:*}" "$work/launch.log")" = "${c##*:}" ] ||
			fail_log "launcher: expected ${c##*:} x synth ${c%:*}" "$work/launch.log"
	done
	[ "$(wc -l < "$work/launch.log")" = 6 ] || fail_log "launcher: unexpected commands" "$work/launch.log"
	# The same project file built by synth ninja: the same image.
	"$prefix/bin/synth" ninja "$ps/app.project.json" -o "$work/nb/build.ninja" > "$work/nb.log" 2>&1 &&
		ninja -C "$work/nb" >> "$work/nb.log" 2>&1 || fail_log "synth ninja + ninja" "$work/nb.log"
	cmp "$b/synth/app/app.elf" "$work/nb/app.elf" || fail "synth ninja and synth_add_project images differ"
	# 1. A no-op build runs nothing.
	ninja -C "$b" -n > "$work/noop.log" 2>&1
	grep -q "no work to do" "$work/noop.log" || fail_log "no-op build has work" "$work/noop.log"
	# 2. A touched module (same bytes) reruns its compile only (restat).
	touch "$ps/counter.wasm"
	ninja -C "$b" > "$work/touch.log" 2>&1 || fail_log "build after touch" "$work/touch.log"
	[ "$(steps "$work/touch.log")" = "app: compile counter" ] || fail_log "touch reran more than the module" "$work/touch.log"
	ninja -C "$b" -n > "$work/noop2.log" 2>&1
	grep -q "no work to do" "$work/noop2.log" || fail_log "work after a touch" "$work/noop2.log"
	# 3. Changed code, same memories: that compile, the link, the image check.
	sed 's/(i32.const 1 ;; STEP/(i32.const 2 ;; STEP/' "$ps/counter.wat" > "$work/counter2.wat"
	cmp -s "$ps/counter.wat" "$work/counter2.wat" && fail "counter.wat: STEP not found"
	wat2wasm "$work/counter2.wat" -o "$ps/counter.wasm"
	ninja -C "$b" > "$work/code.log" 2>&1 || fail_log "build after a code change" "$work/code.log"
	printf 'app: compile counter\napp: link app.elf\napp: check image\n' > "$work/code.expected"
	steps "$work/code.log" | diff "$work/code.expected" - > /dev/null || fail_log "a code change reran other steps" "$work/code.log"
	grep -q "image matches" "$work/code.log" || fail_log "no layout check of the image" "$work/code.log"
	sh "$prefix/share/synth/runtime/qemu-run.sh" mps2-an386 "$b/synth/app/app.elf" > "$work/run.log" 2>&1 ||
		fail_log "the relinked firmware fails" "$work/run.log"
	grep -q "counter => 4" "$work/run.log" || fail_log "the relinked firmware runs old code" "$work/run.log"
	# 4. An edited project file reconfigures: new flags, the C sources again.
	sed 's/"-O1"/"-O2"/' "$ps/app.project.json" > "$work/p.json" && cp "$work/p.json" "$ps/app.project.json"
	ninja -C "$b" > "$work/edit.log" 2>&1 || fail_log "build after a project edit" "$work/edit.log"
	grep -q "Re-running CMake" "$work/edit.log" || fail_log "the project edit did not reconfigure" "$work/edit.log"
	grep -q "app: cc .*src/main.c" "$work/edit.log" || fail_log "new flags did not recompile main.c" "$work/edit.log"
	grep -q -F '[=[-O2]=]' "$b/synth/app/steps.cmake" || fail "steps.cmake lacks the new flag"
	;;
project-errors)
	need arm-none-eabi-gcc wat2wasm ninja
	project_consumer "$work/src"
	# 1. A bad value and bad JSON: configure fails with synth's message.
	sed 's/"wasm": "counter.wasm"/"wasm": 5/' "$work/src/app.project.json" > "$work/src/bad.project.json"
	printf '{ "synth_project": 1,\n  "name": "app",\n' > "$work/src/syntax.project.json"
	for case in "bad.project.json:bad.project.json: modules[1].wasm: error: expected a string" \
	            "syntax.project.json:syntax.project.json: error:"; do
		rm -rf "$work/b"
		if "$cmake" -S "$work/src" -B "$work/b" -G Ninja --toolchain "$toolchain" -DCMAKE_PREFIX_PATH="$prefix" \
			"-DPROJECT_FILE=${case%%:*}" > "$work/errors.log" 2>&1; then
			fail_log "${case%%:*} configured" "$work/errors.log"
		fi
		tr -s ' \n' ' ' < "$work/errors.log" | grep -q -F "synth_add_project(app): $work/src/${case#*:}" ||
			fail_log "${case%%:*}: no message '${case#*:}'" "$work/errors.log"
	done
	# A '$<' would be a generator expression in a custom command: refused.
	sed 's/"-O1"/"-DX=$<1:y>"/' "$work/src/app.project.json" > "$work/src/genex.project.json"
	rm -rf "$work/b"
	if "$cmake" -S "$work/src" -B "$work/b" -G Ninja --toolchain "$toolchain" -DCMAKE_PREFIX_PATH="$prefix" \
		-DPROJECT_FILE=genex.project.json > "$work/errors.log" 2>&1; then
		fail_log "genex.project.json configured" "$work/errors.log"
	fi
	grep -q -F "'-DX=\$<1:y>' holds '\$<'" "$work/errors.log" || fail_log "genex.project.json: no message" "$work/errors.log"
	# 2. The same mistake made between builds fails the build's reconfigure.
	configure "$work/src" "$work/b" Ninja -DCMAKE_PREFIX_PATH="$prefix" -DPROJECT_FILE=app.project.json
	build "$work/b"
	cp "$work/src/bad.project.json" "$work/src/app.project.json"
	if ninja -C "$work/b" > "$work/edit.log" 2>&1; then fail_log "a malformed project file built" "$work/edit.log"; fi
	tr -s ' \n' ' ' < "$work/edit.log" | grep -q -F "app.project.json: modules[1].wasm: error: expected a string" ||
		fail_log "no message for the malformed edit" "$work/edit.log"
	# 3. Arguments misused.
	for case in "PROJECT:PROJECT <file.json> is required" "QEMU_TEST:PASS_REGULAR_EXPRESSION needs QEMU_TEST <name>"; do
		rm -rf "$work/m"
		mkdir -p "$work/m"
		if [ "${case%%:*}" = PROJECT ]; then
			call='synth_add_project(fw)'
		else
			call='synth_add_project(fw PROJECT p.json PASS_REGULAR_EXPRESSION x)'
		fi
		printf 'cmake_minimum_required(VERSION 3.25)\nproject(m NONE)\nfind_package(Synth REQUIRED)\n%s\n' "$call" > "$work/m/CMakeLists.txt"
		if "$cmake" -S "$work/m" -B "$work/m/b" -DCMAKE_PREFIX_PATH="$prefix" > "$work/misuse.log" 2>&1; then
			fail_log "$call configured" "$work/misuse.log"
		fi
		tr -s ' \n' ' ' < "$work/misuse.log" | grep -q -F "${case#*:}" || fail_log "$call: no message '${case#*:}'" "$work/misuse.log"
	done
	;;
project-generators)
	need arm-none-eabi-gcc wat2wasm ninja make qemu-system-arm
	project_consumer "$work/src"
	configure "$work/src" "$work/multi" "Ninja Multi-Config" -DCMAKE_PREFIX_PATH="$prefix"
	build "$work/multi" --config Release
	runs "$work/multi" "hello demo() => 2055" -C Release
	ninja -C "$work/multi" -f build-Release.ninja -n > "$work/multi-noop.log" 2>&1
	grep -q "no work to do" "$work/multi-noop.log" || fail_log "Ninja Multi-Config: no-op build has work" "$work/multi-noop.log"
	configure "$work/src" "$work/make" "Unix Makefiles" -DCMAKE_PREFIX_PATH="$prefix"
	build "$work/make" -j2
	runs "$work/make" "hello demo() => 2055"
	"$cmake" --build "$work/make" > "$work/make-noop.log" 2>&1 || fail_log "second make" "$work/make-noop.log"
	if grep -E "app: " "$work/make-noop.log"; then
		fail_log "Unix Makefiles: the second build did work" "$work/make-noop.log"
	fi
	# A project that does not cross-compile (no language, no toolchain
	# file) runs arm-none-eabi-gcc from PATH: the same image.
	project_consumer "$work/host"
	sed 's/^project(synth_project_consumer C)$/project(synth_project_consumer NONE)/' "$work/src/CMakeLists.txt" \
		> "$work/host/CMakeLists.txt"
	cmp -s "$work/src/CMakeLists.txt" "$work/host/CMakeLists.txt" && fail "CMakeLists.txt: project() not found"
	"$cmake" -S "$work/host" -B "$work/host/b" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" > "$work/host.log" 2>&1 ||
		fail_log "configure without a toolchain file" "$work/host.log"
	build "$work/host/b"
	grep -q "SYNTH_CROSS_CC:FILEPATH=.*arm-none-eabi-gcc" "$work/host/b/CMakeCache.txt" || fail "SYNTH_CROSS_CC not found"
	cmp "$work/host/b/synth/app/app.elf" "$work/make/synth/app/app.elf" || fail "the host project's image differs"
	;;
*)
	echo "cmake-test.sh: unknown scenario '$scenario'" >&2
	exit 2
	;;
esac
echo "cmake-test: $scenario: ok"
