#!/bin/sh
# glue-test.sh SYNTH WAT2WASM WORKDIR - `synth glue` on small modules:
# a good pair (a gate per cross-component import, open to the importer only,
# the synth.* natives, one domain per module; AAPCS stack words both float
# ABIs) and the inputs it refuses with
# a message naming the import: an import of its own export, of a function
# the other module does not export, with another type, with two results, and
# an unknown synth.* import. Exit 0 pass, 1 fail, 77 skip.
set -eu
synth=$1 wat2wasm=$2 work=$3
case $synth in /*) ;; *) synth=$PWD/$synth ;; esac
command -v "$wat2wasm" >/dev/null 2>&1 || { echo "SKIP: wat2wasm not found"; exit 77; }
rm -rf "$work"
mkdir -p "$work"
cd "$work"
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}
wasm() {
	printf '%s\n' "$2" > "$1.wat"
	"$wat2wasm" "$1.wat" -o "$1.wasm"
}
wasm a '(module (import "b" "g" (func (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "synth" "copy_in" (func (param i32 i32 i32) (result i32)))
  (memory 1) (func (export "f") (result i32) i32.const 1))'
wasm b '(module (import "a" "f" (func (result i32)))
  (memory 1) (func (export "g") (param i32 i32 i32 i32 i32 i32) (result i32) local.get 0))'
"$synth" glue -o good.c --header good.h a=a.wasm b=b.wasm > good.log 2>&1 || fail "a good pair refused: $(cat good.log)"
grep -q 'SYNTH_RT_GATE_STUB(int32_t, a__import_b_g, (int32_t p0, int32_t p1, int32_t p2, int32_t p3, int32_t p4, int32_t p5), 0)' good.c ||
	fail "no gate stub for a's import of b.g"
grep -q '{&synth_glue_domains\[SYNTH_GLUE_b\], (void \*)b_g, 2, 1u << SYNTH_GLUE_a}, /\* 0 \*/' good.c ||
	fail "gate 0 does not enter b_g in b's domain with 2 stack words, open to a only"
grep -q '{&synth_glue_domains\[SYNTH_GLUE_a\], (void \*)a_f, 0, 1u << SYNTH_GLUE_b}, /\* 1 \*/' good.c ||
	fail "gate 1 does not enter a_f in a's domain, open to b only"
grep -q 'int32_t a__import_synth_copy_in(int32_t dst, int32_t src, int32_t n)' good.c || fail "no synth.copy_in native for a"
grep -q 'SYNTH_FIXED_stack_b_BASE, SYNTH_FIXED_stack_b_SIZE' good.c || fail "b's domain does not use its planned stack"
grep -q '#define SYNTH_GLUE_N 2u' good.h || fail "the header does not count two components"
grep -q '#define SYNTH_GLUE_GATE_b__a_f 1u' good.h || fail "the header does not name gate 1 (b -> a.f)"
# AAPCS: i32 r0, i64 r2:r3, i32 stack word 0, i64 stack words 2-3 (8-aligned),
# f32 in s0 (hard float) or stack word 4 (soft float).
wasm h '(module (import "k" "mix" (func (param i32 i64 i32 i64 f32))))'
wasm k '(module (func (export "mix") (param i32 i64 i32 i64 f32)))'
"$synth" glue -o mix.c h=h.wasm k=k.wasm > mix.log 2>&1 || fail "mixed arguments refused: $(cat mix.log)"
grep -q '(void \*)k_mix, SYNTH_GLUE_FP_(4, 5), 1u << SYNTH_GLUE_h}' mix.c ||
	fail "stack words of (i32 i64 i32 i64 f32) are not 4 (hard float) / 5 (soft float)"
grep -q 'SYNTH_RT_GATE_STUB(void, h__import_k_mix, (int32_t p0, int64_t p1, int32_t p2, int64_t p3, float p4), 0)' mix.c ||
	fail "no void gate stub for h's import of k.mix"

refuse() {
	name=$1 expect=$2
	shift 2
	if "$synth" glue -o "$name.c" "$@" > "$name.log" 2>&1; then
		fail "$name: accepted"
	elif ! grep -q "$expect" "$name.log"; then
		fail "$name: message lacks '$expect': $(cat "$name.log")"
	fi
}
wasm self '(module (import "self" "f" (func)) (func (export "f")))'
refuse self "self imports self.f: its own export" self=self.wasm
wasm c '(module (import "b" "nope" (func)))'
refuse missing "c imports b.nope: no such function export" c=c.wasm b=b.wasm
wasm d '(module (import "b" "g" (func (param i32) (result i32))))'
refuse type "d imports b.g with another type than b exports" d=d.wasm b=b.wasm
wasm e '(module (import "f" "two" (func (result i32 i32))))'
wasm f '(module (func (export "two") (result i32 i32) i32.const 1 i32.const 2))'
refuse results "e imports f.two: more than one result" e=e.wasm f=f.wasm
wasm g '(module (import "synth" "bogus" (func)))'
refuse synth "g imports synth.bogus: not one of addr, copy_in, copy_out, status" g=g.wasm
wasm nomem '(module (import "synth" "addr" (func (param i32 i32) (result i32))))'
refuse nomem "nomem imports synth.addr but defines no memory" nomem=nomem.wasm
refuse usage "expected NAME=FILE.wasm" -o x.c nonsense
refuse ident "'9x' is not a C identifier" -o x.c 9x=a.wasm
refuse twice "'a' is named twice" -o x.c a=a.wasm a=b.wasm
[ "$fails" -eq 0 ] || exit 1
echo "glue-test: ok"
