#!/bin/sh
# stack-check-link.sh - what an object compiled without prologue stack
# checks requires of the runtime it is linked with (core/ABI.md, "Stack
# checks"). Checks:
#   - cortex-m33 by default = --stack-check=hardware: the object does not
#     reference __synth_stack_limit and carries one R_ARM_NONE against
#     __synth_hw_stack_limit; software references the limit and not that;
#     cortex-m4f by default = software; hardware on the m4f is refused;
#   - linking the hardware object without a runtime that defines
#     __synth_hw_stack_limit fails with ld's "undefined reference" (so
#     other start-up code cannot silently drop the check), and links once
#     the symbol is there;
#   - of the runtime libraries, only the ARMv8-M one (mps2-an505) defines it.
# usage: stack-check-link.sh SYNTH WAT2WASM RUNTIME_DIR WORKDIR
set -u
synth=$1 wat2wasm=$2 rt=$3 work=$4
[ -x "$synth" ] || { echo "SKIP: no synth at $synth"; exit 77; }
for t in "$wat2wasm" arm-none-eabi-gcc arm-none-eabi-nm arm-none-eabi-readelf; do
	command -v "$t" >/dev/null 2>&1 || { echo "SKIP: $t missing"; exit 77; }
done
mkdir -p "$work" || exit 1
fail=0
no() { echo "FAIL: $*"; fail=1; }
ok() { echo "ok: $*"; }
printf '%s\n' '(module (func $f (export "f") (param i32) (result i32)' \
	'  (if (result i32) (local.get 0) (then (call $f (i32.sub (local.get 0) (i32.const 1)))) (else (i32.const 0)))))' \
	>"$work/rec.wat"
"$wat2wasm" "$work/rec.wat" -o "$work/rec.wasm" || exit 1
c() { # c OBJ OPTION...: compile rec.wasm into OBJ.o
	o=$1
	shift
	"$synth" compile --name m "$@" -o "$work/$o.o" "$work/rec.wasm"
}
c m33 --target cortex-m33 || no "compile m33"
c m33hw --target cortex-m33 --stack-check=hardware || no "compile m33 hardware"
c m33sw --target cortex-m33 --stack-check=software || no "compile m33 software"
c m4f --target cortex-m4f || no "compile m4f"
cmp -s "$work/m33.o" "$work/m33hw.o" && ok "cortex-m33 defaults to --stack-check=hardware" ||
	no "the m33 default is not --stack-check=hardware"
syms() { arm-none-eabi-nm "$work/$1.o" | grep -c "$2"; }
relnone() { arm-none-eabi-readelf -rW "$work/$1.o" | grep -c 'R_ARM_NONE.*__synth_hw_stack_limit'; }
[ "$(syms m33 __synth_stack_limit)" = 0 ] && [ "$(relnone m33)" = 1 ] &&
	ok "hardware: no __synth_stack_limit, one R_ARM_NONE against __synth_hw_stack_limit" ||
	no "hardware object: $(arm-none-eabi-nm "$work/m33.o" | grep synth_) / $(relnone m33) R_ARM_NONE"
[ "$(syms m33sw ' U __synth_stack_limit$')" = 1 ] && [ "$(syms m33sw __synth_hw_stack_limit)" = 0 ] &&
	ok "software on the m33: references __synth_stack_limit only" || no "software object on the m33"
[ "$(syms m4f ' U __synth_stack_limit$')" = 1 ] && [ "$(syms m4f __synth_hw_stack_limit)" = 0 ] &&
	ok "cortex-m4f defaults to the software check" || no "m4f default"
"$synth" compile --name m --target cortex-m4f --stack-check=hardware -o "$work/x.o" "$work/rec.wasm" 2>"$work/err.txt"
st=$?
[ $st = 2 ] && grep -q -- "--stack-check=hardware needs a core with a stack limit register" "$work/err.txt" &&
	ok "hardware refused on the cortex-m4f (usage error 2): $(cat "$work/err.txt")" ||
	no "--stack-check=hardware on the cortex-m4f: status $st, $(cat "$work/err.txt")"
[ -e "$work/x.o" ] && no "a refused compile left $work/x.o"
# Linking: everything else the object needs is given; only the marker differs.
ln() { arm-none-eabi-gcc -mcpu=cortex-m33 -mthumb -nostdlib -nostartfiles -Wl,-e,0 -Wl,--defsym=synth_rt_trap=0 \
	-Wl,--defsym=synth_rt_state_init=0 "$@"; }
if ln "$work/m33.o" -o "$work/m33.elf" 2>"$work/ld.txt"; then
	no "the hardware object linked without a runtime that sets the stack limit"
else
	grep -q "undefined reference to \`__synth_hw_stack_limit'" "$work/ld.txt" &&
		ok "without the runtime: $(grep -m1 undefined "$work/ld.txt" | sed 's/.*: //')" ||
		no "link failed otherwise: $(cat "$work/ld.txt")"
fi
ln -Wl,--defsym=__synth_hw_stack_limit=1 "$work/m33.o" -o "$work/m33.elf" 2>"$work/ld2.txt" &&
	ok "links once __synth_hw_stack_limit is defined" || no "link with the marker: $(cat "$work/ld2.txt")"
ln -Wl,--defsym=__synth_stack_limit=0 "$work/m33sw.o" -o "$work/m33sw.elf" 2>"$work/ld3.txt" &&
	ok "the software object needs no marker" || no "software link: $(cat "$work/ld3.txt")"
for lib in "$rt"/*/libsynth-rt-*.a; do
	b=$(basename "$(dirname "$lib")")
	n=$(arm-none-eabi-nm "$lib" | grep -c ' A __synth_hw_stack_limit$')
	case $b in
	mps2-an505) [ "$n" = 1 ] && ok "$b's runtime defines __synth_hw_stack_limit" || no "$b's runtime does not define it" ;;
	*) [ "$n" = 0 ] && ok "$b's runtime (no stack limit register) does not" || no "$b's runtime defines it" ;;
	esac
done
[ $fail = 0 ] && echo "stack-check-link: ok"
exit $fail
