#!/bin/sh
# e2e.sh - examples/hello built by a generated build.ninja and run on QEMU.
#
# usage: e2e.sh SYNTH SOURCE_ROOT RUNTIME_DIR WORKDIR
#
# Twice, in a plain folder and in one named "my proj $x:y" (with a source
# folder "src dir"): wat2wasm the example, write a project file, generate
# build.ninja with synth ninja, build it with ninja (compile, requests, plan,
# export, cc, link, image check), run the image on mps2-an386 and expect
# "demo => 2055"; then a no-op rebuild does nothing, touching the .wasm
# recompiles it but restat stops there (synth compile leaves unchanged
# outputs alone, so nothing after it runs), and a second build folder links
# a byte-identical image. Then a project pinning a memory and the state
# section to addresses builds, links them exactly there and runs.
# Exit 77 when ninja, wat2wasm, the cross compiler, QEMU or the runtime is missing.
set -u
synth=$1
root=$2
rt=$3
work=$4
for t in ninja wat2wasm arm-none-eabi-gcc qemu-system-arm; do
	if ! command -v $t >/dev/null 2>&1; then
		echo "SKIP: $t not found"
		exit 77
	fi
done
if [ ! -f "$rt/mps2-an386/libsynth-rt-mps2-an386.a" ]; then
	echo "SKIP: the runtime for mps2-an386 is not built ($rt)"
	exit 77
fi
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}

rm -rf "$work"
for dir in "plain" "my proj \$x:y"; do
	p=$work/$dir
	mkdir -p "$p/src dir"
	wat2wasm --enable-multi-memory "$root/examples/hello/hello.wat" -o "$p/hello.wasm" || { bad "wat2wasm"; continue; }
	cp "$root/tests/project/data/e2e/main.c" "$p/src dir/main.c"
	cat >"$p/project.json" <<'EOT'
{
  "synth_project": 1,
  "name": "hello",
  "board": "mps2-an386",
  "modules": [ { "name": "hello", "wasm": "hello.wasm" } ],
  "domains": [ { "name": "hello", "members": ["hello"] } ],
  "sources": ["src dir/main.c"],
  "cflags": ["-O1"]
}
EOT
	for b in "$p/build" "$p/build 2"; do
		"$synth" ninja "$p/project.json" -o "$b/build.ninja" --synth "$synth" --runtime "$rt" ||
			{ bad "$dir: synth ninja"; continue; }
		out=$(ninja -C "$b" 2>&1) || { bad "$dir: ninja failed"; echo "$out"; continue; }
		case $out in
		*"image matches"*) ;;
		*) bad "$dir: the image check did not run"; echo "$out" ;;
		esac
	done
	b=$p/build
	run=$(sh "$rt/qemu-run.sh" mps2-an386 "$b/hello.elf" 20 2>&1)
	rc=$?
	[ $rc = 77 ] && { echo "SKIP: qemu-run.sh"; exit 77; }
	[ $rc = 0 ] && [ "$run" = "demo => 2055" ] || bad "$dir: run exit $rc: $run"
	cmp "$b/hello.elf" "$p/build 2/hello.elf" || bad "$dir: two build folders linked different images"
	out=$(ninja -C "$b" 2>&1)
	case $out in
	*"no work to do"*) ;;
	*) bad "$dir: no-op rebuild did work"; echo "$out" ;;
	esac
	sleep 1
	touch "$p/hello.wasm"
	out=$(ninja -C "$b" 2>&1) || bad "$dir: rebuild failed"
	case $out in
	*COMPILE*) ;;
	*) bad "$dir: touching the module did not recompile it"; echo "$out" ;;
	esac
	case $out in
	*REQUESTS*|*PLAN*|*EXPORT*|*LINK*) bad "$dir: restat did not stop after the unchanged compile"; echo "$out" ;;
	esac
done

# Address pins (issue 12): hello.1 and the module's state section pinned in
# psram, away from where the planner puts them; the build's image check
# holds the linked image to the pins, and the image runs.
p=$work/pinned
mkdir -p "$p"
wat2wasm --enable-multi-memory "$root/examples/hello/hello.wat" -o "$p/hello.wasm" || bad "pinned: wat2wasm"
cp "$root/tests/project/data/e2e/main.c" "$p/main.c"
cat >"$p/project.json" <<'EOT'
{
  "synth_project": 1,
  "name": "hello",
  "board": "mps2-an386",
  "modules": [ { "name": "hello", "wasm": "hello.wasm" } ],
  "pins": [ { "memory": "hello.1", "address": "0x21800000" },
            { "memory": "hello.state", "address": "0x21900000" } ],
  "sources": ["main.c"]
}
EOT
if "$synth" ninja "$p/project.json" -o "$p/build/build.ninja" --synth "$synth" --runtime "$rt"; then
	out=$(ninja -C "$p/build" 2>&1) || { bad "pinned: ninja failed"; echo "$out"; }
	case $out in
	*"image matches"*) ;;
	*) bad "pinned: the image check did not run"; echo "$out" ;;
	esac
	syms=$(arm-none-eabi-nm "$p/build/hello.elf" 2>&1)
	case $syms in
	*"21800000 "?" hello__mem1"*) ;;
	*) bad "pinned: hello__mem1 is not at 0x21800000"; echo "$syms" | grep hello__ ;;
	esac
	case $syms in
	*"21900000 "?" hello__state"*) ;;
	*) bad "pinned: hello__state is not at 0x21900000"; echo "$syms" | grep hello__ ;;
	esac
	run=$(sh "$rt/qemu-run.sh" mps2-an386 "$p/build/hello.elf" 20 2>&1)
	[ $? = 0 ] && [ "$run" = "demo => 2055" ] || bad "pinned: run: $run"
else
	bad "pinned: synth ninja"
fi
[ $fail = 0 ] && echo "e2e: all passed"
exit $fail
