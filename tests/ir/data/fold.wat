;; after: fold
;; Constant folding with WebAssembly's semantics. Each function returns
;; one folded expression; the comments give the value it must fold to.
(module
  ;; wrapping: 0x7fffffff + 1 = 0x80000000; 0 - 1 = 0xffffffff
  (func (export "wrap32") (result i32)
    (i32.xor (i32.add (i32.const 0x7fffffff) (i32.const 1))
             (i32.sub (i32.const 0) (i32.const 1))))         ;; 0x7fffffff
  ;; i64 multiply wraps at 64 bits: 0x100000001 * 0x100000001 = 0x200000001
  (func (export "mul64") (result i64)
    (i64.mul (i64.const 0x100000001) (i64.const 0x100000001)))
  ;; shift counts modulo the width: 1 << 33 is 1 << 1 for i32, 1 << 33 for i64
  (func (export "shl32") (result i32) (i32.shl (i32.const 1) (i32.const 33)))  ;; 2
  (func (export "shl64") (result i64) (i64.shl (i64.const 1) (i64.const 33)))  ;; 0x200000000
  ;; arithmetic shift right of -16 by 34 (= 2) is -4; logical is 0x3ffffffc
  (func (export "shr") (result i32)
    (i32.xor (i32.shr_s (i32.const -16) (i32.const 34))
             (i32.shr_u (i32.const -16) (i32.const 34))))    ;; 0xfffffffc ^ 0x3ffffffc = 0xc0000000
  ;; rotates: rotl(0x80000001, 1) = 3; rotr(1, 65) on i64 = 0x8000000000000000
  (func (export "rotl") (result i32) (i32.rotl (i32.const 0x80000001) (i32.const 1)))
  (func (export "rotr64") (result i64) (i64.rotr (i64.const 1) (i64.const 65)))
  ;; division folds when it cannot trap: -7 / 2 = -3, -7 rem 2 = -1 (truncating)
  (func (export "divs") (result i32) (i32.div_s (i32.const -7) (i32.const 2)))
  (func (export "rems") (result i32) (i32.rem_s (i32.const -7) (i32.const 2)))
  ;; INT_MIN rem -1 is 0 (no trap); INT_MIN / -1 traps and stays
  (func (export "remsmin") (result i32) (i32.rem_s (i32.const 0x80000000) (i32.const -1)))
  (func (export "divsmin") (result i32) (i32.div_s (i32.const 0x80000000) (i32.const -1)))
  ;; division by zero traps and stays, folded operands or not
  (func (export "divu0") (result i32) (i32.div_u (i32.const 7) (i32.sub (i32.const 3) (i32.const 3))))
  ;; bit counts: clz(1) = 31, ctz(0) on i64 = 64, popcnt(0xff00) = 8
  (func (export "bits") (result i32)
    (i32.add (i32.add (i32.clz (i32.const 1)) (i32.wrap_i64 (i64.ctz (i64.const 0))))
             (i32.popcnt (i32.const 0xff00))))              ;; 31 + 64 + 8 = 103 = 0x67
  ;; compares: -1 <s 0 is 1, -1 <u 0 is 0; i64 eqz
  (func (export "cmp") (result i32)
    (i32.add (i32.add (i32.lt_s (i32.const -1) (i32.const 0)) (i32.lt_u (i32.const -1) (i32.const 0)))
             (i64.eqz (i64.const 0))))                      ;; 2
  ;; extensions: extend8_s(0x80) = -128; i64.extend_i32_s(-1), extend_i32_u(-1)
  (func (export "ext8") (result i32) (i32.extend8_s (i32.const 0x80)))     ;; 0xffffff80
  (func (export "exts") (result i64) (i64.extend_i32_s (i32.const -1)))    ;; 0xffffffffffffffff
  (func (export "extu") (result i64) (i64.extend_i32_u (i32.const -1)))    ;; 0xffffffff
  ;; select on a constant condition picks an operand
  (func (export "sel") (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.const 0)))   ;; $b
  ;; identities: (x + 0) * 1 | 0 is x; x - x is 0; x & 0 is 0
  (func (export "ident") (param $x i32) (result i32)
    (i32.or (i32.mul (i32.add (local.get $x) (i32.const 0)) (i32.const 1)) (i32.const 0)))
  (func (export "zero") (param $x i64) (result i64)
    (i64.add (i64.sub (local.get $x) (local.get $x)) (i64.and (local.get $x) (i64.const 0))))
  ;; propagation around a loop: $k is 5 on every edge into the header,
  ;; so its phi is 5 and k * 2 is 10
  (func (export "loop") (param $n i32) (result i32)
    (local $i i32) (local $k i32) (local $s i32)
    (local.set $k (i32.const 5))
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.mul (local.get $k) (i32.const 2))))
      (local.set $k (i32.const 5))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  ;; floats are not folded, reinterpretations are: f32 1.0 is 0x3f800000
  (func (export "float") (result i32)
    (i32.add (i32.reinterpret_f32 (f32.const 1))
             (i32.trunc_f32_s (f32.add (f32.const 1) (f32.const 2))))))
