#!/bin/sh
# ninja_test.sh - the Ninja generator against golden files and ninja itself.
#
# usage: ninja_test.sh SYNTH SRCDIR WORKDIR   (UPDATE=1 rewrites the goldens)
#
# For each project (data/ninja/hello, data/ninja/committed, and "spaces",
# made here in a folder named "my proj $x:y" with files whose names hold
# blanks, '$' and ':'), in WORKDIR/CASE/{src,build}, with a stand-in runtime
# in WORKDIR/rt:
#   - synth ninja writes build/build.ninja, compared with golden/CASE.ninja
#   - no absolute path in it (everything relative to the build folder)
#   - a second build folder at the same depth gets the same bytes, and so
#     does the regenerate rule run by ninja itself after the project changed
#   - `ninja -n` lists every step once and `ninja -t query` shows the edges
#     with the right inputs (so ninja parsed the escaping as meant)
#   - with every output present but no build log, `ninja -n` still lists
#     every step, and a module's object depends on its own .wasm
# and `synth project steps` of data/ninja/hello and committed against
# golden/CASE.steps (text) and golden/CASE.steps.cmake (--format cmake).
# The data folders hold empty stand-ins for the sources: nothing is run here
# but ninja's dry run (e2e.sh runs a real build, and checks that touching a
# .wasm reruns its compile only). Exit 77 without ninja.
set -u
synth=$1
src=$2
work=$3
if ! command -v ninja >/dev/null 2>&1; then
	echo "SKIP: ninja not found"
	exit 77
fi
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}

rm -rf "$work"
mkdir -p "$work/rt/include"
for b in mps2-an385 mps2-an386; do
	mkdir -p "$work/rt/$b"
	echo "-mcpu=test-$b -mthumb" >"$work/rt/$b/synth-rt-$b.cflags"
	: >"$work/rt/$b/libsynth-rt-$b.a"
	: >"$work/rt/$b/synth-rt-$b.ld"
done
# synth as the build sees it: a bare name found on PATH
bindir=$work/bin
mkdir -p "$bindir"
ln -s "$synth" "$bindir/synth"
PATH=$bindir:$PATH
export PATH

cp -R "$src/data/ninja/hello" "$work/hello-src"
cp -R "$src/data/ninja/committed" "$work/committed-src"
sp="$work/spaces/my proj \$x:y"
mkdir -p "$sp/src dir"
: >"$sp/he llo\$:.wasm"
: >"$sp/src dir/ma in\$:.c"
cat >"$sp/p.json" <<'EOF'
{
  "synth_project": 1,
  "name": "hello",
  "board": "mps2-an386",
  "modules": [ { "name": "hello", "wasm": "he llo$:.wasm" } ],
  "sources": ["src dir/ma in$:.c"]
}
EOF

gen() { # gen PROJECT BUILDDIR (relative to WORKDIR, as is the runtime)
	(cd "$work" && synth ninja "$1" -o "$2/build.ninja" --synth synth --cc arm-none-eabi-gcc --runtime rt)
}

check_case() { # check_case NAME PROJECT BUILDDIR BUILDDIR2 NSTEPS WASM OBJECT
	name=$1 proj=$2 b=$work/$3 b2=$4 nsteps=$5 wasm=$6 obj=$7
	if ! gen "$proj" "$3"; then
		bad "$name: synth ninja failed"
		return
	fi
	golden=$src/golden/$name.ninja
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$b/build.ninja" "$golden"
	elif ! cmp -s "$b/build.ninja" "$golden"; then
		bad "$name: build.ninja differs from golden/$name.ninja"
		diff -u "$golden" "$b/build.ninja" | head -40
	fi
	if grep -n -e "$work" -e "$src" "$b/build.ninja"; then
		bad "$name: absolute path in build.ninja"
	fi
	# determinism: another build folder, the same bytes
	gen "$proj" "$b2" && cmp -s "$b/build.ninja" "$work/$b2/build.ninja" || bad "$name: second build folder differs"
	gen "$proj" "$b2" && cmp -s "$b/build.ninja" "$work/$b2/build.ninja" || bad "$name: second run differs"
	# dry run: every step once, nothing else
	if ninja -C "$b" -n >"$work/dry.log" 2>&1; then
		n=$(grep -c '^\[' "$work/dry.log")
		[ "$n" = "$nsteps" ] || { bad "$name: ninja -n ran $n steps, want $nsteps"; cat "$work/dry.log"; }
	else
		bad "$name: ninja -n failed"; cat "$work/dry.log"
	fi
	# query: ninja read the escaped paths as the files they are
	q=$(ninja -C "$b" -t query "$obj" 2>&1)
	case $q in
	*"input: synth_compile"*"$wasm"*) ;;
	*) bad "$name: ninja -t query $obj:"; echo "$q" ;;
	esac
	q=$(ninja -C "$b" -t query all 2>&1)
	case $q in
	*"input: phony"*".elf"*".check.stamp"*) ;;
	*) bad "$name: ninja -t query all:"; echo "$q" ;;
	esac
	# the regenerate rule: after the project changes, ninja reruns synth
	# ninja in the build folder, which writes the same bytes
	cp "$b/build.ninja" "$work/before.ninja"
	sleep 1
	touch "$work/$proj"
	out=$(ninja -C "$b" build.ninja 2>&1) || { bad "$name: regenerate failed"; echo "$out"; }
	case $out in
	*REGENERATE*) ;;
	*) bad "$name: touching the project did not regenerate build.ninja"; echo "$out" ;;
	esac
	cmp -s "$b/build.ninja" "$work/before.ninja" || bad "$name: regenerated build.ninja differs"
}

