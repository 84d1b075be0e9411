#!/usr/bin/env python3
# gen-litpool.py - writes tests/run/litpool.wat (its header says what it tests).
N_STRAIGHT, N_IF = 560, 260
seed = 0x2545F491
def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) & 0xffffffff
    return seed
def konst():
    # never a modified immediate nor 16 bits: needs a pool word or MOVW+MOVT
    while True:
        v = rnd() ^ (rnd() << 7) & 0xffffffff
        if v > 0xffff and bin(v).count('1') > 10:
            return v
def s32(v):
    return v - (1 << 32) if v & 0x80000000 else v
FIRST = 0x13579BDF
out = []
out.append(''';; litpool.wat - literal pools (core/src/arm/branch.c, ARM_FIX_LIT; emit.c,
;; kconst and place_pool): constants no single MOV/MVN/MOVW makes are
;; loaded from per-function pools of words. $straight is %d steps of
;; straight-line code (over 4 KB, no barrier before its end): its first
;; loads are beyond LDR.W's 4095 bytes from the only pool and fall back to
;; MOVW+MOVT, the last ones reach it; the value 0x%08x is used at its start
;; and its end (one shared word). $branchy is %d if/else steps (a barrier
;; after each then-arm), so pools are placed mid-function, with constants
;; shared within a pool and repeated in later pools; eight locals keep high
;; registers busy (LDR.W); stores and loads of memory 0 (its base from a
;; pool word). The inputs come from mutable globals.
;; litpool.expected is what wasm-interp (wabt) prints (tests/run/gen-litpool.py
;; writes this file; regenerate both: python3 gen-litpool.py > litpool.wat &&
;; wat2wasm litpool.wat && wasm-interp litpool.wasm --run-all-exports >
;; litpool.expected).
(module
  (memory 1)
  (global $seed (mut i32) (i32.const 0x2468ace0))
  (global $g (mut i32) (i32.const 0x0badf00d))''' % (N_STRAIGHT, FIRST, N_IF))
# straight
L = ['a', 'b', 'c', 'd', 'e', 'f', 'h', 'k']
out.append('  (func $straight (param $x i32) (result i32) (local $a i32) (local $b i32) (local $c i32) (local $d i32)')
out.append('    (local.set $a (i32.xor (local.get $x) (i32.const %d)))' % s32(FIRST))
out.append('    (local.set $b (i32.add (local.get $x) (i32.const 1)))')
out.append('    (local.set $c (i32.sub (local.get $x) (i32.const 3)))')
out.append('    (local.set $d (i32.mul (local.get $x) (i32.const 5)))')
ls = ['a', 'b', 'c', 'd']
for i in range(N_STRAIGHT):
    t, u = ls[i % 4], ls[(i + 1) % 4]
    op = ['i32.xor', 'i32.add', 'i32.sub', 'i32.mul'][i % 4] if i % 4 != 3 else 'i32.xor'
    out.append('    (local.set $%s (i32.rotl (%s (local.get $%s) (i32.const %d)) (local.get $%s)))' % (t, op, t, s32(konst()), u))
out.append('    (i32.xor (i32.xor (i32.add (local.get $a) (i32.const %d)) (local.get $b)) (i32.xor (local.get $c) (local.get $d))))' % s32(FIRST))
# branchy
out.append('  (func $branchy (param $x i32) (result i32)' + ''.join(' (local $%s i32)' % n for n in L))
for k, n in enumerate(L):
    out.append('    (local.set $%s (i32.add (local.get $x) (i32.const %d)))' % (n, k * 77 + 1))
shared = [konst() for _ in range(6)]
for i in range(N_IF):
    t, u = L[i % 8], L[(i + 3) % 8]
    c1 = shared[i % 6] if i % 3 == 0 else konst()
    c2 = konst()
    out.append('    (if (i32.and (local.get $%s) (i32.const %d))' % (u, 1 << (i % 5)))
    out.append('      (then (local.set $%s (i32.xor (i32.add (local.get $%s) (i32.const %d)) (global.get $g))))' % (t, t, s32(c1)))
    out.append('      (else (local.set $%s (i32.rotl (i32.xor (local.get $%s) (i32.const %d)) (local.get $%s)))))' % (t, t, s32(c2), u))
    if i % 16 == 5:
        out.append('    (i32.store (i32.and (local.get $%s) (i32.const 0xffc)) (local.get $%s))' % (u, t))
        out.append('    (local.set $%s (i32.add (local.get $%s) (i32.load offset=4 (i32.and (local.get $%s) (i32.const 0xff8)))))' % (t, t, u))
acc = '(local.get $a)'
for n in L[1:]:
    acc = '(i32.add (i32.rotl %s (i32.const 3)) (local.get $%s))' % (acc, n)
out.append('    %s)' % acc)
out.append('  (func (export "a_straight") (result i32) (call $straight (global.get $seed)))')
out.append('  (func (export "b_straight_other") (result i32) (call $straight (i32.xor (global.get $seed) (i32.const -1))))')
out.append('  (func (export "c_branchy") (result i32) (call $branchy (global.get $seed)))')
out.append('  (func (export "d_branchy_other") (result i32) (call $branchy (i32.add (global.get $seed) (i32.const 12345))))')
out.append(')')
print('\n'.join(out))
