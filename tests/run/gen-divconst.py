#!/usr/bin/env python3
# gen-divconst.py - writes tests/run/divconst.wat (its header says what it tests).
import struct
v64 = [0, 1, -1, 2, -2, 3, -3, 7, 15, -15, 16, -17, 654, 655, -655, 1309, -1310, 65535, 65536, -65536,
       0x7fffffff, 0x80000000, -0x80000000, 0xffffffff, 0x100000000, -0x100000001,
       0x123456789abcdef0, -0x123456789abcdef0, 0x7fffffffffffffff, -0x8000000000000000, -0x7fffffffffffffff, 0xffff0000ffff]
v32 = [0, 1, -1, 2, -2, 15, 16, 17, -15, -16, -17, 1000, -1000, 0x40000000, -0x40000000, 0x7fffffff, -0x80000000, -0x7fffffff]
data = b''.join(struct.pack('<q', x) for x in v64) + b''.join(struct.pack('<i', x) for x in v32)
n64, n32 = len(v64), len(v32)
off32 = n64 * 8
esc = ''.join('\\%02x' % b for b in data)
out = []
out.append(''';; divconst.wat - integer division by constants without the helper call or
;; sdiv (issue 13, core/src/arm/isel_int.c): i32.div_s and rem_s by +-2^n
;; (1 <= n <= 31; 2^31 is INT_MIN: biased shifts), and i64 div_s, div_u,
;; rem_s, rem_u by a constant m with 2 <= |m| < 2^16 other than a positive
;; power of two (three udivs on 16-bit digits, signed operands as
;; magnitudes, -4 included), next to divisors that keep the old code
;; (1, -1, 2^16 + 1, 10^6); i64.shl of a sign-extended word by 1, 16, 31
;; (asr and lsl, no sign word) and 32, and fixmath's qdiv shape
;; ((int64_t)x << 16) / 655 and / -3. Each export folds its operation over the
;; %d i64 or %d i32 values of the data segment (loaded, so nothing is
;; constant-folded: 0, +-1, INT_MIN, INT_MAX, values around the divisors,
;; negative dividends that round toward zero) into one hash;
;; divconst.expected is what wasm-interp (wabt 1.0.32) prints for it, its
;; `error:` read as synth run's `trap:` (tests/run/gen-divconst.py writes
;; this file; regenerate both after a change: python3 gen-divconst.py >
;; divconst.wat && wat2wasm divconst.wat && wasm-interp divconst.wasm
;; --run-all-exports | sed 's/=> error:/=> trap:/' > divconst.expected).
(module
  (memory 1)
  (data (i32.const 0) "%s")
  (func $mix (param $h i64) (param $r i64) (result i64)
    (i64.xor (i64.mul (local.get $h) (i64.const 0x100000001b3)) (local.get $r)))''' % (n64, n32, esc))
def name(m):
    return ('m%d' % -m) if m < 0 else str(m)
for op in ['div_s', 'div_u', 'rem_s', 'rem_u']:
    for m in [3, -3, 7, 10, 655, -655, 1000, 65535, -65535, -4, 2, 1, -1, 65537, 1000000]:
        if op.endswith('_u') and m in (-3, -655, -65535, -4, -1): continue
        out.append('''  (func (export "i64_%s_%s") (result i64)
    (local $i i32) (local $h i64)
    (local.set $h (i64.const 0xcbf29ce484222325))
    (loop $l
      (local.set $h (call $mix (local.get $h)
        (i64.%s (i64.load (i32.shl (local.get $i) (i32.const 3))) (i64.const %d))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const %d))))
    (local.get $h))''' % (op, name(m), op, m, n64))
for op in ['div_s', 'rem_s']:
    for m in [2, 16, -2, -8, 1 << 30, -(1 << 30), -(1 << 31), 1, -1, 3, 7, 10, 1000, -3]:
        out.append('''  (func (export "i32_%s_%s") (result i64)
    (local $i i32) (local $h i64)
    (local.set $h (i64.const 0xcbf29ce484222325))
    (loop $l
      (local.set $h (call $mix (local.get $h) (i64.extend_i32_s
        (i32.%s (i32.load offset=%d (i32.shl (local.get $i) (i32.const 2))) (i32.const %d)))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const %d))))
    (local.get $h))''' % (op, name(m), op, off32, m, n32))
for k in [1, 16, 31, 32]:
    out.append('''  (func (export "i64_shl_sext_%d") (result i64)
    (local $i i32) (local $h i64)
    (local.set $h (i64.const 0xcbf29ce484222325))
    (loop $l
      (local.set $h (call $mix (local.get $h)
        (i64.shl (i64.extend_i32_s (i32.load offset=%d (i32.shl (local.get $i) (i32.const 2)))) (i64.const %d))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const %d))))
    (local.get $h))''' % (k, off32, k, n32))
# fixmath's qdiv: ((int64_t)x << 16) / 655 and / -3
for m in [655, -3]:
    out.append('''  (func (export "qdiv_%s") (result i64)
    (local $i i32) (local $h i64)
    (local.set $h (i64.const 0xcbf29ce484222325))
    (loop $l
      (local.set $h (call $mix (local.get $h)
        (i64.div_s (i64.shl (i64.extend_i32_s (i32.load offset=%d (i32.shl (local.get $i) (i32.const 2)))) (i64.const 16))
                   (i64.const %d))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const %d))))
    (local.get $h))''' % (name(m), off32, m, n32))
out.append('''  ;; a constant divisor of 0 still traps (after the earlier iterations)
  (func (export "i64_div_s_0") (result i64)
    (i64.div_s (i64.load (i32.const 8)) (i64.const 0))))''')
print('\n'.join(out))