check_case hello hello-src/project.json hello-build hello-build2 8 \
	"../hello-src/hello.wasm" modules/hello.o
check_case committed committed-src/project.json committed-build committed-build2 10 \
	"../committed-src/wasm/net.wasm" modules/net.o
check_case spaces "spaces/my proj \$x:y/p.json" "spaces/b \$:d" "spaces/b2 \$:d" 8 \
	"../my proj \$x:y/he llo\$:.wasm" modules/hello.o

# The modules' outputs present, but no build log: a dry run still lists
# every step (ninja cannot know they are up to date; restat is checked by
# e2e.sh on a real build), and app.o depends on app.wasm.
b=$work/committed-build
for f in "$b/modules/net.o" "$b/modules/net.h" "$b/modules/net.requests.json" "$b/modules/app.o" \
	"$b/modules/app.h" "$b/modules/app.requests.json"; do
	: >"$f"
done
if ninja -C "$b" -n >"$work/dry.log" 2>&1; then
	n=$(grep -c '^\[' "$work/dry.log")
	[ "$n" = 10 ] || { bad "committed: with outputs but no log, ninja -n ran $n steps, want 10"; cat "$work/dry.log"; }
else
	bad "committed: ninja -n with outputs present failed"; cat "$work/dry.log"
fi
out=$(ninja -C "$b" -t query modules/app.o 2>&1)
case $out in
*"../committed-src/wasm/app.wasm"*) ;;
*) bad "committed: query modules/app.o: $out" ;;
esac

# `synth project steps`: the text format stays what it was (golden, made
# before --format existed); --format cmake as the build folder sees it
# (golden), with every string a bracket argument, and refusing a string a
# bracket argument cannot hold.
golden_file() { # golden_file FILE GOLDEN
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$1" "$src/golden/$2"
	elif ! cmp -s "$1" "$src/golden/$2"; then
		bad "$2: output differs from golden/$2"
		diff -u "$src/golden/$2" "$1" | head -40
	fi
}
for c in hello committed; do
	(cd "$work" && synth project steps "$c-src/project.json" --runtime rt) >"$work/$c.steps" ||
		bad "$c: synth project steps"
	golden_file "$work/$c.steps" "$c.steps"
	(cd "$work" && synth project steps "$c-src/project.json" --runtime rt) >"$work/$c.steps2" &&
		cmp -s "$work/$c.steps" "$work/$c.steps2" || bad "$c: steps: a second run differs"
	(cd "$work" && synth project steps "$c-src/project.json" --runtime rt --format cmake \
		--build-dir "$c-cmake") >"$work/$c.steps.cmake" || bad "$c: synth project steps --format cmake"
	golden_file "$work/$c.steps.cmake" "$c.steps.cmake"
	if grep -n -e "$work" -e "$src" "$work/$c.steps.cmake"; then
		bad "$c: absolute path in the cmake steps"
	fi
done
mkdir -p "$work/bracket"
printf '{"synth_project": 1, "board": "mps2-an386", "modules": [{"name": "m", "wasm": "a]=]b.wasm"}]}' \
	>"$work/bracket/p.json"
msg=$(cd "$work" && synth project steps bracket/p.json --runtime rt --format cmake 2>&1)
rc=$?
[ $rc = 1 ] || bad "bracket: exit $rc"
case $msg in
"bracket/p.json: error: \"bracket/a]=]b.wasm\" cannot be written as a CMake bracket argument"*) ;;
*) bad "bracket: message: $msg" ;;
esac
msg=$(cd "$work" && synth project steps hello-src/project.json --runtime nowhere --format cmake 2>&1)
[ $? = 1 ] || bad "no runtime: steps --format cmake succeeded"
case $msg in
*"nowhere: error: No such file or directory"*) ;;
*) bad "no runtime: message: $msg" ;;
esac

# A project that is not valid fails with its message and writes nothing.
mkdir -p "$work/badproj"
printf '{"synth_project": 1, "board": "mps2-an386", "modules": [{"name": "m", "wasm": 5}]}' >"$work/badproj/p.json"
msg=$(cd "$work" && synth ninja badproj/p.json -o badproj/b/build.ninja --runtime rt 2>&1)
rc=$?
[ $rc = 1 ] || bad "bad project: exit $rc"
case $msg in
*"p.json: modules[0].wasm: error: expected a string"*) ;;
*) bad "bad project: message: $msg" ;;
esac
[ ! -e "$work/badproj/b/build.ninja" ] || bad "bad project: build.ninja written"

[ $fail = 0 ] && echo "ninja_test: all passed"
exit $fail
